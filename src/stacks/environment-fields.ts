/**
 * Which field of an environment file a finding is about, where one field decides it: the place to fix it, and
 * where the SARIF report anchors the finding (the file and its line), instead of a generated stack file that git
 * ignores. Only what the stacks build from one field is mapped; everything else is anchored at the environment
 * file as a whole and named by its construct path.
 */
import type { EnvironmentConfig } from "../config/schema";
import type { Finding } from "../policy/types";

type FieldOf = (finding: Finding, config: EnvironmentConfig) => string | undefined;

const ends = (finding: Finding, suffix: string) => finding.path.endsWith(suffix);

const FIELDS: Readonly<Record<string, FieldOf>> = {
  "AWS-03": (f) => (ends(f, "/database/instance") ? "database.backupRetentionDays" : undefined),
  "AWS-04": (f) => (ends(f, "/database/instance") ? "database.deletionProtection" : undefined),
  "AWS-05": (f) => (ends(f, "/database/instance") ? "database.multiAz" : undefined),
  "AWS-09": (f) => (ends(f, "/eks/cluster") ? "cluster.publicEndpointCidrs" : undefined),
  "AWS-15": () => "logRetentionDays",
  "CHAIN-12": (f) =>
    ends(f, "/private-nodes/node-group")
      ? "nodeGroups.private.instanceTypes"
      : ends(f, "/public-nodes/node-group")
        ? "nodeGroups.public.instanceTypes"
        : undefined,
  "CHAIN-13": (f) => (ends(f, "/vpc-cni/addon") ? "cluster.vpcCniVersion" : undefined),
  // The load-balanced pod's ingress is built from the client ranges: who reaches it, and who is kept out.
  "CHAIN-16": (f) =>
    ends(f, "/network-policy") && /^(the clients of|a pod of another namespace)/.test(f.message)
      ? "application.loadBalancerSourceCidrs"
      : undefined,
  "K8S-01": (f) =>
    ends(f, "/deployment") && f.message.includes('container "metabase" ') ? "application.image" : "application.helperImages",
  "K8S-07": (f) => (ends(f, "/service") ? "application.loadBalancerSourceCidrs" : undefined),
  "K8S-10": (f, config) => (ends(f, "/service") ? (config.application.tls ? "application.tls" : "application.exposure") : undefined),
};

/** The environment field (dotted path, as in environment file problems) a finding is about, if one decides it. */
export function environmentFieldOf(finding: Finding, config: EnvironmentConfig): string | undefined {
  return FIELDS[finding.ruleId]?.(finding, config);
}
