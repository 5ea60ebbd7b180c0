import { dnsSuffixOf, partitionOf } from "../../aws-facts/regions";
import { manifestView, podController, type ContainerView, type ManifestView, type PodController } from "./kubernetes";
import { policyStatements, type PolicyStatement } from "./policy-documents";
import { literalOf, ReferenceResolver, type Reference } from "./references";
import { securityGroupRules, type WrittenSecurityGroupRule } from "./security-group-rules";
import { StackConfig, type TerraformBlock } from "./terraform-config";

/** Where a block runs: its provider's region (written literally in the stack), that region's partition and DNS suffix. */
export interface Placement {
  readonly region: string;
  readonly partition: string;
  readonly dnsSuffix: string;
}

export interface EnvironmentModelInput {
  /** Environment name ("dev"). */
  readonly name: string;
  /** environment.config.production: some rules are stricter there. */
  readonly production: boolean;
  /** The environment's synthesized stacks (platform and workload), resolved Terraform JSON with "//" metadata. */
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly json: Record<string, any> }>;
}

/**
 * One environment, both stacks, as the rules see it: Terraform blocks mapped to construct paths, references
 * followed across stacks, policy statements read from either style. The security chain built from them (which
 * pod carries which groups, reaches what, may do what) is chainOf(model) (src/policy/chain.ts), which this model
 * never imports. Rules stay short and declarative; everything about Terraform's shapes lives here.
 */
export class EnvironmentModel {
  readonly name: string;
  readonly production: boolean;
  readonly stacks: ReadonlyMap<string, StackConfig>;
  readonly resolver: ReferenceResolver;
  private cachedRules?: WrittenSecurityGroupRule[];
  private cachedManifests?: ManifestView[];

  constructor(input: EnvironmentModelInput) {
    this.name = input.name;
    this.production = input.production;
    this.stacks = new Map(input.stacks.map((stack) => [stack.name, new StackConfig(stack.name, stack.json)]));
    this.resolver = new ReferenceResolver(this.stacks);
  }

  // ---- Terraform blocks and references ----------------------------------------------------------------

  resources(type: string): TerraformBlock[] {
    return [...this.stacks.values()].flatMap((stack) => stack.resources(type));
  }

  dataSources(type: string): TerraformBlock[] {
    return [...this.stacks.values()].flatMap((stack) => stack.dataSources(type));
  }

  /** All references in a value written in `holder`'s stack. */
  references(holder: TerraformBlock, value: unknown): Reference[] {
    return this.resolver.references(holder.stack, value);
  }

  /** The one reference `value` consists of, if it is exactly `${<reference>}`. */
  reference(holder: TerraformBlock, value: unknown): Reference | undefined {
    return this.resolver.single(holder.stack, value);
  }

  /** True when `value` (written in `holder`'s stack) is exactly `${<target>.<attribute>}`. */
  isReferenceTo(holder: TerraformBlock, value: unknown, target: TerraformBlock, attribute: string): boolean {
    return this.resolver.isReferenceTo(holder.stack, value, target, attribute);
  }

  /** Blocks whose `attribute` value (written in their own stack) references `target.targetAttribute`. */
  referrers(type: string, attribute: string, target: TerraformBlock, targetAttribute: string): TerraformBlock[] {
    return this.resources(type).filter((block) => this.isReferenceTo(block, block.config[attribute], target, targetAttribute));
  }

  /** Addresses in a block's depends_on, in its own stack. */
  dependsOn(block: TerraformBlock): string[] {
    return (block.config.depends_on ?? []).map(String);
  }

  /**
   * Whether `block` is created after `other`: within one stack, `depends_on` names it; across stacks, the block's
   * stack reads the other's outputs (cdktf's cross-stack remote state, from which it orders `cdktf deploy`).
   */
  appliedAfter(block: TerraformBlock, other: TerraformBlock): boolean {
    if (block.stack === other.stack) return this.dependsOn(block).includes(other.address);
    return this.stacks.get(block.stack)?.block(`data.terraform_remote_state.cross-stack-reference-input-${other.stack}`) !== undefined;
  }

  /** Human name of a block for messages: its Name/name/identifier, else its construct path. */
  label(block: TerraformBlock): string {
    const c = block.config;
    const name = c.name ?? c.identifier ?? c.node_group_name ?? c.tags?.Name ?? c.manifest?.metadata?.name;
    return typeof name === "string" && !name.includes("${") ? `${block.type} "${name}"` : `${block.type} at ${block.path}`;
  }

  // ---- Kubernetes ------------------------------------------------------------------------------------------

  manifests(kind?: string): ManifestView[] {
    this.cachedManifests ??= this.resources("kubernetes_manifest").flatMap((block) => manifestView(block) ?? []);
    return kind ? this.cachedManifests.filter((m) => m.kind === kind) : this.cachedManifests;
  }

  podControllers(): PodController[] {
    return this.manifests().flatMap((manifest) => podController(manifest) ?? []);
  }

  /** The region, partition and DNS suffix of the provider a block uses, when the stack writes the region. */
  placementOf(block: TerraformBlock): Placement | undefined {
    const region = this.stacks.get(block.stack)?.providerRegion(block.config.provider);
    if (region === undefined) return undefined;
    const partition = partitionOf(region);
    return { region, partition, dnsSuffix: dnsSuffixOf(partition) };
  }

  /** The RDS instance a container connects to: the one an env var's value refers to (its address or endpoint). */
  databaseOfContainer(pod: PodController, container: ContainerView): TerraformBlock | undefined {
    for (const env of container.spec.env ?? []) {
      const reference = this.references(pod.manifest.resource, env?.value).find(
        (r) => r.block.type === "aws_db_instance" && ["address", "endpoint"].includes(r.attribute),
      );
      if (reference) return reference.block;
    }
    return undefined;
  }

  // ---- Security groups and IAM, as written ---------------------------------------------------------------------

  /** Every security-group rule of every stack, ingress and egress, read once (security-group-rules.ts). */
  securityGroupRules(): readonly WrittenSecurityGroupRule[] {
    this.cachedRules ??= [...this.stacks.values()].flatMap((stack) => securityGroupRules(stack));
    return this.cachedRules;
  }

  /** The role's trust policy, or undefined when it cannot be read (then nothing about it is proven). */
  trustStatements(role: TerraformBlock): PolicyStatement[] | undefined {
    return policyStatements(role, role.config.assume_role_policy, this.stacks, this.resolver);
  }

  /** Identity-based statements of a role: inline policies (both styles) and attached customer policies. */
  permissionStatements(role: TerraformBlock): PolicyStatement[] {
    const refersToRole = (holder: TerraformBlock, value: unknown) =>
      this.isReferenceTo(holder, value, role, "name") || this.isReferenceTo(holder, value, role, "id");
    const inline = this.resources("aws_iam_role_policy")
      .filter((policy) => refersToRole(policy, policy.config.role))
      .flatMap((policy) => policyStatements(policy, policy.config.policy, this.stacks, this.resolver) ?? []);
    const embedded = ((role.config.inline_policy ?? []) as any[]).flatMap(
      (policy) => policyStatements(role, policy.policy, this.stacks, this.resolver) ?? [],
    );
    const attached = this.resources("aws_iam_role_policy_attachment")
      .filter((attachment) => refersToRole(attachment, attachment.config.role))
      .flatMap((attachment) => {
        const ref = this.reference(attachment, attachment.config.policy_arn);
        if (ref?.block.type !== "aws_iam_policy") return [];
        return policyStatements(ref.block, ref.block.config.policy, this.stacks, this.resolver) ?? [];
      });
    return [...inline, ...embedded, ...attached];
  }

  /** ARNs of the managed policies attached to a role: literal where they resolve to one, else as written. */
  attachedPolicyArns(role: TerraformBlock): string[] {
    const arn = (holder: TerraformBlock, value: unknown) => literalOf(this.resolver.template(holder.stack, value)) ?? String(value);
    const attached = this.resources("aws_iam_role_policy_attachment")
      .filter((a) => this.isReferenceTo(a, a.config.role, role, "name") || this.isReferenceTo(a, a.config.role, role, "id"))
      .map((a) => arn(a, a.config.policy_arn));
    const exclusive = this.resources("aws_iam_role_policy_attachments_exclusive")
      .filter((a) => this.isReferenceTo(a, a.config.role_name, role, "name"))
      .flatMap((a) => (a.config.policy_arns ?? []).map((value: unknown) => arn(a, value)));
    return [...attached, ...exclusive, ...(role.config.managed_policy_arns ?? []).map((value: unknown) => arn(role, value))];
  }

  // ---- EKS --------------------------------------------------------------------------------------------------

  /** The IAM OIDC providers created for a cluster: their url is the cluster's issuer. */
  oidcProvidersOf(cluster: TerraformBlock): TerraformBlock[] {
    return this.referrers("aws_iam_openid_connect_provider", "url", cluster, "identity[0].oidc[0].issuer");
  }
}
