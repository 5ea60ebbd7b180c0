import { MIN_VPC_CNI_VERSION } from "../../../aws-facts/supported-versions";
import { compareVersions, parseCniVersion } from "../../../aws-facts/addon-versions";
import type { EnvironmentModel } from "../../model/environment-model";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { clusters, ofCluster } from "./pods";

/** The cluster's managed VPC CNI add-ons. */
export function vpcCniAddons(model: EnvironmentModel, cluster: TerraformBlock): TerraformBlock[] {
  return ofCluster(model, cluster, model.resources("aws_eks_addon")).filter((addon) => addon.config.addon_name === "vpc-cni");
}

/** The VPC CNI add-on enables pod ENIs, at a version that has them. */
export const vpcCniPodEni: PolicyRule = {
  id: "CHAIN-13",
  name: "VpcCniEnablesPodEnis",
  family: "chain",
  level: "error",
  title: `The cluster's vpc-cni add-on sets ENABLE_POD_ENI=\"true\" in its configuration_values, at version v${MIN_VPC_CNI_VERSION} or later`,
  why:
    "ENABLE_POD_ENI makes ipamd ask the VPC resource controller for a trunk ENI on each node. Without it (or on a CNI older than v1.7.7) no node ever gets a trunk, and every SecurityGroupPolicy is silently ignored.",
  fix: "Create the add-on with VpcCniAddon (src/eks/vpc-cni-addon.ts) and a version of at least v1.7.7",
  check({ model, report }) {
    for (const cluster of clusters(model)) {
      const addons = vpcCniAddons(model, cluster);
      if (addons.length === 0) {
        report({
          path: cluster.path,
          message: `${model.label(cluster)} has no vpc-cni aws_eks_addon in this environment, so ENABLE_POD_ENI cannot be proven`,
        });
        continue;
      }
      for (const addon of addons) {
        const problems: string[] = [];
        const podEni = podEniSetting(addon.config.configuration_values);
        if (podEni !== "true") problems.push(`ENABLE_POD_ENI is ${podEni === undefined ? "not set" : JSON.stringify(podEni)} in configuration_values`);
        const version = typeof addon.config.addon_version === "string" ? parseCniVersion(addon.config.addon_version) : undefined;
        if (!version) problems.push(`addon_version ${JSON.stringify(addon.config.addon_version)} is not a pinned vpc-cni version`);
        else if (compareVersions(version, MIN_VPC_CNI_VERSION) < 0) problems.push(`version ${addon.config.addon_version} is older than v${MIN_VPC_CNI_VERSION}`);
        if (problems.length > 0) report({ path: addon.path, message: `the vpc-cni add-on of ${model.label(cluster)}: ${problems.join("; ")}` });
      }
    }
  },
};

/** env.ENABLE_POD_ENI of the add-on's configuration_values JSON, when it can be read. */
function podEniSetting(configurationValues: unknown): unknown {
  if (typeof configurationValues !== "string" || configurationValues.includes("${")) return undefined;
  try {
    return JSON.parse(configurationValues)?.env?.ENABLE_POD_ENI;
  } catch {
    return undefined;
  }
}
