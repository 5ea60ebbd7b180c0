import { OPEN_TO_THE_WORLD } from "../../model/security-group-rules";
import type { PolicyRule } from "../../types";

export const eksPublicEndpoint: PolicyRule = {
  id: "AWS-09",
  name: "EksPublicEndpointRestricted",
  family: "aws",
  level: "error",
  title: "The EKS public API endpoint is disabled, or restricted to explicit CIDRs (never 0.0.0.0/0)",
  why: "The Kubernetes API open to the internet is one leaked credential or one API-server CVE away from the cluster. Terraform's defaults are a public endpoint open to 0.0.0.0/0.",
  fix: "Leave cluster.publicEndpointCidrs empty (private endpoint only) or list the admin networks explicitly",
  counterparts: {
    checkov: ["CKV_AWS_38", "CKV_AWS_39"],
    cdkNag: ["AwsSolutions-EKS1"],
    note: "CKV_AWS_39 and AwsSolutions-EKS1 forbid any public endpoint; this rule allows an explicit allow-list, like CKV_AWS_38",
  },
  check({ model, report }) {
    for (const cluster of model.resources("aws_eks_cluster")) {
      const vpc = [cluster.config.vpc_config].flat()[0] ?? {};
      if (vpc.endpoint_public_access === false) continue;
      const cidrs: string[] = vpc.public_access_cidrs ?? [];
      const open = cidrs.length === 0 ? ["0.0.0.0/0 (the default when public_access_cidrs is unset)"] : cidrs.filter((c) => OPEN_TO_THE_WORLD.has(c));
      if (open.length > 0) report({ path: cluster.path, message: `${model.label(cluster)}'s public API endpoint is open to ${open.join(", ")}` });
    }
  },
};
