import { manifestView, podController, selectorMatches, type ManifestView, type PodController } from "./kubernetes";
import { policyStatements, type PolicyStatement } from "./policy-documents";
import { literalOf, ReferenceResolver, type Reference } from "./references";
import { ingressRules, type IngressRule } from "./security-group-rules";
import { StackConfig, type TerraformBlock } from "./terraform-config";

export interface EnvironmentModelInput {
  /** Environment name ("dev"). */
  readonly name: string;
  /** environment.config.production: some rules are stricter there. */
  readonly production: boolean;
  /** The environment's synthesized stacks (platform and workload), resolved Terraform JSON with "//" metadata. */
  readonly stacks: ReadonlyArray<{ readonly name: string; readonly json: Record<string, any> }>;
}

export const ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
export const SECURITY_GROUP_POLICY_KIND = "SecurityGroupPolicy";

/**
 * One environment, both stacks, as the rules see it: Terraform blocks mapped to construct paths, references
 * followed across stacks, and the lookups the chain rules share (which role a ServiceAccount names, which
 * SecurityGroupPolicy selects a pod, which groups the database admits...). Rules stay short and declarative;
 * everything about Terraform's shapes lives here.
 */
export class EnvironmentModel {
  readonly name: string;
  readonly production: boolean;
  readonly stacks: ReadonlyMap<string, StackConfig>;
  readonly resolver: ReferenceResolver;
  private cachedIngress?: IngressRule[];
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

  serviceAccount(namespace: string, name: string): ManifestView | undefined {
    return this.manifests("ServiceAccount").find((sa) => sa.namespace === namespace && sa.name === name);
  }

  /** SecurityGroupPolicies in the pod's namespace that select it by its ServiceAccount's or its own labels. */
  securityGroupPoliciesSelecting(pod: PodController): ManifestView[] {
    const namespace = pod.manifest.namespace;
    const serviceAccountLabels = this.serviceAccount(namespace, pod.serviceAccountName)?.object.metadata?.labels ?? {};
    return this.manifests(SECURITY_GROUP_POLICY_KIND).filter((sgp) => {
      if (sgp.namespace !== namespace) return false;
      const spec = sgp.object.spec ?? {};
      return (
        (spec.serviceAccountSelector !== undefined && selectorMatches(spec.serviceAccountSelector, serviceAccountLabels)) ||
        (spec.podSelector !== undefined && selectorMatches(spec.podSelector, pod.podLabels))
      );
    });
  }

  /** The security groups a SecurityGroupPolicy lists, resolved where they are Terraform references. */
  securityGroupsOf(sgp: ManifestView): Array<{ value: unknown; reference?: Reference }> {
    return ((sgp.object.spec?.securityGroups?.groupIds ?? []) as unknown[]).map((value) => ({
      value,
      reference: this.reference(sgp.resource, value),
    }));
  }

  /** `aws_security_group`s attached to node or cluster interfaces: every pod on those nodes carries them. */
  nodeSecurityGroups(): Set<TerraformBlock> {
    const onNodes = new Set<TerraformBlock>();
    const attached = (holder: TerraformBlock, value: unknown) =>
      this.references(holder, value).forEach((ref) => ref.block.type === "aws_security_group" && onNodes.add(ref.block));
    for (const template of this.resources("aws_launch_template")) {
      attached(template, template.config.vpc_security_group_ids);
      attached(template, template.config.security_group_names);
      attached(template, template.config.network_interfaces);
    }
    for (const cluster of this.resources("aws_eks_cluster")) attached(cluster, cluster.config.vpc_config?.security_group_ids);
    for (const group of this.resources("aws_eks_node_group")) attached(group, group.config.remote_access);
    return onNodes;
  }

  /**
   * Pod security groups: `aws_security_group`s listed in some SecurityGroupPolicy and attached to no node or
   * cluster interface. Only these may open the database port: a group that is also on nodes would admit
   * every pod on those nodes (the EKS cluster group is on every managed node).
   */
  podSecurityGroups(): Set<TerraformBlock> {
    const onNodes = this.nodeSecurityGroups();
    const listed = new Set<TerraformBlock>();
    for (const sgp of this.manifests(SECURITY_GROUP_POLICY_KIND)) {
      for (const { reference } of this.securityGroupsOf(sgp)) {
        if (reference?.block.type === "aws_security_group" && reference.attribute === "id" && !onNodes.has(reference.block)) {
          listed.add(reference.block);
        }
      }
    }
    return listed;
  }

  // ---- Database and its clients ------------------------------------------------------------------------

  /** The RDS instance a pod connects to: the one an env var's value refers to (address or endpoint). */
  databaseOf(pod: PodController): TerraformBlock | undefined {
    for (const container of pod.containers) {
      for (const env of container.spec.env ?? []) {
        const ref = this.references(pod.manifest.resource, env?.value).find(
          (r) => r.block.type === "aws_db_instance" && ["address", "endpoint"].includes(r.attribute),
        );
        if (ref) return ref.block;
      }
    }
    return undefined;
  }

  /** Pods that talk to a database of this environment: every one of them must hold the whole chain. */
  databaseClients(): Array<{ pod: PodController; database: TerraformBlock }> {
    return this.podControllers().flatMap((pod) => {
      const database = this.databaseOf(pod);
      return database ? [{ pod, database }] : [];
    });
  }

  /** Security groups the database's interfaces carry, and values that are not references to one. */
  securityGroupsOfDatabase(database: TerraformBlock): { groups: TerraformBlock[]; unresolved: unknown[] } {
    const groups: TerraformBlock[] = [];
    const unresolved: unknown[] = [];
    for (const value of database.config.vpc_security_group_ids ?? []) {
      const ref = this.reference(database, value);
      if (ref?.block.type === "aws_security_group" && ref.attribute === "id") groups.push(ref.block);
      else unresolved.push(value);
    }
    return { groups, unresolved };
  }

  ingressRules(): IngressRule[] {
    this.cachedIngress ??= [...this.stacks.values()].flatMap((stack) => ingressRules(stack));
    return this.cachedIngress;
  }

  /** Ingress rules that open `group`. */
  ingressRulesOf(group: TerraformBlock): IngressRule[] {
    return this.ingressRules().filter((rule) =>
      rule.inlineGroup ? rule.inlineGroup === group : this.isReferenceTo(rule.resource, rule.groupValue, group, "id"),
    );
  }

  // ---- IAM ---------------------------------------------------------------------------------------------------

  /** The role a ServiceAccount's IRSA annotation names, when the annotation is a reference to a role's arn. */
  roleOfServiceAccount(serviceAccount: ManifestView): { annotation?: unknown; role?: TerraformBlock } {
    const annotation = serviceAccount.object.metadata?.annotations?.[ROLE_ARN_ANNOTATION];
    const ref = annotation === undefined ? undefined : this.reference(serviceAccount.resource, annotation);
    return { annotation, role: ref?.block.type === "aws_iam_role" && ref.attribute === "arn" ? ref.block : undefined };
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

  /** Node groups whose Kubernetes labels satisfy a nodeSelector. */
  nodeGroupsMatching(nodeSelector: Readonly<Record<string, string>>): TerraformBlock[] {
    return this.resources("aws_eks_node_group").filter((group) =>
      Object.entries(nodeSelector).every(([key, value]) => group.config.labels?.[key] === value),
    );
  }

  /**
   * Whether a subnet is private: no public IPs on launch and no default route to an internet gateway in the
   * route table associated with it. Undefined (with the reason) when the config does not say.
   */
  subnetPrivacy(holder: TerraformBlock, subnetValue: unknown): { private: boolean; reason: string; subnet?: TerraformBlock } {
    const ref = this.reference(holder, subnetValue);
    if (ref?.block.type !== "aws_subnet") return { private: false, reason: `subnet ${String(subnetValue)} is not a subnet of this environment` };
    const subnet = ref.block;
    const name = this.label(subnet);
    if (subnet.config.map_public_ip_on_launch === true) return { private: false, reason: `${name} gives instances public IPs`, subnet };
    const associations = this.referrers("aws_route_table_association", "subnet_id", subnet, "id");
    if (associations.length === 0) return { private: false, reason: `${name} has no route table association (it uses the VPC's main route table)`, subnet };
    for (const association of associations) {
      const table = this.reference(association, association.config.route_table_id)?.block;
      if (!table) return { private: false, reason: `${name}'s route table is not part of this environment`, subnet };
      const routes: any[] = [
        ...(table.config.route ?? []),
        ...this.referrers("aws_route", "route_table_id", table, "id").map((route) => route.config),
      ];
      const toInternet = routes.some(
        (route) =>
          ["0.0.0.0/0", "::/0"].includes(route.cidr_block ?? route.destination_cidr_block ?? route.ipv6_cidr_block ?? route.destination_ipv6_cidr_block) &&
          this.references(table, route.gateway_id).some((r) => r.block.type === "aws_internet_gateway"),
      );
      if (toInternet) return { private: false, reason: `${name} routes 0.0.0.0/0 to an internet gateway (a public subnet)`, subnet };
    }
    return { private: true, reason: `${name} is private`, subnet };
  }
}
