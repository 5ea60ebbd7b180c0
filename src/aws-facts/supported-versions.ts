/**
 * Versions AWS supports today. Pinning to these keeps `cdktf synth` from producing a plan AWS will refuse,
 * and keeps an old environment file from silently drifting onto extended (paid) support.
 * Review when AWS publishes a new release calendar; each list is newest last.
 */

/**
 * Kubernetes versions in Amazon EKS standard support (EKS user guide, "Understand the Kubernetes version
 * lifecycle on EKS", release calendar). As of 2026-11: 1.34 until 2026-12-02, 1.35, 1.36; 1.31-1.33 are in
 * paid extended support and deliberately not accepted.
 */
export const EKS_KUBERNETES_VERSIONS = ["1.34", "1.35", "1.36"] as const;

/**
 * PostgreSQL major versions in Amazon RDS standard support (RDS user guide, "Supported PostgreSQL major
 * versions" / release calendar). 13 left standard support on 2026-02-28. IAM database authentication works on
 * all of them, and from 15 on `rds.force_ssl` defaults to 1 (TLS required), which IAM authentication needs anyway.
 */
export const RDS_POSTGRES_MAJOR_VERSIONS = ["14", "15", "16", "17", "18"] as const;

/**
 * Security groups for pods need the VPC CNI at v1.7.7 or later (EKS user guide, "Security groups for Pods").
 */
export const MIN_VPC_CNI_VERSION = "1.7.7";
