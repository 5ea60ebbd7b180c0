import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import { isDnsLabel } from "../kubernetes-facts/dns-label";
import { STS_AUDIENCE, type OidcProvider } from "../eks/oidc-provider";

export interface ServiceAccountRoleProps {
  readonly oidcProvider: OidcProvider;
  /** Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** Name of the Kubernetes service account that may assume the role. */
  readonly serviceAccount: string;
  readonly roleName: string;
  readonly description?: string;
}

/** The `sub` claim of a Kubernetes service-account token. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/**
 * IAM Roles for Service Accounts: a role only one service account of one cluster can assume.
 *
 * The trust policy is Federated on the cluster's OIDC provider, with StringEquals (never StringLike, never
 * wildcards) on both `<issuer>:sub` = system:serviceaccount:<ns>:<sa> and `<issuer>:aud` = sts.amazonaws.com.
 * Without the `sub` condition any pod of the cluster could assume the role.
 */
export class ServiceAccountRole extends Construct {
  readonly role: IamRole;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly trustPolicy: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: ServiceAccountRoleProps) {
    super(scope, id);
    for (const [field, value] of Object.entries({ namespace: props.namespace, serviceAccount: props.serviceAccount })) {
      if (!isDnsLabel(value)) {
        throw new Error(
          `ServiceAccountRole ${this.node.path}: ${field} "${value}" is not a DNS-1123 label (wildcards are never allowed in a trust policy). Fix: pass the exact name`,
        );
      }
    }
    this.namespace = props.namespace;
    this.serviceAccount = props.serviceAccount;
    const issuer = props.oidcProvider.issuerHostPath;

    this.trustPolicy = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [props.oidcProvider.arn] }],
          condition: [
            {
              test: "StringEquals",
              variable: `${issuer}:sub`,
              values: [serviceAccountSubject(props.namespace, props.serviceAccount)],
            },
            { test: "StringEquals", variable: `${issuer}:aud`, values: [STS_AUDIENCE] },
          ],
        },
      ],
    });

    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description:
        props.description ?? `IRSA role of service account ${props.namespace}/${props.serviceAccount}`,
      assumeRolePolicy: this.trustPolicy.json,
      maxSessionDuration: 3600,
    });
  }
}
