/**
 * A stand-in for the AWS CLI's `aws secretsmanager` commands the bootstrap Job runs, keeping one secret's
 * versions in a directory: what the Job's script sees of Secrets Manager. It answers as the CLI does (the
 * error's code in "An error occurred (<Code>) when calling the <Operation> operation: ...", exit status 254)
 * and follows the API reference where it matters here:
 * - GetSecretValue of a secret without an AWSCURRENT version: ResourceNotFoundException;
 * - PutSecretValue with a ClientRequestToken that names a version: ignored when the value is the same, refused
 *   when it differs ("you can't modify a secret version"); the first version becomes AWSCURRENT;
 * - GetRandomPassword: letters and digits when asked --exclude-punctuation.
 * FAKE_SM_DENY_READ refuses every read (AccessDeniedException); FAKE_SM_RACE_VALUE plays another run that
 * stores its first value between this run's read and its write.
 */
import * as fs from "fs";
import * as path from "path";

export interface FakeSecretsManager {
  /** PATH to put first: holds the fake `aws`. */
  readonly bin: string;
  /** Environment the fake reads its state and knobs from. */
  readonly env: Record<string, string>;
  /** The secret's current value, if any. */
  current(): string | undefined;
  /** Stores a first value, as an earlier run of the Job did. */
  storeFirstValue(value: string): void;
  /** The commands the Job ran, as "operation" names. */
  calls(): string[];
}

/**
 * The fake `aws`, in POSIX sh like the Job's own scripts (a Node script cost 67 ms of CPU a call, and a run of
 * the suite makes about 30). Versions live in $FAKE_SM_DIR/versions/: `order` lists their tokens, oldest (the
 * AWSCURRENT one) first, and a file per token holds its value.
 */
const SCRIPT = `#!/bin/sh
dir="$FAKE_SM_DIR"
versions="$dir/versions"
fail() { printf '\\nAn error occurred (%s) when calling the %s operation: %s\\n' "$1" "$2" "$3" >&2; exit 254; }
service="$1"
operation="$2"
shift 2
echo "$operation" >> "$dir/calls"
secret_id="" length="" token="" source=""
while [ $# -gt 0 ]; do
  case "$1" in
    --secret-id) secret_id="$2"; shift 2 ;;
    --password-length) length="$2"; shift 2 ;;
    --client-request-token) token="$2"; shift 2 ;;
    --secret-string) source="$2"; shift 2 ;;
    *) shift ;;
  esac
done
[ "$service" = secretsmanager ] || fail InvalidParameter "?" "unexpected service $service"
if [ -n "$secret_id" ] && [ "$secret_id" != "$FAKE_SM_ARN" ]; then
  fail ResourceNotFoundException GetSecretValue "Secrets Manager can't find the specified secret."
fi
current() { head -n 1 "$versions/order" 2>/dev/null; }
case "$operation" in
  get-secret-value)
    [ -z "$FAKE_SM_DENY_READ" ] || fail AccessDeniedException GetSecretValue "User is not authorized to perform: secretsmanager:GetSecretValue"
    [ -n "$(current)" ] || fail ResourceNotFoundException GetSecretValue "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
    cat "$versions/$(current)"
    echo ;;
  get-random-password)
    # Letters and digits (what --exclude-punctuation leaves), from the kernel's random source.
    LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c "$length"
    echo ;;
  put-secret-value)
    mkdir -p "$versions"
    # FAKE_SM_RACE_VALUE: another run stored its first value between this run's read and this write.
    if [ -n "$FAKE_SM_RACE_VALUE" ] && [ -z "$(current)" ]; then
      printf '%s' "$FAKE_SM_RACE_VALUE" > "$versions/$token"
      echo "$token" >> "$versions/order"
    fi
    case "$source" in file://*) ;; *) fail InvalidParameter PutSecretValue "expected file://" ;; esac
    if [ -f "$versions/$token" ]; then
      cmp -s "$versions/$token" "\${source#file://}" ||
        fail ResourceExistsException PutSecretValue "You can't modify an existing version, you can only create new versions."
    else
      cp "\${source#file://}" "$versions/$token"
      echo "$token" >> "$versions/order"
    fi
    printf '{"VersionId": "%s"}\\n' "$token" ;;
  *) fail InvalidParameter "$operation" "unexpected operation" ;;
esac
`;

export function fakeSecretsManager(root: string, arn: string, firstVersionToken: string): FakeSecretsManager {
  const dir = fs.mkdtempSync(path.join(root, "secrets-manager-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "aws"), SCRIPT, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "calls"), "");
  const versions = path.join(dir, "versions");
  const currentToken = () => fs.readFileSync(path.join(versions, "order"), "utf8").split("\n")[0];
  return {
    bin,
    env: { FAKE_SM_DIR: dir, FAKE_SM_ARN: arn },
    current: () => (fs.existsSync(path.join(versions, "order")) ? fs.readFileSync(path.join(versions, currentToken()), "utf8") : undefined),
    storeFirstValue: (value) => {
      fs.mkdirSync(versions, { recursive: true });
      fs.writeFileSync(path.join(versions, firstVersionToken), value);
      fs.writeFileSync(path.join(versions, "order"), `${firstVersionToken}\n`);
    },
    calls: () => fs.readFileSync(path.join(dir, "calls"), "utf8").split("\n").filter(Boolean),
  };
}
