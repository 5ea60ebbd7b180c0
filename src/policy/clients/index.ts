import type { ContainerView } from "../model/kubernetes";
import { libpqClient } from "./libpq";
import { metabaseClient } from "./metabase";
import type { DatabaseClient } from "./types";

export type { DatabaseClient } from "./types";

/** The database clients the verifier knows, most specific first; libpq takes every container the others do not. */
export const DATABASE_CLIENTS: readonly DatabaseClient[] = [metabaseClient, libpqClient];

export function databaseClientOf(container: ContainerView): DatabaseClient {
  return DATABASE_CLIENTS.find((client) => client.recognizes(container))!;
}
