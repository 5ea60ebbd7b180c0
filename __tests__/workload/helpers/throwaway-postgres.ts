/**
 * A throwaway PostgreSQL server for one test file: initdb in a temp dir, a Unix socket for the test's own
 * setup (the port number only names the socket file in our private directory), fsync off. With `tls`, it also
 * listens on 127.0.0.1 (a free port) with that certificate, and the master user may log in only there, over TLS,
 * as on RDS with rds.force_ssl=1.
 * It plays RDS: a superuser for the test's own setup, a non-superuser master user with CREATEROLE and
 * CREATEDB that logs in with a password (scram-sha-256, so a wrongly extracted password fails), and the
 * rds_iam role RDS provides.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const SUPERUSER = "postgres";

export interface ThrowawayPostgres {
  readonly socketDir: string;
  /**
   * The server's own bin directory, which holds its psql: put it first on a script's PATH, as in the postgres
   * image. (Debian's /usr/bin/psql is pg_wrapper, a Perl script that picks a version first: 20 ms a call.)
   */
  readonly binDir: string;
  readonly port: number;
  /** The TLS port on 127.0.0.1, when started with `tls`. */
  readonly tcpPort?: number;
  /** What the server has written to its log so far (log_statement, log_connections... land here). */
  log(): string;
  /** Runs SQL as `user` (default: the superuser) in `database`; returns unaligned, tuples-only output. */
  query(sql: string, options?: { user?: string; database?: string; variables?: Record<string, string>; password?: string }): string;
  stop(): void;
}

/** Where initdb and pg_ctl live: PATH first, then Debian's versioned directories. */
function serverBinDir(): string | undefined {
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  const debian = "/usr/lib/postgresql";
  if (!fs.existsSync(debian)) return undefined;
  const versions = fs.readdirSync(debian).filter((v) => fs.existsSync(path.join(debian, v, "bin", "pg_ctl")));
  return versions.length ? path.join(debian, versions.sort((a, b) => Number(b) - Number(a))[0], "bin") : undefined;
}

/** Starts the server, or returns why it cannot run on this machine. */
/** A TCP port nothing listens on right now (asked of the kernel by a short-lived Node process). */
function freePort(): number {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim());
}

export function startThrowawayPostgres(
  masterUser: string,
  masterPassword: string,
  tls?: { certFile: string; keyFile: string },
  /** Server settings (`-c name=value`), e.g. the logging parameters of the environment's RDS parameter group. */
  settings: Readonly<Record<string, string>> = {},
): ThrowawayPostgres | { unavailable: string } {
  const bin = serverBinDir();
  if (!bin) return { unavailable: "PostgreSQL server binaries (initdb, pg_ctl) not found" };
  const psql = path.join(bin, "psql");
  if (spawnSync(psql, ["--version"]).status !== 0) return { unavailable: `no psql next to the server binaries (${bin})` };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-pg-"));
  // initdb and postgres refuse to run as root: run them as the postgres OS user then.
  let runAs: string[] = [];
  if (process.getuid?.() === 0) {
    if (spawnSync("id", ["-u", "postgres"]).status !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      return { unavailable: "running as root and there is no 'postgres' OS user to run the server as" };
    }
    execFileSync("chown", ["postgres", dir]);
    runAs = ["runuser", "-u", "postgres", "--"];
  }
  const commandLine = (command: string, args: string[]): [string, string[]] => {
    const [file, ...rest] = [...runAs, path.join(bin, command), ...args];
    return [file, rest];
  };
  const run = (command: string, args: string[]) => execFileSync(...commandLine(command, args), { stdio: "pipe", encoding: "utf8" });

  const data = path.join(dir, "data");
  const port = tls ? freePort() : 20000 + (process.pid % 30000);
  try {
    run("initdb", ["-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-sync"]);
    // The master logs in with its password (over TLS only, when there is TLS); everyone else (the superuser
    // for setup, test roles) by trust on the socket.
    const hba = tls
      ? [
          `local all ${SUPERUSER} trust`,
          `local all ${masterUser} reject`,
          "local all all trust",
          `hostssl all ${masterUser} 127.0.0.1/32 scram-sha-256`,
          "host all all 0.0.0.0/0 reject",
        ]
      : [`local all ${SUPERUSER} trust`, `local all ${masterUser} scram-sha-256`, "local all all trust"];
    fs.writeFileSync(path.join(data, "pg_hba.conf"), [...hba, ""].join("\n"));
    let listen = "-c listen_addresses=''";
    if (tls) {
      // The server reads its key as the OS user it runs as, and refuses a key others can read.
      for (const [from, to] of [
        [tls.certFile, "server.crt"],
        [tls.keyFile, "server.key"],
      ])
        fs.copyFileSync(from, path.join(data, to));
      fs.chmodSync(path.join(data, "server.key"), 0o600);
      if (runAs.length > 0) execFileSync("chown", ["postgres", path.join(data, "server.crt"), path.join(data, "server.key")]);
      listen = "-c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key";
    }
    const extra = Object.entries(settings)
      .map(([name, value]) => {
        if (!/^[a-z_.]+$/.test(name) || !/^[\w.-]+$/.test(value)) throw new Error(`unsupported setting ${name}=${value}`);
        return ` -c ${name}=${value}`;
      })
      .join("");
    run("pg_ctl", [
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-k ${dir} -p ${port} ${listen} -c fsync=off${extra}`,
      "start",
    ]);
  } catch (error) {
    const log = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8") : "";
    fs.rmSync(dir, { recursive: true, force: true });
    return { unavailable: `the server did not start: ${(error as Error).message.split("\n")[0]} ${log.slice(-500)}` };
  }

  const server: ThrowawayPostgres = {
    socketDir: dir,
    binDir: bin,
    port,
    tcpPort: tls ? port : undefined,
    log: () => fs.readFileSync(path.join(dir, "server.log"), "utf8"),
    query(sql, options = {}) {
      const variables = Object.entries(options.variables ?? {}).flatMap(([name, value]) => ["-v", `${name}=${value}`]);
      // SQL on stdin, not -c: psql only substitutes :'variables' in script input.
      return execFileSync(
        psql,
        [
          "-X",
          "-q",
          "-At",
          "-v",
          "ON_ERROR_STOP=1",
          ...variables,
          `host=${dir} port=${port} dbname=${options.database ?? "postgres"} user=${options.user ?? SUPERUSER}`,
        ],
        {
          input: sql,
          encoding: "utf8",
          stdio: "pipe",
          env: { PATH: process.env.PATH, ...(options.password ? { PGPASSWORD: options.password } : {}) },
        },
      ).trim();
    },
    stop() {
      spawnSync(...commandLine("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };

  // What RDS gives us: rds_iam, and a master that is not a superuser.
  try {
    server.query(
      `CREATE ROLE rds_iam NOLOGIN;
       CREATE ROLE :"master" LOGIN CREATEROLE CREATEDB PASSWORD :'password';`,
      { variables: { master: masterUser, password: masterPassword } },
    );
  } catch (error) {
    server.stop();
    throw error;
  }
  return server;
}
