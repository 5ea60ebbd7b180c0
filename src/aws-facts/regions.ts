/**
 * Partitions, their DNS suffixes and which Regions are opt-in come from @aws-cdk/region-info (the table the AWS
 * CDK keeps for every Region, updated with each launch), not from this file. Only its small aws-entities module
 * is loaded: the package index also loads 5 MB of service facts this project does not use (about 70 ms).
 */
import { AWS_REGIONS_AND_RULES, partitionInformation, RULE_CLASSIC_PARTITION_BECOMES_OPT_IN } from "@aws-cdk/region-info/lib/aws-entities";

/**
 * AWS Regions and the Availability Zone letters that exist in each, from the AWS documentation
 * "Regions and Availability Zones" (docs.aws.amazon.com/global-infrastructure/latest/regions).
 *
 * AZ *names* are mapped per account, so the letters below are the union of the names any account can
 * see (us-west-1 accounts see two of a/b/c, for example). A name outside this set cannot exist.
 * A new Region is one line here.
 */
const REGION_AZ_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-east-2": "abc",
  "us-west-1": "abc",
  "us-west-2": "abcd",
  "af-south-1": "abc",
  "ap-east-1": "abc",
  "ap-east-2": "abc",
  "ap-south-1": "abc",
  "ap-south-2": "abc",
  "ap-southeast-1": "abc",
  "ap-southeast-2": "abc",
  "ap-southeast-3": "abc",
  "ap-southeast-4": "abc",
  "ap-southeast-5": "abc",
  "ap-southeast-6": "abc",
  "ap-southeast-7": "abc",
  "ap-northeast-1": "abcd",
  "ap-northeast-2": "abcd",
  "ap-northeast-3": "abc",
  "ca-central-1": "abd",
  "ca-west-1": "abc",
  "eu-central-1": "abc",
  "eu-central-2": "abc",
  "eu-west-1": "abc",
  "eu-west-2": "abc",
  "eu-west-3": "abc",
  "eu-south-1": "abc",
  "eu-south-2": "abc",
  "eu-north-1": "abc",
  "il-central-1": "abc",
  "me-south-1": "abc",
  "me-central-1": "abc",
  "mx-central-1": "abc",
  "sa-east-1": "abc",
  "us-gov-east-1": "abc",
  "us-gov-west-1": "abc",
  "cn-north-1": "abd",
  "cn-northwest-1": "abc",
};

export const KNOWN_REGIONS: readonly string[] = Object.keys(REGION_AZ_LETTERS);

export function isKnownRegion(region: string): boolean {
  return Object.hasOwn(REGION_AZ_LETTERS, region);
}

/** All AZ names that can exist in a Region, e.g. eu-west-1a, eu-west-1b, eu-west-1c. */
export function availabilityZonesOf(region: string): string[] {
  return [...(REGION_AZ_LETTERS[region] ?? "")].map((letter) => `${region}${letter}`);
}

/**
 * Regions launched after March 20, 2019 are disabled in an account until someone enables them ("Enable or
 * disable AWS Regions in your account"); every API call there fails until then. region-info lists Regions in
 * launch order, with a marker where the aws partition's Regions became opt-in.
 */
export const OPT_IN_REGIONS: readonly string[] = AWS_REGIONS_AND_RULES.slice(
  AWS_REGIONS_AND_RULES.indexOf(RULE_CLASSIC_PARTITION_BECOMES_OPT_IN) + 1,
).filter((region): region is string => typeof region === "string" && partitionInformation(region).partition === "aws");

/** The ARN partition of a Region ("aws", "aws-cn", "aws-us-gov"...): ARNs are written at synth time, so this must not be guessed at apply. */
export function partitionOf(region: string): string {
  return partitionInformation(region).partition;
}

/**
 * The DNS suffix of a partition's service endpoints (`logs.<region>.<suffix>`, `secretsmanager.<region>.<suffix>`
 * in kms:ViaService): amazonaws.com.cn in China, amazonaws.com in aws and aws-us-gov (what data "aws_partition"
 * reports as dns_suffix).
 */
export function dnsSuffixOf(partition: string): string {
  const region = AWS_REGIONS_AND_RULES.find(
    (entry): entry is string => typeof entry === "string" && partitionInformation(entry).partition === partition,
  );
  return partitionInformation(region ?? "").domainSuffix;
}
