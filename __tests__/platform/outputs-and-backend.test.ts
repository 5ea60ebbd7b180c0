import * as path from "path";
import { environmentWith } from "../helpers/environments";
import { referenceTo, synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";

let dev: SynthesizedEnvironment;
beforeAll(() => {
  dev = synthEnvironment();
});

test("the article's output names keep its workflow working", () => {
  const config = dev.platformConfig;
  const outputs = config.output;
  expect(outputs["private-rds-endpoint"].value).toBe(referenceTo(config, "aws_db_instance", "database/instance", "address"));
  expect(outputs["rds-access-role-arn"].value).toBe(referenceTo(config, "aws_iam_role", "application-role/role", "arn"));
  expect(outputs["sg-eks-cluster"].value).toBe(
    referenceTo(config, "aws_eks_cluster", "eks/cluster", "vpc_config[0].cluster_security_group_id"),
  );
  expect(outputs["sg-rds-access"].value).toBe(referenceTo(config, "aws_security_group", "application-pod-sg/security-group", "id"));
  expect(outputs["cluster-name"].value).toBe(referenceTo(config, "aws_eks_cluster", "eks/cluster", "name"));
  expect(outputs["cluster-endpoint"].value).toBe(referenceTo(config, "aws_eks_cluster", "eks/cluster", "endpoint"));
  expect(outputs["oidc-issuer"].value).toBe(referenceTo(config, "aws_eks_cluster", "eks/cluster", "identity[0].oidc[0].issuer"));
});

test("stacks are named after the environment and require Terraform >= 1.10", () => {
  expect(dev.platform.node.id).toBe("dev-platform");
  expect(dev.workload.node.id).toBe("dev-workload");
  expect(dev.platformConfig.terraform.required_version).toBe(">= 1.10");
  expect(dev.workloadConfig.terraform.required_version).toBe(">= 1.10");
});

test("every AWS resource is tagged with the environment through the provider's default tags", () => {
  expect(dev.platformConfig.provider.aws).toEqual([
    {
      region: "eu-west-1",
      default_tags: [{ tags: { project: "secure-eks-rds", environment: "dev", "managed-by": "cdktf" } }],
    },
  ]);
});

describe("state backends", () => {
  /** Where Terraform, running in the stack's directory under the outdir, will put a local state path. */
  const stateFileOf = (stack: string, localPath: string) => path.resolve(dev.app.outdir, "stacks", stack, localPath);

  test("local state lives outside cdktf.out, one file per stack, addressed relatively", () => {
    for (const [stack, config] of [
      ["dev-platform", dev.platformConfig],
      ["dev-workload", dev.workloadConfig],
    ]) {
      const localPath: string = config.terraform.backend.local.path;
      expect(path.isAbsolute(localPath)).toBe(false);
      expect(stateFileOf(stack, localPath)).toBe(path.resolve("terraform-state", `${stack}.tfstate`));
    }
  });

  test("the workload stack reads the platform's outputs from the platform's state", () => {
    const remote = dev.workloadConfig.data.terraform_remote_state["cross-stack-reference-input-dev-platform"];
    expect(remote.backend).toBe("local");
    expect(stateFileOf("dev-workload", remote.config.path)).toBe(path.resolve("terraform-state", "dev-platform.tfstate"));
  });

  test("S3: one encrypted key per stack with S3-native locking", () => {
    const s3 = synthEnvironment(
      environmentWith((e) => (e.backend = { type: "s3", bucket: "acme-tf-state", keyPrefix: "secure-eks-rds", region: "eu-central-1" })),
    );
    expect(s3.platformConfig.terraform.backend).toEqual({
      s3: {
        bucket: "acme-tf-state",
        key: "secure-eks-rds/test-platform.tfstate",
        region: "eu-central-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(s3.workloadConfig.data.terraform_remote_state["cross-stack-reference-input-test-platform"]).toMatchObject({
      backend: "s3",
      config: { bucket: "acme-tf-state", key: "secure-eks-rds/test-platform.tfstate", region: "eu-central-1" },
    });
  });

  test("HCP Terraform: one workspace per stack", () => {
    const hcp = synthEnvironment(
      environmentWith((e) => (e.backend = { type: "hcp", organization: "acme", workspacePrefix: "secure-eks-rds" })),
    );
    expect(hcp.platformConfig.terraform.cloud).toEqual({
      hostname: "app.terraform.io",
      organization: "acme",
      workspaces: { name: "secure-eks-rds-test-platform" },
    });
  });
});
