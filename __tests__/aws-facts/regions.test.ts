/** Partitions, DNS suffixes and opt-in Regions, read from @aws-cdk/region-info; AZ letters are this project's. */
import { RegionInfo } from "@aws-cdk/region-info";
import { dnsSuffixOf, KNOWN_REGIONS, OPT_IN_REGIONS, partitionOf } from "../../src/aws-facts/regions";

test.each([
  ["eu-west-1", "aws", "amazonaws.com"],
  ["cn-north-1", "aws-cn", "amazonaws.com.cn"],
  ["cn-northwest-1", "aws-cn", "amazonaws.com.cn"],
  ["us-gov-west-1", "aws-us-gov", "amazonaws.com"],
])("%s is in %s, whose endpoints end in %s", (region, partition, suffix) => {
  expect([partitionOf(region), dnsSuffixOf(partitionOf(region))]).toEqual([partition, suffix]);
});

test("the light module gives what the package's own RegionInfo gives, for every Region the AZ table knows", () => {
  // The deep import (lib/aws-entities) is not the package's documented entry point: this fails if it drifts.
  for (const region of KNOWN_REGIONS) {
    const info = RegionInfo.get(region);
    expect([region, partitionOf(region), dnsSuffixOf(partitionOf(region)), OPT_IN_REGIONS.includes(region)]).toEqual([
      region,
      info.partition,
      info.domainSuffix,
      info.isOptInRegion,
    ]);
  }
});

test("opt-in Regions: the aws partition's since 2019, never GovCloud or China", () => {
  expect(OPT_IN_REGIONS).toEqual(expect.arrayContaining(["af-south-1", "ap-east-1", "me-south-1", "mx-central-1"]));
  expect(OPT_IN_REGIONS.filter((region) => /^(us-gov-|cn-|eu-west-1$|us-east-1$)/.test(region))).toEqual([]);
});
