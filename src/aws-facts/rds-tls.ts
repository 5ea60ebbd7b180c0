import { partitionOf } from "./regions";

/**
 * Where a region's RDS CA bundle is published (RDS user guide, "Using SSL/TLS to encrypt a connection to a DB
 * instance": "To get a certificate bundle that contains both the intermediate and root certificates for an AWS
 * Region, download from ..."; "All certificates are only available for download using SSL/TLS connections").
 * The regional bundle holds every CA the region's instances may use, so changing ca_cert_identifier later needs
 * no new bundle. China's bundles are published elsewhere: pass the URL to the workload.
 */
export function rdsCaBundleUrl(region: string): string | undefined {
  switch (partitionOf(region)) {
    case "aws":
      return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
    case "aws-us-gov":
      return `https://truststore.pki.us-gov-west-1.rds.amazonaws.com/${region}/${region}-bundle.pem`;
    default:
      return undefined;
  }
}

/** The CA the database presents certificates from (RDS user guide, "Certificate authorities"): RSA 2048, auto-rotating. */
export const RDS_CA_IDENTIFIER = "rds-ca-rsa2048-g1";
