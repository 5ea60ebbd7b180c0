import { TerraformStack, Testing } from "cdktf";
import type { IConstruct } from "constructs";
import { synthStacks } from "../helpers/synth";

/** A bare stack in a fresh test app: constructs are tested on their own, with their defaults. */
export function bareStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

/** The stack's resolved Terraform config in synthesis order, "//" metadata (construct paths) kept. */
export function configOf(stack: TerraformStack): any {
  // Testing.synth runs the aspects, as the synthesizer does; its render is the config.
  return JSON.parse(JSON.stringify(synthStacks([stack])[0].config));
}

/** Blocks of a type, in synthesis order. */
export function blocksOf(config: any, type: string, kind: "resource" | "data" = "resource"): any[] {
  return Object.values(config[kind]?.[type] ?? {});
}

/** The Terraform address of the one block of `type` whose construct path ends with `suffix`. */
export function addressOf(config: any, type: string, suffix: string, kind: "resource" | "data" = "resource"): string {
  const ids = Object.entries<any>(config[kind]?.[type] ?? {})
    .filter(([, block]) => String(block["//"]?.metadata?.path).endsWith(suffix))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} at *${suffix}, found ${ids.length}`);
  return `${kind === "data" ? "data." : ""}${type}.${ids[0]}`;
}

/** The block itself. */
export function blockAt(config: any, type: string, suffix: string, kind: "resource" | "data" = "resource"): any {
  const address = addressOf(config, type, suffix, kind);
  return config[kind][type][address.split(".").pop()!];
}

/** What synth would refuse: every validation error of the constructs under `scope`, with its construct's path. */
export function validationErrors(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((construct) => construct.node.validate().map((message) => `${construct.node.path}: ${message}`));
}
