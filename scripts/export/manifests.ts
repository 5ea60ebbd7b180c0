/**
 * The workload's Kubernetes objects as YAML, for scanners that read manifests (kube-linter, kubescape, Checkov's
 * kubernetes framework): Checkov, Trivy and KICS do not look inside kubernetes_manifest.manifest, so a Terraform
 * scan of `<env>-workload` sees nothing of the workload.
 *
 * The objects are the workload stack's kubernetes_manifest resources as cdktf resolved them, in the order the
 * construct creates them. Values that come from the platform stack stay Terraform references
 * (`${data.terraform_remote_state...}`): real values exist only at apply time, and scanners read them as strings.
 */
import type { TerraformStack } from "cdktf";
import { Document } from "yaml";

/** The manifests of a stack's kubernetes_manifest resources, as plain objects. */
export function stackManifests(stack: TerraformStack): Array<Record<string, any>> {
  const config = stack.toTerraform() as { resource?: Record<string, Record<string, { manifest?: Record<string, any> }>> };
  return Object.values(config.resource?.kubernetes_manifest ?? {}).flatMap((resource) => (resource.manifest ? [resource.manifest] : []));
}

/**
 * One multi-document YAML file. Strings are written so that YAML 1.1 readers (kube-linter's, kubectl's) read them
 * back as strings: the yaml library quotes "yes", "on", "0123" and the like under its yaml-1.1 option.
 */
export function manifestsYaml(manifests: ReadonlyArray<Record<string, any>>, header: readonly string[]): string {
  const documents = manifests.map((manifest) => new Document(manifest, { version: "1.1" }).toString({ lineWidth: 0 }));
  const comment = header.map((line) => `# ${line}`).join("\n");
  return `${comment}\n${documents.map((document) => `---\n${document}`).join("")}`;
}
