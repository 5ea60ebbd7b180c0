import type { PolicyRule } from "../../types";
import { checkov } from "../../counterparts";

export const eksSecretsEncryption: PolicyRule = {
  id: "AWS-07",
  name: "EksSecretsEnvelopeEncrypted",
  family: "aws",
  level: "error",
  title: 'EKS clusters envelope-encrypt Kubernetes Secrets with a KMS key (encryption_config on "secrets")',
  why: "Envelope encryption with a customer key means a copy of etcd is useless without KMS access, and key use is audited in CloudTrail.",
  fix: 'Set encryption_config { resources = ["secrets"], provider { key_arn = <KMS key arn> } } (EksCluster does)',
  counterparts: [
    checkov(
      "CKV_AWS_58",
      "stricter",
      'also wants the provider\'s key_arn; CKV_AWS_58 only that encryption_config resources is ["secrets"]',
    ),
  ],
  check({ model, report }) {
    for (const cluster of model.resources("aws_eks_cluster")) {
      const configs = [cluster.config.encryption_config ?? []].flat();
      const ok = configs.some((c: any) => (c?.resources ?? []).includes("secrets") && c?.provider?.key_arn);
      if (!ok)
        report({ path: cluster.path, message: `${model.label(cluster)} does not envelope-encrypt Kubernetes Secrets with a KMS key` });
    }
  },
};
