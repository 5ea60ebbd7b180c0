import type { Construct } from "constructs";
import { accountIdOf, dnsSuffixOf, partitionOf, regionOf } from "../stack-context";
import type { KeyAccount } from "./key-policy";

/** The account, partition, region and DNS suffix keys are written with: given ones, else the provider's. */
export function keyAccountOf(scope: Construct, given: { readonly partition?: string; readonly region?: string } = {}): KeyAccount {
  const partition = partitionOf(scope, given.partition);
  return {
    accountId: accountIdOf(scope),
    partition,
    region: regionOf(scope, given.region),
    dnsSuffix: dnsSuffixOf(scope, given.partition),
  };
}
