/** Kubernetes hardening rules (K8S-10..15): TLS at both ends, the encryption key, network policies, Secret creation. */
import { evaluate } from "../../src/policy/engine";
import { EnvironmentModel } from "../../src/policy/model/environment-model";
import { ruleById } from "../../src/policy/rules";
import { isMetabaseImage } from "../../src/policy/rules/k8s/metabase-encryption-key";
import { publicDemoEnvironment } from "../helpers/environments";
import {
  block,
  BOOTSTRAP_JOB,
  buildPrepared,
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

const SERVICE_PATH = "dev-workload/metabase/service";
const DEFAULT_DENY = "metabase/network-policy-default-deny";
const ADDON_PATH = "dev-platform/eks/vpc-cni/addon";
const ROLE_PATH = "dev-workload/metabase/encryption-key-role";
const ROLE_BINDING_PATH = "dev-workload/metabase/encryption-key-role-binding";
const ANNOTATION = {
  cert: "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  ports: "service.beta.kubernetes.io/aws-load-balancer-ssl-ports",
  backend: "service.beta.kubernetes.io/aws-load-balancer-backend-protocol",
  policy: "service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy",
};
const CERTIFICATE = "arn:aws:acm:eu-west-1:111122223333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

const service = (s: StackJson) => manifest(s, "metabase/service");
const metabaseEnv = (s: StackJson) => envOf(manifest(s, DEPLOYMENT));
const jobContainer = (s: StackJson) => manifest(s, BOOTSTRAP_JOB).spec.template.spec.containers[0];
const env = (list: Array<{ name: string; value?: string }>, name: string) => list.find((e) => e.name === name)!;
const addon = (s: StackJson) => block(s.platform, "aws_eks_addon", "eks/vpc-cni/addon");
const addonConfig = (s: StackJson, change: (config: Record<string, any>) => void) => {
  const config = JSON.parse(addon(s).configuration_values);
  change(config);
  addon(s).configuration_values = JSON.stringify(config);
};
const role = (s: StackJson) => manifest(s, "metabase/encryption-key-role");
const roleBinding = (s: StackJson) => manifest(s, "metabase/encryption-key-role-binding");
const admissionPolicy = (s: StackJson) => manifest(s, "metabase/encryption-key-admission-policy");
const admissionBinding = (s: StackJson) => manifest(s, "metabase/encryption-key-admission-binding");

/** Adds a Terraform block the dev app does not have, as a user's escape hatch or extra construct could. */
const addBlock = (s: StackJson, type: string, id: string, config: Record<string, any>) => {
  s.workload.resource[type] ??= {};
  s.workload.resource[type][id] = { ...config, "//": { metadata: { path: `dev-workload/${id}` } } };
};

/** The Service made internet-facing with a certificate, as MetabaseWorkload writes it for application.tls. */
const internetWithTls = (s: StackJson, annotations: Record<string, string | undefined> = {}) => {
  const all: Record<string, string | undefined> = {
    [ANNOTATION.cert]: CERTIFICATE,
    [ANNOTATION.ports]: "443",
    [ANNOTATION.backend]: "http",
    [ANNOTATION.policy]: "ELBSecurityPolicy-TLS-1-2-2017-01",
    ...annotations,
  };
  service(s).metadata.annotations = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
  service(s).spec.ports = [{ name: "https", port: 443, protocol: "TCP", targetPort: 3000 }];
};

describe.each(["K8S-10", "K8S-11", "K8S-12", "K8S-13", "K8S-14", "K8S-15"])("%s on the shipped dev environment", (ruleId) => {
  test("is compliant", () => {
    expect(where(findings(ruleId))).toEqual([]);
  });

  test("is compliant in production too", () => {
    expect(where(findings(ruleId, undefined, { production: true }))).toEqual([]);
  });
});

describe("K8S-10 internet-facing load balancers serve TLS", () => {
  test("the public demo environment (internet-facing, application.tls) complies", () => {
    const { platform, workload } = buildPrepared(publicDemoEnvironment());
    const model = new EnvironmentModel({
      name: "dev",
      production: false,
      stacks: [
        { name: "dev-platform", json: platform.toTerraform() },
        { name: "dev-workload", json: workload.toTerraform() },
      ],
    });
    expect(evaluate(model, [ruleById("K8S-10")!]).map((f) => [f.path, f.message])).toEqual([]);
  });

  test("internet-facing without a certificate: a warning, an error in production", () => {
    const change = (s: StackJson) => delete service(s).metadata.annotations;
    const result = findings("K8S-10", change);
    expect(result.map((f) => [f.path, f.level, f.message])).toEqual([
      [
        SERVICE_PATH,
        "warning",
        expect.stringContaining(
          `Service metabase/metabase: internet-facing, with no ${ANNOTATION.cert} annotation: every port (8000) is served in clear text`,
        ),
      ],
    ]);
    expect(findings("K8S-10", change, { production: true }).map((f) => f.level)).toEqual(["error"]);
  });

  test("a certificate that covers 443 while the Service also serves 8080 in clear", () => {
    const result = findings("K8S-10", (s) => {
      internetWithTls(s);
      service(s).spec.ports.push({ name: "http", port: 8080, protocol: "TCP", targetPort: 3000 });
    });
    expect(where(result)).toEqual([
      [SERVICE_PATH, expect.stringContaining(`${ANNOTATION.ports} = "443" leaves port 8080 without the certificate`)],
    ]);
  });

  test("ssl-ports may name a port (the controller lower-cases the Service's port name)", () => {
    expect(findings("K8S-10", (s) => internetWithTls(s, { [ANNOTATION.ports]: "https" }))).toEqual([]);
  });

  test('ssl-ports items are not trimmed by the controller: "443, 8443" leaves 8443 in clear', () => {
    const result = findings("K8S-10", (s) => {
      internetWithTls(s, { [ANNOTATION.ports]: "443, 8443" });
      service(s).spec.ports.push({ name: "alt", port: 8443, protocol: "TCP", targetPort: 3000 });
    });
    expect(where(result)).toEqual([[SERVICE_PATH, expect.stringContaining("leaves port 8443 without the certificate")]]);
  });

  test("no negotiation policy means ELBSecurityPolicy-2016-08 (TLS 1.0 and 1.1)", () => {
    const result = findings("K8S-10", (s) => internetWithTls(s, { [ANNOTATION.policy]: undefined }));
    expect(where(result)).toEqual([
      [SERVICE_PATH, expect.stringContaining("default ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1")],
    ]);
  });

  test.each(["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2011-08"])(
    "the outdated policy %s",
    (policy) => {
      const result = findings("K8S-10", (s) => internetWithTls(s, { [ANNOTATION.policy]: policy }));
      expect(where(result)).toEqual([[SERVICE_PATH, expect.stringContaining(`"${policy}" is an outdated policy`)]]);
    },
  );

  test("no backend-protocol: a raw SSL listener, not HTTPS", () => {
    const result = findings("K8S-10", (s) => internetWithTls(s, { [ANNOTATION.backend]: undefined }));
    expect(where(result)).toEqual([[SERVICE_PATH, expect.stringContaining(`sets no ${ANNOTATION.backend}`)]]);
  });

  test("a Network Load Balancer needs no backend-protocol (its TLS listener forwards TCP), but does need a policy", () => {
    const nlb = (s: StackJson, policy?: string) =>
      internetWithTls(s, {
        [ANNOTATION.backend]: undefined,
        [ANNOTATION.policy]: policy,
        "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      });
    expect(findings("K8S-10", (s) => nlb(s, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"))).toEqual([]);
    expect(where(findings("K8S-10", (s) => nlb(s)))).toEqual([
      [SERVICE_PATH, expect.stringContaining("default ELBSecurityPolicy-2016-08")],
    ]);
  });

  test("an internal load balancer without TLS is not this rule's concern (the dev environment)", () => {
    expect(findings("K8S-10", (s) => expect(service(s).metadata.annotations[ANNOTATION.cert]).toBeUndefined())).toEqual([]);
  });
});

describe("K8S-11 database TLS verified", () => {
  const uri = (s: StackJson) => env(metabaseEnv(s), "MB_DB_CONNECTION_URI");
  const withQuery = (s: StackJson, query: string) => (uri(s).value = uri(s).value!.replace(/\?.*$/, query));

  test("a URI with sslmode=require encrypts but verifies nothing", () => {
    const result = findings("K8S-11", (s) => withQuery(s, "?sslmode=require&sslrootcert=/etc/rds-ca/bundle.pem"));
    expect(where(result)).toEqual([
      [
        DEPLOYMENT_PATH,
        expect.stringMatching(
          /^container "metabase" of Deployment metabase\/metabase \(aws_db_instance "postgresql-dev"\): MB_DB_CONNECTION_URI says sslmode=require/,
        ),
      ],
    ]);
    expect(result[0].level).toBe("error");
  });

  test("a URI without any sslmode: pgJDBC falls back to prefer", () => {
    const result = findings("K8S-11", (s) => withQuery(s, ""));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("says no sslmode: pgJDBC's mode is then prefer")]]);
  });

  test("sslmode=verify-ca is a warning: the host name is not checked", () => {
    const result = findings("K8S-11", (s) => withQuery(s, "?sslmode=verify-ca&sslrootcert=/etc/rds-ca/bundle.pem"));
    expect(result.map((f) => [f.path, f.level, f.message])).toEqual([
      [DEPLOYMENT_PATH, "warning", expect.stringContaining("not the host name")],
    ]);
  });

  test("verify-full without sslrootcert", () => {
    const result = findings("K8S-11", (s) => withQuery(s, "?sslmode=verify-full"));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("MB_DB_CONNECTION_URI has no sslrootcert")]]);
  });

  test("ssl=true without sslmode is verify-full in pgJDBC (SslMode.of)", () => {
    expect(findings("K8S-11", (s) => withQuery(s, "?ssl=true&sslrootcert=/etc/rds-ca/bundle.pem"))).toEqual([]);
  });

  test("sslmode is read case-insensitively, the last value winning", () => {
    expect(findings("K8S-11", (s) => withQuery(s, "?sslmode=require&sslmode=VERIFY-FULL&sslrootcert=/etc/rds-ca/bundle.pem"))).toEqual([]);
  });

  test("broken-out MB_DB_HOST without a URI: pgJDBC uses prefer", () => {
    const result = findings("K8S-11", (s) => {
      const entry = uri(s);
      entry.name = "MB_DB_HOST";
      entry.value = /\$\{[^}]+\}/.exec(entry.value!)![0];
    });
    expect(where(result)).toEqual([
      [
        DEPLOYMENT_PATH,
        expect.stringMatching(
          /broken-out MB_DB_\* variables and no MB_DB_CONNECTION_URI: pgJDBC then uses sslmode=prefer.*spec\.clj.*SslMode\.of/,
        ),
      ],
    ]);
  });

  test("the bootstrap Job's psql with sslmode=require", () => {
    const result = findings(
      "K8S-11",
      (s) => (jobContainer(s).args[0] = jobContainer(s).args[0].replace("sslmode=verify-full", "sslmode=require")),
    );
    expect(where(result)).toEqual([
      [
        JOB_PATH,
        expect.stringMatching(/^container "create-database-user" of Job metabase\/metabase-db-bootstrap-\w+ .*says sslmode=require/),
      ],
    ]);
  });

  test("the bootstrap Job's psql without any sslmode: libpq's default is prefer", () => {
    const result = findings(
      "K8S-11",
      (s) => (jobContainer(s).args[0] = jobContainer(s).args[0].replace(/ sslmode=verify-full sslrootcert=\$DB_CA_FILE/, "")),
    );
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining("libpq's default is prefer")]]);
  });

  test("verify-full without sslrootcert in the psql connection string", () => {
    const result = findings("K8S-11", (s) => (jobContainer(s).args[0] = jobContainer(s).args[0].replace(" sslrootcert=$DB_CA_FILE", "")));
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining("says sslmode but no sslrootcert")]]);
  });

  test("a second connection string that weakens the first is caught too", () => {
    const result = findings("K8S-11", (s) => (jobContainer(s).args[0] += 'psql "host=$DB_HOST sslmode=disable" -c "select 1"\n'));
    expect(where(result).map(([, m]) => m)).toEqual([
      expect.stringContaining("says sslmode=disable"),
      expect.stringContaining("says sslmode but no sslrootcert"),
    ]);
  });

  test("sslmode taken from the container's env through a shell variable", () => {
    expect(
      findings("K8S-11", (s) => {
        jobContainer(s).args[0] = jobContainer(s).args[0].replace("sslmode=verify-full", "sslmode=$DB_SSLMODE");
        jobContainer(s).env.push({ name: "DB_SSLMODE", value: "verify-full" });
      }),
    ).toEqual([]);
  });

  test("PGSSLMODE=require in the env, no sslmode in the args", () => {
    const result = findings("K8S-11", (s) => {
      jobContainer(s).args[0] = jobContainer(s).args[0].replace(/ sslmode=verify-full sslrootcert=\$DB_CA_FILE/, "");
      jobContainer(s).env.push({ name: "PGSSLMODE", value: "require" }, { name: "PGSSLROOTCERT", value: "/etc/rds-ca/bundle.pem" });
    });
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining('PGSSLMODE = "require"')]]);
  });
});

describe("K8S-12 Metabase's encryption key", () => {
  const key = (s: StackJson) => env(metabaseEnv(s), "MB_ENCRYPTION_SECRET_KEY") as any;

  test.each([
    ["metabase/metabase:v0.63.19", true],
    [`docker.io/metabase/metabase@sha256:${"a".repeat(64)}`, true],
    ["registry.example.com:5000/metabase/metabase-enterprise:v1.63.19", true],
    ["postgres:17.6-alpine", false],
    ["example.com/metabase/metabase-helper:1", false],
  ])("%s is a Metabase image: %p", (image, expected) => {
    expect(isMetabaseImage(image)).toBe(expected);
  });

  test("a literal value puts the key in Terraform's state", () => {
    const result = findings("K8S-12", (s) => {
      delete key(s).valueFrom;
      key(s).value = "0123456789abcdef0123456789abcdef";
    });
    expect(where(result)).toEqual([
      [
        DEPLOYMENT_PATH,
        expect.stringContaining('container "metabase" of Deployment metabase/metabase: env MB_ENCRYPTION_SECRET_KEY has a literal value'),
      ],
    ]);
  });

  test("no key at all", () => {
    const result = findings("K8S-12", (s) => {
      const list = metabaseEnv(s);
      list.splice(list.indexOf(key(s)), 1);
    });
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("sets no env MB_ENCRYPTION_SECRET_KEY")]]);
  });

  test("an optional reference lets Metabase start without the key", () => {
    const result = findings("K8S-12", (s) => (key(s).valueFrom.secretKeyRef.optional = true));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("secretKeyRef is optional")]]);
  });

  test("the Secret created by Terraform (kubernetes_manifest)", () => {
    const result = findings("K8S-12", (s) =>
      addBlock(s, "kubernetes_manifest", "key", {
        manifest: {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: "metabase-encryption-key", namespace: "metabase" },
          data: { MB_ENCRYPTION_SECRET_KEY: "eA==" },
        },
      }),
    );
    expect(where(result)).toEqual([
      [
        DEPLOYMENT_PATH,
        expect.stringContaining(
          "reads Secret metabase/metabase-encryption-key, which Terraform creates (kubernetes_manifest at dev-workload/key)",
        ),
      ],
    ]);
  });

  test("the Secret created by Terraform (kubernetes_secret_v1)", () => {
    const result = findings("K8S-12", (s) =>
      addBlock(s, "kubernetes_secret_v1", "key", {
        metadata: { name: "metabase-encryption-key", namespace: "metabase" },
        data: { MB_ENCRYPTION_SECRET_KEY: "x" },
      }),
    );
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("(kubernetes_secret_v1 at dev-workload/key)")]]);
  });

  test("a Secret of the same name in another namespace is another Secret", () => {
    expect(
      findings("K8S-12", (s) =>
        addBlock(s, "kubernetes_secret_v1", "key", { metadata: { name: "metabase-encryption-key", namespace: "other" }, data: {} }),
      ),
    ).toEqual([]);
  });

  test("the Job's containers are not Metabase: no key needed", () => {
    expect(
      findings("K8S-12", (s) => expect(jobContainer(s).env.some((e: any) => e.name === "MB_ENCRYPTION_SECRET_KEY")).toBe(false)),
    ).toEqual([]);
  });
});

describe("K8S-13 default deny in every namespace with pods", () => {
  const defaultDeny = (s: StackJson) => manifest(s, DEFAULT_DENY);

  test('a "default-deny" that lists only Egress lets ingress in', () => {
    const result = findings("K8S-13", (s) => (defaultDeny(s).spec.policyTypes = ["Egress"]));
    expect(where(result)).toEqual([
      [
        `dev-workload/${DEFAULT_DENY}`,
        expect.stringMatching(
          /NetworkPolicy metabase\/default-deny selects every pod but is no default deny: policyTypes lists only Egress.*aws\/aws-network-policy-agent#319/,
        ),
      ],
    ]);
  });

  test("policyTypes left out means Ingress only", () => {
    const result = findings("K8S-13", (s) => delete defaultDeny(s).spec.policyTypes);
    expect(where(result)).toEqual([
      [`dev-workload/${DEFAULT_DENY}`, expect.stringContaining("sets no policyTypes, which then means Ingress only, so egress stays open")],
    ]);
  });

  test("a default deny that selects only some pods", () => {
    const result = findings("K8S-13", (s) => (defaultDeny(s).spec.podSelector = { matchLabels: { app: "metabase" } }));
    expect(where(result)).toEqual([
      [
        "dev-workload/metabase/namespace",
        expect.stringMatching(
          /^namespace metabase runs (Job|Deployment) metabase\/[\w-]+, (Job|Deployment) metabase\/[\w-]+ but has no default-deny NetworkPolicy \(podSelector \{\}, policyTypes \[Ingress, Egress\], no rules\): none of its NetworkPolicies \(.*default-deny.*\) is one/,
        ),
      ],
    ]);
  });

  test("no default deny at all (allow-dns selects every pod, but it allows)", () => {
    const result = findings("K8S-13", (s) => remove(s.workload, "kubernetes_manifest", DEFAULT_DENY));
    expect(where(result)).toEqual([
      [
        "dev-workload/metabase/namespace",
        expect.stringMatching(
          /none of its NetworkPolicies \((allow-dns|metabase|metabase-db-bootstrap)(, (allow-dns|metabase|metabase-db-bootstrap)){2}\) is one/,
        ),
      ],
    ]);
  });

  test("a default deny with an allow-all ingress rule", () => {
    const result = findings("K8S-13", (s) => (defaultDeny(s).spec.ingress = [{}]));
    expect(where(result)).toEqual([["dev-workload/metabase/namespace", expect.stringContaining("has no default-deny NetworkPolicy")]]);
  });

  test("pods in another namespace need their own", () => {
    const result = findings("K8S-13", (s) => (manifest(s, BOOTSTRAP_JOB).metadata.namespace = "tools"));
    expect(where(result)).toEqual([
      [
        JOB_PATH,
        expect.stringMatching(/^namespace tools runs Job tools\/metabase-db-bootstrap-\w+ but has no default-deny NetworkPolicy \(/),
      ],
    ]);
  });
});

describe("K8S-14 network policies are enforced", () => {
  test("enableNetworkPolicy left out", () => {
    const result = findings("K8S-14", (s) => addonConfig(s, (c) => delete c.enableNetworkPolicy));
    expect(where(result)).toEqual([
      [
        ADDON_PATH,
        expect.stringMatching(
          /^aws_eks_addon vpc-cni .*sets no enableNetworkPolicy .*: the API server accepts the 4 NetworkPolicies .* and nothing enforces them/,
        ),
      ],
    ]);
  });

  test('enableNetworkPolicy "false"', () => {
    const result = findings("K8S-14", (s) => addonConfig(s, (c) => (c.enableNetworkPolicy = "false")));
    expect(where(result)).toEqual([[ADDON_PATH, expect.stringContaining('sets enableNetworkPolicy = "false"')]]);
  });

  test("the boolean true is not the schema's string", () => {
    const result = findings("K8S-14", (s) => addonConfig(s, (c) => (c.enableNetworkPolicy = true)));
    expect(where(result)).toEqual([[ADDON_PATH, expect.stringContaining('the string "true"')]]);
  });

  test("configuration_values that are not JSON", () => {
    const result = findings("K8S-14", (s) => (addon(s).configuration_values = "enableNetworkPolicy: true"));
    expect(where(result)).toEqual([[ADDON_PATH, expect.stringContaining("cannot be read (it is not valid JSON)")]]);
  });

  test("no vpc-cni add-on managed at all", () => {
    const result = findings("K8S-14", (s) => remove(s.platform, "aws_eks_addon", "eks/vpc-cni/addon"));
    expect(where(result)).toEqual([
      [expect.stringMatching(/^dev-workload\/metabase\//), expect.stringContaining("manages no vpc-cni aws_eks_addon")],
    ]);
  });

  test("without NetworkPolicies there is nothing to enforce", () => {
    const result = findings("K8S-14", (s) => {
      addonConfig(s, (c) => delete c.enableNetworkPolicy);
      for (const [id, config] of Object.entries<any>(s.workload.resource.kubernetes_manifest)) {
        if (config.manifest.kind === "NetworkPolicy") delete s.workload.resource.kubernetes_manifest[id];
      }
    });
    expect(result).toEqual([]);
  });
});

describe("K8S-15 Secret creation limited by admission", () => {
  const USERNAME = "system:serviceaccount:metabase:metabase-db-bootstrap";

  test("the admission binding removed: the policy alone enforces nothing", () => {
    const result = findings("K8S-15", (s) => remove(s.workload, "kubernetes_manifest", "metabase/encryption-key-admission-binding"));
    expect(where(result)).toEqual([
      [
        ROLE_BINDING_PATH,
        expect.stringContaining(
          `RoleBinding metabase/metabase-db-bootstrap-encryption-key gives ${USERNAME} Role metabase/metabase-db-bootstrap-encryption-key's create on secrets, which RBAC cannot limit by name, and nothing else does: ValidatingAdmissionPolicy metabase-metabase-db-bootstrap-secret-names has no ValidatingAdmissionPolicyBinding`,
        ),
      ],
    ]);
  });

  test.each([[["Warn"]], [["Audit", "Warn"]]])("validationActions %j do not deny", (actions) => {
    const result = findings("K8S-15", (s) => (admissionBinding(s).spec.validationActions = actions));
    expect(where(result)).toEqual([
      [ROLE_BINDING_PATH, expect.stringContaining(`validationActions ${JSON.stringify(actions)} do not include Deny`)],
    ]);
  });

  test("a binding that selects another namespace", () => {
    const result = findings(
      "K8S-15",
      (s) => (admissionBinding(s).spec.matchResources.namespaceSelector.matchLabels["kubernetes.io/metadata.name"] = "other"),
    );
    expect(where(result)).toEqual([
      [ROLE_BINDING_PATH, expect.stringContaining("its namespaceSelector does not select namespace metabase")],
    ]);
  });

  test("a binding with an objectSelector lets unlabelled Secrets through", () => {
    const result = findings(
      "K8S-15",
      (s) => (admissionBinding(s).spec.matchResources.objectSelector = { matchLabels: { checked: "yes" } }),
    );
    expect(where(result)).toEqual([[ROLE_BINDING_PATH, expect.stringContaining("objectSelector")]]);
  });

  test.each([
    "object.metadata.name != 'metabase-encryption-key'",
    "object.metadata.name == 'metabase-encryption-key' || true",
    "object.metadata.name.startsWith('metabase')",
  ])("a validation that does not pin the name: %s", (expression) => {
    const result = findings("K8S-15", (s) => (admissionPolicy(s).spec.validations[0].expression = expression));
    expect(where(result)).toEqual([
      [ROLE_BINDING_PATH, expect.stringContaining("no validation expression comparing object.metadata.name to a string literal")],
    ]);
  });

  test("a validation listing allowed names complies", () => {
    expect(
      findings(
        "K8S-15",
        (s) => (admissionPolicy(s).spec.validations[0].expression = "object.metadata.name in ['metabase-encryption-key', 'other']"),
      ),
    ).toEqual([]);
  });

  test("matchConditions that name another account", () => {
    const result = findings(
      "K8S-15",
      (s) =>
        (admissionPolicy(s).spec.matchConditions[0].expression = "request.userInfo.username == 'system:serviceaccount:metabase:metabase'"),
    );
    expect(where(result)).toEqual([
      [
        ROLE_BINDING_PATH,
        expect.stringContaining(`no ValidatingAdmissionPolicy has a matchConditions expression request.userInfo.username == '${USERNAME}'`),
      ],
    ]);
  });

  test("matchConditions that exclude the account", () => {
    const result = findings(
      "K8S-15",
      (s) => (admissionPolicy(s).spec.matchConditions[0].expression = `request.userInfo.username != '${USERNAME}'`),
    );
    expect(where(result)).toEqual([
      [ROLE_BINDING_PATH, expect.stringContaining("no ValidatingAdmissionPolicy has a matchConditions expression")],
    ]);
  });

  test("a policy that matches UPDATE only", () => {
    const result = findings("K8S-15", (s) => (admissionPolicy(s).spec.matchConstraints.resourceRules[0].operations = ["UPDATE"]));
    expect(where(result)).toEqual([[ROLE_BINDING_PATH, expect.stringContaining("do not match CREATE of secrets")]]);
  });

  test("create given to a Group", () => {
    const result = findings("K8S-15", (s) =>
      roleBinding(s).subjects.push({ kind: "Group", name: "system:serviceaccounts:metabase", apiGroup: "rbac.authorization.k8s.io" }),
    );
    expect(where(result)).toEqual([[ROLE_BINDING_PATH, expect.stringContaining("to Group system:serviceaccounts:metabase")]]);
  });

  test("create given to another service account the policy does not name", () => {
    const result = findings("K8S-15", (s) =>
      roleBinding(s).subjects.push({ kind: "ServiceAccount", name: "metabase", namespace: "metabase" }),
    );
    expect(where(result)).toEqual([[ROLE_BINDING_PATH, expect.stringContaining("gives system:serviceaccount:metabase:metabase ")]]);
  });

  test("get on secrets without resourceNames reads every Secret", () => {
    const result = findings("K8S-15", (s) => delete role(s).rules[1].resourceNames);
    expect(where(result)).toEqual([
      [
        ROLE_PATH,
        expect.stringContaining("Role metabase/metabase-db-bootstrap-encryption-key grants get on secrets without resourceNames"),
      ],
    ]);
  });

  test('verbs ["*"] read every Secret too (create stays limited by admission)', () => {
    const result = findings("K8S-15", (s) => (role(s).rules[0].verbs = ["*"]));
    expect(where(result)).toEqual([[ROLE_PATH, expect.stringContaining("grants get, list, watch on secrets without resourceNames")]]);
  });

  test("an unbound Role that may create Secrets grants nothing", () => {
    expect(findings("K8S-15", (s) => remove(s.workload, "kubernetes_manifest", "metabase/encryption-key-role-binding"))).toEqual([]);
  });
});
