/**
 * RDS storage autoscaling: CreateDBInstance refuses a MaxAllocatedStorage equal to the allocated storage ("Max
 * storage size must be greater than storage size") and one less than 10% above it ("The maximum allocated storage
 * must be increased by at least 10 percent"): InvalidParameterCombination, as quoted in
 * ministryofjustice/cloud-platform-environments#7483 and #24422. Leaving it unset (0) turns autoscaling off
 * (RDS user guide, "Managing capacity automatically with Amazon RDS storage autoscaling").
 */
export const MIN_AUTOSCALING_HEADROOM_PERCENT = 10;

/** The ceiling to send to RDS: none when it equals the allocated storage (autoscaling off). */
export function autoscalingCeiling(allocatedGiB: number, maxGiB: number): number | undefined {
  return maxGiB === allocatedGiB ? undefined : maxGiB;
}

/** The smallest ceiling RDS accepts above `allocatedGiB`. */
export function minimumAutoscalingCeiling(allocatedGiB: number): number {
  return Math.ceil((allocatedGiB * (100 + MIN_AUTOSCALING_HEADROOM_PERCENT)) / 100);
}
