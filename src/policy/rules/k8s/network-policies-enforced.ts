import { readVpcCniConfiguration } from "../../graph/graph";
import type { PolicyRule } from "../../types";

export const networkPoliciesEnforced: PolicyRule = {
  id: "K8S-14",
  name: "NetworkPoliciesEnforced",
  family: "k8s",
  level: "error",
  title:
    'When the environment has NetworkPolicies, the EKS vpc-cni add-on enables its network policy agent (configuration_values enableNetworkPolicy "true")',
  why: 'The API server accepts NetworkPolicy objects whether or not anything enforces them; on EKS the VPC CNI\'s network policy agent does, and only when the add-on\'s enableNetworkPolicy parameter is "true" (EKS user guide, "Restrict Pod network traffic with Kubernetes network policies": "Enable the network policy parameter for the add-on"). Without it every policy, default deny included, is decoration and all pod traffic is allowed.',
  fix: 'Keep VpcCniAddon\'s configuration (EksCluster creates it): configuration_values {"enableNetworkPolicy": "true", ...} on the vpc-cni aws_eks_addon',
  counterpartNote: "none: Checkov and Trivy check neither aws_eks_addon configuration_values nor whether NetworkPolicies are enforced",
  check({ model, report }) {
    const policies = model.manifests("NetworkPolicy");
    if (policies.length === 0) return;
    const count = `${policies.length} NetworkPolic${policies.length === 1 ? "y" : "ies"} (${policies.map((p) => `${p.namespace}/${p.name}`).join(", ")})`;
    const addons = model.resources("aws_eks_addon").filter((addon) => addon.config.addon_name === "vpc-cni");
    if (addons.length === 0) {
      report({
        path: policies[0].resource.path,
        message: `the environment applies ${count} but manages no vpc-cni aws_eks_addon: nothing shows that a network policy agent enforces them`,
      });
      return;
    }
    for (const addon of addons) {
      const read = readVpcCniConfiguration(addon.config.configuration_values);
      const name = `aws_eks_addon vpc-cni (${addon.path})`;
      if ("unreadable" in read) {
        report({
          path: addon.path,
          message: `${name}: configuration_values cannot be read (${read.unreadable}), so nothing shows that its network policy agent enforces the ${count}`,
        });
        continue;
      }
      const value = read.settings?.enableNetworkPolicy;
      if (value === "true") continue;
      const said =
        value === undefined
          ? 'sets no enableNetworkPolicy (the add-on\'s default is "false")'
          : value === true
            ? 'sets enableNetworkPolicy to the boolean true; the add-on\'s configuration schema takes the string "true"'
            : `sets enableNetworkPolicy = ${JSON.stringify(value)}`;
      report({
        path: addon.path,
        message: `${name}: configuration_values ${said}: the API server accepts the ${count} and nothing enforces them`,
      });
    }
  },
};
