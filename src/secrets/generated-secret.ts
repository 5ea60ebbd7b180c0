import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { Construct } from "constructs";
import { RoleGrants, type Grant } from "../iam/grants";
import type { ServiceAccountRole } from "../iam/service-account-role";
import { keyAccountOf } from "../kms/key-account";
import type { KeyAccount } from "../kms/key-policy";

/**
 * The version id the first value is written with. PutSecretValue with a ClientRequestToken that already names a
 * version "fails because you can't modify a secret version" when the value differs, and is ignored when it is
 * the same (Secrets Manager API reference, PutSecretValue, ClientRequestToken): two first writers racing each
 * other cannot both succeed, and the loser reads the winner's value. 32-64 characters.
 */
export const FIRST_VERSION_TOKEN = "first-value-generated-by-secrets-manager";

export interface GeneratedSecretProps {
  /** The secret's name, unique per account and region. */
  readonly name: string;
  readonly description: string;
  /** The key that encrypts the value; it must let principals of the account use it through Secrets Manager. */
  readonly kmsKey: KmsKey;
  /** @default read at plan time (data "aws_partition") */
  readonly partition?: string;
  /** @default read at plan time (data "aws_region") */
  readonly region?: string;
}

/**
 * A Secrets Manager secret whose value never passes through Terraform: Terraform creates the secret (its name,
 * key and 30-day recovery window) and no version. The first reader finds it empty, has Secrets Manager generate
 * a value (GetRandomPassword) and stores it as the first version, once (FIRST_VERSION_TOKEN); every later reader
 * gets that value. So the value is in no Terraform config, plan or state, and it lives as long as the secret:
 * create the secret where it outlives what uses it (PlatformStack: the environment's RetainedStack).
 * Metabase's MB_ENCRYPTION_SECRET_KEY is one (src/k8s/manifests/encryption-key.ts).
 */
export class GeneratedSecret extends Construct {
  readonly secret: SecretsmanagerSecret;
  private readonly kmsKey: KmsKey;
  private readonly account: KeyAccount;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id);
    this.kmsKey = props.kmsKey;
    this.account = keyAccountOf(this, props);
    this.secret = new SecretsmanagerSecret(this, "secret", {
      name: props.name,
      description: props.description,
      kmsKeyId: props.kmsKey.arn,
      recoveryWindowInDays: 30,
    });
  }

  get arn(): string {
    return this.secret.arn;
  }

  /**
   * Lets `role` read the value and write the first one: GetSecretValue and PutSecretValue on this secret,
   * GetRandomPassword (which names no resource: Service Authorization Reference, AWS Secrets Manager), and the
   * key through Secrets Manager only (kms:Decrypt to read, kms:GenerateDataKey to write: Secrets Manager user
   * guide, "Secret encryption and decryption").
   */
  grantInitialize(grantee: IamRole | ServiceAccountRole): Grant {
    return RoleGrants.of(grantee).add([
      {
        sid: "ReadAndInitializeTheSecret",
        effect: "Allow",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"],
        resources: [this.secret.arn],
      },
      { sid: "GenerateTheFirstValue", effect: "Allow", actions: ["secretsmanager:GetRandomPassword"], resources: ["*"] },
      {
        sid: "UseTheKeyThroughSecretsManager",
        effect: "Allow",
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        resources: [this.kmsKey.arn],
        condition: [
          { test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${this.account.region}.${this.account.dnsSuffix}`] },
        ],
      },
    ]);
  }
}
