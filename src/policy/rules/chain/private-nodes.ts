import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { nodeGroupsOf } from "./node-placement";
import { chainLinks, podName } from "./pods";

/** The node groups the pod can land on run in private subnets (behind NAT, no public IPs). */
export const podsOnPrivateNodes: PolicyRule = {
  id: "CHAIN-11",
  name: "PodsRunOnPrivateNodes",
  family: "chain",
  level: "error",
  title: "The node groups a database client can be scheduled on run only in private subnets (no public IPs, no route to an internet gateway)",
  why:
    "A pod with its own security group gets no source NAT from the VPC CNI: in a public subnet it has no route out, and its node is directly addressable from the internet. The design keeps these pods on the private node group, behind NAT.",
  fix: "Pin the pod to the private node group, whose subnet_ids are the private EKS subnets",
  check({ model, report }) {
    const reported = new Set<TerraformBlock>();
    for (const { pod } of chainLinks(model)) {
      for (const group of nodeGroupsOf(model, pod)) {
        const problems = (group.config.subnet_ids ?? [])
          .map((subnet: unknown) => model.subnetPrivacy(group, subnet))
          .filter((privacy: { private: boolean }) => !privacy.private)
          .map((privacy: { reason: string }) => privacy.reason);
        if ((group.config.subnet_ids ?? []).length === 0) problems.push("it lists no subnet_ids");
        if (problems.length === 0 || reported.has(group)) continue;
        reported.add(group);
        report({
          path: group.path,
          subject: pod.manifest.resource.path,
          message: `${model.label(group)}, where ${podName(pod)} can run, is not private: ${[...new Set(problems)].join("; ")}`,
        });
      }
    }
  },
};
