/**
 * Family 7 of issue 18: the PostgreSQL names the environment file refuses for application.dbUser and
 * application.databaseName are exactly those the bootstrap SQL fails on, measured on a real PostgreSQL with a
 * master user that is not a superuser (CREATEROLE, CREATEDB), as on RDS. The reserved lists come from the server.
 */
import {
  applicationDatabaseProblem,
  applicationRoleProblem,
  POSTGRES_PREEXISTING_DATABASES,
  POSTGRES_RESERVED_ROLE_NAMES,
} from "../../src/aws-facts/postgres-names";
import { BOOTSTRAP_SQL } from "../../src/k8s/manifests/db-bootstrap-job";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./helpers/throwaway-postgres";

const MASTER = "dbadmin";
const PASSWORD = "a-test-password";
const started = startThrowawayPostgres(MASTER, PASSWORD);
const server = "unavailable" in started ? undefined : (started as ThrowawayPostgres);
afterAll(() => server?.stop());
/** The databases of a new server, before any test creates one. */
const initialDatabases = server?.query("SELECT datname FROM pg_database ORDER BY datname").split("\n");

function withServer(name: string, body: (db: ThrowawayPostgres) => void) {
  if (server) return test(name, () => body(server));
  const reason = (started as { unavailable: string }).unavailable;
  if (process.env.REQUIRE_POSTGRES === "1")
    return test(name, () => {
      throw new Error(`REQUIRE_POSTGRES=1 but ${reason}`);
    });
  return test.skip(`${name} (skipped: ${reason})`, () => undefined);
}

let fresh = 0;
/** The bootstrap's own SQL, as the master: "ok" or the server's error line. */
function bootstrap(db: ThrowawayPostgres, user: string, database: string): string {
  try {
    db.query(BOOTSTRAP_SQL, { user: MASTER, password: PASSWORD, variables: { app_user: user, app_db: database } });
    return "ok";
  } catch (error) {
    return /ERROR:\s+(.*)/.exec(String((error as { stderr?: string }).stderr ?? error))?.[1] ?? String(error);
  }
}

describe("role names (application.dbUser)", () => {
  withServer("every key word and reserved-looking name: the bootstrap's statements fail for exactly the names the file refuses", (db) => {
    const words = db.query("SELECT word FROM pg_get_keywords() ORDER BY word").split("\n");
    const candidates = [...new Set([...words, "none", "public", "pg_reader", "pg_monitor", "metabase", "current_role", "_x"])].filter((w) =>
      /^[a-z_][a-z0-9_]{0,62}$/.test(w),
    );
    // The bootstrap's statements (format %I), one subtransaction per name so one failure does not stop the rest.
    const failed = db
      .query(
        `CREATE TEMP TABLE failed (name text);
         CREATE TEMP TABLE names AS SELECT unnest(string_to_array(:'names', ',')) AS w;
         DO $$
         DECLARE w text;
         BEGIN
           FOR w IN SELECT names.w FROM names LOOP
             BEGIN
               EXECUTE format('CREATE ROLE %I WITH LOGIN', 'x_' || w); -- the quoting works for any word
               EXECUTE format('DROP ROLE %I', 'x_' || w);
               IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = w) THEN EXECUTE format('CREATE ROLE %I WITH LOGIN', w); END IF;
               EXECUTE format('GRANT rds_iam TO %I', w);
               EXECUTE format('GRANT %I TO CURRENT_USER', w);
               EXECUTE format('DROP ROLE %I', w);
             EXCEPTION WHEN others THEN INSERT INTO failed VALUES (w);
             END;
           END LOOP;
         END $$;
         SELECT name FROM failed ORDER BY name;`,
        { user: MASTER, password: PASSWORD, variables: { names: candidates.join(",") } },
      )
      .split("\n")
      .filter(Boolean);
    expect(words.length).toBeGreaterThan(400);
    expect(failed).toEqual(candidates.filter((w) => applicationRoleProblem(w) !== undefined).sort());
    expect(failed.filter((w) => !w.startsWith("pg_"))).toEqual([...POSTGRES_RESERVED_ROLE_NAMES].sort());
  });

  test.each([
    ["none", 'role name "none" is reserved'],
    ["public", 'role name "public" is reserved'],
    ["pg_reader", 'role name "pg_reader" is reserved'],
    ["select", "ok"],
    ["user", "ok"],
  ])("the bootstrap SQL itself with dbUser %s", (user, outcome) => {
    if (!server) return;
    expect(bootstrap(server, user, `db_${++fresh}`)).toMatch(outcome === "ok" ? /^ok$/ : new RegExp(`^${outcome}`));
    expect(applicationRoleProblem(user) === undefined).toBe(outcome === "ok");
  });
});

describe("database names (application.databaseName)", () => {
  withServer("the databases a server starts with are the ones the bootstrap cannot own, and the file refuses them", (db) => {
    const existing = initialDatabases!;
    expect(existing).toEqual([...POSTGRES_PREEXISTING_DATABASES].sort());
    for (const name of existing) {
      expect([name, bootstrap(db, `user_${++fresh}`, name)]).toEqual([name, `must be owner of database ${name}`]);
      expect(applicationDatabaseProblem(name)).toMatch(/already has/);
    }
    expect(bootstrap(db, `user_${++fresh}`, "public")).toBe("ok");
    expect(applicationDatabaseProblem("public")).toBeUndefined();
  });
});
