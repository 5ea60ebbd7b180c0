import type { LabelSelector, ObjectMeta } from "kubernetes-types/meta/v1";
import { z } from "zod";

/**
 * SecurityGroupPolicy (vpcresources.k8s.aws/v1beta1), the custom resource of the VPC resource controller that
 * ships with EKS: pods it selects get a branch ENI carrying exactly the listed security groups.
 * Fields as documented by aws/amazon-vpc-resource-controller-k8s (config/crd/bases).
 */
export interface SecurityGroupPolicy {
  apiVersion: "vpcresources.k8s.aws/v1beta1";
  kind: "SecurityGroupPolicy";
  metadata: ObjectMeta;
  spec: {
    /** Selects pods by their labels. */
    podSelector?: LabelSelector;
    /** Selects pods by the labels of their service account. */
    serviceAccountSelector?: LabelSelector;
    securityGroups: { groupIds: string[] };
  };
}

export interface SecurityGroupPolicyProps {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the service accounts whose pods get the groups. */
  readonly serviceAccountLabels: Record<string, string>;
  /** Between 1 and 5 security group ids. */
  readonly securityGroupIds: string[];
}

export function securityGroupPolicy(props: SecurityGroupPolicyProps): SecurityGroupPolicy {
  return {
    apiVersion: "vpcresources.k8s.aws/v1beta1",
    kind: "SecurityGroupPolicy",
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      serviceAccountSelector: { matchLabels: props.serviceAccountLabels },
      securityGroups: { groupIds: props.securityGroupIds },
    },
  };
}

const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string(),
        operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]),
        values: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

/** The resource's schema as the controller documents it; a branch ENI takes at most five groups. */
export const SecurityGroupPolicySchema = z.strictObject({
  apiVersion: z.literal("vpcresources.k8s.aws/v1beta1"),
  kind: z.literal("SecurityGroupPolicy"),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().min(1) }),
  spec: z
    .strictObject({
      podSelector: labelSelector.optional(),
      serviceAccountSelector: labelSelector.optional(),
      securityGroups: z.strictObject({ groupIds: z.array(z.string().min(1)).min(1).max(5) }),
    })
    .refine((spec) => spec.podSelector !== undefined || spec.serviceAccountSelector !== undefined, {
      message: "selects nothing: set podSelector or serviceAccountSelector",
    }),
});
