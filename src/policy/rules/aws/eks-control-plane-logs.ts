import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksControlPlaneLogs: PolicyRule = {
  id: "AWS-08",
  name: "EksAllControlPlaneLogs",
  family: "aws",
  level: "error",
  title: `EKS clusters send every control-plane log type to CloudWatch (${LOG_TYPES.join(", ")})`,
  why: "The audit and authenticator logs are the record of who did what to the cluster (and which IAM identity became which Kubernetes user); without them an incident cannot be reconstructed.",
  fix: "Set enabled_cluster_log_types to all five types (EksCluster does)",
  counterparts: [
    checkov("CKV_AWS_37", "same", "all five control-plane log types"),
    cdkNag("AwsSolutions-EKS2", "same", "EKSClusterControlPlaneLogs: all five log types"),
  ],
  check({ model, report }) {
    for (const cluster of model.resources("aws_eks_cluster")) {
      const enabled: string[] = cluster.config.enabled_cluster_log_types ?? [];
      const missing = LOG_TYPES.filter((type) => !enabled.includes(type));
      if (missing.length > 0) report({ path: cluster.path, message: `${model.label(cluster)} does not log ${missing.join(", ")}` });
    }
  },
};
