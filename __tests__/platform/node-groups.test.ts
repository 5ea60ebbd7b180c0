import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { environmentNames as physicalNamesOf } from "../../src/checks/physical-names";
import { environmentWith } from "../helpers/environments";
import { addressAt, referenceTo, resourceAt, synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";

let dev: SynthesizedEnvironment;
beforeAll(() => {
  dev = synthEnvironment();
});

test("the private group is labelled type=private and runs in the private EKS subnets", () => {
  expect(dev.platformJson).toHaveResourceWithProperties(EksNodeGroup, {
    node_group_name: "private-node-group-dev",
    labels: { type: "private" },
    instance_types: ["m5.large"],
    subnet_ids: [
      referenceTo(dev.platformConfig, "aws_subnet", "network/private-eks-1", "id"),
      referenceTo(dev.platformConfig, "aws_subnet", "network/private-eks-2", "id"),
    ],
    scaling_config: { min_size: 1, desired_size: 1, max_size: 3 },
  });
});

test("the private group boots only once its subnets' NAT routes exist (nodes must pull their images)", () => {
  const group = resourceAt(dev.platformConfig, "aws_eks_node_group", "private-nodes/node-group");
  for (const [type, suffix] of [
    ["aws_nat_gateway", "network/nat-1"],
    ["aws_nat_gateway", "network/nat-2"],
    ["aws_route_table", "network/private-eks-1-route-table"],
    ["aws_route_table", "network/private-eks-2-route-table"],
    ["aws_route_table_association", "network/private-eks-1-routes"],
    ["aws_route_table_association", "network/private-eks-2-routes"],
  ]) {
    expect(group.depends_on).toContain(addressAt(dev.platformConfig, type, suffix));
  }
});

describe("the optional public group", () => {
  const PUBLIC_GROUP = { name: "public-node-group-dev", instanceTypes: ["m5.large"] };
  let withPublic: SynthesizedEnvironment;
  beforeAll(() => {
    withPublic = synthEnvironment(environmentWith((e) => (e.nodeGroups.public = PUBLIC_GROUP), "dev"));
  });

  test("is off unless an environment asks for it (dev.json does not): one group, and no public IPs on launch", () => {
    expect(Object.keys(dev.platformConfig.resource.aws_eks_node_group)).toHaveLength(1);
    expect(resourceAt(dev.platformConfig, "aws_subnet", "network/public-eks-1").map_public_ip_on_launch).toBe(false);
  });

  test("when asked for: labelled and tainted type=public, in the public subnets, so nothing lands there unless it tolerates that", () => {
    expect(withPublic.platformJson).toHaveResourceWithProperties(EksNodeGroup, {
      node_group_name: "public-node-group-dev",
      labels: { type: "public" },
      taint: [{ key: "type", value: "public", effect: "NO_SCHEDULE" }],
      subnet_ids: [
        referenceTo(withPublic.platformConfig, "aws_subnet", "network/public-eks-1", "id"),
        referenceTo(withPublic.platformConfig, "aws_subnet", "network/public-eks-2", "id"),
      ],
    });
    expect(resourceAt(withPublic.platformConfig, "aws_eks_node_group", "private-nodes/node-group").taint).toBeUndefined();
  });

  test("has a role of its own, with the worker policies and nothing the private nodes' role is needed for", () => {
    const role = (suffix: string) => resourceAt(withPublic.platformConfig, "aws_iam_role", suffix);
    expect(role("public-node-role/role").name).toBe("eks-cluster-dev-public-nodes");
    expect(role("eks/node-role/role").name).toBe("eks-cluster-dev-nodes");
    expect(resourceAt(withPublic.platformConfig, "aws_eks_node_group", "public-nodes/node-group").node_role_arn).toBe(
      referenceTo(withPublic.platformConfig, "aws_iam_role", "public-node-role/role", "arn"),
    );
    expect(resourceAt(withPublic.platformConfig, "aws_eks_node_group", "private-nodes/node-group").node_role_arn).toBe(
      referenceTo(withPublic.platformConfig, "aws_iam_role", "eks/node-role/role", "arn"),
    );
    const attached = Object.values<any>(withPublic.platformConfig.resource.aws_iam_role_policy_attachment)
      .filter((a) => a.role === referenceTo(withPublic.platformConfig, "aws_iam_role", "public-node-role/role", "name"))
      .map((a) => a.policy_arn.replace(/^.*policy\//, ""));
    expect(attached.sort()).toEqual(["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy"]);
  });

  test("its role name is checked for clashes like every other account-wide name: it is among the synthesized names", () => {
    const roles = (config: Record<string, any>) =>
      physicalNamesOf("dev", [{ name: "dev-platform", json: config }], "cdktf.out")
        .filter((n) => n.kind === "IAM role")
        .map((n) => [n.path, n.name]);
    expect(roles(withPublic.platformConfig)).toContainEqual(["dev-platform/eks/public-node-role/role", "eks-cluster-dev-public-nodes"]);
    expect(roles(dev.platformConfig).map(([, name]) => name)).not.toContain("eks-cluster-dev-public-nodes");
  });
});

test.each(["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"])(
  "the node role carries %s",
  (policy) => {
    expect(dev.platformJson).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: `arn:aws:iam::aws:policy/${policy}`,
      role: referenceTo(dev.platformConfig, "aws_iam_role", "node-role/role", "name"),
    });
  },
);

describe("launch template", () => {
  let template: any;
  let group: any;
  beforeAll(() => {
    template = resourceAt(dev.platformConfig, "aws_launch_template", "private-nodes/launch-template");
    group = resourceAt(dev.platformConfig, "aws_eks_node_group", "private-nodes/node-group");
  });

  test("requires IMDSv2 and keeps pods away from the node's credentials (hop limit 1)", () => {
    expect(template.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
  });

  test("encrypts the root volume", () => {
    expect(template.block_device_mappings).toEqual([
      {
        device_name: "/dev/xvda",
        ebs: { volume_size: 20, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" },
      },
    ]);
  });

  test("is the one the node group launches, at its latest version", () => {
    expect(group.launch_template).toEqual({
      id: referenceTo(dev.platformConfig, "aws_launch_template", "private-nodes/launch-template", "id"),
      version: referenceTo(dev.platformConfig, "aws_launch_template", "private-nodes/launch-template", "latest_version"),
    });
  });
});

test("Graviton instance types get the arm64 AMI", () => {
  const graviton = synthEnvironment(environmentWith((e) => (e.nodeGroups.private.instanceTypes = ["m6g.large"])));
  const group = resourceAt(graviton.platformConfig, "aws_eks_node_group", "private-nodes/node-group");
  expect(group.ami_type).toBe("AL2023_ARM_64_STANDARD");
  expect(resourceAt(dev.platformConfig, "aws_eks_node_group", "private-nodes/node-group").ami_type).toBe("AL2023_x86_64_STANDARD");
});
