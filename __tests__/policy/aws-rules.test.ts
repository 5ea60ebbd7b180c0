/** AWS baseline rules (AWS-01..11), each mapped to its Checkov / cdk-nag counterpart. */
import { ALL_RULES } from "../../src/policy/rules";
import { block, findings, where, type StackJson } from "./helpers";

const DB = "dev-platform/database/instance";
const CLUSTER = "dev-platform/eks/cluster";
const db = (s: StackJson) => block(s.platform, "aws_db_instance", "database/instance");
const cluster = (s: StackJson) => block(s.platform, "aws_eks_cluster", "eks/cluster");

describe.each(ALL_RULES.filter((r) => r.family === "aws").map((r) => r.id))("%s on the shipped dev environment", (ruleId) => {
  test("is compliant", () => {
    expect(where(findings(ruleId))).toEqual([]);
  });
});

describe("RDS", () => {
  test("AWS-01 unencrypted storage", () => {
    expect(where(findings("AWS-01", (s) => (db(s).storage_encrypted = false)))).toEqual([
      [DB, expect.stringContaining("does not encrypt")],
    ]);
  });

  test("AWS-02 publicly accessible", () => {
    expect(where(findings("AWS-02", (s) => (db(s).publicly_accessible = true)))).toEqual([
      [DB, expect.stringContaining("publicly accessible")],
    ]);
  });

  test.each([
    [3, "3 days"],
    [undefined, "the RDS default"],
  ])("AWS-03 backup retention %p", (days, text) => {
    const result = findings("AWS-03", (s) => {
      if (days === undefined) delete db(s).backup_retention_period;
      else db(s).backup_retention_period = days;
    });
    expect(where(result)).toEqual([[DB, expect.stringContaining(text)]]);
  });

  test("AWS-03 seven days is enough", () => {
    expect(findings("AWS-03", (s) => (db(s).backup_retention_period = 7))).toEqual([]);
  });

  test("AWS-04 no deletion protection: a warning in dev, an error in production", () => {
    const change = (s: StackJson) => (db(s).deletion_protection = false);
    expect(findings("AWS-04", change).map((f) => [f.path, f.level])).toEqual([[DB, "warning"]]);
    expect(findings("AWS-04", change, { production: true }).map((f) => [f.path, f.level])).toEqual([[DB, "error"]]);
  });

  test("AWS-04 a protected database complies in production too", () => {
    expect(findings("AWS-04", undefined, { production: true })).toEqual([]);
  });

  test("AWS-05 single-AZ is a warning", () => {
    expect(findings("AWS-05", (s) => (db(s).multi_az = false)).map((f) => [f.path, f.level])).toEqual([[DB, "warning"]]);
  });

  test("AWS-06 a master password in config", () => {
    const result = findings("AWS-06", (s) => {
      db(s).password = "correct-horse-battery-staple";
      delete db(s).manage_master_user_password;
    });
    expect(where(result)).toEqual([[DB, expect.stringContaining("sets its master password in config")]]);
  });

  test("AWS-06 neither a password nor an RDS-managed one", () => {
    const result = findings("AWS-06", (s) => delete db(s).manage_master_user_password);
    expect(where(result)).toEqual([[DB, expect.stringContaining("manage_master_user_password is not true")]]);
  });

  test("AWS-06 a replica inherits its source's credentials", () => {
    const result = findings("AWS-06", (s) => {
      delete db(s).manage_master_user_password;
      db(s).replicate_source_db = "postgresql-primary";
    });
    expect(result).toEqual([]);
  });
});

describe("EKS", () => {
  test("AWS-07 Secrets not envelope-encrypted", () => {
    expect(where(findings("AWS-07", (s) => delete cluster(s).encryption_config))).toEqual([
      [CLUSTER, expect.stringContaining("does not envelope-encrypt")],
    ]);
  });

  test("AWS-08 missing control-plane logs", () => {
    const result = findings("AWS-08", (s) => (cluster(s).enabled_cluster_log_types = ["api", "audit"]));
    expect(where(result)).toEqual([[CLUSTER, expect.stringContaining("does not log authenticator, controllerManager, scheduler")]]);
  });

  test.each([
    [
      "0.0.0.0/0 listed",
      (s: StackJson) => (cluster(s).vpc_config.public_access_cidrs = ["203.0.113.0/24", "0.0.0.0/0"]),
      "open to 0.0.0.0/0",
    ],
    [
      "public with no CIDRs (Terraform's default)",
      (s: StackJson) => delete cluster(s).vpc_config.public_access_cidrs,
      "the default when public_access_cidrs is unset",
    ],
    [
      "public_access left to its default",
      (s: StackJson) => {
        delete cluster(s).vpc_config.endpoint_public_access;
        delete cluster(s).vpc_config.public_access_cidrs;
      },
      "0.0.0.0/0",
    ],
  ])("AWS-09 public endpoint: %s", (_, change, text) => {
    expect(where(findings("AWS-09", change))).toEqual([[CLUSTER, expect.stringContaining(text)]]);
  });

  test("AWS-09 a private-only endpoint complies", () => {
    const result = findings("AWS-09", (s) => {
      cluster(s).vpc_config.endpoint_public_access = false;
      delete cluster(s).vpc_config.public_access_cidrs;
    });
    expect(result).toEqual([]);
  });

  test("AWS-10 IMDSv1 allowed on a launch template", () => {
    const result = findings(
      "AWS-10",
      (s) => (block(s.platform, "aws_launch_template", "private-nodes/launch-template").metadata_options.http_tokens = "optional"),
    );
    expect(where(result)).toEqual([
      ["dev-platform/eks/private-nodes/launch-template", expect.stringContaining('http_tokens is "optional"')],
    ]);
  });

  test("AWS-10 a hop limit that lets pods reach the node role", () => {
    const result = findings(
      "AWS-10",
      (s) => (block(s.platform, "aws_launch_template", "public-nodes/launch-template").metadata_options.http_put_response_hop_limit = 2),
      { publicNodes: true },
    );
    expect(where(result)).toEqual([["dev-platform/eks/public-nodes/launch-template", expect.stringContaining("hop_limit is 2")]]);
  });

  test("AWS-10 a node group without launch template", () => {
    const result = findings("AWS-10", (s) => delete block(s.platform, "aws_eks_node_group", "public-nodes/node-group").launch_template, {
      publicNodes: true,
    });
    expect(where(result)).toEqual([["dev-platform/eks/public-nodes/node-group", expect.stringContaining("uses no launch template")]]);
  });
});

describe("AWS-11 no security group ingress from the internet", () => {
  test.each([
    [
      "a rule resource with ::/0",
      (s: StackJson) => {
        const rule = block(s.platform, "aws_vpc_security_group_ingress_rule", "database/allow-bootstrap-pod-sg");
        delete rule.referenced_security_group_id;
        rule.cidr_ipv6 = "::/0";
      },
      "dev-platform/database/allow-bootstrap-pod-sg",
      "::/0 on 5432/tcp",
    ],
    [
      "an inline ingress block",
      (s: StackJson) => {
        block(s.platform, "aws_security_group", "application-pod-sg/security-group").ingress = [
          { protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] },
        ];
      },
      "dev-platform/application-pod-sg/security-group",
      "0.0.0.0/0 on all ports",
    ],
  ])("%s", (_, change, path, text) => {
    expect(where(findings("AWS-11", change))).toEqual([[path, expect.stringContaining(text)]]);
  });

  test("a specific CIDR is not this rule's concern", () => {
    const result = findings("AWS-11", (s) => {
      block(s.platform, "aws_security_group", "application-pod-sg/security-group").ingress = [
        { protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["203.0.113.0/24"] },
      ];
    });
    expect(result).toEqual([]);
  });
});
