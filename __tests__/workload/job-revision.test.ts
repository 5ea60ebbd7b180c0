import { Testing } from "cdktf";
import { MetabaseWorkload, type MetabaseWorkloadProps } from "../../src/k8s/metabase-workload";
import type { WorkloadContract } from "../../src/k8s/workload-contract";
import { LITERAL_WORKLOAD_PROPS } from "./helpers/workload-props";

const PROPS = LITERAL_WORKLOAD_PROPS;

/** The bootstrap Job's name: a Job's template is immutable, so the name carries a hash of its content. */
function jobName(props: MetabaseWorkloadProps = PROPS): string {
  const config = JSON.parse(Testing.synthScope((scope) => new MetabaseWorkload(scope, "metabase", props)));
  const job = Object.values<any>(config.resource.kubernetes_manifest).find((r) => r.manifest.kind === "Job");
  return job.manifest.metadata.name;
}

test("the Job is named <service account>-db-bootstrap-<content hash>", () => {
  expect(jobName()).toMatch(/^metabase-db-bootstrap-[0-9a-f]{8}$/);
});

test("the same content gives the same name: no needless re-run on every deploy", () => {
  expect(jobName({ ...PROPS })).toBe(jobName());
});

const CONTRACT = PROPS.contract;
test.each<[string, Partial<WorkloadContract>]>([
  ["the database user", { application: { ...CONTRACT.application, dbUser: "bi" } }],
  ["the database port", { database: { ...CONTRACT.database, port: 6543 } }],
  ["the database host", { database: { ...CONTRACT.database, host: "other.example.eu-west-1.rds.amazonaws.com" } }],
  [
    "the master secret",
    { database: { ...CONTRACT.database, masterSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!db-2" } },
  ],
])("a change of %s gives a new Job (replaced, not an update the API server refuses)", (_what, change) => {
  expect(jobName({ ...PROPS, contract: { ...CONTRACT, ...change } })).not.toBe(jobName());
});

test("changes that do not reach the Job keep its name", () => {
  expect(jobName({ ...PROPS, replicas: 3, image: "metabase/metabase:v0.64.1" })).toBe(jobName());
});
