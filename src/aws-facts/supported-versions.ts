/**
 * The versions AWS offers, with the dates their support ends. Review when AWS publishes a new release calendar;
 * each list is oldest first.
 */

/** The support window of one version: dates in UTC, YYYY-MM-DD; undefined where no source read offline gives one. */
export interface SupportWindow {
  readonly version: string;
  /** From this day on the version is out of standard support. */
  readonly endOfStandardSupport?: string;
  /** From this day on it is out of extended support too. */
  readonly endOfExtendedSupport?: string;
  readonly source: string;
}

const EKS_CALENDAR =
  'EKS user guide, "Understand the Kubernetes version lifecycle on EKS", release calendar (awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc @ 0138560)';

/**
 * Amazon EKS Kubernetes release calendar. "A minor version is under standard support in Amazon EKS for the first
 * 14 months after it's released. Once a version is past the end of standard support date, it enters extended
 * support for the next 12 months"; "The dates in the following table use the UTC+0 timezone".
 * What EKS does when support ends depends on the cluster's upgrade policy (cluster.supportType): with STANDARD,
 * "Your EKS cluster eligible for automatic upgrade at the end of standard support" (EKS user guide, "Manage EKS
 * extended support"); with EXTENDED, at the end of extended support ("Existing control planes are automatically
 * updated by Amazon EKS to the earliest supported version", version FAQs).
 */
export const EKS_KUBERNETES_RELEASE_CALENDAR: readonly SupportWindow[] = [
  { version: "1.29", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23", source: EKS_CALENDAR },
  { version: "1.30", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23", source: EKS_CALENDAR },
  { version: "1.31", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26", source: EKS_CALENDAR },
  { version: "1.32", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23", source: EKS_CALENDAR },
  { version: "1.33", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29", source: EKS_CALENDAR },
  { version: "1.34", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02", source: EKS_CALENDAR },
  {
    version: "1.35",
    endOfStandardSupport: "2027-03-27",
    endOfExtendedSupport: "2028-03-27",
    source:
      "the same calendar's 1.35 row, as copied by aws-samples' EKS operation review skill (verified 2026-04-24) and endoflife.date/amazon-eks; the awsdocs copy read offline stops at 1.34",
  },
  {
    version: "1.36",
    source:
      "released on EKS (the user guide names it), but no copy of the calendar read offline gives its dates: check with `aws eks describe-cluster-versions --cluster-versions 1.36`",
  },
];

/** Every Kubernetes version the calendar lists; whether one is still supported depends on the date. */
export const EKS_KUBERNETES_VERSIONS = ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"] as const;

/**
 * PostgreSQL major versions RDS offers (RDS for PostgreSQL release notes, "Release calendar"). The project creates
 * its instances with RDS Extended Support disabled (engine_lifecycle_support), so at the end of standard support
 * "Amazon RDS upgrades your DB instance or Multi-AZ DB cluster to a supported engine version. This upgrade takes
 * place on or shortly after the RDS end of standard support date" (RDS user guide, "Creating a DB instance or a
 * Multi-AZ DB cluster with Amazon RDS Extended Support"). 12 and 13 left standard support on 2025-02-28
 * (AWS Database Blog, "Upgrade strategies for ... PostgreSQL 12") and 2026-02-28.
 */
const RDS_CALENDAR_NOT_READ =
  "RDS for PostgreSQL release calendar: not read offline; check with `aws rds describe-db-major-engine-versions --engine postgres`";
export const RDS_POSTGRES_RELEASE_CALENDAR: readonly SupportWindow[] = ["14", "15", "16", "17", "18"].map((version) => ({
  version,
  source: RDS_CALENDAR_NOT_READ,
}));

export const RDS_POSTGRES_MAJOR_VERSIONS = ["14", "15", "16", "17", "18"] as const;

/** How long before a support date synth starts warning (EKS announces an end of standard support 60 days ahead). */
export const SUPPORT_END_WARNING_DAYS = 60;

/**
 * Security groups for pods need the VPC CNI at v1.7.7 or later (EKS user guide, "Security groups for Pods").
 */
export const MIN_VPC_CNI_VERSION = "1.7.7";

/** The calendar entry of a version, if the calendar has one. */
export function supportWindowOf(calendar: readonly SupportWindow[], version: string): SupportWindow | undefined {
  return calendar.find((window) => window.version === version);
}

/** Whole days from `today` (UTC) to `date` (YYYY-MM-DD): 0 on the day itself, negative once it has passed. */
export function daysUntil(date: string, today: Date): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000);
}
