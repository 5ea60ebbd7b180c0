import type { Container, Volume, VolumeMount } from "kubernetes-types/core/v1";
import { RESTRICTED_CONTAINER_SECURITY } from "./pod-hardening";

/** Pinned curl (Alpine, non-root): fetches the RDS CA bundle and talks to the Kubernetes API. */
export const CURL_IMAGE = "curlimages/curl:8.11.1";

/** Where the database's CA bundle is mounted in the containers that connect. */
export const RDS_CA_DIRECTORY = "/etc/rds-ca";
export const RDS_CA_FILE = `${RDS_CA_DIRECTORY}/bundle.pem`;

const VOLUME = "rds-ca";

/**
 * Downloads the region's RDS CA bundle over HTTPS (curl verifies AWS's server certificate against the image's
 * public CA store: the only trust a fresh pod has), and refuses to go on unless the file holds PEM
 * certificates: psql and pgJDBC then verify the database's certificate and host name against it
 * (sslmode=verify-full). Fetched at each start, so a rotated CA is picked up without a new image or release.
 */
const FETCH_SCRIPT = `set -eu
curl --fail --silent --show-error --proto '=https' --tlsv1.2 --retry 5 --retry-all-errors --max-time 30 -o ${RDS_CA_FILE}.download "$RDS_CA_BUNDLE_URL"
count="$(grep -c -- '-----BEGIN CERTIFICATE-----' ${RDS_CA_FILE}.download || true)"
if [ "$count" -lt 1 ]; then echo "$RDS_CA_BUNDLE_URL holds no PEM certificate" >&2; exit 1; fi
mv ${RDS_CA_FILE}.download ${RDS_CA_FILE}
echo "RDS CA bundle: $count certificates from $RDS_CA_BUNDLE_URL"
`;

/** The init container, its scratch volume, and the read-only mount for the containers that connect. */
export function rdsCaBundle(url: string): { initContainer: Container; volume: Volume; mount: VolumeMount } {
  return {
    volume: { name: VOLUME, emptyDir: {} },
    mount: { name: VOLUME, mountPath: RDS_CA_DIRECTORY, readOnly: true },
    initContainer: {
      name: "fetch-rds-ca",
      image: CURL_IMAGE,
      command: ["/bin/sh", "-c"],
      args: [FETCH_SCRIPT],
      env: [{ name: "RDS_CA_BUNDLE_URL", value: url }],
      resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { cpu: "200m", memory: "64Mi" } },
      securityContext: RESTRICTED_CONTAINER_SECURITY,
      volumeMounts: [{ name: VOLUME, mountPath: RDS_CA_DIRECTORY }],
    },
  };
}
