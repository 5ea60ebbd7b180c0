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

const SCRIPT = `#!/usr/bin/env node
const fs = require("fs"), path = require("path"), crypto = require("crypto");
const dir = process.env.FAKE_SM_DIR;
const args = process.argv.slice(2);
const arg = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const operation = args[1];
fs.appendFileSync(path.join(dir, "calls"), operation + "\\n");
const fail = (code, op, text) => { process.stderr.write("\\nAn error occurred (" + code + ") when calling the " + op + " operation: " + text + "\\n"); process.exit(254); };
const versionsFile = path.join(dir, "versions.json");
const versions = fs.existsSync(versionsFile) ? JSON.parse(fs.readFileSync(versionsFile, "utf8")) : [];
if (args[0] !== "secretsmanager") fail("InvalidParameter", "?", "unexpected service " + args[0]);
if (arg("--secret-id") !== undefined && arg("--secret-id") !== process.env.FAKE_SM_ARN) fail("ResourceNotFoundException", "GetSecretValue", "Secrets Manager can't find the specified secret.");
if (operation === "get-secret-value") {
  if (process.env.FAKE_SM_DENY_READ) fail("AccessDeniedException", "GetSecretValue", "User is not authorized to perform: secretsmanager:GetSecretValue");
  if (versions.length === 0) fail("ResourceNotFoundException", "GetSecretValue", "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
  process.stdout.write(versions[0].value + "\\n");
} else if (operation === "get-random-password") {
  const length = Number(arg("--password-length"));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  process.stdout.write(Array.from(crypto.randomBytes(length), (b) => alphabet[b % alphabet.length]).join("") + "\\n");
} else if (operation === "put-secret-value") {
  const token = arg("--client-request-token");
  // FAKE_SM_RACE_VALUE: another run stored its first value between this run's read and this write.
  if (process.env.FAKE_SM_RACE_VALUE && versions.length === 0) {
    versions.push({ token, value: process.env.FAKE_SM_RACE_VALUE });
    fs.writeFileSync(versionsFile, JSON.stringify(versions));
  }
  const source = arg("--secret-string");
  if (!source.startsWith("file://")) fail("InvalidParameter", "PutSecretValue", "expected file://");
  const value = fs.readFileSync(source.slice("file://".length), "utf8");
  const same = versions.find((v) => v.token === token);
  if (same && same.value !== value) fail("ResourceExistsException", "PutSecretValue", "You can't modify an existing version, you can only create new versions.");
  if (!same) versions.push({ token, value });
  fs.writeFileSync(versionsFile, JSON.stringify(versions));
  process.stdout.write(JSON.stringify({ VersionId: token }) + "\\n");
} else {
  fail("InvalidParameter", operation, "unexpected operation");
}
`;

export function fakeSecretsManager(root: string, arn: string, firstVersionToken: string): FakeSecretsManager {
  const dir = fs.mkdtempSync(path.join(root, "secrets-manager-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "aws"), SCRIPT, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "calls"), "");
  const versionsFile = path.join(dir, "versions.json");
  const versions = (): Array<{ token: string; value: string }> =>
    fs.existsSync(versionsFile) ? JSON.parse(fs.readFileSync(versionsFile, "utf8")) : [];
  return {
    bin,
    env: { FAKE_SM_DIR: dir, FAKE_SM_ARN: arn },
    current: () => versions()[0]?.value,
    storeFirstValue: (value) => fs.writeFileSync(versionsFile, JSON.stringify([{ token: firstVersionToken, value }])),
    calls: () => fs.readFileSync(path.join(dir, "calls"), "utf8").split("\n").filter(Boolean),
  };
}
