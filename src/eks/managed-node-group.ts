import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { architectureOf } from "../aws-facts/instance-types";
import type { NodeRole } from "./node-role";

export interface ManagedNodeGroupProps {
  readonly clusterName: string;
  readonly name: string;
  readonly nodeRole: NodeRole;
  readonly subnetIds: string[];
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  readonly diskSizeGiB: number;
  /** Kubernetes node labels, e.g. { type: "private" } for the nodeSelector of the application. */
  readonly labels: Record<string, string>;
  /** Must include the VPC CNI add-on: nodes only get a trunk ENI if pod ENIs are enabled when they join. */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * An EKS managed node group on a launch template that requires IMDSv2 with a hop limit of 1 (pods cannot
 * reach the node's instance role; they use IRSA) and encrypts the root volume.
 */
export class ManagedNodeGroup extends Construct {
  readonly nodeGroup: EksNodeGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${props.name}-`,
      description: `Nodes of ${props.clusterName}/${props.name}: IMDSv2 only, encrypted root volume`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: props.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      tagSpecifications: [{ resourceType: "instance", tags: { Name: `${props.clusterName}-${props.name}` } }],
    });

    const arm = architectureOf(props.instanceTypes[0]) === "arm64";
    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      nodeGroupName: props.name,
      nodeRoleArn: props.nodeRole.role.arn,
      subnetIds: props.subnetIds,
      instanceTypes: [...props.instanceTypes],
      amiType: arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      scalingConfig: { minSize: props.minSize, desiredSize: props.desiredSize, maxSize: props.maxSize },
      updateConfig: { maxUnavailable: 1 },
      labels: props.labels,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      // A cluster autoscaler owns desired size once the group exists.
      lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
      dependsOn: [...props.nodeRole.attachments, ...props.dependsOn],
    });
  }
}
