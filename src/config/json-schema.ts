import { z } from "zod";
import { EnvironmentSchema } from "./schema";

/**
 * JSON Schema of what may be written in an environment file (input side: defaulted fields are optional).
 * Cross-field rules are not expressible here; the loader enforces them.
 */
export function environmentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(EnvironmentSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://github.com/secure-eks-rds/secure-eks-rds/schema/environment.schema.json",
    title: "secure-eks-rds environment",
    description: "One deployment environment: environments/<name>.json. Defaults follow the article series.",
  };
}
