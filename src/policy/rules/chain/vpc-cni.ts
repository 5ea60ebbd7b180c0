import { MIN_VPC_CNI_VERSION } from "../../../aws-facts/supported-versions";
import { compareVersions, parseCniVersion } from "../../../aws-facts/addon-versions";
import { podEniSetting } from "../../graph/graph";
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
  chainLinks: ["node-placement"],
  name: "VpcCniEnablesPodEnis",
  family: "chain",
  level: "error",
  title: `The cluster's vpc-cni add-on sets ENABLE_POD_ENI="true" in its configuration_values, at the most recent version EKS lists for the cluster's Kubernetes version (data "aws_eks_addon_version") or a pin of v${MIN_VPC_CNI_VERSION} or later (a pin is a warning: it must be checked against AWS's list)`,
  why: "ENABLE_POD_ENI makes ipamd ask the VPC resource controller for a trunk ENI on each node. Without it (or on a CNI older than v1.7.7) no node ever gets a trunk, and every SecurityGroupPolicy is silently ignored.",
  fix: "Create the add-on with VpcCniAddon (EksCluster does): it resolves the most recent version for the cluster's Kubernetes version, or takes a pin of at least v1.7.7",
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
        if (podEni !== "true")
          problems.push(`ENABLE_POD_ENI is ${podEni === undefined ? "not set" : JSON.stringify(podEni)} in configuration_values`);
        const { lookup, kept } = versionLookup(model, addon, cluster);
        if (lookup) {
          problems.push(...lookupProblems(model, lookup, cluster));
          if (!kept) {
            report({
              path: addon.path,
              level: "warning",
              message: `the vpc-cni add-on of ${model.label(cluster)} takes its version straight from data "aws_eks_addon_version", which is read again at every plan: any new vpc-cni build becomes an UpdateAddon in whatever deploy comes next, and rolls aws-node on every node`,
              fix: "Keep the looked-up version in a terraform_data (ignore_changes on its input, replaced when the cluster's Kubernetes version changes), as VpcCniAddon does, or pin a version",
            });
          }
        } else {
          const version = typeof addon.config.addon_version === "string" ? parseCniVersion(addon.config.addon_version) : undefined;
          if (!version)
            problems.push(
              `addon_version ${JSON.stringify(addon.config.addon_version)} is neither a vpc-cni version nor resolved by data "aws_eks_addon_version"`,
            );
          else if (compareVersions(version, MIN_VPC_CNI_VERSION) < 0)
            problems.push(`version ${addon.config.addon_version} is older than v${MIN_VPC_CNI_VERSION}`);
          else {
            report({
              path: addon.path,
              level: "warning",
              message: `the vpc-cni add-on of ${model.label(cluster)} is pinned to ${addon.config.addon_version} by hand: EKS only accepts add-on versions it lists for the cluster's Kubernetes version (${describeVersion(cluster.config.version)}), and CreateAddon fails otherwise`,
              fix: `Check it with \`aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version ${describeVersion(cluster.config.version)}\`, or remove the pin (cluster.vpcCniVersion) to resolve the most recent version at plan time`,
            });
          }
        }
        if (problems.length > 0)
          report({ path: addon.path, message: `the vpc-cni add-on of ${model.label(cluster)}: ${problems.join("; ")}` });
      }
    }
  },
};

/**
 * The data "aws_eks_addon_version" an add-on's version comes from, if it is one: directly, or kept in a
 * terraform_data whose input is the lookup's version (`kept` when that input is in ignore_changes and the
 * terraform_data is replaced when the cluster's Kubernetes version changes: resolved once per version).
 */
function versionLookup(
  model: EnvironmentModel,
  addon: TerraformBlock,
  cluster: TerraformBlock,
): { lookup?: TerraformBlock; kept: boolean } {
  const isLookup = (ref: ReturnType<EnvironmentModel["reference"]>) =>
    ref?.block.type === "aws_eks_addon_version" && ref.attribute === "version";
  const reference = model.reference(addon, addon.config.addon_version);
  if (isLookup(reference)) return { lookup: reference!.block, kept: false };
  if (reference?.block.type !== "terraform_data" || reference.attribute !== "output.version") return { kept: false };
  const holder = reference.block;
  const input = model.reference(holder, holder.config.input?.version);
  if (!isLookup(input)) return { kept: false };
  const ignored: unknown = holder.config.lifecycle?.ignore_changes;
  const ignoresInput = ignored === "all" || (Array.isArray(ignored) && ignored.includes("input"));
  const lookup = input!.block;
  const replacedWithKubernetes = Object.values(holder.config.triggers_replace ?? {}).some((value) =>
    model.isReferenceTo(holder, value, cluster, "version"),
  );
  return { lookup, kept: ignoresInput && replacedWithKubernetes };
}

/**
 * A looked-up version is right by construction when it asks EKS for the most recent vpc-cni of the cluster's own
 * Kubernetes version: every version EKS lists for a Kubernetes version it supports is newer than v1.7.7.
 */
function lookupProblems(model: EnvironmentModel, lookup: TerraformBlock, cluster: TerraformBlock): string[] {
  const problems: string[] = [];
  if (lookup.config.addon_name !== "vpc-cni")
    problems.push(`its version is looked up for add-on ${JSON.stringify(lookup.config.addon_name)}, not vpc-cni`);
  if (!model.isReferenceTo(lookup, lookup.config.kubernetes_version, cluster, "version")) {
    problems.push(
      `its version is looked up for Kubernetes ${JSON.stringify(lookup.config.kubernetes_version)}, not the cluster's own version`,
    );
  }
  if (lookup.config.most_recent !== true)
    problems.push(
      "its version lookup does not ask for the most recent version (most_recent = true), so EKS's default version may lack current fixes",
    );
  return problems;
}

function describeVersion(version: unknown): string {
  return typeof version === "string" && !version.includes("${") ? version : "<the cluster's version>";
}
