import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { DataTlsCertificate } from "@cdktf/provider-tls/lib/data-tls-certificate";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { environmentWith } from "../helpers/environments";
import { addressAt, referenceTo, resourceAt, synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";

let dev: SynthesizedEnvironment;
beforeAll(() => {
  dev = synthEnvironment();
});

describe("cluster role", () => {
  test.each(["AmazonEKSClusterPolicy", "AmazonEKSVPCResourceController"])("carries %s", (policy) => {
    expect(dev.platformJson).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: `arn:aws:iam::aws:policy/${policy}`,
      role: referenceTo(dev.platformConfig, "aws_iam_role", "eks/role", "name"),
    });
  });

  test("is assumed by EKS only", () => {
    const trust = JSON.parse(resourceAt(dev.platformConfig, "aws_iam_role", "eks/role").assume_role_policy);
    expect(trust.Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    ]);
  });
});

describe("control plane", () => {
  let cluster: any;
  beforeAll(() => {
    cluster = resourceAt(dev.platformConfig, "aws_eks_cluster", "eks/cluster");
  });

  test("runs the configured version with its ENIs in the private EKS subnets", () => {
    expect(cluster.version).toBe("1.35");
    expect(cluster.vpc_config.subnet_ids).toEqual([
      referenceTo(dev.platformConfig, "aws_subnet", "network/private-eks-1", "id"),
      referenceTo(dev.platformConfig, "aws_subnet", "network/private-eks-2", "id"),
    ]);
  });

  test("keeps the private endpoint and limits the public one to the allow-list", () => {
    expect(cluster.vpc_config).toMatchObject({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ["203.0.113.0/24"],
    });
  });

  test("turns the public endpoint off when the allow-list is empty", () => {
    const privateOnly = synthEnvironment(environmentWith((e) => (e.cluster.publicEndpointCidrs = [])));
    const vpcConfig = resourceAt(privateOnly.platformConfig, "aws_eks_cluster", "eks/cluster").vpc_config;
    expect(vpcConfig.endpoint_public_access).toBe(false);
    expect(vpcConfig.public_access_cidrs).toBeUndefined();
  });

  test("keeps all five control-plane log types, in a log group with a retention created first, in the retained stack", () => {
    expect(cluster.enabled_cluster_log_types).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
    expect(dev.retainedJson).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/eks/eks-cluster-dev/cluster",
      retention_in_days: 90,
    });
    expect(dev.platformJson).not.toHaveResource(CloudwatchLogGroup);
    // depends_on cannot name another state's resource: the platform stack as a whole is applied after it.
    expect(cluster.depends_on.filter((address: string) => address.startsWith("aws_cloudwatch_log_group"))).toEqual([]);
    expect(dev.platform.dependencies).toContain(dev.retained);
  });

  test("envelope-encrypts Secrets with a rotating KMS key", () => {
    expect(cluster.encryption_config).toEqual({
      resources: ["secrets"],
      provider: { key_arn: referenceTo(dev.platformConfig, "aws_kms_key", "eks/secrets-key", "arn") },
    });
    expect(resourceAt(dev.platformConfig, "aws_kms_key", "eks/secrets-key").enable_key_rotation).toBe(true);
    expect(dev.platformJson).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
  });

  test("uses access entries and refuses silent extended support", () => {
    expect(cluster.access_config).toEqual({
      authentication_mode: "API",
      bootstrap_cluster_creator_admin_permissions: true,
    });
    expect(cluster.upgrade_policy).toEqual({ support_type: "STANDARD" });
    expect(dev.platformJson).toHaveResource(EksCluster);
  });
});

describe("IAM OIDC provider", () => {
  test("trusts the cluster issuer for sts.amazonaws.com with the root CA thumbprint read by tls_certificate", () => {
    const issuer = referenceTo(dev.platformConfig, "aws_eks_cluster", "eks/cluster", "identity[0].oidc[0].issuer");
    expect(dev.platformJson).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: issuer,
      client_id_list: ["sts.amazonaws.com"],
      thumbprint_list: [
        referenceTo(dev.platformConfig, "tls_certificate", "oidc/issuer-certificate", "certificates[0].sha1_fingerprint", "data"),
      ],
    });
    expect(dev.platformJson).toHaveDataSourceWithProperties(DataTlsCertificate, { url: issuer });
    expect(dev.platformJson).toHaveProvider(TlsProvider);
  });

  test("uses explicit thumbprints without the tls provider when they are configured", () => {
    const thumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    const explicit = synthEnvironment(environmentWith((e) => (e.cluster.oidcThumbprints = [thumbprint])));
    expect(explicit.platformJson).toHaveResourceWithProperties(IamOpenidConnectProvider, { thumbprint_list: [thumbprint] });
    expect(explicit.platformJson).not.toHaveDataSource(DataTlsCertificate);
    expect(explicit.platformJson).not.toHaveProvider(TlsProvider);
  });
});

describe("VPC CNI add-on", () => {
  let addon: any;
  beforeAll(() => {
    addon = resourceAt(dev.platformConfig, "aws_eks_addon", "vpc-cni/addon");
  });

  test("is the managed add-on at the version EKS offered for the cluster (dev pins none), kept between plans, taking over aws-node", () => {
    expect(dev.platformJson).toHaveResourceWithProperties(EksAddon, {
      addon_name: "vpc-cni",
      addon_version: referenceTo(dev.platformConfig, "terraform_data", "vpc-cni/resolved-version", "output.version"),
      resolve_conflicts_on_create: "OVERWRITE",
    });
  });

  test("a version pinned in the environment file is used as written", () => {
    const pinned = synthEnvironment(environmentWith((e) => (e.cluster.vpcCniVersion = "v1.21.1-eksbuild.8")));
    expect(resourceAt(pinned.platformConfig, "aws_eks_addon", "vpc-cni/addon").addon_version).toBe("v1.21.1-eksbuild.8");
  });

  test("enables pod ENIs, standard enforcement (a Local load balancer reaches branch ENI pods), TCP probes to branch ENIs, and the network policy agent", () => {
    expect(JSON.parse(addon.configuration_values)).toEqual({
      env: { ENABLE_POD_ENI: "true", POD_SECURITY_GROUP_ENFORCING_MODE: "standard" },
      init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } },
      enableNetworkPolicy: "true",
    });
  });

  test("exists before any node joins", () => {
    const addonAddress = addressAt(dev.platformConfig, "aws_eks_addon", "vpc-cni/addon");
    expect(resourceAt(dev.platformConfig, "aws_eks_node_group", "private-nodes/node-group").depends_on).toContain(addonAddress);
    const withPublic = synthEnvironment(environmentWith((e) => (e.nodeGroups.public = { name: "public-node-group-dev" })));
    const publicAddon = addressAt(withPublic.platformConfig, "aws_eks_addon", "vpc-cni/addon");
    expect(resourceAt(withPublic.platformConfig, "aws_eks_node_group", "public-nodes/node-group").depends_on).toContain(publicAddon);
  });
});
