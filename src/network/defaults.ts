import { frozen } from "../frozen";

/**
 * Defaults of the Network construct, and of the `network` section of environment files (src/config/schema.ts
 * reads them from here: one source per default). The subnet plan is the article's.
 */
export const NETWORK_DEFAULTS = frozen({
  vpcCidr: "10.0.0.0/16",
  /** Worker nodes and pods (one per AZ): pods take VPC addresses, so these are the large ones. */
  privateEksSubnetCidrs: ["10.0.0.0/23", "10.0.2.0/23"],
  /** Load balancers and NAT gateways (one per AZ). */
  publicEksSubnetCidrs: ["10.0.6.0/23", "10.0.8.0/23"],
  /** The database tier: no route to the internet at all (one per AZ). */
  privateRdsSubnetCidrs: ["10.0.4.0/24", "10.0.5.0/24"],
  /** "per-az" survives an AZ outage; "single" saves the cost of one NAT gateway per extra AZ. */
  natGateways: "per-az",
} as const);

export type NatGatewayLayout = "per-az" | "single";
