import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { DataTlsCertificate } from "@cdktf/provider-tls/lib/data-tls-certificate";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { Fn, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { STS_AUDIENCE } from "../aws-facts/irsa";

/** The audience EKS-issued service-account tokens carry for IRSA (re-exported from aws-facts/irsa). */
export { STS_AUDIENCE };

export interface OidcProviderProps {
  /** The cluster's OIDC issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<id>). */
  readonly issuerUrl: string;
  /**
   * SHA-1 thumbprints of the issuer's root CA.
   * @default [] : read at plan time with the tls provider's `tls_certificate` data source (the stack gets a
   * tls provider if it has none)
   */
  readonly thumbprints?: readonly string[];
}

/**
 * The IAM OIDC identity provider that lets IAM trust service-account tokens of one cluster (IRSA).
 * EksCluster creates one; ServiceAccountRole trusts it.
 */
export class OidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;
  /** The issuer without "https://", the prefix of the `:sub` and `:aud` condition keys. */
  readonly issuerHostPath: string;

  constructor(scope: Construct, id: string, props: OidcProviderProps) {
    super(scope, id);
    const thumbprints = props.thumbprints ?? [];
    this.provider = new IamOpenidConnectProvider(this, "provider", {
      url: props.issuerUrl,
      clientIdList: [STS_AUDIENCE],
      thumbprintList: thumbprints.length > 0 ? [...thumbprints] : [rootCaThumbprint(this, props.issuerUrl)],
    });
    this.issuerHostPath = Fn.replace(this.provider.url, "https://", "");
  }

  get arn(): string {
    return this.provider.arn;
  }
}

/**
 * tls_certificate lists the chain root first; IAM wants the root CA's thumbprint, not the leaf's, or the
 * provider breaks when the leaf rotates (aws/aws-cdk#8607).
 */
function rootCaThumbprint(scope: Construct, issuerUrl: string): string {
  ensureTlsProvider(scope);
  const certificate = new DataTlsCertificate(scope, "issuer-certificate", { url: issuerUrl });
  return Token.asString(certificate.certificates.get(0).sha1Fingerprint);
}

/** A data source of a provider the stack does not configure has no required_providers entry: add one. */
function ensureTlsProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (stack.node.children.some((child) => child instanceof TlsProvider)) return;
  new TlsProvider(stack, "tls");
}
