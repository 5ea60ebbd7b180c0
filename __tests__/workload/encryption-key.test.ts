/**
 * The bootstrap Job's ensure-encryption-key container, for real: its shell script, taken from the synthesized
 * Job, run with curl against a local HTTPS server that answers like the Kubernetes API (a throwaway CA stands in
 * for the cluster's, a file for the projected token). The script must create Metabase's key once, immutable and
 * long enough, keep an existing one, accept losing a race, and fail on anything else.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as https from "https";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { MetabaseWorkload } from "../../src/k8s/metabase-workload";
import { makeTestCertificates, openSslAvailable } from "./helpers/test-ca";
import { LITERAL_WORKLOAD_PROPS } from "./helpers/workload-props";
import { envOf, manifestNamed } from "./helpers/workload-config";

const SECRET = "metabase-encryption-key";
const SECRETS_PATH = "/api/v1/namespaces/metabase/secrets";

function ensureContainer() {
  const stack = new TerraformStack(Testing.app(), "key");
  new MetabaseWorkload(stack, "metabase", LITERAL_WORKLOAD_PROPS);
  const job = manifestNamed(JSON.parse(Testing.synth(stack)), "Job", "metabase-db-bootstrap").manifest;
  return job.spec.template.spec.initContainers.find((c: any) => c.name === "ensure-encryption-key");
}

interface Call {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

/** A local API server: `answers` decides the status of each call, in order. */
async function apiServer(certificates: { serverCertFile: string; serverKeyFile: string }, answers: (call: Call, index: number) => number) {
  const calls: Call[] = [];
  const server = https.createServer({ cert: fs.readFileSync(certificates.serverCertFile), key: fs.readFileSync(certificates.serverKeyFile) }, (request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const call = { method: request.method ?? "", path: request.url ?? "", authorization: request.headers.authorization, body };
      calls.push(call);
      response.statusCode = answers(call, calls.length - 1);
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { calls, url: `https://localhost:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const available = openSslAvailable();
const maybe = available ? test : test.skip;
if (!available) console.warn("Encryption key tests skipped: openssl is not on PATH (it makes the test CA)");

describe("the Job creates Metabase's encryption key in the cluster, once", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-key-"));
  const certificates = available ? makeTestCertificates(path.join(root, "pki")) : undefined;
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Runs the container's script with its env, the token directory mapped to a temp one, against `url`. */
  function run(url: string): Promise<{ status: number | null; output: string }> {
    const container = ensureContainer();
    const mount = container.volumeMounts[0].mountPath;
    const tokenDir = fs.mkdtempSync(path.join(root, "token-"));
    fs.writeFileSync(path.join(tokenDir, "token"), "the-projected-token");
    fs.copyFileSync(certificates!.caFile, path.join(tokenDir, "ca.crt"));
    const script = String(container.args[0]).split(mount).join(tokenDir);
    const env = Object.fromEntries(Object.values(envOf(container)).map((v: any) => [v.name, v.value]));
    return new Promise((resolve) => {
      const child = spawn("sh", ["-c", script], { env: { PATH: process.env.PATH, ...env, KUBERNETES_API: url } });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (status) => resolve({ status, output }));
    });
  }

  maybe("missing: it creates an immutable Secret with 32 random bytes, with the pod's token, and says so", async () => {
    const api = await apiServer(certificates!, (call) => (call.method === "GET" ? 404 : 201));
    const first = await run(api.url);
    await api.close();
    expect([first.status, first.output.trim()]).toEqual([0, `Secret ${SECRET} created`]);
    expect(api.calls.map((c) => [c.method, c.path, c.authorization])).toEqual([
      ["GET", `${SECRETS_PATH}/${SECRET}`, "Bearer the-projected-token"],
      ["POST", SECRETS_PATH, "Bearer the-projected-token"],
    ]);
    const secret = JSON.parse(api.calls[1].body);
    expect(secret).toEqual({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: SECRET, labels: { "app.kubernetes.io/created-by": "metabase-db-bootstrap" } },
      immutable: true,
      type: "Opaque",
      data: { MB_ENCRYPTION_SECRET_KEY: expect.any(String) },
    });
    // data holds base64 of the value; the value is itself 32 random bytes in base64: 44 characters (>= 16).
    const key = Buffer.from(secret.data.MB_ENCRYPTION_SECRET_KEY, "base64").toString("utf8");
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
  });

  maybe("two runs make two different keys: random, not derived from anything", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const api = await apiServer(certificates!, (call) => (call.method === "GET" ? 404 : 201));
      await run(api.url);
      await api.close();
      keys.push(JSON.parse(api.calls[1].body).data.MB_ENCRYPTION_SECRET_KEY);
    }
    expect(keys[0]).not.toBe(keys[1]);
  });

  maybe("present: it keeps it and writes nothing", async () => {
    const api = await apiServer(certificates!, () => 200);
    const again = await run(api.url);
    await api.close();
    expect([again.status, again.output.trim()]).toEqual([0, `Secret ${SECRET} exists: kept`]);
    expect(api.calls.map((c) => c.method)).toEqual(["GET"]);
  });

  maybe("created meanwhile by another run (409): kept; refused (403) or an API error: the Job fails", async () => {
    const race = await apiServer(certificates!, (call) => (call.method === "GET" ? 404 : 409));
    expect((await run(race.url)).status).toBe(0);
    await race.close();
    const forbidden = await apiServer(certificates!, () => 403);
    const refused = await run(forbidden.url);
    await forbidden.close();
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(`reading Secret ${SECRET}: HTTP 403`);
    const denied = await apiServer(certificates!, (call) => (call.method === "GET" ? 404 : 403));
    const admission = await run(denied.url);
    await denied.close();
    expect(admission.output).toContain(`creating Secret ${SECRET}: HTTP 403`);
    expect(admission.status).not.toBe(0);
  });

  maybe("an API server whose certificate is not from the cluster's CA gets neither the token nor the key", async () => {
    const other = makeTestCertificates(path.join(root, "other-pki"));
    const api = await apiServer({ serverCertFile: other.serverCertFile, serverKeyFile: other.serverKeyFile }, () => 404);
    const result = await run(api.url);
    await api.close();
    expect(result.status).not.toBe(0);
    expect(api.calls).toEqual([]);
  });
});
