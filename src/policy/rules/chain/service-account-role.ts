import { ROLE_ARN_ANNOTATION } from "../../../aws-facts/irsa";
import type { PolicyRule } from "../../types";
import { databaseClientPods, podName } from "./pods";

/** The ServiceAccount's IRSA annotation is a reference to an IAM role of this environment. */
export const serviceAccountRole: PolicyRule = {
  id: "CHAIN-02",
  chainLinks: ["service-account-role"],
  name: "ServiceAccountNamesIrsaRole",
  family: "chain",
  level: "error",
  title: `The pod's ServiceAccount carries \`${ROLE_ARN_ANNOTATION}\`, referring to an IAM role of this environment`,
  why: "Without the annotation the EKS pod identity webhook injects no web identity token: the pod cannot mint an RDS auth token and PostgreSQL answers `PAM authentication failed` (the article's second experiment). A hard-coded ARN may name a role of another environment or account, which the synthesized config cannot vouch for.",
  fix: `Annotate the ServiceAccount with \`${ROLE_ARN_ANNOTATION}: <ServiceAccountRole>.role.arn\` (a Terraform reference, not a literal ARN)`,
  check({ model, report }) {
    for (const pod of databaseClientPods(model)) {
      const { serviceAccount } = pod;
      if (!serviceAccount) continue; // CHAIN-01 reports it
      const { annotation, role } = serviceAccount;
      const who = `ServiceAccount ${serviceAccount.namespace}/${serviceAccount.name} (used by ${podName(pod)})`;
      if (annotation === undefined) {
        report({
          path: serviceAccount.manifest.resource.path,
          subject: pod.manifest.resource.path,
          message: `${who} has no ${ROLE_ARN_ANNOTATION} annotation: its pods get no IAM role, so IAM database authentication fails ("PAM authentication failed")`,
        });
      } else if (!role) {
        report({
          path: serviceAccount.manifest.resource.path,
          subject: pod.manifest.resource.path,
          message: `${who} has ${ROLE_ARN_ANNOTATION} = ${JSON.stringify(annotation)}, which is not a reference to an aws_iam_role of this environment`,
        });
      }
    }
  },
};
