/**
 * The database bootstrap Job, for real: its container's shell script and its ConfigMap's SQL, taken from the
 * synthesized manifests, run with `sh` and `psql` against a throwaway PostgreSQL server that plays RDS.
 *
 * The only liberty taken: the container's mount paths (/run/secret, /sql, /tmp) are mapped to temp
 * directories, in the script text and in the env values, because a test cannot (and must not) write to /run
 * or /sql on the machine running it. The mapping is derived from the Job's own volumeMounts, and the test
 * fails if the script still names an unmapped mount. The server speaks TLS with a certificate for
 * "localhost" from a throwaway CA, which the test puts where the fetch-rds-ca init container puts the RDS
 * bundle: the Job's own sslmode=verify-full then runs for real, and refuses another CA or another host name.
 * DB_HOST/DB_PORT point at that listener. Everything else is the Job's env as is.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { MetabaseWorkload } from "../../src/k8s/metabase-workload";
import { LITERAL_CONTRACT, LITERAL_WORKLOAD_PROPS } from "./helpers/workload-props";
import { masterUsernameProblem, POSTGRES_15_RESERVED_WORDS, POSTGRES_RESERVED_SINCE_16 } from "../../src/aws-facts/rds-names";
import { BOOTSTRAP_SQL } from "../../src/k8s/manifests/db-bootstrap-job";
import { devEnvironment, environmentWith } from "../helpers/environments";
import { synthEnvironment } from "../helpers/synth";
import { makeTestCertificates, openSslAvailable, type TestCertificates } from "./helpers/test-ca";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./helpers/throwaway-postgres";
import { envOf, manifestNamed } from "./helpers/workload-config";

/** Quotes, backslashes, a slash, a dollar and a command substitution: what a naive extraction breaks on. */
const MASTER_PASSWORD = `pa"ss\\wo/rd'$(touch pwned)\`x\`;%`;

const { config } = devEnvironment();
const app = config.application;
const MASTER_USER = config.database.masterUsername;

/** The Job and its ConfigMap as synthesized (cdktf's JSON), with the environment's real names. */
let synthesized: { job: any; configMaps: any[] } | undefined;
function synthesizedBootstrap() {
  synthesized ??= synthesizeBootstrap();
  return synthesized;
}
function synthesizeBootstrap() {
  const stack = new TerraformStack(Testing.app(), "bootstrap");
  new MetabaseWorkload(stack, "metabase", {
    ...LITERAL_WORKLOAD_PROPS,
    contract: {
      ...LITERAL_CONTRACT,
      region: config.region,
      namespace: app.namespace,
      database: { ...LITERAL_CONTRACT.database, port: config.database.port, name: app.databaseName },
      application: { ...LITERAL_CONTRACT.application, serviceAccount: app.serviceAccount, dbUser: app.dbUser },
      bootstrap: { ...LITERAL_CONTRACT.bootstrap, serviceAccount: `${app.serviceAccount}-db-bootstrap`, dbUser: MASTER_USER },
    },
  });
  const workloadConfig = JSON.parse(Testing.synth(stack));
  const job = manifestNamed(workloadConfig, "Job", `${app.serviceAccount}-db-bootstrap`).manifest;
  const configMaps = Object.values<any>(workloadConfig.resource.kubernetes_manifest)
    .map((r) => r.manifest)
    .filter((m) => m.kind === "ConfigMap");
  return { job, configMaps };
}

/**
 * The Job's main container as a local process: each mounted volume becomes a temp dir; the init container's
 * output file (the master secret) is where the test writes the fake secret; ConfigMap volumes hold their keys.
 */
function localContainer(root: string) {
  const { job, configMaps } = synthesizedBootstrap();
  const pod = job.spec.template.spec;
  const [container] = pod.containers;
  expect(container.command).toEqual(["/bin/sh", "-c"]);
  expect(container.args).toHaveLength(1);

  const mounts: { mountPath: string; local: string; volume: any }[] = container.volumeMounts
    .map((mount: any) => ({
      mountPath: mount.mountPath,
      local: path.join(root, "volumes", mount.name),
      volume: pod.volumes.find((v: any) => v.name === mount.name),
    }))
    .sort((a: any, b: any) => b.mountPath.length - a.mountPath.length);
  for (const mount of mounts) {
    fs.mkdirSync(mount.local, { recursive: true });
    if (mount.volume.configMap) {
      const data = configMaps.find((m) => m.metadata.name === mount.volume.configMap.name).data;
      for (const [key, value] of Object.entries<string>(data)) fs.writeFileSync(path.join(mount.local, key), value);
    }
  }
  // One pass, longest mount first, only where a path starts (so /sql never matches inside /sqlite, and a
  // replaced path is never replaced again).
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const mountPattern = new RegExp(`(^|[\\s"'=>])(${mounts.map((m) => escapeRegExp(m.mountPath)).join("|")})(?=/|$|[\\s"'])`, "g");
  const toLocal = (text: string) =>
    text.replace(
      mountPattern,
      (_match, before: string, mountPath: string) => before + mounts.find((m) => m.mountPath === mountPath)!.local,
    );

  const script = toLocal(container.args[0]);

  // The init container writes the secret to a file on a volume the main container mounts at the same path.
  const init = pod.initContainers.find((c: any) => c.name === "read-master-secret");
  const secretTarget = /> (\S+)$/.exec(init.args[0])![1];
  const secretMount = init.volumeMounts.find((m: any) => secretTarget.startsWith(`${m.mountPath}/`));
  expect(container.volumeMounts).toContainEqual(secretMount);
  const secretFile = toLocal(secretTarget);
  // The script reads the secret the test writes, and the SQL the ConfigMap holds: both were mapped.
  expect(script).toContain(secretFile);
  expect(script).toMatch(new RegExp(`-f ${escapeRegExp(path.join(root, "volumes"))}/[a-z]+/bootstrap\\.sql`));

  const env: Record<string, string> = Object.fromEntries(
    Object.values(envOf(container)).map((variable: any) => [variable.name, toLocal(variable.value)]),
  );
  // And the CA bundle the fetch-rds-ca init container downloads, where the container reads it.
  const caFile = toLocal(String(envOf(container).DB_CA_FILE.value));
  expect(caFile.startsWith(path.join(root, "volumes"))).toBe(true);
  return { script, env, secretFile, caFile, sqlFiles: mounts.map((m) => m.local) };
}

// Started while the file is collected, so that an unavailable server shows as skipped tests, not as passes.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-job-"));
const certificates: TestCertificates | undefined = openSslAvailable() ? makeTestCertificates(path.join(root, "pki")) : undefined;
/**
 * The logging parameters of the environment's RDS parameter group, as synthesized: the server logs what RDS
 * would write to the exported postgresql log (rds.* parameters exist on RDS only).
 */
const LOGGING = Object.fromEntries(
  (
    Object.values<any>(synthEnvironment().platformConfig.resource.aws_db_parameter_group)[0].parameter as Array<{
      name: string;
      value: string;
    }>
  )
    .filter((p) => p.name.startsWith("log_"))
    .map((p) => [p.name, p.value]),
);
const started = certificates
  ? startThrowawayPostgres(
      MASTER_USER,
      MASTER_PASSWORD,
      { certFile: certificates.serverCertFile, keyFile: certificates.serverKeyFile },
      LOGGING,
    )
  : { unavailable: "openssl is not on PATH (it makes the test CA)" };
const server: ThrowawayPostgres | undefined = "unavailable" in started ? undefined : started;
afterAll(() => {
  server?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A test that needs the server: skipped, with the reason, when it could not start (failed under REQUIRE_POSTGRES=1). */
function withServer(name: string, body: (db: ThrowawayPostgres) => void) {
  if (server) return test(name, () => body(server));
  const reason = (started as { unavailable: string }).unavailable;
  if (process.env.REQUIRE_POSTGRES === "1") {
    return test(name, () => {
      throw new Error(`REQUIRE_POSTGRES=1 but ${reason}`);
    });
  }
  return test.skip(`${name} (skipped: ${reason}; REQUIRE_POSTGRES=1 makes this a failure)`, () => undefined);
}
if (!server) console.warn(`Database bootstrap tests skipped: ${(started as { unavailable: string }).unavailable}`);

let runCount = 0;
/**
 * Runs the Job's script with the given secret JSON, over TLS to "localhost" with the test CA as the RDS bundle
 * (or `bundle`); returns exit status and output.
 */
function runJob(db: ThrowawayPostgres, secretJson: string, envOverrides: Record<string, string> = {}, bundle = certificates!.caFile) {
  const workdir = path.join(root, `run-${++runCount}`);
  fs.mkdirSync(workdir);
  const container = localContainer(workdir);
  fs.writeFileSync(container.secretFile, secretJson);
  fs.copyFileSync(bundle, container.caFile);
  const result = spawnSync("sh", ["-c", container.script], {
    cwd: workdir,
    encoding: "utf8",
    env: {
      PATH: `${db.binDir}${path.delimiter}${process.env.PATH}`,
      ...container.env,
      DB_HOST: "localhost",
      DB_PORT: String(db.tcpPort),
      ...envOverrides,
    },
  });
  return { ...result, secretFile: container.secretFile, workdir, output: `${result.stdout}${result.stderr}` };
}

const rdsSecret = (password: string) => JSON.stringify({ username: MASTER_USER, password });

describe("the bootstrap Job against a real PostgreSQL", () => {
  test("the ConfigMap carries BOOTSTRAP_SQL unchanged", () => {
    const { configMaps } = synthesizedBootstrap();
    expect(configMaps.map((m) => m.data["bootstrap.sql"])).toEqual([BOOTSTRAP_SQL]);
  });

  withServer("creates the IAM user (member of rds_iam) owning its database, and deletes the secret file", (db) => {
    const run = runJob(db, rdsSecret(MASTER_PASSWORD));
    expect([run.status, run.output]).toEqual([0, expect.any(String)]);
    expect(fs.existsSync(run.secretFile)).toBe(false);
    // The password was data, never shell code.
    expect(fs.existsSync(path.join(run.workdir, "pwned"))).toBe(false);

    const user = { variables: { user: app.dbUser, db: app.databaseName } };
    expect(db.query("SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = :'user'", user)).toBe(
      "t|f|f|f",
    );
    expect(
      db.query(
        `SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
           WHERE r.rolname = 'rds_iam' AND u.rolname = :'user'`,
        user,
      ),
    ).toBe("1");
    expect(db.query("SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding) FROM pg_database WHERE datname = :'db'", user)).toBe(
      `${app.dbUser}|UTF8`,
    );
  });

  withServer(
    "the audit trail: with the parameter group's log_statement, every statement the bootstrap changes something with is in the log, and its password is not",
    (db) => {
      expect(LOGGING).toEqual(expect.objectContaining({ log_statement: "ddl", log_connections: "1" }));
      const names = { APP_DB_USER: "audited_user", APP_DB_NAME: "audited_db" };
      const before = db.log().length;
      const run = runJob(db, rdsSecret(MASTER_PASSWORD), names);
      expect([run.status, run.stderr]).toEqual([0, expect.not.stringMatching(/ERROR/)]);
      const log = db.log().slice(before);
      const statements = [...log.matchAll(/LOG:\s+statement: (.*)/g)].map((m) => m[1]);
      expect(statements).toEqual([
        `CREATE ROLE ${names.APP_DB_USER} WITH LOGIN`,
        `GRANT rds_iam TO ${names.APP_DB_USER}`,
        `GRANT ${names.APP_DB_USER} TO CURRENT_USER`,
        `CREATE DATABASE ${names.APP_DB_NAME} OWNER ${names.APP_DB_USER} ENCODING 'UTF8'`,
        `ALTER DATABASE ${names.APP_DB_NAME} OWNER TO ${names.APP_DB_USER}`,
        `REVOKE ALL ON DATABASE ${names.APP_DB_NAME} FROM PUBLIC`,
      ]);
      // Who did it: the master's connection, over TLS (log_connections).
      expect(log).toMatch(new RegExp(`connection authorized: user=${MASTER_USER} database=postgres .*SSL enabled`));
      // ddl, not all: the Job's SELECT format(...) queries are not there, and neither is the master password.
      expect(log).not.toContain("format(");
      expect(log).not.toContain('pa"ss');
    },
  );

  withServer("the application user can run migrations in its database; other roles cannot even connect", (db) => {
    expect(db.query("CREATE TABLE migration_probe (id int); SELECT current_user", { user: app.dbUser, database: app.databaseName })).toBe(
      app.dbUser,
    );
    db.query("CREATE ROLE intruder LOGIN");
    expect(() => db.query("SELECT 1", { user: "intruder", database: app.databaseName })).toThrow(/permission denied for database/);
  });

  withServer("runs again without error and without changing anything (idempotent), with the secret's keys in another order", (db) => {
    const state = () =>
      db.query(
        `SELECT (SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :'user'),
                  (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :'db'),
                  (SELECT count(*) FROM pg_roles), (SELECT count(*) FROM pg_database)`,
        { variables: { user: app.dbUser, db: app.databaseName } },
      );
    const before = state();
    // JSON may escape "/" as "\/"; the extraction must undo it too.
    const reordered = `{"password":${JSON.stringify(MASTER_PASSWORD).replace(/\//g, "\\/")},"username":"${MASTER_USER}"}`;
    const run = runJob(db, reordered);
    expect([run.status, run.stderr]).toEqual([0, expect.not.stringMatching(/ERROR/)]);
    expect(state()).toBe(before);
    expect(db.query("SELECT count(*) FROM migration_probe", { user: app.dbUser, database: app.databaseName })).toBe("0");
  });

  withServer("negative controls: a wrong password, or a secret without one, fails the Job and creates nothing", (db) => {
    const wrong = runJob(db, rdsSecret("not-the-password"), { APP_DB_USER: "never_created" });
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toContain(`password authentication failed for user "${MASTER_USER}"`);
    const none = runJob(db, JSON.stringify({ username: MASTER_USER }), { APP_DB_USER: "never_created" });
    expect(none.status).not.toBe(0);
    expect(fs.existsSync(none.secretFile)).toBe(false);
    expect(db.query("SELECT count(*) FROM pg_roles WHERE rolname = 'never_created'")).toBe("0");
  });

  withServer("verify-full: a server whose certificate is not from the RDS bundle, or not for the host connected to, gets nothing", (db) => {
    const anotherCa = runJob(db, rdsSecret(MASTER_PASSWORD), { APP_DB_USER: "never_created" }, certificates!.otherCaFile);
    expect(anotherCa.status).not.toBe(0);
    expect(anotherCa.output).toMatch(/certificate verify failed/);
    // The certificate names localhost; the same server reached by its address is not the host it vouches for.
    const anotherName = runJob(db, rdsSecret(MASTER_PASSWORD), { APP_DB_USER: "never_created", DB_HOST: "127.0.0.1" });
    expect(anotherName.status).not.toBe(0);
    expect(anotherName.output).toMatch(/does not match host name "127\.0\.0\.1"/);
    expect(db.query("SELECT count(*) FROM pg_roles WHERE rolname = 'never_created'")).toBe("0");
  });

  test("a hostile user or database name never reaches the Job: the environment schema rejects it", () => {
    for (const field of ["dbUser", "databaseName"] as const) {
      expect(() => environmentWith((input) => (input.application[field] = `x"; DROP ROLE ${MASTER_USER}; --`))).toThrow(
        new RegExp(`application\\.${field}.*not a plain PostgreSQL identifier`),
      );
    }
  });

  withServer("and were one to get through, the SQL quotes it as an identifier (psql variables + format %I, no pasting)", (db) => {
    const hostileUser = `evil"; DROP ROLE ${MASTER_USER}; --`;
    const hostileDb = `x'); DROP DATABASE postgres; --`;
    const run = runJob(db, rdsSecret(MASTER_PASSWORD), { APP_DB_USER: hostileUser, APP_DB_NAME: hostileDb });
    expect([run.status, run.stderr]).toEqual([0, expect.not.stringMatching(/ERROR/)]);
    expect(
      db.query("SELECT count(*) FROM pg_roles WHERE rolname IN (:'user', :'master')", {
        variables: { user: hostileUser, master: MASTER_USER },
      }),
    ).toBe("2");
    expect(db.query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :'db'", { variables: { db: hostileDb } })).toBe(
      hostileUser,
    );
    expect(db.query("SELECT count(*) FROM pg_database WHERE datname = 'postgres'")).toBe("1");
  });
});

describe("the master user names RDS refuses, against this PostgreSQL", () => {
  withServer(
    "the reserved words the project refuses are PostgreSQL's own (pg_get_keywords, catcode R), plus those of newer majors",
    (db) => {
      const server = db.query("SELECT word FROM pg_get_keywords() WHERE catcode = 'R' ORDER BY word").trim().split("\n");
      const major = Number(db.query("SHOW server_version_num").trim()) / 10000;
      expect(server.length).toBeGreaterThan(70);
      const newer = major >= 16 ? [] : [...POSTGRES_RESERVED_SINCE_16];
      expect([...POSTGRES_15_RESERVED_WORDS, ...POSTGRES_RESERVED_SINCE_16].sort()).toEqual([...server, ...newer].sort());
      // (Longer words are refused for their length first.)
      for (const word of server.filter((w) => w.length <= 16))
        expect(masterUsernameProblem(word)).toMatch(/reserved word of PostgreSQL|name RDS reserves/);
    },
  );
});
