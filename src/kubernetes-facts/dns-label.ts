/**
 * A Kubernetes DNS-1123 label (RFC 1123): lower-case letters, digits and '-', starting and ending with a letter or
 * digit, at most 63 characters. Namespaces, service accounts, node groups, cluster and environment names.
 */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_1123_LABEL.test(name);
}
