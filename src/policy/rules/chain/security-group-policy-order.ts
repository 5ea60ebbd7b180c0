import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

/** The pod controller depends_on every SecurityGroupPolicy that selects it. */
export const securityGroupPolicyFirst: PolicyRule = {
  id: "CHAIN-08",
  chainLinks: ["security-group-policy"],
  name: "SecurityGroupPolicyExistsBeforeThePod",
  family: "chain",
  level: "error",
  title: "The pod controller (Deployment, Job) depends_on every SecurityGroupPolicy that selects its pods",
  why: 'The VPC resource controller only gives a branch ENI to pods created after their SecurityGroupPolicy (amazon-vpc-resource-controller-k8s#11). If Terraform creates both in parallel, the first pods run without their security group and time out until someone deletes them: the article\'s "delete and re-create the Deployment".',
  fix: "Pass the SecurityGroupPolicy manifest in the Deployment's (and Job's) dependsOn",
  check({ model, report }) {
    for (const pod of databaseClientPods(model)) {
      const resource = pod.manifest.resource;
      const dependsOn = new Set(model.dependsOn(resource));
      const missing = pod.policies.map((p) => p.manifest).filter((sgp) => !dependsOn.has(sgp.resource.address));
      if (missing.length === 0) continue;
      report({
        path: resource.path,
        subject: resource.path,
        message: `${podName(pod)} does not depend_on SecurityGroupPolicy ${missing.map((m) => `${m.namespace}/${m.name}`).join(", ")}: its first pods may start before the policy exists and run without their security group`,
      });
    }
  },
};
