/**
 * IPv4 ranges a VPC cannot use.
 * - 169.254.0.0/16: "You cannot assign ... 169.254.0.0/16 ... to a VPC" (VPC user guide, "VPC CIDR blocks":
 *   the range is link-local, and AWS serves instance metadata and the Amazon DNS server from it).
 * - 224.0.0.0/4: the multicast range (RFC 5771); its addresses are never an interface's own address, so no
 *   subnet there could hold a node, a pod or a database.
 */
export const VPC_UNUSABLE_RANGES: ReadonlyArray<{ readonly cidr: string; readonly why: string }> = [
  { cidr: "169.254.0.0/16", why: "link-local addresses, which AWS does not assign to VPCs (instance metadata and DNS live there)" },
  { cidr: "224.0.0.0/4", why: "multicast addresses (RFC 5771), never an interface's own address" },
];
