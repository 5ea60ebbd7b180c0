import { Manifest, type ManifestConfig } from "@cdktf/provider-kubernetes/lib/manifest";
import { Lazy } from "cdktf";
import type { Construct } from "constructs";
import { toHclExpression } from "./hcl-expression";
import { manifestProblem, type KubernetesObject } from "./validate";

export interface KubernetesManifestOptions {
  readonly dependsOn?: ManifestConfig["dependsOn"];
  readonly wait?: ManifestConfig["wait"];
  readonly timeouts?: ManifestConfig["timeouts"];
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
   * `cdktf synth --hcl`: the manifest is rendered by toHclExpression (exact escaping, references as
   * expressions), not by cdktf's guessing renderer for untyped maps, which breaks multi-line strings.
   */
  protected synthesizeHclAttributes(): { [name: string]: any } {
    return {
      ...super.synthesizeHclAttributes(),
      manifest: {
        value: Lazy.stringValue({ produce: (context) => toHclExpression(context.resolve(this.definition)) }),
        isBlock: false,
        type: "reference",
        storageClassType: "anyMap",
      },
    };
  }
}
