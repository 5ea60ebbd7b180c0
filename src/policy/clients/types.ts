import type { EnvironmentModel } from "../model/environment-model";
import type { ContainerView, PodController } from "../model/kubernetes";
import type { TerraformBlock } from "../model/terraform-config";
import type { PolicyLevel } from "../types";

/** Something a client's connection settings get wrong. */
export interface ClientProblem {
  readonly level?: PolicyLevel;
  readonly message: string;
}

/**
 * What the verifier knows about one kind of database client: how it names the user it connects as, whether it
 * presents an IAM token, which of its settings hold a password, and how it configures TLS. The graph (which user
 * a pod connects as) and the rules (CHAIN-06, K8S-11) iterate over DATABASE_CLIENTS; another client is one more
 * adapter, not edits across the verifier.
 */
export interface DatabaseClient {
  readonly name: string;
  /** True when this container is such a client (checked in DATABASE_CLIENTS order; the last one takes the rest). */
  recognizes(container: ContainerView): boolean;
  /** The PostgreSQL user it connects as with IAM authentication, when it says so. */
  iamUser(container: ContainerView): string | undefined;
  /** Whether it presents an IAM token for that user (undefined: not an IAM client). */
  usesIamToken(container: ContainerView): boolean | undefined;
  /** The setting that makes it present one, for messages ("MB_DB_AWS_IAM=true"). */
  readonly iamTokenSetting?: string;
  /** The names of its settings that carry a database password. */
  passwordSettings(container: ContainerView): string[];
  /** Whether it verifies the server's certificate and host name, and what is wrong if not. */
  tlsProblems(model: EnvironmentModel, pod: PodController, container: ContainerView, database: TerraformBlock): ClientProblem[];
}
