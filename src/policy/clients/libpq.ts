import type { EnvironmentModel } from "../model/environment-model";
import { envValue, type ContainerView, type PodController } from "../model/kubernetes";
import type { TerraformBlock } from "../model/terraform-config";
import { literalText } from "./connection-strings";
import type { ClientProblem, DatabaseClient } from "./types";

/** `$NAME` / `${NAME}` in a shell command: the container's literal env value, when it has one. */
const shellValue = (container: ContainerView, word: string) => {
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word)?.[1];
  return variable === undefined ? word : (envValue(container, variable) ?? word);
};

/**
 * A libpq client (psql, pg_dump, an application with a postgresql:// URI): every line of its command, args and
 * database-referencing env that says sslmode must say verify-full and name sslrootcert. Without any sslmode
 * libpq uses PGSSLMODE, else "prefer" (PostgreSQL docs, libpq "Connection Parameters").
 */
function libpqTlsProblems(
  model: EnvironmentModel,
  pod: PodController,
  container: ContainerView,
  database: TerraformBlock,
): ClientProblem[] {
  const texts = [
    ...[container.spec.command ?? [], container.spec.args ?? []].flat().map(String),
    ...(container.spec.env ?? [])
      .filter((e: any) => "value" in (e ?? {}) && model.references(pod.manifest.resource, e.value).some((r) => r.block === database))
      .map((e: any) => String(e.value)),
  ].map(literalText);
  // Shell line continuations join one command.
  const lines = texts.flatMap((text) => text.replace(/\\\r?\n/g, " ").split(/\r?\n/)).filter((line) => /sslmode\s*=/i.test(line));
  const problems: ClientProblem[] = [];
  if (lines.length === 0) {
    const mode = envValue(container, "PGSSLMODE");
    if (mode === undefined) {
      return [
        {
          message:
            "connects to the database but no connection string in its command or args says sslmode, and PGSSLMODE is unset: libpq's default is prefer, which encrypts without verifying the server, so anyone inside the VPC who answers on the address gets the password",
        },
      ];
    }
    if (mode !== "verify-full")
      problems.push({ message: `PGSSLMODE = "${mode}" does not verify the server's certificate and host name (verify-full does)` });
    if (!envValue(container, "PGSSLROOTCERT"))
      problems.push({ message: "PGSSLROOTCERT is unset: libpq looks for ~/.postgresql/root.crt; point it at the mounted RDS CA bundle" });
    return problems;
  }
  for (const line of lines) {
    const modes = [...line.matchAll(/sslmode\s*=\s*['"]?([^\s'"&]+)/gi)].map((m) => shellValue(container, m[1]));
    for (const mode of modes.filter((m) => m !== "verify-full")) {
      problems.push({
        message: `its connection string says sslmode=${mode}: only verify-full checks both the certificate chain and the host name, so anyone inside the VPC who answers on the address gets the connection (and the password)`,
      });
    }
    if (!/sslrootcert\s*=/i.test(line)) {
      problems.push({
        message:
          "its connection string says sslmode but no sslrootcert: libpq looks for ~/.postgresql/root.crt; point it at the mounted RDS CA bundle",
      });
    }
  }
  return problems;
}

/**
 * A libpq client (psql, pg_dump, an application with a postgresql:// URI): the bootstrap Job's containers. They log
 * in with the master password, not an IAM token, so they name no IAM user.
 */
export const libpqClient: DatabaseClient = {
  name: "libpq",
  recognizes: () => true,
  iamUser: () => undefined,
  usesIamToken: () => undefined,
  passwordSettings: () => [],
  tlsProblems: libpqTlsProblems,
};
