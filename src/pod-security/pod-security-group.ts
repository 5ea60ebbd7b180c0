import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Construct } from "constructs";

export interface PodSecurityGroupProps {
  readonly vpcId: string;
  /** Where CoreDNS runs: the EKS cluster security group (EksCluster.clusterSecurityGroupId; on every managed node). */
  readonly clusterSecurityGroupId: string;
  /**
   * Security group name (unique per VPC).
   * @default the construct id
   */
  readonly name?: string;
  /** @default "Pods with security groups: <name>" */
  readonly description?: string;
}

/**
 * A security group for pods (attached through a SecurityGroupPolicy to a pod's branch ENI). On its own it
 * opens nothing but DNS to CoreDNS: it becomes the key to the database port with
 * `database.allowFrom(podSecurityGroup)`, which adds the ingress rule on the database's group and the egress
 * rule on this one.
 *
 * The article opened DNS as *ingress* from the cluster group, which is the wrong direction; it only worked
 * because the cluster group, attached to the pod as well, allows everything out. For the same reason this
 * group's egress rules are not an egress control while the cluster group is attached too (docs/workload.md).
 */
export class PodSecurityGroup extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly name: string;

  constructor(scope: Construct, id: string, props: PodSecurityGroupProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: this.name,
      description: props.description ?? `Pods with security groups: ${this.name}`,
      vpcId: props.vpcId,
      tags: { Name: this.name },
    });
    for (const protocol of ["udp", "tcp"]) {
      new VpcSecurityGroupEgressRule(this, `dns-${protocol}`, {
        securityGroupId: this.securityGroup.id,
        referencedSecurityGroupId: props.clusterSecurityGroupId,
        ipProtocol: protocol,
        fromPort: 53,
        toPort: 53,
        description: `DNS (${protocol}) to CoreDNS`,
      });
    }
  }

  /** The group's id: what a SecurityGroupPolicy lists and a database admits. */
  get id(): string {
    return this.securityGroup.id;
  }
}
