import * as path from "path";
import { parseEnvironment, validateEnvironmentFile, type Environment } from "../../src/config/load";
import type { EnvironmentInput } from "../../src/config/schema";

export const DEV_FILE = path.join(__dirname, "..", "..", "environments", "dev.json");

/** The shipped dev environment, validated. */
export function devEnvironment(): Environment {
  const result = validateEnvironmentFile(DEV_FILE);
  if ("problems" in result) throw new Error(`environments/dev.json is invalid: ${JSON.stringify(result.problems)}`);
  return result;
}

/** A copy of the dev environment file's content (raw JSON, before defaults). */
export function devInput(): Record<string, any> {
  return JSON.parse(require("fs").readFileSync(DEV_FILE, "utf8"));
}

/** An environment built from the dev file with a change applied to its raw JSON. */
export function environmentWith(change: (input: Record<string, any>) => void, name = "test"): Environment {
  const input = devInput();
  change(input);
  const result = parseEnvironment(input as EnvironmentInput);
  if ("problems" in result) throw new Error(`invalid test environment: ${JSON.stringify(result.problems)}`);
  return { name, file: `environments/${name}.json`, config: result.config };
}

/** A digest for tests: the form production requires (K8S-01); no registry is asked, so its value is made up. */
export const TEST_DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

/** Every image of the workload pinned by tag and digest, as a production environment writes it. */
export function pinByDigest(input: Record<string, any>): void {
  input.application.image = `${input.application.image ?? "metabase/metabase:v0.63.19"}@${TEST_DIGEST}`;
  input.application.helperImages = {
    curl: `curlimages/curl:8.11.1@${TEST_DIGEST}`,
    awsCli: `public.ecr.aws/aws-cli/aws-cli:2.27.49@${TEST_DIGEST}`,
    psql: `postgres:17.6-alpine@${TEST_DIGEST}`,
  };
}

/**
 * The article's exposure, made as safe as it can be and still public: an internet-facing load balancer with
 * TLS, open to everyone, every image pinned by digest. The one finding it leaves is K8S-07 (0.0.0.0/0), a warning: what the suppression and
 * report tests suppress and report.
 */
export function publicDemoEnvironment(): Environment {
  return environmentWith((input) => {
    pinByDigest(input);
    input.application.exposure = "internet";
    input.application.loadBalancerSourceCidrs = ["0.0.0.0/0"];
    input.application.tls = {
      certificateArn: "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      hostname: "metabase.example.com",
    };
  }, "dev");
}
