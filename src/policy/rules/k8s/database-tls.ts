import { databaseClientOf } from "../../clients";
import type { PolicyRule } from "../../types";
import { containerName } from "./containers";

export const databaseTls: PolicyRule = {
  id: "K8S-11",
  name: "DatabaseTlsVerified",
  family: "k8s",
  level: "error",
  title:
    "Every container that connects to the RDS database verifies its certificate and host name: sslmode=verify-full with sslrootcert (Metabase through MB_DB_CONNECTION_URI, psql in its connection string)",
  why: "rds.force_ssl makes the server refuse clear text, but the client decides whether it checks whom it talks to. pgJDBC and libpq default to sslmode=prefer, and Metabase's broken-out MB_DB_* variables set no SSL mode for PostgreSQL: the connection is encrypted to whoever answers on the address, so anyone able to answer inside the VPC receives the master password (bootstrap Job) or the session. verify-ca checks the chain but not the host name, so any RDS instance's certificate passes.",
  fix: "Keep MetabaseWorkload's connection settings: MB_DB_CONNECTION_URI=jdbc:postgresql://<address>:<port>/<db>?sslmode=verify-full&sslrootcert=/etc/rds-ca/bundle.pem for Metabase, and sslmode=verify-full sslrootcert=$DB_CA_FILE in every libpq connection string, with the RDS CA bundle mounted",
  counterpartNote: "The server side (rds.force_ssl) is AWS-23's; no scanner checks that clients verify the server's certificate",
  check({ model, report }) {
    for (const pod of model.podControllers()) {
      for (const container of pod.containers) {
        const database = model.databaseOfContainer(pod, container);
        if (!database) continue;
        const engine = String(database.config.engine ?? "postgres");
        if (!engine.includes("postgres")) continue;
        const problems = databaseClientOf(container).tlsProblems(model, pod, container, database);
        for (const problem of problems) {
          report({
            path: pod.manifest.resource.path,
            level: problem.level,
            message: `${containerName(pod, container)} (${model.label(database)}): ${problem.message}`,
          });
        }
      }
    }
  },
};
