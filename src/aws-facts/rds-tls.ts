import { partitionOf } from "./regions";

/**
 * Where a region's RDS CA bundle is published (RDS user guide, "Using SSL/TLS to encrypt a connection to a DB
 * instance": "To get a certificate bundle that contains both the intermediate and root certificates for an AWS
 * Region, download from ..."; "All certificates are only available for download using SSL/TLS connections").
 * The regional bundle holds every CA the region's instances may use, so changing ca_cert_identifier later needs
 * no new bundle.
 * China's bundles are published on S3 in cn-north-1, not on truststore.pki: the RDS user guide for the China
 * Regions (docs.amazonaws.cn, "Using SSL/TLS to encrypt a connection to a DB instance or cluster", "Certificate
 * bundles for specific Amazon Web Services Regions") gives
 * https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/global/global-bundle.pem, which holds the CAs of both
 * China Regions (the same URL in AWS's own scripts for aws-cn, e.g. the user guide's keytool example).
 */
export const RDS_CHINA_CA_BUNDLE_URL = "https://rds-truststore.s3.cn-north-1.amazonaws.com.cn/global/global-bundle.pem";

export function rdsCaBundleUrl(region: string): string | undefined {
  switch (partitionOf(region)) {
    case "aws":
      return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
    case "aws-us-gov":
      return `https://truststore.pki.us-gov-west-1.rds.amazonaws.com/${region}/${region}-bundle.pem`;
    case "aws-cn":
      return RDS_CHINA_CA_BUNDLE_URL;
    default:
      return undefined;
  }
}

/** The CA the database presents certificates from (RDS user guide, "Certificate authorities"): RSA 2048, auto-rotating. */
export const RDS_CA_IDENTIFIER = "rds-ca-rsa2048-g1";
