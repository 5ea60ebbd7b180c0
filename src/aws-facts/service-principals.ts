/**
 * IAM service principals of the services whose roles this project writes. They are global: "These days all
 * service principal names are standardized, and they are all of the form `<servicename>.amazonaws.com`" (AWS CDK,
 * aws-iam/lib/principals.ts, ServicePrincipal.servicePrincipalName; @aws-cdk/region-info deprecates its
 * per-partition table for the same reason), in aws-cn and aws-us-gov too. Not to be confused with endpoints and
 * regional principals such as `logs.<region>.<dns suffix>`, which take the partition's DNS suffix (regions.ts).
 */
export const SERVICE_PRINCIPALS = {
  ec2: "ec2.amazonaws.com",
  eks: "eks.amazonaws.com",
  rdsMonitoring: "monitoring.rds.amazonaws.com",
  vpcFlowLogs: "vpc-flow-logs.amazonaws.com",
} as const;
