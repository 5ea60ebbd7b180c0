/**
 * One environment's security chain as a graph, built once from the synthesized Terraform JSON of both stacks
 * (never from the constructs' intent): pod templates and what they run as, service accounts, IAM roles and the
 * OIDC provider, the database, SecurityGroupPolicies, and the network (network.ts). Rules, the diagram and the
 * reports read it; nothing else follows these links again.
 */
import { EKS_DEFAULT_INSTANCE_TYPE, supportsTrunkEni } from "../../aws-facts/instance-types";
import { ROLE_ARN_ANNOTATION } from "../../aws-facts/irsa";
import { isInternalLoadBalancer, isNetworkLoadBalancer, preservesClientAddress } from "../../kubernetes-facts/aws-load-balancer";
import { jobPodLabels } from "../../kubernetes-facts/job-labels";
import type { EnvironmentModel } from "../model/environment-model";
import { SECURITY_GROUP_POLICY_KIND, selectorMatches, type ManifestView, type PodController } from "../model/kubernetes";
import type { PolicyStatement } from "../model/policy-documents";
import type { TerraformBlock } from "../model/terraform-config";
import { NetworkModel, type SecurityGroupNode, type SubnetNode } from "./network";
import type { EvaluableStatement } from "./permissions";
import type { NetworkInterface } from "./reachability";
import { itemsOf, type Item } from "./values";
import { databaseClientOf } from "../clients";

export interface RoleNode {
  readonly block: TerraformBlock;
  readonly label: string;
  /** Undefined when the trust policy cannot be read (neither a policy document nor literal JSON). */
  readonly trust?: readonly EvaluableStatement[];
  readonly permissions: readonly EvaluableStatement[];
}

export interface ServiceAccountNode {
  readonly manifest: ManifestView;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The role-arn annotation as written, and the role it names when it is a reference to one. */
  readonly annotation?: unknown;
  readonly role?: RoleNode;
}

export interface SecurityGroupPolicyNode {
  readonly manifest: ManifestView;
  readonly groups: ReadonlyArray<{ readonly value: unknown; readonly group?: SecurityGroupNode }>;
}

export interface NodeGroupNode {
  readonly block: TerraformBlock;
  readonly label: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly subnets: readonly SubnetNode[];
  /** subnet_ids values that are not subnets of this environment. */
  readonly unresolvedSubnets: readonly unknown[];
  /** The security groups of its nodes: EKS's cluster group unless the launch template names others. */
  readonly groups: readonly SecurityGroupNode[];
  readonly instanceTypes: readonly string[];
  /** Why its pods cannot get branch ENIs (and so SecurityGroupPolicies are ignored on it), if they cannot. */
  readonly noBranchEnis?: string;
}

export interface DatabaseNode {
  readonly block: TerraformBlock;
  readonly label: string;
  readonly port: number;
  readonly groups: readonly SecurityGroupNode[];
  /** Group values that are not groups of this environment. */
  readonly unresolvedGroups: readonly unknown[];
  readonly subnets: readonly SubnetNode[];
  readonly publiclyAccessible: boolean;
}

export interface PodNode {
  readonly controller: PodController;
  readonly manifest: ManifestView;
  readonly label: string;
  readonly serviceAccount?: ServiceAccountNode;
  readonly role?: RoleNode;
  readonly database?: DatabaseNode;
  /** The PostgreSQL user it connects as with IAM authentication, as its database client says (src/policy/clients). */
  readonly dbUser?: string;
  readonly readsMasterSecret: boolean;
  /** Other Secrets Manager secrets of the environment its containers are given (an env value is the secret's ARN). */
  readonly readsSecrets: readonly TerraformBlock[];
  readonly policies: readonly SecurityGroupPolicyNode[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly nodeGroups: readonly NodeGroupNode[];
  /** The pod's network identity where it can run: a branch ENI with its policies' groups, or its node's groups. */
  readonly interfaces: readonly NetworkInterface[];
  /** Ports kubelet probes (http and tcp probes). */
  readonly probePorts: readonly number[];
  /** The pods' labels as they are at runtime: the template's, plus what the controller adds (a Job's name). */
  readonly runtimeLabels: Readonly<Record<string, string>>;
}

export interface LoadBalancerServiceNode {
  readonly manifest: ManifestView;
  readonly label: string;
  readonly targets: readonly PodNode[];
  readonly targetPort: number;
  /** spec.externalTrafficPolicy: "Cluster" (the default) or "Local". */
  readonly externalTrafficPolicy: "Cluster" | "Local";
  /** "nlb" with the type annotation, else the cloud provider's Classic Load Balancer. */
  readonly loadBalancer: "nlb" | "classic";
  /** Whether the pods' node receives the client's own address (an NLB's instance targets, unless turned off). */
  readonly preservesClientAddress: boolean;
  /** spec.loadBalancerSourceRanges, or 0.0.0.0/0 when empty (what the controller then opens). */
  readonly sourceRanges: readonly string[];
  readonly internal: boolean;
}

/** How the VPC CNI treats pods with security groups (POD_SECURITY_GROUP_ENFORCING_MODE, "strict" by default). */
export type PodSecurityGroupMode = "strict" | "standard";

/** An edge of the chain, with the Terraform address it comes from. */
export interface ChainEdge {
  readonly from: string;
  readonly to: string;
  readonly relation: string;
  readonly address: string;
}

export class SecurityGraph {
  readonly network: NetworkModel;
  readonly clusters: readonly TerraformBlock[];
  readonly oidcProviders: readonly TerraformBlock[];
  readonly roles = new Map<string, RoleNode>();
  readonly serviceAccounts: readonly ServiceAccountNode[];
  readonly policies: readonly SecurityGroupPolicyNode[];
  readonly nodeGroups: readonly NodeGroupNode[];
  readonly databases: readonly DatabaseNode[];
  readonly pods: readonly PodNode[];
  readonly services: readonly LoadBalancerServiceNode[];
  readonly networkPolicies: readonly ManifestView[];
  /** Whether anything enforces NetworkPolicies: the VPC CNI's network policy agent (enableNetworkPolicy). */
  readonly networkPolicyEnforcement: { readonly yes: boolean; readonly why: string };
  /** The VPC CNI's POD_SECURITY_GROUP_ENFORCING_MODE (aws/amazon-vpc-cni-k8s README: default "strict"). */
  readonly podSecurityGroupMode: PodSecurityGroupMode;
  readonly edges: ChainEdge[] = [];

  constructor(readonly model: EnvironmentModel) {
    this.network = new NetworkModel(model);
    this.clusters = model.resources("aws_eks_cluster");
    this.oidcProviders = this.clusters.flatMap((cluster) => model.oidcProvidersOf(cluster));
    for (const role of model.resources("aws_iam_role")) this.roles.set(role.address, this.roleNode(role));
    this.serviceAccounts = model.manifests("ServiceAccount").map((manifest) => this.serviceAccountNode(manifest));
    this.policies = model.manifests(SECURITY_GROUP_POLICY_KIND).map((manifest) => ({
      manifest,
      groups: ((manifest.object.spec?.securityGroups?.groupIds ?? []) as unknown[]).map((value) => ({
        value,
        group: this.network.groupOf(manifest.resource, value),
      })),
    }));
    this.podSecurityGroupMode = model
      .resources("aws_eks_addon")
      .some(
        (addon) =>
          addon.config.addon_name === "vpc-cni" &&
          vpcCniConfiguration(addon.config.configuration_values)?.env?.POD_SECURITY_GROUP_ENFORCING_MODE === "standard",
      )
      ? "standard"
      : "strict";
    this.nodeGroups = model.resources("aws_eks_node_group").map((group) => this.nodeGroupNode(group));
    this.databases = model.resources("aws_db_instance").map((db) => this.databaseNode(db));
    this.pods = model.podControllers().map((controller) => this.podNode(controller));
    this.networkPolicies = model.manifests("NetworkPolicy");
    const agents = model.resources("aws_eks_addon").filter((addon) => addon.config.addon_name === "vpc-cni");
    this.networkPolicyEnforcement = agents.some(
      (addon) => vpcCniConfiguration(addon.config.configuration_values)?.enableNetworkPolicy === "true",
    )
      ? { yes: true, why: "the vpc-cni add-on runs the network policy agent (enableNetworkPolicy)" }
      : {
          yes: false,
          why:
            agents.length === 0 ? "this environment has no vpc-cni add-on" : 'the vpc-cni add-on does not set enableNetworkPolicy "true"',
        };
    this.services = model
      .manifests("Service")
      .filter((service) => service.object.spec?.type === "LoadBalancer")
      .map((manifest) => this.serviceNode(manifest));
  }

  /** Pods that talk to a database of this environment: each must hold the whole chain. */
  databaseClients(): PodNode[] {
    return this.pods.filter((pod) => pod.database !== undefined);
  }

  /** Pod security groups: listed in some SecurityGroupPolicy and attached to no node or cluster interface. */
  podSecurityGroups(): Set<SecurityGroupNode> {
    const onNodes = new Set(this.nodeGroups.flatMap((g) => g.groups));
    for (const cluster of this.clusters) {
      for (const value of cluster.config.vpc_config?.security_group_ids ?? []) {
        const group = this.network.groupOf(cluster, value);
        if (group) onNodes.add(group);
      }
    }
    const listed = new Set<SecurityGroupNode>();
    for (const policy of this.policies) for (const { group } of policy.groups) if (group && !onNodes.has(group)) listed.add(group);
    return listed;
  }

  /** Security groups that are on nodes (every pod on those nodes carries them). */
  nodeSecurityGroups(): Set<SecurityGroupNode> {
    return new Set(this.nodeGroups.flatMap((g) => g.groups));
  }

  /** The construct path of a Terraform address (or of the block a synthetic node stands for). */
  pathOf(address: string): string {
    for (const stack of this.model.stacks.values()) {
      const block = stack.block(address);
      if (block) return block.path;
    }
    const group = this.network.groups.get(address);
    if (group) return group.path;
    const owner = [...this.model.stacks.values()].map((s) => s.block(address.split(".").slice(0, 2).join("."))).find(Boolean);
    return owner?.path ?? [...this.model.stacks.keys()][0];
  }

  private edge(from: string, to: string, relation: string, address: string): void {
    this.edges.push({ from, to, relation, address });
  }

  // ---- IAM ------------------------------------------------------------------------------------------------

  private roleNode(role: TerraformBlock): RoleNode {
    const trust = this.model.trustStatements(role);
    return {
      block: role,
      label: this.model.label(role),
      trust: trust?.map((statement) => this.evaluable(statement)),
      permissions: this.model.permissionStatements(role).map((statement) => this.evaluable(statement)),
    };
  }

  /** A statement's values as items, in the stack it is written in. */
  evaluable(statement: PolicyStatement): EvaluableStatement {
    const items = (value: unknown): Item[] => itemsOf(this.model, statement.stack, value);
    return {
      source: statement,
      effect: statement.effect,
      actions: statement.actions.map(items),
      resources: statement.resources.map(items),
      federated: statement.principals.filter((p) => p.type === "Federated").flatMap((p) => p.identifiers.map(items)),
      otherPrincipals: statement.principals
        .filter((p) => p.type !== "Federated")
        .flatMap((p) => p.identifiers.map((id) => `${p.type} ${id}`)),
      negated: statement.negated,
      conditions: statement.conditions.map((condition) => ({
        test: condition.test,
        key: items(condition.variable),
        values: condition.values.map(items),
      })),
    };
  }

  // ---- Kubernetes ---------------------------------------------------------------------------------------------

  private serviceAccountNode(manifest: ManifestView): ServiceAccountNode {
    const annotation = manifest.object.metadata?.annotations?.[ROLE_ARN_ANNOTATION];
    const reference = annotation === undefined ? undefined : this.model.reference(manifest.resource, annotation);
    const role =
      reference?.block.type === "aws_iam_role" && reference.attribute === "arn" ? this.roles.get(reference.block.address) : undefined;
    if (role) this.edge(manifest.resource.address, role.block.address, ROLE_ARN_ANNOTATION, manifest.resource.address);
    return {
      manifest,
      namespace: manifest.namespace,
      name: manifest.name,
      labels: manifest.object.metadata?.labels ?? {},
      annotation,
      role,
    };
  }

  private nodeGroupNode(group: TerraformBlock): NodeGroupNode {
    const subnetValues = (group.config.subnet_ids ?? []) as unknown[];
    const subnets = subnetValues.flatMap((value) => this.network.subnetOf(group, value) ?? []);
    const templateRef = this.model.reference(group, group.config.launch_template?.id);
    const template = templateRef?.block.type === "aws_launch_template" ? templateRef.block : undefined;
    const templateGroups = ((template?.config.vpc_security_group_ids ?? []) as unknown[]).flatMap((value) =>
      template ? (this.network.groupOf(template, value) ?? []) : [],
    );
    const cluster = this.clusters.find(
      (c) => this.model.isReferenceTo(group, group.config.cluster_name, c, "name") || group.config.cluster_name === c.config.name,
    );
    const clusterGroup = cluster ? this.network.groups.get(`${cluster.address}.vpc_config[0].cluster_security_group_id`) : undefined;
    const declared: unknown[] = group.config.instance_types ?? [];
    const instanceTypes = declared.length > 0 ? declared.map(String) : [EKS_DEFAULT_INSTANCE_TYPE];
    return {
      block: group,
      label: this.model.label(group),
      labels: group.config.labels ?? {},
      subnets,
      unresolvedSubnets: subnetValues.filter((value) => !this.network.subnetOf(group, value)),
      // Managed node groups get the cluster security group unless their launch template names groups (EKS user guide).
      groups: templateGroups.length > 0 ? templateGroups : clusterGroup ? [clusterGroup] : [],
      instanceTypes,
      noBranchEnis: this.branchEniProblem(cluster, instanceTypes),
    };
  }

  /**
   * Security groups for pods need all three (EKS user guide, "Security groups for Pods"): trunk-capable
   * instance types, the VPC CNI with ENABLE_POD_ENI=true, and the cluster role's AmazonEKSVPCResourceController
   * (the controller creates the branch ENIs). Without one, a SecurityGroupPolicy is accepted and ignored.
   */
  private branchEniProblem(cluster: TerraformBlock | undefined, instanceTypes: readonly string[]): string | undefined {
    const noTrunk = instanceTypes.filter((type) => !supportsTrunkEni(type));
    if (noTrunk.length > 0) return `${noTrunk.join(", ")} has no trunk ENI`;
    if (!cluster) return "the node group belongs to no cluster of this environment";
    const podEnis = this.model
      .resources("aws_eks_addon")
      .filter(
        (addon) => addon.config.addon_name === "vpc-cni" && this.model.isReferenceTo(addon, addon.config.cluster_name, cluster, "name"),
      )
      .some((addon) => vpcCniConfiguration(addon.config.configuration_values)?.env?.ENABLE_POD_ENI === "true");
    if (!podEnis) return "the cluster's VPC CNI does not set ENABLE_POD_ENI=true";
    const role = this.model.reference(cluster, cluster.config.role_arn);
    const controller =
      role?.block.type === "aws_iam_role" &&
      this.model.attachedPolicyArns(role.block).some((arn) => /:iam::aws:policy\/AmazonEKSVPCResourceController$/.test(arn));
    if (!controller) return "the cluster role lacks AmazonEKSVPCResourceController";
    return undefined;
  }

  private databaseNode(db: TerraformBlock): DatabaseNode {
    const groups: SecurityGroupNode[] = [];
    const unresolvedGroups: unknown[] = [];
    for (const value of db.config.vpc_security_group_ids ?? []) {
      const group = this.network.groupOf(db, value);
      if (group && this.model.reference(db, value)?.block.type === "aws_security_group") groups.push(group);
      else unresolvedGroups.push(value);
    }
    const subnetGroupRef = this.model.reference(db, db.config.db_subnet_group_name);
    const subnetGroup = subnetGroupRef?.block.type === "aws_db_subnet_group" ? subnetGroupRef.block : undefined;
    const subnets = subnetGroup
      ? ((subnetGroup.config.subnet_ids ?? []) as unknown[]).flatMap((value) => this.network.subnetOf(subnetGroup, value) ?? [])
      : [];
    return {
      block: db,
      label: this.model.label(db),
      port: Number(db.config.port ?? 5432),
      groups,
      unresolvedGroups,
      subnets,
      publiclyAccessible: db.config.publicly_accessible === true,
    };
  }

  /** The database's interfaces, one per subnet it may live in (Multi-AZ: either). */
  databaseInterfaces(database: DatabaseNode): NetworkInterface[] {
    return database.subnets.map((subnet) => ({
      label: `${database.label} in ${subnet.label}`,
      groups: database.groups,
      subnet,
      publicAddress: database.publiclyAccessible,
      owner: database.block.address,
    }));
  }

  /** Interfaces of nodes of a group, one per subnet. */
  nodeInterfaces(group: NodeGroupNode): NetworkInterface[] {
    return group.subnets.map((subnet) => ({
      label: `a node of ${group.label} in ${subnet.label}`,
      groups: group.groups,
      subnet,
      publicAddress: subnet.mapsPublicIp,
      owner: group.block.address,
    }));
  }

  /** Policies in the pod's namespace that select it by its ServiceAccount's labels or its own. */
  policiesSelecting(controller: PodController, serviceAccount: ServiceAccountNode | undefined): SecurityGroupPolicyNode[] {
    return this.policies.filter(({ manifest }) => {
      if (manifest.namespace !== controller.manifest.namespace) return false;
      const spec = manifest.object.spec ?? {};
      return (
        (spec.serviceAccountSelector !== undefined && selectorMatches(spec.serviceAccountSelector, serviceAccount?.labels ?? {})) ||
        (spec.podSelector !== undefined && selectorMatches(spec.podSelector, controller.podLabels))
      );
    });
  }

  /**
   * Where a pod can run and with which groups: on a node of each matching node group, in each of its subnets;
   * selected by a SecurityGroupPolicy it gets a branch ENI with exactly the policies' groups, in its node's subnet
   * (amazon-vpc-resource-controller-k8s pkg/provider/branch/trunk/trunk.go), otherwise it uses its node's interface
   * and groups. In standard mode what a branch ENI pod sends out of the VPC leaves through its node (SNAT).
   */
  podInterfaces(
    label: string,
    owner: string,
    policies: readonly SecurityGroupPolicyNode[],
    nodeGroups: readonly NodeGroupNode[],
  ): NetworkInterface[] {
    const branchGroups = [...new Set(policies.flatMap((p) => p.groups.flatMap((g) => g.group ?? [])))];
    return nodeGroups.flatMap((group) => {
      const branch = policies.length > 0 && group.noBranchEnis === undefined;
      const how = branch
        ? "branch ENI"
        : policies.length > 0
          ? `node interface: the SecurityGroupPolicy is ignored because ${group.noBranchEnis}`
          : "node interface";
      return group.subnets.map((subnet) => {
        const node: NetworkInterface = {
          label: `its node of ${group.label} in ${subnet.label}`,
          groups: group.groups,
          subnet,
          owner: group.block.address,
        };
        const outsideVpc = branch && this.podSecurityGroupMode === "standard" ? { outsideVpc: node } : {};
        return {
          label: `${label} on ${group.label} in ${subnet.label} (${how})`,
          groups: branch ? branchGroups : group.groups,
          subnet,
          owner,
          ...outsideVpc,
        };
      });
    });
  }

  /**
   * The subnets pods may take addresses from: every node group's (pods get addresses of their node's subnet,
   * secondary ENIs included without custom networking: amazon-vpc-cni-k8s pkg/awsutils/awsutils.go createENI)
   * and any subnet the VPC CNI's subnet discovery may use (tagged kubernetes.io/role/cni).
   */
  podAddressSubnets(): SubnetNode[] {
    return [...new Set([...this.nodeGroups.flatMap((g) => g.subnets), ...[...this.network.subnets.values()].filter((s) => s.cniTagged)])];
  }

  nodeGroupsMatching(selector: Readonly<Record<string, string>>): NodeGroupNode[] {
    return this.nodeGroups.filter((group) => Object.entries(selector).every(([key, value]) => group.labels[key] === value));
  }

  private podNode(controller: PodController): PodNode {
    const manifest = controller.manifest;
    const label = `${manifest.kind} ${manifest.namespace}/${manifest.name}`;
    const serviceAccount = this.serviceAccounts.find(
      (sa) => sa.namespace === manifest.namespace && sa.name === controller.serviceAccountName,
    );
    if (serviceAccount)
      this.edge(manifest.resource.address, serviceAccount.manifest.resource.address, "serviceAccountName", manifest.resource.address);
    const database = this.databaseOf(controller);
    const policies = this.policiesSelecting(controller, serviceAccount);
    for (const policy of policies)
      this.edge(manifest.resource.address, policy.manifest.resource.address, "selected by", policy.manifest.resource.address);
    const nodeSelector = Object.fromEntries(
      Object.entries(controller.pod.nodeSelector ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    const nodeGroups = this.nodeGroupsMatching(nodeSelector);
    const probePorts = controller.containers
      .filter((c) => !c.init)
      .flatMap((c) => [c.spec.startupProbe, c.spec.readinessProbe, c.spec.livenessProbe])
      .map((probe) => probe?.httpGet?.port ?? probe?.tcpSocket?.port)
      .flatMap((port): number[] => {
        if (typeof port === "number") return [port];
        const named = controller.containers.flatMap((c) => c.spec.ports ?? []).find((p: any) => p.name === port);
        return named ? [Number(named.containerPort)] : [];
      });
    return {
      controller,
      manifest,
      label,
      serviceAccount,
      role: serviceAccount?.role,
      database,
      dbUser: controller.containers.map((c) => databaseClientOf(c).iamUser(c)).find((v) => v !== undefined),
      readsMasterSecret:
        database !== undefined &&
        controller.containers.some((c) =>
          (c.spec.env ?? []).some((env: any) =>
            this.model.isReferenceTo(manifest.resource, env?.value, database.block, "master_user_secret[0].secret_arn"),
          ),
        ),
      readsSecrets: this.secretsReadBy(controller),
      policies,
      nodeSelector,
      nodeGroups,
      interfaces: this.podInterfaces(label, manifest.resource.address, policies, nodeGroups),
      probePorts: [...new Set(probePorts)],
      runtimeLabels: { ...controller.podLabels, ...(manifest.kind === "Job" ? jobPodLabels(manifest.name) : {}) },
    };
  }

  /** The aws_secretsmanager_secret blocks whose ARN is the value of one of the pod's env vars. */
  private secretsReadBy(controller: PodController): TerraformBlock[] {
    const secrets = controller.containers
      .flatMap((c) => c.spec.env ?? [])
      .map((env: any) => this.model.reference(controller.manifest.resource, env?.value))
      .filter((ref) => ref?.block.type === "aws_secretsmanager_secret" && ref.attribute === "arn")
      .map((ref) => ref!.block);
    return [...new Set(secrets)];
  }

  /** The database a pod connects to: the one an env var's value refers to (address or endpoint). */
  private databaseOf(controller: PodController): DatabaseNode | undefined {
    for (const container of controller.containers) {
      const block = this.model.databaseOfContainer(controller, container);
      if (block) return this.databases.find((db) => db.block === block);
    }
    return undefined;
  }

  private serviceNode(manifest: ManifestView): LoadBalancerServiceNode {
    const selector = manifest.object.spec?.selector ?? {};
    const targets = this.pods.filter(
      (pod) =>
        pod.manifest.namespace === manifest.namespace &&
        Object.keys(selector).length > 0 &&
        selectorMatches({ matchLabels: selector }, pod.controller.podLabels),
    );
    const port = manifest.object.spec?.ports?.[0]?.targetPort;
    const named = targets.flatMap((t) => t.controller.containers.flatMap((c) => c.spec.ports ?? [])).find((p: any) => p.name === port);
    const annotations = manifest.object.metadata?.annotations ?? {};
    const ranges: unknown[] = manifest.object.spec?.loadBalancerSourceRanges ?? [];
    return {
      manifest,
      label: `Service ${manifest.namespace}/${manifest.name}`,
      targets,
      targetPort: typeof port === "number" ? port : Number(named?.containerPort ?? port),
      externalTrafficPolicy: manifest.object.spec?.externalTrafficPolicy === "Local" ? "Local" : "Cluster",
      loadBalancer: isNetworkLoadBalancer(annotations) ? "nlb" : "classic",
      preservesClientAddress: preservesClientAddress(annotations),
      // The controller opens 0.0.0.0/0 when the list is empty (aws.go: sourceRangeCidrs defaults to 0.0.0.0/0).
      sourceRanges: ranges.length > 0 ? ranges.map(String) : ["0.0.0.0/0"],
      internal: isInternalLoadBalancer(annotations),
    };
  }
}

/** A vpc-cni add-on's configuration_values (JSON text) read at synth: its settings (none when unset), or why not. */
export function readVpcCniConfiguration(configurationValues: unknown): { readonly settings: any } | { readonly unreadable: string } {
  if (configurationValues === undefined || configurationValues === null || configurationValues === "") return { settings: undefined };
  if (typeof configurationValues !== "string") return { unreadable: "it is not JSON text" };
  if (configurationValues.includes("${")) return { unreadable: "it is computed at apply time" };
  try {
    return { settings: JSON.parse(configurationValues) };
  } catch {
    return { unreadable: "it is not valid JSON" };
  }
}

/** A vpc-cni add-on's configuration_values, parsed, when it can be read at synth. */
export function vpcCniConfiguration(configurationValues: unknown): any {
  const read = readVpcCniConfiguration(configurationValues);
  return "settings" in read ? read.settings : undefined;
}

/** env.ENABLE_POD_ENI of a vpc-cni add-on's configuration_values JSON, when it can be read. */
export function podEniSetting(configurationValues: unknown): unknown {
  return vpcCniConfiguration(configurationValues)?.env?.ENABLE_POD_ENI;
}
