import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { architectureOf } from "../aws-facts/instance-types";
import type { SubnetGroup } from "../network/network";
import type { EksCluster } from "./cluster";
import { NODE_GROUP_DEFAULTS } from "./defaults";
import type { NodeRole } from "./node-role";
import { instanceArchitectureProblems } from "../checks/cross-field";
import { dnsLabel, instanceTypeList, maxNodeCount, nodeCount, nodeDiskSizeGiB, nodeGroupSizeIssues } from "../checks/fields";
import { known, validateProps } from "../checks/validate-props";

/** What EksCluster.addNodeGroup needs: where the nodes run and how many of which kind. */
export interface NodeGroupOptions {
  /** Subnets of the nodes. Nodes are created after these subnets can reach the internet (NAT routes). */
  readonly subnets: SubnetGroup;
  /**
   * Node group name (unique per cluster).
   * @default the construct id
   */
  readonly name?: string;
  /**
   * One architecture; trunk-ENI types (Nitro, not the t family) if pods get security groups.
   * @default NODE_GROUP_DEFAULTS.instanceTypes (["m5.large"])
   */
  readonly instanceTypes?: readonly string[];
  /** @default 1 */
  readonly minSize?: number;
  /** @default 1 */
  readonly desiredSize?: number;
  /** @default 3 */
  readonly maxSize?: number;
  /** @default 20 */
  readonly diskSizeGiB?: number;
  /**
   * Kubernetes node labels, e.g. { type: "private" } for the nodeSelector of the application.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kubernetes taints: only pods that tolerate them are scheduled on these nodes.
   * @default none
   */
  readonly taints?: ReadonlyArray<{
    readonly key: string;
    readonly value?: string;
    readonly effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
  }>;
  /**
   * The nodes' IAM role.
   * @default the cluster's shared node role (EksCluster.nodeRole)
   */
  readonly nodeRole?: NodeRole;
}

export interface ManagedNodeGroupProps extends NodeGroupOptions {
  readonly cluster: EksCluster;
}

/**
 * An EKS managed node group on a launch template that requires IMDSv2 with a hop limit of 1 (pods cannot
 * reach the node's instance role; they use IRSA) and encrypts the root volume. It is created after the
 * cluster's VPC CNI add-on (a node only gets a trunk ENI, and so pods only get security groups, if
 * ENABLE_POD_ENI is set when it joins: aws/amazon-vpc-cni-k8s#2792) and after its subnets' internet routes.
 */
export class ManagedNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const { cluster } = props;
    this.name = props.name ?? id;
    this.labels = props.labels ?? {};
    const instanceTypes = props.instanceTypes ?? NODE_GROUP_DEFAULTS.instanceTypes;
    const nodeRole = props.nodeRole ?? cluster.nodeRole;
    const sizes = {
      minSize: props.minSize ?? NODE_GROUP_DEFAULTS.minSize,
      desiredSize: props.desiredSize ?? NODE_GROUP_DEFAULTS.desiredSize,
      maxSize: props.maxSize ?? NODE_GROUP_DEFAULTS.maxSize,
    };
    validateProps(this, () => ({
      props: [
        { prop: "name", value: props.name, check: dnsLabel("private-node-group") },
        { prop: "instanceTypes", value: props.instanceTypes, check: instanceTypeList },
        { prop: "minSize", value: props.minSize, check: nodeCount },
        { prop: "desiredSize", value: props.desiredSize, check: nodeCount },
        { prop: "maxSize", value: props.maxSize, check: maxNodeCount },
        { prop: "diskSizeGiB", value: props.diskSizeGiB, check: nodeDiskSizeGiB },
      ],
      together: [
        ...(Object.values(sizes).every(known)
          ? nodeGroupSizeIssues(sizes, false).map((message) => ({ field: "desiredSize", value: sizes.desiredSize, message }))
          : []),
        // The AMI type is the first instance type's architecture: another architecture in the list would not boot.
        ...(known(instanceTypes) ? instanceArchitectureProblems(instanceTypes, "instanceTypes") : []),
      ],
    }));

    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${this.name}-`,
      description: `Nodes of ${cluster.name}/${this.name}: IMDSv2 only, encrypted root volume`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: props.diskSizeGiB ?? NODE_GROUP_DEFAULTS.diskSizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [{ resourceType: "instance", tags: { Name: `${cluster.name}-${this.name}` } }],
    });

    const arm = architectureOf(instanceTypes[0]) === "arm64";
    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: cluster.name,
      nodeGroupName: this.name,
      nodeRoleArn: nodeRole.arn,
      subnetIds: props.subnets.ids,
      instanceTypes: [...instanceTypes],
      amiType: arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      scalingConfig: { ...sizes },
      updateConfig: { maxUnavailable: 1 },
      labels: { ...this.labels },
      ...(props.taints && props.taints.length > 0 ? { taint: props.taints.map((t) => ({ ...t })) } : {}),
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      // A cluster autoscaler owns desired size once the group exists.
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
      // After the role can join nodes, after pod ENIs are enabled, and after the subnets' NAT routes exist:
      // a node that boots without a way out cannot pull its images and never joins.
      dependsOn: [...nodeRole.attachments, cluster.vpcCni.addon, ...props.subnets.internetConnectivity],
    });
  }
}
