import { frozen } from "../frozen";

/**
 * Defaults of the EKS constructs, and of the `cluster` and `nodeGroups` sections of environment files
 * (src/config/schema.ts reads them from here: one source per default).
 */
export const CLUSTER_DEFAULTS = frozen({
  /** The article's cluster name. */
  name: "eks-cluster",
  kubernetesVersion: "1.35",
  /** The upgrade policy: no silent enrolment in paid extended support; EKS upgrades at the end of standard support. */
  supportType: "STANDARD" as "STANDARD" | "EXTENDED",
  /** No public API endpoint: deploy from inside the VPC, or list your networks. Never 0.0.0.0/0 by default. */
  publicEndpointCidrs: [] as readonly string[],
  /** Empty: the OIDC issuer's root CA thumbprint is read with the tls provider's `tls_certificate`. */
  oidcThumbprints: [] as readonly string[],
} as const);

export const NODE_GROUP_DEFAULTS = frozen({
  /** A Nitro type with trunk ENIs (9 branch interfaces), so pods can get security groups. */
  instanceTypes: ["m5.large"] as readonly string[],
  minSize: 1,
  desiredSize: 1,
  maxSize: 3,
  diskSizeGiB: 20,
} as const);
