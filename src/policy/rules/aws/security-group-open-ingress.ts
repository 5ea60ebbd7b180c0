import { OPEN_TO_THE_WORLD, portRange } from "../../model/security-group-rules";
import type { PolicyRule } from "../../types";
import { cdkNag, checkov } from "../../counterparts";

export const securityGroupOpenIngress: PolicyRule = {
  id: "AWS-11",
  name: "NoSecurityGroupIngressFromTheInternet",
  family: "aws",
  level: "error",
  title: "No security group rule admits 0.0.0.0/0 or ::/0",
  why: "An AWS security group rule open to the internet exposes whatever listens behind it. The only internet-facing entry of this design is the load balancer listener, which Kubernetes manages from the Service's loadBalancerSourceRanges (see K8S-07), never a rule written here.",
  fix: "Admit specific security groups or CIDRs instead; expose the application only through the Service's load balancer",
  counterparts: [
    checkov("CKV_AWS_277", "stricter", "flags 0.0.0.0/0 or ::/0 on any port; CKV_AWS_277 only on rules that cover every port"),
    checkov("CKV_AWS_24", "stricter", "flags any port; CKV_AWS_24 only rules that include 22"),
    checkov("CKV_AWS_25", "stricter", "flags any port; CKV_AWS_25 only rules that include 3389"),
    checkov("CKV_AWS_260", "stricter", "flags any port; CKV_AWS_260 only rules that include 80"),
    cdkNag("AwsSolutions-EC23", "same", "EC2RestrictedInbound: any inbound range ending in /0, any port"),
  ],
  check({ model, report }) {
    for (const rule of model.securityGroupRules()) {
      if (rule.direction !== "ingress") continue;
      const open = rule.cidrs.map(String).filter((cidr) => OPEN_TO_THE_WORLD.has(cidr));
      if (open.length === 0) continue;
      report({ path: rule.resource.path, message: `${model.label(rule.resource)} admits ${open.join(", ")} on ${portRange(rule)}` });
    }
  },
};
