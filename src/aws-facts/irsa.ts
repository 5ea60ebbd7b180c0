/**
 * IAM roles for service accounts on EKS (EKS user guide, "IAM roles for service accounts"): the annotation that
 * names a pod's role, and the claims of the projected token STS checks against the role's trust policy.
 */

/** The ServiceAccount annotation the EKS pod identity webhook reads. */
export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * The audience of the projected token (`<issuer>:aud`), in every partition: the EKS pod identity webhook projects
 * it by default (aws/amazon-eks-pod-identity-webhook main.go, `--token-audience` "sts.amazonaws.com"), and AWS
 * CDK's aws-eks OpenIdConnectProvider registers the same client id whatever the partition. Workloads that set the
 * `eks.amazonaws.com/audience` annotation get another audience; ours do not.
 */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** The subject of a service account's token (`<issuer>:sub`). */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
