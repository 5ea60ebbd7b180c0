import { Manifest, type ManifestConfig } from "@cdktf/provider-kubernetes/lib/manifest";
import { Lazy } from "cdktf";
import type { Construct } from "constructs";
import { bareReference, rawHclExpression } from "../cdktf-workarounds";
import { toHclExpression } from "./hcl-expression";
import { manifestProblem, type KubernetesObject } from "./validate";

export interface KubernetesManifestOptions {
  readonly dependsOn?: ManifestConfig["dependsOn"];
  readonly wait?: ManifestConfig["wait"];
  readonly timeouts?: ManifestConfig["timeouts"];
  readonly lifecycle?: ManifestConfig["lifecycle"];
}

/**
 * A `kubernetes_manifest` built from a typed object. The object is validated at construction (a bad manifest
 * fails synth, naming the construct) and kept on the construct, so policy checks read the same shape a
 * reviewer sees in `cdktf synth`.
 */
export class KubernetesManifest<T extends KubernetesObject = KubernetesObject> extends Manifest {
  /** The typed object, as written to the manifest attribute. */
  readonly definition: T;

  constructor(scope: Construct, id: string, object: T, options: KubernetesManifestOptions = {}) {
    const problem = manifestProblem(object);
    if (problem) {
      const name = `${object.kind} ${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
      throw new Error(`Invalid Kubernetes manifest ${name} at ${scope.node.path}/${id}: ${problem}`);
    }
    super(scope, id, { manifest: object as Record<string, unknown>, ...options });
    this.definition = object;
  }

  /**
   * replace_triggered_by in JSON: cdktf 0.21 writes a resource given there as "${type.name}"
   * (lib/terraform-resource.js, lifecycleToTerraform: `x.fqn`), which Terraform's JSON syntax refuses ("Invalid
   * character" / "Invalid expression"), while it reads the bare "type.name". HCL output is right as it is
   * (`"${type.name}"` is an interpolation there). __tests__/terraform/replace-triggered-by.test.ts has both.
   */
  toTerraform(): any {
    const rendered = super.toTerraform();
    const lifecycle = rendered.resource?.[this.terraformResourceType]?.[this.friendlyUniqueId]?.lifecycle;
    if (Array.isArray(lifecycle?.replace_triggered_by)) {
      // Still tokens here: resolved (and made bare) when the stack resolves its JSON.
      lifecycle.replace_triggered_by = lifecycle.replace_triggered_by.map((entry: unknown) =>
        Lazy.stringValue({ produce: (context) => bareReference(String(context.resolve(entry))) }),
      );
    }
    return rendered;
  }

  /**
   * `cdktf synth --hcl`: the manifest is rendered by toHclExpression (exact escaping, references as
   * expressions), not by cdktf's guessing renderer for untyped maps, which breaks multi-line strings.
   */
  protected synthesizeHclAttributes(): { [name: string]: any } {
    return {
      ...super.synthesizeHclAttributes(),
      manifest: rawHclExpression(Lazy.stringValue({ produce: (context) => toHclExpression(context.resolve(this.definition)) })),
    };
  }
}
