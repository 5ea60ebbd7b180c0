import { OPEN_TO_THE_WORLD } from "../../model/security-group-rules";
import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const eksPublicEndpoint: PolicyRule = {
  id: "AWS-09",
  name: "EksPublicEndpointRestricted",
  family: "aws",
  level: "error",
  title: "The EKS public API endpoint is disabled, or restricted to explicit CIDRs (never 0.0.0.0/0)",
  why: "The Kubernetes API open to the internet is one leaked credential or one API-server CVE away from the cluster. Terraform's defaults are a public endpoint open to 0.0.0.0/0.",
  fix: "Give EksCluster no publicEndpointCidrs (private endpoint only), or list the admin networks explicitly",
  counterparts: [
    checkov("CKV_AWS_38", "same", "public endpoint off, or public_access_cidrs set without 0.0.0.0/0"),
    checkov("CKV_AWS_39", "weaker", "passes a public endpoint restricted to listed CIDRs (dev.json's), which CKV_AWS_39 fails"),
    cdkNag(
      "AwsSolutions-EKS1",
      "weaker",
      "passes a public endpoint restricted to listed CIDRs, which EKSClusterNoEndpointPublicAccess fails",
    ),
  ],
  check({ model, report }) {
    for (const cluster of model.resources("aws_eks_cluster")) {
      const vpc = [cluster.config.vpc_config].flat()[0] ?? {};
      if (vpc.endpoint_public_access === false) continue;
      const cidrs: string[] = vpc.public_access_cidrs ?? [];
      const open =
        cidrs.length === 0 ? ["0.0.0.0/0 (the default when public_access_cidrs is unset)"] : cidrs.filter((c) => OPEN_TO_THE_WORLD.has(c));
      if (open.length > 0)
        report({ path: cluster.path, message: `${model.label(cluster)}'s public API endpoint is open to ${open.join(", ")}` });
    }
  },
};
