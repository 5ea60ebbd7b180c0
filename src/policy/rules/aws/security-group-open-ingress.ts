import { OPEN_TO_THE_WORLD, portRange } from "../../model/security-group-rules";
import type { PolicyRule } from "../../types";

export const securityGroupOpenIngress: PolicyRule = {
  id: "AWS-11",
  name: "NoSecurityGroupIngressFromTheInternet",
  family: "aws",
  level: "error",
  title: "No security group rule admits 0.0.0.0/0 or ::/0",
  why: "An AWS security group rule open to the internet exposes whatever listens behind it. The only internet-facing entry of this design is the load balancer listener, which Kubernetes manages from the Service's loadBalancerSourceRanges (see K8S-07), never a rule written here.",
  fix: "Admit specific security groups or CIDRs instead; expose the application only through the Service's load balancer",
  counterparts: { checkov: ["CKV_AWS_277", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260"], cdkNag: ["AwsSolutions-EC23"] },
  check({ model, report }) {
    for (const rule of model.ingressRules()) {
      const open = rule.cidrs.filter((cidr) => OPEN_TO_THE_WORLD.has(cidr));
      if (open.length === 0) continue;
      report({ path: rule.resource.path, message: `${model.label(rule.resource)} admits ${open.join(", ")} on ${portRange(rule)}` });
    }
  },
};
