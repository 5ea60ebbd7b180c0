/**
 * IAM roles for service accounts on EKS (EKS user guide, "IAM roles for service accounts"): the annotation that
 * names a pod's role, and the claims of the projected token STS checks against the role's trust policy.
 */

/** The ServiceAccount annotation the EKS pod identity webhook reads. */
export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

/** The audience of the projected token (`<issuer>:aud`). */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** The subject of a service account's token (`<issuer>:sub`). */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}
