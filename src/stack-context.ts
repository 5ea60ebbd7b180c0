import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Token } from "cdktf";
import type { Construct } from "constructs";
import { dnsSuffixOf as partitionDnsSuffix } from "./aws-facts/regions";

/**
 * The partition and region that ARNs are written with. A caller that knows them at synth passes them (the
 * environment stacks do: the ARNs then read plainly in `cdktf synth` and the policy layer can check them);
 * otherwise they are read once per stack at plan time from the AWS provider's configuration, so a construct
 * used in another partition (aws-cn, aws-us-gov) never writes a wrong ARN.
 */
export function partitionOf(scope: Construct, given?: string): string {
  return given ?? stackSingleton(scope, "aws-partition", (stack, id) => new DataAwsPartition(stack, id)).partition;
}

/** The region, as partitionOf: the given one, else the AWS provider's (data "aws_region"). */
export function regionOf(scope: Construct, given?: string): string {
  return given ?? stackSingleton(scope, "aws-region", (stack, id) => new DataAwsRegion(stack, id)).name;
}

/**
 * The region when it is known at synth: the given one, else the literal region of the stack's AWS provider (the
 * default one, without an alias). Undefined when only apply knows it. For checks, not for ARNs (regionOf).
 */
export function knownRegionOf(scope: Construct, given?: string): string | undefined {
  if (given !== undefined) return Token.isUnresolved(given) ? undefined : given;
  const provider = TerraformStack.of(scope)
    .node.findAll()
    .find((construct): construct is AwsProvider => construct instanceof AwsProvider && construct.alias === undefined);
  const region = provider?.region;
  return typeof region === "string" && !Token.isUnresolved(region) ? region : undefined;
}

/** The DNS suffix of service principals and endpoints: from the given partition, else the provider's. */
export function dnsSuffixOf(scope: Construct, partition?: string): string {
  return partition !== undefined && !Token.isUnresolved(partition)
    ? partitionDnsSuffix(partition)
    : stackSingleton(scope, "aws-partition", (stack, id) => new DataAwsPartition(stack, id)).dnsSuffix;
}

/** The account the AWS provider deploys into (data "aws_caller_identity", one per stack). */
export function accountIdOf(scope: Construct): string {
  return stackSingleton(scope, "aws-account", (stack, id) => new DataAwsCallerIdentity(stack, id)).accountId;
}

function stackSingleton<T extends Construct>(scope: Construct, id: string, create: (stack: TerraformStack, id: string) => T): T {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? create(stack, id);
}
