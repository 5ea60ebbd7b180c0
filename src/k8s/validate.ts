/**
 * Validates manifests at synth, so a malformed object fails `cdktf synth` instead of `terraform apply`.
 * Built-in kinds are checked by kubernetes-models (the Kubernetes OpenAPI schemas: types, required fields,
 * enums); the SecurityGroupPolicy by its own schema. Unknown fields are caught earlier, by the TypeScript
 * types of kubernetes-types. The tests add a stricter check against Kubernetes 1.30 schemas.
 */
import { ValidatingAdmissionPolicy } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy";
import { ValidatingAdmissionPolicyBinding } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Job } from "kubernetes-models/batch/v1/Job";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { ObjectMeta } from "kubernetes-types/meta/v1";
import { SecurityGroupPolicySchema } from "./manifests/security-group-policy";

/** The shape every manifest shares (kubernetes-types declares apiVersion and kind optional). */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

type Validator = (object: KubernetesObject) => void;

const modelValidator =
  (Model: new (data: never) => { validate(): void }): Validator =>
  (object) =>
    new Model(object as never).validate();

const VALIDATORS: Record<string, Validator> = {
  "v1/Namespace": modelValidator(Namespace),
  "v1/ServiceAccount": modelValidator(ServiceAccount),
  "v1/Service": modelValidator(Service),
  "v1/ConfigMap": modelValidator(ConfigMap),
  "apps/v1/Deployment": modelValidator(Deployment),
  "batch/v1/Job": modelValidator(Job),
  "networking.k8s.io/v1/NetworkPolicy": modelValidator(NetworkPolicy),
  "rbac.authorization.k8s.io/v1/Role": modelValidator(Role),
  "rbac.authorization.k8s.io/v1/RoleBinding": modelValidator(RoleBinding),
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy": modelValidator(ValidatingAdmissionPolicy),
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding": modelValidator(ValidatingAdmissionPolicyBinding),
  "vpcresources.k8s.aws/v1beta1/SecurityGroupPolicy": (object) => {
    const result = SecurityGroupPolicySchema.safeParse(object);
    if (!result.success) {
      throw new Error(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "));
    }
  },
};

/** The reason a manifest is invalid, or undefined when it is valid. */
export function manifestProblem(object: KubernetesObject): string | undefined {
  if (!object.apiVersion || !object.kind) return "apiVersion and kind are required";
  const validator = VALIDATORS[`${object.apiVersion}/${object.kind}`];
  if (!validator) return `no schema for ${object.apiVersion} ${object.kind}; add one to src/k8s/validate.ts`;
  try {
    validator(object);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
