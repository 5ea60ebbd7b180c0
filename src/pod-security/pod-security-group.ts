import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import type { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { PostgresDatabase } from "../rds/database";

export interface PodSecurityGroupProps {
  readonly name: string;
  readonly description: string;
  readonly vpcId: string;
  /** Where CoreDNS runs: the EKS cluster security group (it is on every managed node). */
  readonly clusterSecurityGroupId: string;
  /** The database this group's pods may reach; its security group admits this one on the DB port. */
  readonly database: PostgresDatabase;
}

/**
 * A security group for pods (attached through a SecurityGroupPolicy to a pod's branch ENI). It is the only
 * key to the database port: the database's security group admits it and nothing else.
 *
 * Egress is exactly what the pod needs from this group: the database port to the database, and DNS to
 * CoreDNS. The article opened DNS as *ingress* from the cluster group, which is the wrong direction; it only
 * worked because the cluster group, attached to the pod as well, allows everything out.
 */
export class PodSecurityGroup extends Construct {
  readonly securityGroup: SecurityGroup;
  /** The rule on the database's security group that admits this group. */
  readonly databaseIngress: VpcSecurityGroupIngressRule;

  constructor(scope: Construct, id: string, props: PodSecurityGroupProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, "security-group", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });

    const port = props.database.port;
    new VpcSecurityGroupEgressRule(this, "to-database", {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.database.securityGroup.id,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "PostgreSQL to the RDS instance",
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
    this.databaseIngress = props.database.allowFrom(id, this.securityGroup.id, `PostgreSQL from pod security group ${props.name}`);
  }

  get id(): string {
    return this.securityGroup.id;
  }
}
