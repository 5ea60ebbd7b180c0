import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { TerraformData } from "../cdktf-workarounds";
import { Construct } from "constructs";
import { frozen } from "../frozen";

/**
 * What security groups for pods need from the VPC CNI:
 * - ENABLE_POD_ENI=true makes ipamd ask the VPC resource controller for a trunk ENI on each node;
 * - DISABLE_TCP_EARLY_DEMUX=true (on the init container) lets kubelet's TCP probes reach pods on branch ENIs;
 * - standard enforcement: traffic between such a pod and other hosts is filtered by its own security groups
 *   (the database sees only them); traffic from its own node is not, and what leaves the VPC does so through the
 *   node's primary interface (aws/amazon-vpc-cni-k8s README, POD_SECURITY_GROUP_ENFORCING_MODE). Strict mode
 *   would filter everything, but does not support a LoadBalancer Service with externalTrafficPolicy Local for
 *   such pods (EKS user guide, "Security groups for Pods", Considerations), which Metabase's ingress needs so
 *   that its NetworkPolicy sees the load balancer's clients and not a node's address (docs/hardening.md).
 * And enableNetworkPolicy: the network policy agent, which enforces Kubernetes NetworkPolicies on pods with and
 * without security groups (EKS user guide, "Restrict Pod network traffic with Kubernetes network policies":
 * "Enable the network policy parameter for the add-on"; it works in strict mode, docs/workload.md).
 * Key names and string values follow the add-on's configuration schema
 * (`aws eks describe-addon-configuration --addon-name vpc-cni`): `init` is lower case, values are strings.
 */
export const POD_ENI_CONFIGURATION = frozen({
  env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" },
  init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } },
  enableNetworkPolicy: "true",
} as const);

export interface VpcCniAddonProps {
  /** Name of the cluster (a reference to it, so the add-on is created after the cluster). */
  readonly clusterName: string;
  /** The cluster's Kubernetes version (a reference to its `version`): which add-on versions exist depends on it. */
  readonly kubernetesVersion: string;
  /**
   * A pinned EKS add-on version (v1.7.7 or later for pod security groups). It must be one AWS lists for the
   * cluster's Kubernetes version (`aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version <v>`),
   * or CreateAddon fails and no node group starts.
   * @default the most recent version EKS offers for the cluster's Kubernetes version when the add-on is created
   * or the cluster's Kubernetes version changes, and kept until then (see VpcCniAddon)
   */
  readonly version?: string;
}

/**
 * The VPC CNI as an EKS managed add-on, configured for security groups for pods. Node groups must be created
 * after it: a node only gets a trunk ENI if ENABLE_POD_ENI is set when it joins (aws/amazon-vpc-cni-k8s#2792).
 * EksCluster creates it and orders its node groups after it.
 */
export class VpcCniAddon extends Construct {
  readonly addon: EksAddon;
  /** The version lookup, when no version is pinned. */
  readonly versionLookup?: DataAwsEksAddonVersion;
  /** The looked-up version as it was when the add-on was created or Kubernetes last changed, when none is pinned. */
  readonly resolvedVersion?: TerraformData;

  constructor(scope: Construct, id: string, props: VpcCniAddonProps) {
    super(scope, id);
    let version = props.version;
    if (version === undefined) {
      // AWS's table ("Amazon VPC CNI versions", EKS user guide) lists each add-on version for some Kubernetes
      // versions only; asking EKS for the pair is the only way to be right for every version.
      this.versionLookup = new DataAwsEksAddonVersion(this, "version", {
        addonName: "vpc-cni",
        kubernetesVersion: props.kubernetesVersion,
        mostRecent: true,
      });
      // A data source is read again at every plan: taken as it is, each new vpc-cni build would become an
      // UpdateAddon in whatever deploy comes next, rolling aws-node on every node. The answer is kept instead
      // (ignore_changes on the input), and asked again only when the cluster's Kubernetes version changes
      // (triggers_replace): upgrading Kubernetes is when the CNI must follow. To upgrade the CNI alone:
      // `terraform apply -replace=<this resource's address>` (docs/lifecycle.md), or pin a version.
      this.resolvedVersion = new TerraformData(this, "resolved-version", {
        input: { version: this.versionLookup.version },
        triggersReplace: { kubernetes_version: props.kubernetesVersion },
        lifecycle: { ignoreChanges: ["input"] },
      });
      version = this.resolvedVersion.getStringAttribute("output.version");
    }
    this.addon = new EksAddon(this, "addon", {
      clusterName: props.clusterName,
      addonName: "vpc-cni",
      addonVersion: version,
      configurationValues: JSON.stringify(POD_ENI_CONFIGURATION),
      // EKS installs a self-managed aws-node at cluster creation; the managed add-on takes it over.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
    });
  }
}
