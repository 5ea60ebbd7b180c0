/**
 * Chain rules (CHAIN-01..15): every identity and network link between the pods and the database. Each rule:
 * the shipped dev environment complies, and one attribute changed in the synthesized JSON breaks it.
 */
import {
  addressOf,
  block,
  BOOTSTRAP_JOB,
  DEPLOYMENT,
  DEPLOYMENT_PATH,
  envOf,
  findings,
  JOB_PATH,
  manifest,
  remove,
  where,
  type StackJson,
} from "./helpers";

const CHAIN_RULES = Array.from({ length: 15 }, (_, i) => `CHAIN-${String(i + 1).padStart(2, "0")}`);

describe.each(CHAIN_RULES)("%s on the shipped dev environment", (ruleId) => {
  test("is compliant", () => {
    expect(where(findings(ruleId))).toEqual([]);
  });
});

/** "${<address>.<attribute>}" of a platform resource. */
const ref = (s: StackJson, type: string, suffix: string, attribute: string) =>
  `${"$"}{${addressOf(s.platform, type, suffix)}.${attribute}}`;
const deployment = (stacks: StackJson) => manifest(stacks, DEPLOYMENT);
const podSpec = (stacks: StackJson, suffix = DEPLOYMENT) => manifest(stacks, suffix).spec.template.spec;
const trust = (stacks: StackJson, role = "application-role") =>
  block(stacks.platform, "aws_iam_policy_document", `${role}/trust`, "data").statement[0];
/** The one inline policy of grants of a role (RoleGrants): its document, and its statement of a given Sid. */
const grantsOf = (stacks: StackJson, role: string) =>
  block(stacks.platform, "aws_iam_policy_document", `${role}/role/grants/document`, "data");
const connectPolicy = (stacks: StackJson) => grantsOf(stacks, "application-role");
const secretPolicy = (stacks: StackJson) => grantsOf(stacks, "bootstrap-role");
const statement = (document: any, sid: string) => document.statement.find((st: any) => st.sid === sid);
const withoutStatements = (document: any, keep: (st: any) => boolean) => (document.statement = document.statement.filter(keep));

describe("CHAIN-01 pod runs as its own ServiceAccount", () => {
  test("a Deployment without serviceAccountName runs as default", () => {
    const result = findings("CHAIN-01", (s) => delete podSpec(s).serviceAccountName);
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining('"default" ServiceAccount')]]);
  });

  test("a ServiceAccount name nobody defines", () => {
    const result = findings("CHAIN-01", (s) => (podSpec(s).serviceAccountName = "metabase-typo"));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining('"metabase-typo", but no ServiceAccount')]]);
  });

  test("the ServiceAccount lives in another namespace", () => {
    const result = findings("CHAIN-01", (s) => (manifest(s, "metabase/service-account").metadata.namespace = "other"));
    expect(result.map((f) => f.path)).toEqual([DEPLOYMENT_PATH]);
  });

  test("the bootstrap Job is held to the same rule", () => {
    const result = findings("CHAIN-01", (s) => delete podSpec(s, BOOTSTRAP_JOB).serviceAccountName);
    expect(result.map((f) => [f.path, f.subject])).toEqual([[JOB_PATH, JOB_PATH]]);
  });
});

describe("CHAIN-02 ServiceAccount names an IRSA role", () => {
  test("no role-arn annotation: PAM authentication failed", () => {
    const result = findings("CHAIN-02", (s) => delete manifest(s, "metabase/service-account").metadata.annotations);
    expect(where(result)).toEqual([["dev-workload/metabase/service-account", expect.stringContaining("PAM authentication failed")]]);
    expect(result[0].subject).toBe(DEPLOYMENT_PATH);
  });

  test("a literal ARN is not a role of this environment", () => {
    const result = findings("CHAIN-02", (s) => {
      manifest(s, "metabase/bootstrap-service-account").metadata.annotations["eks.amazonaws.com/role-arn"] =
        "arn:aws:iam::123456789012:role/somebody-else";
    });
    expect(where(result)).toEqual([
      ["dev-workload/metabase/bootstrap-service-account", expect.stringContaining("not a reference to an aws_iam_role")],
    ]);
  });
});

describe("CHAIN-03 the role trusts exactly its ServiceAccount", () => {
  const ROLE = "dev-platform/eks/application-role/role";
  const subCondition = (s: StackJson) => trust(s).condition.find((c: any) => c.variable.endsWith(":sub"));

  test.each([
    ["StringLike on :sub", (s: StackJson) => (subCondition(s).test = "StringLike"), /uses StringLike/],
    ["a wildcard :sub", (s: StackJson) => (subCondition(s).values = ["system:serviceaccount:metabase:*"]), /wildcard values/],
    [
      "another ServiceAccount's :sub",
      (s: StackJson) => (subCondition(s).values = ["system:serviceaccount:metabase:other"]),
      /expected exactly \["system:serviceaccount:metabase:metabase"\]/,
    ],
    [
      "no :sub condition",
      (s: StackJson) => (trust(s).condition = trust(s).condition.filter((c: any) => !c.variable.endsWith(":sub"))),
      /no StringEquals condition on <issuer>:sub/,
    ],
    [
      "a wrong :aud",
      (s: StackJson) => (trust(s).condition.find((c: any) => c.variable.endsWith(":aud")).values = ["sts.amazonaws.com", "other"]),
      /<issuer>:aud is/,
    ],
    [
      "a literal issuer prefix",
      (s: StackJson) => (subCondition(s).variable = "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"),
      /not prefixed with this cluster's OIDC issuer/,
    ],
    [
      "another Federated provider",
      (s: StackJson) => (trust(s).principals[0].identifiers = ["arn:aws:iam::123456789012:oidc-provider/x"]),
      /not this cluster's OIDC provider/,
    ],
    [
      "AssumeRole instead of web identity",
      (s: StackJson) => (trust(s).actions = ["sts:AssumeRole"]),
      /expected exactly \["sts:AssumeRoleWithWebIdentity"\]/,
    ],
    ["a second trusted principal", (s: StackJson) => trust(s).principals.push({ type: "AWS", identifiers: ["*"] }), /also trusts AWS \*/],
  ])("%s", (_, change, message) => {
    const result = findings("CHAIN-03", change);
    expect(result.map((f) => [f.path, f.subject])).toEqual([[ROLE, DEPLOYMENT_PATH]]);
    expect(result[0].message).toMatch(message);
  });

  test("the bootstrap ServiceAccount annotated with the application's role is refused by its trust", () => {
    const result = findings("CHAIN-03", (s) => {
      const appRole = manifest(s, "metabase/service-account").metadata.annotations["eks.amazonaws.com/role-arn"];
      manifest(s, "metabase/bootstrap-service-account").metadata.annotations["eks.amazonaws.com/role-arn"] = appRole;
    });
    expect(result.map((f) => [f.path, f.subject])).toEqual([[ROLE, JOB_PATH]]);
    expect(result[0].message).toContain('expected exactly ["system:serviceaccount:metabase:metabase-db-bootstrap"]');
  });

  test("a literal JSON trust policy is read too, and an unrelated provider fails", () => {
    const result = findings("CHAIN-03", (s) => {
      block(s.platform, "aws_iam_role", "application-role/role").assume_role_policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X" },
            Condition: { StringLike: { "oidc.eks.eu-west-1.amazonaws.com/id/X:sub": "system:serviceaccount:*" } },
          },
        ],
      });
    });
    expect(result[0].message).toMatch(/not this cluster's OIDC provider.*uses StringLike/);
  });

  test("a trust policy that cannot be read proves nothing", () => {
    const result = findings("CHAIN-03", (s) => {
      block(s.platform, "aws_iam_role", "application-role/role").assume_role_policy = '{"Statement": "${var.x}"}';
    });
    expect(result[0].message).toContain("cannot be checked");
  });
});

describe("CHAIN-04 rds-db:connect on exactly the pod's DB user", () => {
  const ROLE = "dev-platform/eks/application-role/role";
  const POLICY = "dev-platform/eks/application-role/role/grants/document";

  test("a wildcard resource is too broad, and proves no exact grant", () => {
    const result = findings("CHAIN-04", (s) => (connectPolicy(s).statement[0].resources = ["*"]));
    expect(where(result)).toEqual([
      [POLICY, expect.stringContaining("rds-db:connect on *")],
      [ROLE, expect.stringContaining("PAM authentication failed")],
    ]);
  });

  test("every user of the instance (dbuser:<id>/*)", () => {
    const result = findings("CHAIN-04", (s) => {
      const statement = connectPolicy(s).statement[0];
      statement.resources = [statement.resources[0].replace(/\/metabase$/, "/*")];
    });
    expect(result.map((f) => f.path)).toEqual([POLICY, ROLE]);
  });

  test("the pod connects as a user its role cannot", () => {
    const result = findings("CHAIN-04", (s) => (envOf(deployment(s)).find((e) => e.name === "MB_DB_USER")!.value = "reporting"));
    expect(where(result)).toEqual([
      [POLICY, expect.stringContaining('not exactly DB user "reporting"')],
      [ROLE, expect.stringContaining('no rds-db:connect on DB user "reporting"')],
    ]);
  });

  test("no grant at all", () => {
    const result = findings("CHAIN-04", (s) => remove(s.platform, "aws_iam_role_policy", "application-role/role/grants/policy"));
    expect(where(result)).toEqual([[ROLE, expect.stringContaining("has no rds-db:connect")]]);
  });

  test("rds-db:* also counts as a grant, and is checked the same way", () => {
    const result = findings("CHAIN-04", (s) => {
      connectPolicy(s).statement.push({ effect: "Allow", actions: ["rds-db:*"], resources: ["arn:aws:rds-db:eu-west-1:*:dbuser:*/*"] });
    });
    expect(result.map((f) => f.path)).toEqual([POLICY]);
  });
});

describe("CHAIN-05 only the bootstrap reads the master secret", () => {
  const BOOTSTRAP_ROLE = "dev-platform/eks/bootstrap-role/role";
  const POLICY = "dev-platform/eks/bootstrap-role/role/grants/document";

  test("a wildcard secret resource", () => {
    const result = findings("CHAIN-05", (s) => (statement(secretPolicy(s), "ReadMasterSecret").resources = ["*"]));
    expect(where(result)).toEqual([
      [POLICY, expect.stringContaining("secretsmanager:GetSecretValue on *")],
      [BOOTSTRAP_ROLE, expect.stringContaining("is not granted secretsmanager:GetSecretValue")],
    ]);
  });

  test("no read grant: the Job can never create the user", () => {
    const result = findings("CHAIN-05", (s) =>
      withoutStatements(secretPolicy(s), (st) => !["ReadMasterSecret", "DecryptMasterSecret"].includes(st.sid)),
    );
    // The key is the database's, which the Job also uses for Metabase's encryption key: kms:Decrypt stays allowed.
    expect(result.map((f) => [f.path, f.subject, f.message])).toEqual([
      [BOOTSTRAP_ROLE, JOB_PATH, expect.stringContaining("is not granted secretsmanager:GetSecretValue")],
    ]);
  });

  test("no kms:Decrypt on the secret's key, in any of the role's policies", () => {
    const result = findings("CHAIN-05", (s) => withoutStatements(secretPolicy(s), (st) => !st.actions.includes("kms:Decrypt")));
    expect(where(result)).toEqual([[BOOTSTRAP_ROLE, expect.stringContaining("may not kms:Decrypt")]]);
  });

  test("reading a secret the Job is not given is reported, reading the one it is given is not", () => {
    expect(findings("CHAIN-05")).toEqual([]);
    const result = findings(
      "CHAIN-05",
      (s) =>
        (statement(secretPolicy(s), "ReadAndInitializeTheSecret").resources = [
          "arn:aws:secretsmanager:eu-west-1:111122223333:secret:other",
        ]),
    );
    expect(where(result)).toEqual([
      [
        POLICY,
        expect.stringContaining('beyond aws_db_instance "postgresql-dev"\'s master secret and the secrets its containers are given'),
      ],
    ]);
  });

  test("the application's role reading the master secret bypasses the IAM lock", () => {
    const result = findings("CHAIN-05", (s) => connectPolicy(s).statement.push(statement(secretPolicy(s), "ReadMasterSecret")));
    expect(result.map((f) => [f.path, f.subject])).toEqual([["dev-platform/eks/application-role/role/grants/document", DEPLOYMENT_PATH]]);
    expect(result[0].message).toContain("could log in as the master user");
  });
});

describe("CHAIN-06 IAM authentication on, and used", () => {
  test("IAM database authentication disabled on the instance", () => {
    const result = findings(
      "CHAIN-06",
      (s) => (block(s.platform, "aws_db_instance", "database/instance").iam_database_authentication_enabled = false),
    );
    expect(where(result)).toEqual([["dev-platform/database/instance", expect.stringContaining("IAM database authentication disabled")]]);
  });

  test("the container does not ask Metabase for IAM", () => {
    const result = findings("CHAIN-06", (s) => {
      const spec = deployment(s).spec.template.spec.containers[0];
      spec.env = spec.env.filter((e: any) => e.name !== "MB_DB_AWS_IAM");
    });
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("without MB_DB_AWS_IAM=true")]]);
  });

  test("a password next to IAM", () => {
    const result = findings("CHAIN-06", (s) => envOf(deployment(s)).push({ name: "MB_DB_PASS", value: "hunter2" }));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("sets MB_DB_PASS")]]);
  });
});

describe("CHAIN-07 a SecurityGroupPolicy gives the pod the database key", () => {
  test("no SecurityGroupPolicy: connect timed out", () => {
    const result = findings("CHAIN-07", (s) => remove(s.workload, "kubernetes_manifest", "metabase/security-group-policy"));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("connect timed out")]]);
  });

  test("a selector that matches neither the ServiceAccount nor the pod", () => {
    const result = findings("CHAIN-07", (s) => {
      manifest(s, "metabase/bootstrap-security-group-policy").spec.serviceAccountSelector.matchLabels = { app: "nobody" };
    });
    expect(result.map((f) => f.path)).toEqual([JOB_PATH]);
  });

  test("a policy in another namespace selects nothing here", () => {
    const result = findings("CHAIN-07", (s) => (manifest(s, "metabase/security-group-policy").metadata.namespace = "default"));
    expect(result.map((f) => f.path)).toEqual([DEPLOYMENT_PATH]);
  });

  test("a policy listing only the cluster security group", () => {
    const result = findings("CHAIN-07", (s) => {
      const groups = manifest(s, "metabase/security-group-policy").spec.securityGroups;
      groups.groupIds = groups.groupIds.slice(1);
    });
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("none of which is a pod security group admitted")]]);
  });

  test("selecting the pod by its own labels (podSelector) is compliant too", () => {
    const result = findings("CHAIN-07", (s) => {
      const spec = manifest(s, "metabase/security-group-policy").spec;
      delete spec.serviceAccountSelector;
      spec.podSelector = { matchExpressions: [{ key: "app", operator: "In", values: ["metabase"] }] };
    });
    expect(where(result)).toEqual([]);
  });
});

describe("CHAIN-08 the SecurityGroupPolicy exists before the pods", () => {
  test("a Deployment that does not depend on its SecurityGroupPolicy", () => {
    const result = findings("CHAIN-08", (s) => {
      const sgp = addressOf(s.workload, "kubernetes_manifest", "metabase/security-group-policy");
      const resource = block(s.workload, "kubernetes_manifest", DEPLOYMENT);
      resource.depends_on = resource.depends_on.filter((d: string) => d !== sgp);
    });
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("does not depend_on SecurityGroupPolicy metabase/metabase")]]);
  });
});

describe("CHAIN-09 the database admits pod security groups only", () => {
  const RULE = "dev-platform/database/allow-application-pod-sg";
  const allowApp = (s: StackJson) => block(s.platform, "aws_vpc_security_group_ingress_rule", "database/allow-application-pod-sg");

  test("the VPC CIDR instead of the pod security group", () => {
    const result = findings("CHAIN-09", (s) => {
      delete allowApp(s).referenced_security_group_id;
      allowApp(s).cidr_ipv4 = "10.0.0.0/16";
    });
    expect(where(result)).toEqual([[RULE, expect.stringContaining("admits CIDR 10.0.0.0/16")]]);
  });

  test("a wider port range", () => {
    const result = findings("CHAIN-09", (s) => Object.assign(allowApp(s), { from_port: 0, to_port: 65535 }));
    expect(where(result)).toEqual([[RULE, expect.stringContaining("all ports instead of exactly 5432/tcp")]]);
  });

  test("the cluster security group (on every node)", () => {
    const result = findings("CHAIN-09", (s) => {
      allowApp(s).referenced_security_group_id =
        `${"$"}{${addressOf(s.platform, "aws_eks_cluster", "eks/cluster")}.vpc_config[0].cluster_security_group_id}`;
    });
    expect(where(result)).toEqual([
      [RULE, expect.stringContaining('EKS cluster security group of aws_eks_cluster "eks-cluster-dev", which is attached to nodes')],
    ]);
  });

  test("an inline 0.0.0.0/0 ingress block on the database group", () => {
    const result = findings("CHAIN-09", (s) => {
      block(s.platform, "aws_security_group", "database/security-group").ingress = [
        { from_port: 5432, to_port: 5432, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] },
      ];
    });
    expect(where(result)).toEqual([["dev-platform/database/security-group", expect.stringContaining("CIDR 0.0.0.0/0")]]);
  });

  test("an aws_security_group_rule admitting the database group's own members", () => {
    const result = findings("CHAIN-09", (s) => {
      s.platform.resource.aws_security_group_rule = {
        extra: {
          "//": { metadata: { path: "dev-platform/extra" } },
          type: "ingress",
          security_group_id: ref(s, "aws_security_group", "database/security-group", "id"),
          source_security_group_id: ref(s, "aws_security_group", "database/security-group", "id"),
          protocol: "tcp",
          from_port: 5432,
          to_port: 5432,
        },
      };
    });
    expect(where(result)).toEqual([["dev-platform/extra", expect.stringContaining("admits its own members (self)")]]);
  });

  test("an aws_security_group_rule from a group no SecurityGroupPolicy lists", () => {
    const result = findings("CHAIN-09", (s) => {
      s.platform.resource.aws_security_group.stray = { "//": { metadata: { path: "dev-platform/stray" } }, name: "stray", vpc_id: "vpc-1" };
      s.platform.resource.aws_security_group_rule = {
        extra: {
          "//": { metadata: { path: "dev-platform/extra" } },
          type: "ingress",
          security_group_id: ref(s, "aws_security_group", "database/security-group", "id"),
          source_security_group_id: "${aws_security_group.stray.id}",
          protocol: "tcp",
          from_port: 5432,
          to_port: 5432,
        },
      };
    });
    expect(where(result)).toEqual([
      ["dev-platform/extra", expect.stringContaining('aws_security_group "stray", which no SecurityGroupPolicy lists')],
    ]);
  });

  test("a pod security group that is also on the nodes admits every pod on them", () => {
    const result = findings("CHAIN-09", (s) => {
      block(s.platform, "aws_launch_template", "private-nodes/launch-template").vpc_security_group_ids = [
        ref(s, "aws_security_group", "application-pod-sg/security-group", "id"),
      ];
    });
    expect(where(result)).toEqual([[RULE, expect.stringContaining("which is attached to nodes")]]);
  });

  test("a security group that is not part of the environment", () => {
    const result = findings("CHAIN-09", (s) =>
      block(s.platform, "aws_db_instance", "database/instance").vpc_security_group_ids.push("sg-0123456789abcdef0"),
    );
    expect(where(result)).toEqual([["dev-platform/database/instance", expect.stringContaining('["sg-0123456789abcdef0"]')]]);
  });
});

describe("CHAIN-10 pods pinned to an existing node group", () => {
  test("no nodeSelector", () => {
    const result = findings("CHAIN-10", (s) => delete podSpec(s).nodeSelector);
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("has no nodeSelector")]]);
  });

  test("a nodeSelector no node group satisfies", () => {
    const result = findings("CHAIN-10", (s) => (podSpec(s, BOOTSTRAP_JOB).nodeSelector = { type: "gpu" }));
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining("stay Pending")]]);
  });

  test("the fix names this environment's private node groups with trunk ENIs, by their own labels, not the project's", () => {
    const [finding] = findings("CHAIN-10", (s) => {
      block(s.platform, "aws_eks_node_group", "private-nodes/node-group").labels = { pool: "workers" };
      delete podSpec(s).nodeSelector;
    });
    expect(finding.fix).toBe(
      'Set the pod template\'s nodeSelector to the labels of a private node group with trunk ENIs: {"pool":"workers"} (aws_eks_node_group "private-node-group-dev")',
    );
    // The public group (tainted, in public subnets) is never offered.
    const withPublic = findings("CHAIN-10", (s) => delete podSpec(s).nodeSelector, { publicNodes: true });
    expect(withPublic[0].fix).not.toContain("public");
  });
});

describe("CHAIN-11 pods run on private nodes", () => {
  const NODES = "dev-platform/eks/private-nodes/node-group";
  const privateNodes = (s: StackJson) => block(s.platform, "aws_eks_node_group", "private-nodes/node-group");

  test("pinned to the public node group", () => {
    const result = findings("CHAIN-11", (s) => (podSpec(s).nodeSelector = { type: "public" }), { publicNodes: true });
    expect(result.map((f) => [f.path, f.subject])).toEqual([["dev-platform/eks/public-nodes/node-group", DEPLOYMENT_PATH]]);
    expect(result[0].message).toMatch(/gives instances public IPs/);
  });

  test("a public subnet in the private node group", () => {
    const result = findings("CHAIN-11", (s) => {
      privateNodes(s).subnet_ids.push(ref(s, "aws_subnet", "network/public-eks-1", "id"));
      block(s.platform, "aws_subnet", "network/public-eks-1").map_public_ip_on_launch = false;
    });
    expect(where(result)).toEqual([[NODES, expect.stringContaining("routes 0.0.0.0/0 to an internet gateway")]]);
  });

  test("a subnet on the VPC's main route table cannot be proven private", () => {
    const result = findings("CHAIN-11", (s) => remove(s.platform, "aws_route_table_association", "network/private-eks-1-routes"));
    expect(where(result)).toEqual([[NODES, expect.stringContaining("no route table association")]]);
  });
});

describe("CHAIN-12 trunk ENI instance types", () => {
  const NODES = "dev-platform/eks/private-nodes/node-group";
  const privateNodes = (s: StackJson) => block(s.platform, "aws_eks_node_group", "private-nodes/node-group");

  test("t3.medium, forced past config validation by an override", () => {
    const result = findings("CHAIN-12", (s) => (privateNodes(s).instance_types = ["m5.large", "t3.medium"]));
    expect(where(result)).toEqual([[NODES, expect.stringContaining("t3.medium, which is a burstable (t family) type")]]);
  });

  test("no instance_types: EKS's default is t3.medium", () => {
    const result = findings("CHAIN-12", (s) => delete privateNodes(s).instance_types);
    expect(where(result)).toEqual([[NODES, expect.stringContaining("EKS defaults to t3.medium")]]);
  });

  test("other Nitro families are fine", () => {
    expect(where(findings("CHAIN-12", (s) => (privateNodes(s).instance_types = ["m6i.large", "c7g.xlarge"])))).toEqual([]);
  });
});

describe("CHAIN-13 VPC CNI with pod ENIs", () => {
  const addon = (s: StackJson) => block(s.platform, "aws_eks_addon", "vpc-cni/addon");

  test("ENABLE_POD_ENI not set", () => {
    const result = findings("CHAIN-13", (s) => (addon(s).configuration_values = JSON.stringify({ env: { WARM_IP_TARGET: "5" } })));
    expect(where(result)).toEqual([["dev-platform/eks/vpc-cni/addon", expect.stringContaining("ENABLE_POD_ENI is not set")]]);
  });

  test("a VPC CNI older than v1.7.7", () => {
    const result = findings("CHAIN-13", (s) => (addon(s).addon_version = "v1.7.5-eksbuild.1"));
    expect(where(result)).toEqual([["dev-platform/eks/vpc-cni/addon", expect.stringContaining("older than v1.7.7")]]);
  });

  test("the shipped dev environment resolves the version for its cluster: no finding at all", () => {
    expect(where(findings("CHAIN-13"))).toEqual([]);
  });

  test("a version looked up for another Kubernetes version than the cluster's", () => {
    const result = findings(
      "CHAIN-13",
      (s) => (block(s.platform, "aws_eks_addon_version", "vpc-cni/version", "data").kubernetes_version = "1.33"),
    );
    expect(where(result)).toEqual([
      ["dev-platform/eks/vpc-cni/addon", expect.stringContaining('looked up for Kubernetes "1.33", not the cluster\'s own version')],
    ]);
  });

  test("a version read at every plan (no terraform_data keeping it) is a warning: a new build would roll aws-node in the next deploy", () => {
    const result = findings(
      "CHAIN-13",
      (s) => (addon(s).addon_version = `\${${addressOf(s.platform, "aws_eks_addon_version", "vpc-cni/version", "data")}.version}`),
    );
    expect(result.map((f) => [f.path, f.level])).toEqual([["dev-platform/eks/vpc-cni/addon", "warning"]]);
    expect(result[0].message).toContain("read again at every plan");
  });

  test("kept, but without ignore_changes on its input: the same warning", () => {
    const result = findings("CHAIN-13", (s) => delete block(s.platform, "terraform_data", "vpc-cni/resolved-version").lifecycle);
    expect(result.map((f) => [f.path, f.level, f.message.includes("read again at every plan")])).toEqual([
      ["dev-platform/eks/vpc-cni/addon", "warning", true],
    ]);
  });

  test("a pinned version is a warning that says how to check it", () => {
    const result = findings("CHAIN-13", (s) => (addon(s).addon_version = "v1.20.1-eksbuild.3"));
    expect(result.map((f) => [f.path, f.level])).toEqual([["dev-platform/eks/vpc-cni/addon", "warning"]]);
    expect(result[0].message).toContain("pinned to v1.20.1-eksbuild.3 by hand");
    expect(result[0].fix).toContain("aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version 1.35");
  });

  test("no managed VPC CNI at all", () => {
    const result = findings("CHAIN-13", (s) => remove(s.platform, "aws_eks_addon", "vpc-cni/addon"));
    expect(where(result)).toEqual([["dev-platform/eks/cluster", expect.stringContaining("has no vpc-cni aws_eks_addon")]]);
  });
});

describe("CHAIN-14 node groups join after the VPC CNI", () => {
  test("a node group created in parallel with the add-on", () => {
    const result = findings(
      "CHAIN-14",
      (s) => {
        const nodes = block(s.platform, "aws_eks_node_group", "public-nodes/node-group");
        nodes.depends_on = nodes.depends_on.filter((d: string) => !d.startsWith("aws_eks_addon."));
      },
      { publicNodes: true },
    );
    expect(where(result)).toEqual([
      ["dev-platform/eks/public-nodes/node-group", expect.stringContaining("does not depend_on the vpc-cni add-on")],
    ]);
  });
});

describe("CHAIN-15 the VPC resource controller policy", () => {
  test("a cluster role without AmazonEKSVPCResourceController", () => {
    const result = findings("CHAIN-15", (s) => remove(s.platform, "aws_iam_role_policy_attachment", "eks/AmazonEKSVPCResourceController"));
    expect(where(result)).toEqual([["dev-platform/eks/role", expect.stringContaining("lacks AmazonEKSVPCResourceController")]]);
  });
});
