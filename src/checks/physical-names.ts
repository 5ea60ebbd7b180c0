/**
 * Names that must be unique in a scope wider than one stack, read from the synthesized Terraform of every stack
 * of an app: what the constructs will create, not a prediction of it. A clash would otherwise be found by AWS
 * half-way through the second deploy, or worse, make one environment adopt or overwrite another's resources.
 *
 * Scopes, from the documentation:
 * - IAM role names are unique per account, in every region, and case-insensitively ("you cannot create roles
 *   named both ROLE and role"): IAM user guide, "IAM identifiers"; at most 64 characters ("IAM and AWS STS quotas").
 * - EKS cluster names, RDS instance identifiers, DB subnet and parameter groups, KMS aliases, CloudWatch log groups
 *   and Secrets Manager secrets are unique per account and region (CreateCluster, CreateDBInstance, CreateAlias,
 *   CreateLogGroup, CreateSecret).
 * - Security group names are unique per VPC, case-insensitively (CreateSecurityGroup).
 * - HCP Terraform workspace names are unique per organization; an S3 state object is one key of one bucket; a
 *   local state file is one path.
 * Environments may share an account, so every name is compared with every other environment's too.
 */
import * as path from "path";
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformBackend,
  TerraformProvider,
  TerraformResource,
  type TerraformStack,
  Token,
  Tokenization,
} from "cdktf";

/** IAM role names: at most 64 characters (IAM user guide, "IAM and AWS STS quotas"). */
export const MAX_ROLE_NAME_LENGTH = 64;

export interface PhysicalName {
  /** The stack, and the construct path of the block that creates it (the stack's own path for its backend). */
  readonly stack: string;
  readonly path: string;
  /** "IAM role", "EKS cluster"... */
  readonly kind: string;
  readonly name: string;
  /** Where the name must be unique, for messages: "per account, in every region, ignoring case"... */
  readonly scope: string;
  /** What tells scopes apart when the text does not (the region, the VPC, the bucket). */
  readonly scopeKey: string;
  readonly caseInsensitive: boolean;
}

type Scope = "account" | "region" | "vpc";

/** The named resources of the constructs, in the order their clashes are listed. */
const NAMED: ReadonlyArray<{ type: string; attribute: string; kind: string; scope: Scope }> = [
  { type: "aws_iam_role", attribute: "name", kind: "IAM role", scope: "account" },
  { type: "aws_eks_cluster", attribute: "name", kind: "EKS cluster", scope: "region" },
  { type: "aws_cloudwatch_log_group", attribute: "name", kind: "CloudWatch log group", scope: "region" },
  { type: "aws_kms_alias", attribute: "name", kind: "KMS alias", scope: "region" },
  { type: "aws_db_instance", attribute: "identifier", kind: "RDS DB instance", scope: "region" },
  { type: "aws_db_subnet_group", attribute: "name", kind: "DB subnet group", scope: "region" },
  { type: "aws_db_parameter_group", attribute: "name", kind: "DB parameter group", scope: "region" },
  { type: "aws_secretsmanager_secret", attribute: "name", kind: "Secrets Manager secret", scope: "region" },
  { type: "aws_security_group", attribute: "name", kind: "security group", scope: "vpc" },
];

/** Merges one element's fragment into the stack's: objects key by key, lists (providers) one after the other. */
function merge(target: Record<string, any>, fragment: Record<string, any>): void {
  for (const [key, value] of Object.entries(fragment)) {
    const current = target[key];
    if (Array.isArray(current) && Array.isArray(value)) current.push(...value);
    else if (current && typeof current === "object" && value && typeof value === "object") merge(current, value);
    else target[key] = value;
  }
}

const NAMED_TYPES: ReadonlySet<string> = new Set(NAMED.map((named) => named.type));

/**
 * Only what physicalNames() reads of a stack (its named resources, its backend, its AWS providers), resolved as
 * the stack's own toTerraform() would write them. A run that is refused before synthesis checks names with this:
 * a whole stack's toTerraform() costs most of a rejected run, and the stack will never be written.
 */
export function namedBlocksOf(stack: TerraformStack): Record<string, any> {
  const partial: Record<string, any> = {};
  // The resolver TerraformStack.toTerraform() uses (cdktf lib/_tokens.js), from cdktf's public API.
  const resolver = new DefaultTokenResolver(new StringConcat());
  const visit = (node: TerraformStack["node"]["children"][number]) => {
    const named =
      (TerraformResource.isTerraformResource(node) && NAMED_TYPES.has(node.terraformResourceType)) ||
      TerraformBackend.isBackend(node) ||
      (TerraformProvider.isTerraformProvider(node) && node.terraformResourceType === "aws");
    if (named) merge(partial, Tokenization.resolve(node.toTerraform(), { scope: stack, preparing: false, resolver }));
    for (const child of node.node.children) visit(child);
  };
  for (const child of stack.node.children) visit(child);
  return partial;
}

export interface SynthesizedStack {
  readonly name: string;
  readonly json: Record<string, any>;
  /** The region of its default AWS provider, when written literally. */
  readonly region?: string;
  /** The directory Terraform runs the stack in: a local backend's relative path is resolved from there. */
  readonly workingDirectory: string;
}

const known = (value: unknown): value is string =>
  typeof value === "string" && value !== "" && !Token.isUnresolved(value) && !value.includes("${");

/** Every name of a stack that must be unique beyond it. */
export function physicalNames(stack: SynthesizedStack): PhysicalName[] {
  const names: PhysicalName[] = [];
  for (const { type, attribute, kind, scope } of NAMED) {
    for (const block of Object.values<Record<string, any>>(stack.json.resource?.[type] ?? {})) {
      const name = block[attribute];
      if (!known(name)) continue;
      const blockPath = String(block["//"]?.metadata?.path ?? stack.name);
      const region = stack.region ?? "its region";
      const scopes: Record<Scope, { scope: string; scopeKey: string }> = {
        account: { scope: "per account, in every region, ignoring case", scopeKey: "account" },
        region: { scope: `per account in ${region}`, scopeKey: `region ${region}` },
        // One VPC per stack here; a block naming another VPC would need its vpc_id followed.
        vpc: { scope: "per VPC, ignoring case", scopeKey: `vpc ${stack.name} ${String(block.vpc_id)}` },
      };
      names.push({ stack: stack.name, path: blockPath, kind, name, ...scopes[scope], caseInsensitive: true });
    }
  }
  names.push(...backendNames(stack));
  return names;
}

function backendNames(stack: SynthesizedStack): PhysicalName[] {
  const backend = stack.json.terraform?.backend ?? {};
  const at = { stack: stack.name, path: stack.name };
  if (backend.local) {
    const file = path.resolve(stack.workingDirectory, String(backend.local.path ?? "terraform.tfstate"));
    return [{ ...at, kind: "local state file", name: file, scope: "per machine", scopeKey: "machine", caseInsensitive: false }];
  }
  if (backend.s3 && known(backend.s3.bucket) && known(backend.s3.key)) {
    return [
      {
        ...at,
        kind: "state object",
        name: backend.s3.key,
        scope: `per S3 bucket (${backend.s3.bucket})`,
        scopeKey: `s3 ${backend.s3.bucket}`,
        caseInsensitive: false,
      },
    ];
  }
  // cdktf writes HCP Terraform as terraform.cloud, not as a backend.
  const cloud = backend.cloud ?? stack.json.terraform?.cloud;
  if (cloud && known(cloud.workspaces?.name)) {
    const { organization, hostname = "app.terraform.io" } = cloud;
    return [
      {
        ...at,
        kind: "workspace",
        name: cloud.workspaces.name,
        scope: `per HCP Terraform organization (${organization} on ${hostname})`,
        scopeKey: `hcp ${hostname} ${organization}`,
        caseInsensitive: true,
      },
    ];
  }
  return [];
}

export interface NamedIn extends PhysicalName {
  /** The environment whose stack creates it. */
  readonly environment: string;
}

export interface NameClash {
  readonly name: NamedIn;
  /** The first environment (in the order given) to claim the name. */
  readonly claimedBy: NamedIn;
}

/** Every second claim of a name in its scope, within and across environments, in the order given. */
export function nameClashes(names: readonly NamedIn[]): NameClash[] {
  const claimed = new Map<string, NamedIn>();
  const clashes: NameClash[] = [];
  for (const name of names) {
    const key = `${name.scopeKey}\u0000${name.kind}\u0000${name.caseInsensitive ? name.name.toLowerCase() : name.name}`;
    const first = claimed.get(key);
    if (first) clashes.push({ name, claimedBy: first });
    else claimed.set(key, name);
  }
  return clashes;
}

/** IAM role names longer than IAM allows. */
export function overlongRoleNames(names: readonly NamedIn[]): NamedIn[] {
  return names.filter((name) => name.kind === "IAM role" && name.name.length > MAX_ROLE_NAME_LENGTH);
}

/** The literal region of a stack's default AWS provider (the one without an alias), if it has one. */
export function providerRegion(json: Record<string, any>): string | undefined {
  const providers = json.provider?.aws;
  const list: Record<string, any>[] = Array.isArray(providers) ? providers : providers ? [providers] : [];
  const region = list.find((provider) => provider.alias === undefined)?.region;
  return known(region) ? region : undefined;
}

/** The names an environment's synthesized stacks create, each tagged with the environment. */
export function environmentNames(
  environment: string,
  stacks: ReadonlyArray<{ readonly name: string; readonly json: Record<string, any> }>,
  outdir: string,
): NamedIn[] {
  return stacks.flatMap((stack) =>
    physicalNames({
      name: stack.name,
      json: stack.json,
      region: providerRegion(stack.json),
      workingDirectory: path.join(outdir, "stacks", stack.name),
    }).map((name) => ({ ...name, environment })),
  );
}
