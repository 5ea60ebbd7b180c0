/**
 * A Kubernetes DNS-1123 label (RFC 1123): lower-case letters, digits and '-', starting and ending with a letter or
 * digit, at most 63 characters. Namespaces, service accounts, node groups, cluster and environment names.
 */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_1123_LABEL.test(name);
}

/**
 * An RFC 1035 label: like DNS-1123, but starting with a letter. Service names must be one (kubernetes.io,
 * "Object Names and IDs": "RFC 1035 Label Names ... start with an alphabetic character"; the API server validates
 * them with apimachinery's IsDNS1035Label, pkg/apis/core/validation ValidateServiceName).
 */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The longest name a Job may have: the controller copies it into its pods' `batch.kubernetes.io/job-name` and
 * `job-name` labels, whose values have at most 63 characters (kubernetes.io, Jobs, "Writing a Job spec": "Even
 * when the name is a DNS subdomain, the name must be no longer than 63 characters").
 */
export const MAX_JOB_NAME_LENGTH = 63;
