/**
 * The bootstrap Job's two encryption-key containers, for real: their shell scripts, taken from the synthesized
 * Job, run against a stand-in for the AWS CLI's Secrets Manager commands (helpers/fake-secrets-manager.ts) and
 * a local HTTPS server that answers like the Kubernetes API (a throwaway CA stands in for the cluster's, a file
 * for the projected token). Metabase's key lives in Secrets Manager with the database's lifecycle: the first
 * run has it generated there, every run copies it into the namespace, and a destroyed and redeployed workload
 * gets the very same key back.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as https from "https";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { GENERATED_KEY_LENGTH } from "../../src/k8s/manifests/encryption-key";
import { MetabaseWorkload } from "../../src/k8s/metabase-workload";
import { FIRST_VERSION_TOKEN } from "../../src/secrets/generated-secret";
import { fakeSecretsManager, type FakeSecretsManager } from "./helpers/fake-secrets-manager";
import { makeTestCertificates, openSslAvailable } from "./helpers/test-ca";
import { LITERAL_CONTRACT, LITERAL_WORKLOAD_PROPS } from "./helpers/workload-props";
import { envOf, manifestNamed } from "./helpers/workload-config";

const SECRET = "metabase-encryption-key";
const SECRETS_PATH = "/api/v1/namespaces/metabase/secrets";
const KEY_SOURCE = LITERAL_CONTRACT.encryptionKeySecretArn;

function jobContainers() {
  const stack = new TerraformStack(Testing.app(), "key");
  new MetabaseWorkload(stack, "metabase", LITERAL_WORKLOAD_PROPS);
  const job = manifestNamed(JSON.parse(Testing.synth(stack)), "Job", "metabase-db-bootstrap").manifest;
  const named = (name: string) => job.spec.template.spec.initContainers.find((c: any) => c.name === name);
  return { read: named("read-encryption-key"), ensure: named("ensure-encryption-key") };
}

/** The Kubernetes API's Secrets of one namespace: what survives between runs is up to the test. */
class SecretsApi {
  readonly secrets = new Map<string, any>();
  readonly calls: Array<{ method: string; path: string; authorization?: string }> = [];
  /** Forces the status of the next answers, by method (a 403 of RBAC or admission, a 409 of a race). */
  readonly force: Record<string, number> = {};

  answer(method: string, url: string, body: string): { status: number; body: string } {
    const forced = this.force[method];
    if (forced !== undefined && forced !== 409) return { status: forced, body: "{}" };
    if (method === "GET") {
      const secret = this.secrets.get(url.slice(SECRETS_PATH.length + 1));
      // The API server pretty-prints for curl (its user agent): the script must not depend on spacing.
      return secret ? { status: 200, body: JSON.stringify(secret, null, 2) } : { status: 404, body: "{}" };
    }
    const secret = JSON.parse(body);
    if (forced === 409 || this.secrets.has(secret.metadata.name)) return { status: 409, body: "{}" };
    this.secrets.set(secret.metadata.name, secret);
    return { status: 201, body: "{}" };
  }
}

async function serve(certificates: { serverCertFile: string; serverKeyFile: string }, api: SecretsApi) {
  const server = https.createServer(
    { cert: fs.readFileSync(certificates.serverCertFile), key: fs.readFileSync(certificates.serverKeyFile) },
    (request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        api.calls.push({ method: request.method ?? "", path: request.url ?? "", authorization: request.headers.authorization });
        const answer = api.answer(request.method ?? "", request.url ?? "", body);
        response.statusCode = answer.status;
        response.end(answer.body);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `https://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const available = openSslAvailable();
const maybe = available ? test : test.skip;
if (!available) console.warn("Encryption key tests skipped: openssl is not on PATH (it makes the test CA)");

describe("the Job copies Metabase's encryption key from Secrets Manager into the cluster", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-key-"));
  const certificates = available ? makeTestCertificates(path.join(root, "pki")) : undefined;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** One container's script with its env, its mounts mapped to temp directories. */
  function runContainer(
    container: any,
    dirs: Record<string, string>,
    extraEnv: Record<string, string>,
  ): Promise<{ status: number | null; output: string }> {
    // The scripts' scratch files in /tmp (the HOME volume) go to the test's own directory first: the others are under /tmp too.
    let script = String(container.args[0]).split("/tmp/").join(`${dirs.home}/`);
    const env: Record<string, string> = Object.fromEntries(Object.values(envOf(container)).map((v: any) => [v.name, v.value]));
    // Longest first: /run/secret is inside /var/run/secrets/kubernetes.io/serviceaccount.
    const mounts = container.volumeMounts
      .filter((m: any) => m.mountPath !== "/tmp")
      .sort((a: any, b: any) => b.mountPath.length - a.mountPath.length);
    for (const mount of mounts) {
      const dir = dirs[mount.name] ?? mount.mountPath;
      script = script.split(mount.mountPath).join(dir);
      for (const [name, value] of Object.entries(env)) env[name] = value.split(mount.mountPath).join(dir);
    }
    return new Promise((resolve) => {
      const child = spawn("sh", ["-c", script], { env: { ...env, ...extraEnv, PATH: `${extraEnv.PATH ?? ""}:${process.env.PATH}` } });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (status) => resolve({ status, output }));
    });
  }

  /** A run of the Job's two containers, in order, as the kubelet runs init containers: the second only if the first succeeded. */
  async function runJob(secretsManager: FakeSecretsManager, api: SecretsApi, options: { env?: Record<string, string>; ca?: string } = {}) {
    const { read, ensure } = jobContainers();
    const dirs = {
      secret: fs.mkdtempSync(path.join(root, "memory-")),
      home: fs.mkdtempSync(path.join(root, "home-")),
      "kube-api-token": fs.mkdtempSync(path.join(root, "token-")),
    };
    fs.writeFileSync(path.join(dirs["kube-api-token"], "token"), "the-projected-token");
    fs.copyFileSync(options.ca ?? certificates!.caFile, path.join(dirs["kube-api-token"], "ca.crt"));
    const server = await serve(certificates!, api);
    try {
      const first = await runContainer(read, dirs, { ...secretsManager.env, ...options.env, PATH: secretsManager.bin });
      if (first.status !== 0) return { status: first.status, output: first.output, leftInMemory: fs.readdirSync(dirs.secret) };
      const second = await runContainer(ensure, dirs, { KUBERNETES_API: server.url });
      return { status: second.status, output: first.output + second.output, leftInMemory: fs.readdirSync(dirs.secret) };
    } finally {
      await server.close();
    }
  }

  const keyIn = (api: SecretsApi) => {
    const secret = api.secrets.get(SECRET);
    return secret && Buffer.from(secret.data.MB_ENCRYPTION_SECRET_KEY, "base64").toString("utf8");
  };

  maybe("first run ever: Secrets Manager generates the key, the Job stores it once and creates the immutable Secret with it", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const api = new SecretsApi();
    const run = await runJob(secretsManager, api);
    expect([run.status, run.output.trim().split("\n")]).toEqual([
      0,
      [
        `${KEY_SOURCE} has no value yet: Secrets Manager generates it`,
        `Metabase's encryption key read from ${KEY_SOURCE}`,
        `Secret ${SECRET} created from ${KEY_SOURCE}`,
      ],
    ]);
    expect(secretsManager.calls()).toEqual(["get-secret-value", "get-random-password", "put-secret-value", "get-secret-value"]);
    expect(secretsManager.current()).toMatch(new RegExp(`^[A-Za-z0-9]{${GENERATED_KEY_LENGTH}}$`));
    expect(api.secrets.get(SECRET)).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: SECRET, labels: { "app.kubernetes.io/created-by": "metabase-db-bootstrap" } },
      immutable: true,
      type: "Opaque",
      data: { MB_ENCRYPTION_SECRET_KEY: expect.any(String) },
    });
    expect(keyIn(api)).toBe(secretsManager.current());
    expect(api.calls.map((c) => [c.method, c.path, c.authorization])).toEqual([
      ["GET", `${SECRETS_PATH}/${SECRET}`, "Bearer the-projected-token"],
      ["POST", SECRETS_PATH, "Bearer the-projected-token"],
    ]);
    // The key passed through the memory volume only, and is gone from it.
    expect(run.leftInMemory).toEqual([]);
  });

  maybe("destroy and redeploy of the workload: a new namespace gets the very same key again", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const firstNamespace = new SecretsApi();
    expect((await runJob(secretsManager, firstNamespace)).status).toBe(0);
    // `cdktf destroy` of the workload deletes the namespace and its Secret; Secrets Manager's secret stays.
    const redeployed = new SecretsApi();
    const again = await runJob(secretsManager, redeployed);
    expect([again.status, again.output.trim().split("\n")]).toEqual([
      0,
      [`Metabase's encryption key read from ${KEY_SOURCE}`, `Secret ${SECRET} created from ${KEY_SOURCE}`],
    ]);
    expect(keyIn(redeployed)).toBe(keyIn(firstNamespace));
    expect(secretsManager.calls().filter((c) => c !== "get-secret-value")).toEqual(["get-random-password", "put-secret-value"]);
  });

  maybe("the Secret is there with the same key: kept, nothing written", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const api = new SecretsApi();
    await runJob(secretsManager, api);
    const again = await runJob(secretsManager, api);
    expect([again.status, again.output.trim().split("\n").pop()]).toEqual([0, `Secret ${SECRET} holds the key of ${KEY_SOURCE}: kept`]);
    expect(api.calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
  });

  maybe("the Secret holds another key: the Job fails and says which, rather than start Metabase with the wrong one", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    secretsManager.storeFirstValue("the-key-in-secrets-manager-0000000000");
    const api = new SecretsApi();
    api.secrets.set(SECRET, {
      metadata: { name: SECRET },
      data: { MB_ENCRYPTION_SECRET_KEY: Buffer.from("an-older-key-made-in-the-cluster").toString("base64") },
    });
    const run = await runJob(secretsManager, api);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain(`Secret ${SECRET} holds another key than ${KEY_SOURCE}`);
    expect(api.calls.map((c) => c.method)).toEqual(["GET"]);
    expect(run.leftInMemory).toEqual([]);
  });

  maybe("two first runs racing: the loser's value is refused and it copies the winner's", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const api = new SecretsApi();
    const run = await runJob(secretsManager, api, { env: { FAKE_SM_RACE_VALUE: "the-winners-value-0123456789abcdef" } });
    expect(run.status).toBe(0);
    expect(secretsManager.current()).toBe("the-winners-value-0123456789abcdef");
    expect(keyIn(api)).toBe("the-winners-value-0123456789abcdef");
  });

  maybe("Secrets Manager refuses the read (no grant): the Job fails before anything is generated or written", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const api = new SecretsApi();
    const run = await runJob(secretsManager, api, { env: { FAKE_SM_DENY_READ: "1" } });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("AccessDeniedException");
    expect(secretsManager.calls()).toEqual(["get-secret-value"]);
    expect(api.calls).toEqual([]);
  });

  maybe("created meanwhile by another run (409): compared and kept; refused (403) or an API error: the Job fails", async () => {
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const first = new SecretsApi();
    await runJob(secretsManager, first);
    const race = new SecretsApi();
    race.force.POST = 409;
    const raced = await runJob(secretsManager, {
      ...race,
      answer: (method: string, url: string, body: string) => {
        // The other run's Secret appears at the POST: it holds the same key.
        if (method === "POST") race.secrets.set(SECRET, first.secrets.get(SECRET));
        return race.answer(method, url, body);
      },
    } as SecretsApi);
    expect([raced.status, raced.output.trim().split("\n").pop()]).toEqual([0, `Secret ${SECRET} holds the key of ${KEY_SOURCE}: kept`]);

    const forbidden = new SecretsApi();
    forbidden.force.GET = 403;
    const refused = await runJob(secretsManager, forbidden);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(`reading Secret ${SECRET}: HTTP 403`);

    const admission = new SecretsApi();
    admission.force.POST = 403;
    const denied = await runJob(secretsManager, admission);
    expect(denied.status).not.toBe(0);
    expect(denied.output).toContain(`creating Secret ${SECRET}: HTTP 403`);
  });

  maybe("an API server whose certificate is not from the cluster's CA gets neither the token nor the key", async () => {
    const other = makeTestCertificates(path.join(root, "other-pki"));
    const secretsManager = fakeSecretsManager(root, KEY_SOURCE, FIRST_VERSION_TOKEN);
    const api = new SecretsApi();
    const run = await runJob(secretsManager, api, { ca: other.caFile });
    expect(run.status).not.toBe(0);
    expect(api.calls).toEqual([]);
    expect(run.leftInMemory).toEqual([]);
  });
});
