import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const imdsv2: PolicyRule = {
  id: "AWS-10",
  name: "NodesRequireImdsv2",
  family: "aws",
  level: "error",
  title: 'Node launch templates require IMDSv2 (http_tokens = "required") with a hop limit of 1, and every node group uses one',
  why: "IMDSv1 answers any SSRF with the node role's credentials; with a hop limit above 1 every pod can reach the node's instance role and bypass IRSA.",
  fix: 'Use ManagedNodeGroup (its launch template sets http_tokens = "required" and http_put_response_hop_limit = 1)',
  counterparts: [
    checkov(
      "CKV_AWS_79",
      "stricter",
      "also wants a hop limit of 1 and a launch template on every node group; CKV_AWS_79 reads http_tokens only",
    ),
    checkov("CKV_AWS_341", "stricter", "also wants http_tokens required; both fail a hop limit above 1 and pass it unset"),
    cdkNag(
      "EC2IMDSv2Enabled",
      "different",
      "reads EC2 instances and Auto Scaling groups (NIST 800-53 R5 pack), not EKS managed node groups",
    ),
  ],
  check({ model, report }) {
    for (const template of model.resources("aws_launch_template")) {
      const metadata = [template.config.metadata_options].flat()[0] ?? {};
      const problems: string[] = [];
      if (metadata.http_tokens !== "required")
        problems.push(`http_tokens is ${JSON.stringify(metadata.http_tokens ?? "optional (default)")}`);
      const hops = metadata.http_put_response_hop_limit;
      if (typeof hops === "number" && hops > 1)
        problems.push(`http_put_response_hop_limit is ${hops}, so pods reach the node's credentials`);
      if (problems.length > 0) report({ path: template.path, message: `${model.label(template)}: ${problems.join("; ")}` });
    }
    for (const group of model.resources("aws_eks_node_group")) {
      if (group.config.launch_template) continue;
      report({
        path: group.path,
        message: `${model.label(group)} uses no launch template, so IMDSv2 is not enforced by this configuration`,
      });
    }
  },
};
