import type { PolicyRule } from "../../types";
import { checkov, trivy } from "../../counterparts";

export const kmsKeyRotation: PolicyRule = {
  id: "AWS-17",
  name: "KmsKeyRotation",
  family: "aws",
  level: "error",
  title: "Every symmetric KMS key rotates its key material automatically (enable_key_rotation = true)",
  why: "Without rotation one key material protects every object the key ever encrypted; rotation limits how much data a single compromised or broken key material exposes, and old material stays available for decryption, so nothing breaks.",
  fix: "Create keys the way the constructs do (databaseEncryptionKey, or the keys EksCluster and LogArchive make): they set enable_key_rotation = true",
  counterparts: [
    checkov(
      "CKV_AWS_7",
      "weaker",
      "skips HMAC and custom key store keys, which KMS cannot rotate automatically; CKV_AWS_7 fails an HMAC key without rotation",
    ),
    trivy(
      "AVD-AWS-0065",
      "weaker",
      "skips asymmetric and HMAC keys, which cannot rotate automatically; AVD-AWS-0065 skips signing keys only",
    ),
  ],
  check({ model, report }) {
    for (const key of model.resources("aws_kms_key")) {
      const c = key.config;
      const spec = c.customer_master_key_spec ?? c.key_spec ?? "SYMMETRIC_DEFAULT";
      // KMS developer guide, "Rotate AWS KMS keys": automatic rotation is for symmetric encryption keys with KMS-generated
      // material only, not asymmetric or HMAC keys, nor keys in a custom key store.
      if (spec !== "SYMMETRIC_DEFAULT" || c.custom_key_store_id !== undefined || c.xks_key_id !== undefined) continue;
      if (c.enable_key_rotation === true) continue;
      report({
        path: key.path,
        message: `${model.label(key)} is a symmetric key without automatic rotation (enable_key_rotation is ${JSON.stringify(c.enable_key_rotation ?? "unset, false by default")})`,
      });
    }
  },
};
