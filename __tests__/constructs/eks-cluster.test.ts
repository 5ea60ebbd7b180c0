import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { EksCluster } from "../../src/eks/cluster";
import { CLUSTER_DEFAULTS, NODE_GROUP_DEFAULTS } from "../../src/eks/defaults";
import { LOG_DEFAULTS } from "../../src/logs/defaults";
import { addressOf, bareStack, blockAt, blocksOf, configOf, validationErrors } from "./helpers";

const SUBNETS = { ids: ["subnet-a", "subnet-b"], internetConnectivity: [] };

function cluster(props: Partial<ConstructorParameters<typeof EksCluster>[2]> = {}) {
  const stack = bareStack();
  const construct = new EksCluster(stack, "eks", { name: "demo", subnetIds: SUBNETS.ids, ...props });
  return { stack, construct };
}

test("defaults: the default Kubernetes version, private endpoint only, all logs, Secrets encrypted, standard support", () => {
  const { stack } = cluster();
  const config = configOf(stack);
  const resource = blockAt(config, "aws_eks_cluster", "eks/cluster");
  expect(resource.version).toBe(CLUSTER_DEFAULTS.kubernetesVersion);
  expect(resource.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
  expect(resource.vpc_config.public_access_cidrs).toBeUndefined();
  expect(resource.enabled_cluster_log_types).toHaveLength(5);
  expect(resource.encryption_config.resources).toEqual(["secrets"]);
  expect(resource.upgrade_policy).toEqual({ support_type: "STANDARD" });
  // Alone, the cluster keeps its logs in an archive of its own: retention, and a key that lets CloudWatch Logs
  // encrypt exactly this group.
  const logs = blockAt(config, "aws_cloudwatch_log_group", "eks/logs/aws-eks-demo-cluster");
  expect(logs).toMatchObject({ name: "/aws/eks/demo/cluster", retention_in_days: LOG_DEFAULTS.retentionDays });
  expect(logs.kms_key_id).toBe(`\${${addressOf(config, "aws_kms_key", "eks/logs/key")}.arn}`);
  const keyPolicy = blockAt(config, "aws_iam_policy_document", "eks/logs/key-policy", "data");
  expect(keyPolicy.statement[1].condition).toEqual([
    {
      test: "ArnEquals",
      variable: "kms:EncryptionContext:aws:logs:arn",
      values: [
        expect.stringMatching(
          /^arn:\$\{data\.aws_partition\.[\w-]+\.partition\}:logs:\$\{data\.aws_region\.[\w-]+\.name\}:\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}:log-group:\/aws\/eks\/demo\/cluster$/,
        ),
      ],
    },
  ]);
});

test("the VPC CNI version is the most recent EKS lists for the cluster's own Kubernetes version, kept until that version changes, unless pinned", () => {
  const config = configOf(cluster().stack);
  const lookup = addressOf(config, "aws_eks_addon_version", "eks/vpc-cni/version", "data");
  const kept = addressOf(config, "terraform_data", "eks/vpc-cni/resolved-version");
  expect(blockAt(config, "aws_eks_addon", "eks/vpc-cni/addon").addon_version).toBe(`\${${kept}.output.version}`);
  // Read once, not at every plan: a new vpc-cni build does not roll aws-node in an unrelated deploy.
  expect(blockAt(config, "terraform_data", "eks/vpc-cni/resolved-version")).toMatchObject({
    input: { version: `\${${lookup}.version}` },
    triggers_replace: { kubernetes_version: `\${${addressOf(config, "aws_eks_cluster", "eks/cluster")}.version}` },
    lifecycle: { ignore_changes: ["input"] },
  });
  expect(blockAt(config, "aws_eks_addon_version", "eks/vpc-cni/version", "data")).toMatchObject({
    addon_name: "vpc-cni",
    kubernetes_version: `\${${addressOf(config, "aws_eks_cluster", "eks/cluster")}.version}`,
    most_recent: true,
  });
  const pinned = configOf(cluster({ vpcCniVersion: "v1.21.1-eksbuild.8" }).stack);
  expect(pinned.data?.aws_eks_addon_version).toBeUndefined();
  expect(pinned.resource.terraform_data).toBeUndefined();
  expect(blockAt(pinned, "aws_eks_addon", "eks/vpc-cni/addon").addon_version).toBe("v1.21.1-eksbuild.8");
});

test("without a partition the managed policy ARNs read it from the provider; with one they are literal", () => {
  const read = configOf(cluster().stack);
  const partition = addressOf(read, "aws_partition", "aws-partition", "data");
  expect(blocksOf(read, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual([
    `arn:\${${partition}.partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    `arn:\${${partition}.partition}:iam::aws:policy/AmazonEKSVPCResourceController`,
  ]);
  const given = configOf(cluster({ partition: "aws-cn" }).stack);
  expect(given.data?.aws_partition).toBeUndefined();
  expect(blockAt(given, "aws_iam_role_policy_attachment", "eks/AmazonEKSVPCResourceController").policy_arn).toBe(
    "arn:aws-cn:iam::aws:policy/AmazonEKSVPCResourceController",
  );
});

test("the OIDC provider reads the root CA thumbprint with a tls provider it adds, unless thumbprints are given", () => {
  const read = configOf(cluster().stack);
  expect(Object.keys(read.provider)).toContain("tls");
  expect(blockAt(read, "aws_iam_openid_connect_provider", "eks/oidc/provider").thumbprint_list[0]).toMatch(
    /^\$\{data\.tls_certificate\.[\w-]+\.certificates\[0\]\.sha1_fingerprint\}$/,
  );
  const given = configOf(cluster({ oidcThumbprints: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] }).stack);
  expect(given.provider?.tls).toBeUndefined();
  expect(given.data?.tls_certificate).toBeUndefined();
});

describe("addNodeGroup", () => {
  test("creates the group after the VPC CNI add-on and the node role's policies, on a shared default node role", () => {
    const { stack, construct } = cluster();
    construct.addNodeGroup("a", { subnets: SUBNETS });
    construct.addNodeGroup("b", { subnets: SUBNETS, labels: { type: "private" } });
    const config = configOf(stack);
    const addon = addressOf(config, "aws_eks_addon", "eks/vpc-cni/addon");
    const [a, b] = blocksOf(config, "aws_eks_node_group");
    for (const group of [a, b]) {
      expect(group.depends_on).toContain(addon);
      expect(group.depends_on.filter((d: string) => d.startsWith("aws_iam_role_policy_attachment.eks_node-role_"))).toHaveLength(3);
      expect(group.node_role_arn).toBe(`\${${addressOf(config, "aws_iam_role", "eks/node-role/role")}.arn}`);
    }
    expect(blockAt(config, "aws_iam_role", "eks/node-role/role").name).toBe("demo-nodes");
    expect(a).toMatchObject({
      node_group_name: "a",
      instance_types: [...NODE_GROUP_DEFAULTS.instanceTypes],
      scaling_config: { min_size: 1, desired_size: 1, max_size: 3 },
    });
    expect(b.labels).toEqual({ type: "private" });
  });

  test("waits for the subnets' internet route when the subnet group names one", () => {
    const { stack, construct } = cluster();
    const route = new RouteTable(stack, "nat-route", { vpcId: "vpc-1" });
    construct.addNodeGroup("a", { subnets: { ids: ["subnet-a"], internetConnectivity: [route] } });
    const config = configOf(stack);
    expect(blockAt(config, "aws_eks_node_group", "eks/a/node-group").depends_on).toContain(
      addressOf(config, "aws_route_table", "nat-route"),
    );
  });
});

describe("addServiceAccountRole", () => {
  test("trusts exactly one service account on the cluster's own OIDC provider, named after the cluster", () => {
    const { stack, construct } = cluster();
    const role = construct.addServiceAccountRole("app-role", { namespace: "payments", serviceAccount: "api" });
    expect(role.subject).toBe("system:serviceaccount:payments:api");
    const config = configOf(stack);
    expect(blockAt(config, "aws_iam_role", "eks/app-role/role").name).toBe("demo-api");
    const provider = addressOf(config, "aws_iam_openid_connect_provider", "eks/oidc/provider");
    const [statement] = blockAt(config, "aws_iam_policy_document", "eks/app-role/trust", "data").statement;
    expect(statement.principals).toEqual([{ type: "Federated", identifiers: [`\${${provider}.arn}`] }]);
    expect(statement.condition).toEqual([
      {
        test: "StringEquals",
        variable: `\${replace(${provider}.url, "https://", "")}:sub`,
        values: ["system:serviceaccount:payments:api"],
      },
      { test: "StringEquals", variable: `\${replace(${provider}.url, "https://", "")}:aud`, values: ["sts.amazonaws.com"] },
    ]);
  });

  test("refuses a role name IAM would refuse (over 64 characters)", () => {
    const { construct } = cluster();
    const role = construct.addServiceAccountRole("r", { namespace: "ns", serviceAccount: "sa", roleName: "x".repeat(65) });
    expect(validationErrors(role)).toEqual([
      expect.stringMatching(/^test\/eks\/r: roleName = "x{65}": has 65 characters; IAM allows 64\. Fix: /),
    ]);
  });
});
