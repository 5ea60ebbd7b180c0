/**
 * The workload stack of the dev environment, read the way Terraform will: the fields of every
 * kubernetes_manifest that the two locks and the rollout depend on, the apply order (depends_on, wait), and
 * the kubernetes provider block.
 */
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { devEnvironment } from "../helpers/environments";
import { synthEnvironment } from "../helpers/synth";
import { restrictedProfileViolations } from "./helpers/restricted-profile";
import { connectionUriOf, envOf, manifestNamed, manifestResources, stringsIn, type ManifestResource } from "./helpers/workload-config";

const environment = devEnvironment();
const { config } = environment;
const app = config.application;
const env = synthEnvironment(environment);
const manifests = manifestResources(env.workloadConfig);
const bootstrapName = `${app.serviceAccount}-db-bootstrap`;

const named = (kind: string, name: string) => manifestNamed(env.workloadConfig, kind, name);
const deployment = () => named("Deployment", app.serviceAccount);
const job = () => named("Job", bootstrapName);
const podSpecOf = (resource: ManifestResource) => resource.manifest.spec.template.spec;
const metabaseContainer = () => podSpecOf(deployment()).containers.find((c: any) => c.name === "metabase");
const CROSS_STACK = /^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.[A-Za-z0-9_-]+\}$/;
/** Cluster-scoped kinds: no namespace, and nothing to order after the Namespace. */
const CLUSTER_SCOPED = ["Namespace", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"];
const namespaced = () => manifests.filter((r) => !CLUSTER_SCOPED.includes(r.manifest.kind));
const connectionUri = () => connectionUriOf(metabaseContainer());

/** The Manifest matcher, partial at every level the expected object names. */
const manifestWith = (manifest: Record<string, unknown>) =>
  expect(env.workloadJson).toHaveResourceWithProperties(Manifest, { manifest: deepContaining(manifest) });
function deepContaining(expected: unknown): unknown {
  if (Array.isArray(expected)) return expected.map(deepContaining);
  if (expected && typeof expected === "object" && !("asymmetricMatch" in expected)) {
    return expect.objectContaining(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, deepContaining(v)])));
  }
  return expected;
}

describe("the manifests", () => {
  test("are exactly the objects of the design", () => {
    const kinds = manifests
      .map((r) => `${r.manifest.kind}/${r.manifest.metadata.name}`)
      .map((kindName) => kindName.replace(/^(Job\/.*)-[0-9a-f]{8}$/, "$1"))
      .sort();
    expect(kinds).toEqual(
      [
        `Namespace/${app.namespace}`,
        `ServiceAccount/${app.serviceAccount}`,
        `SecurityGroupPolicy/${app.serviceAccount}`,
        `Deployment/${app.serviceAccount}`,
        `Service/${app.serviceAccount}`,
        `ServiceAccount/${bootstrapName}`,
        `SecurityGroupPolicy/${bootstrapName}`,
        `ConfigMap/${bootstrapName}`,
        `Job/${bootstrapName}`,
        "NetworkPolicy/default-deny",
        "NetworkPolicy/allow-dns",
        `NetworkPolicy/${app.serviceAccount}`,
        `NetworkPolicy/${bootstrapName}`,
        `Role/${bootstrapName}-encryption-key`,
        `RoleBinding/${bootstrapName}-encryption-key`,
        `ValidatingAdmissionPolicy/${app.namespace}-${bootstrapName}-secret-names`,
        `ValidatingAdmissionPolicyBinding/${app.namespace}-${bootstrapName}-secret-names`,
      ].sort(),
    );
  });

  test("the namespace enforces the restricted Pod Security Standard", () => {
    manifestWith({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: app.namespace,
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "latest",
        },
      },
    });
    for (const resource of namespaced()) {
      expect([resource.path, resource.manifest.metadata.namespace]).toEqual([resource.path, app.namespace]);
    }
  });

  test("the application's service account carries the app label and the IRSA role annotation", () => {
    manifestWith({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: {
        name: app.serviceAccount,
        namespace: app.namespace,
        labels: { app: app.serviceAccount },
        annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(CROSS_STACK) },
      },
      automountServiceAccountToken: false,
    });
  });

  test("the SecurityGroupPolicy selects the service account by label and lists the pod SG, then the cluster SG", () => {
    const sgp = named("SecurityGroupPolicy", app.serviceAccount).manifest;
    expect(sgp.apiVersion).toBe("vpcresources.k8s.aws/v1beta1");
    expect(sgp.metadata.namespace).toBe(app.namespace);
    expect(sgp.spec.serviceAccountSelector).toEqual({ matchLabels: { app: app.serviceAccount } });
    expect(sgp.spec.podSelector).toBeUndefined();
    expect(sgp.spec.securityGroups.groupIds).toEqual([expect.stringMatching(CROSS_STACK), expect.stringMatching(CROSS_STACK)]);
    expect(new Set(sgp.spec.securityGroups.groupIds).size).toBe(2);
    // The selector must actually select the service account the Deployment runs as.
    const saLabels = named("ServiceAccount", podSpecOf(deployment()).serviceAccountName).manifest.metadata.labels;
    expect(saLabels).toEqual(expect.objectContaining(sgp.spec.serviceAccountSelector.matchLabels));
  });

  describe("the Deployment", () => {
    test("runs as the application's service account on the private nodes", () => {
      manifestWith({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: app.serviceAccount, namespace: app.namespace },
        spec: {
          replicas: app.replicas,
          template: {
            spec: { serviceAccountName: app.serviceAccount, nodeSelector: { type: "private" } },
          },
        },
      });
      expect(podSpecOf(deployment()).nodeSelector).toEqual({ type: "private" });
    });

    test("connects with IAM authentication and a verified certificate: the URI, MB_DB_AWS_IAM, no password", () => {
      const variables = envOf(metabaseContainer());
      const value = (name: string) => variables[name]?.value;
      expect(value("MB_DB_TYPE")).toBe("postgres");
      const uri = connectionUri();
      expect([uri.host, uri.port, uri.database]).toEqual([
        expect.stringMatching(CROSS_STACK),
        String(config.database.port),
        app.databaseName,
      ]);
      // verify-full: the server's certificate must chain to the RDS CA bundle and name the host connected to.
      expect(Object.fromEntries(uri.parameters)).toEqual({ sslmode: "verify-full", sslrootcert: "/etc/rds-ca/bundle.pem" });
      expect(metabaseContainer().volumeMounts).toContainEqual({ name: "rds-ca", mountPath: "/etc/rds-ca", readOnly: true });
      expect(value("MB_DB_USER")).toBe(app.dbUser);
      expect(value("MB_DB_AWS_IAM")).toBe("true");
      // The AWS SDK inside Metabase signs the token for this region.
      expect(value("AWS_REGION")).toBe(config.region);
      for (const forbidden of ["MB_DB_PASS", "MB_DB_PASS_FILE", "MB_DB_HOST"]) {
        expect(Object.keys(variables)).not.toContain(forbidden);
      }
      expect(uri.parameters.has("password")).toBe(false);
    });

    test("fetches the RDS CA bundle of its region before it starts, and checks it holds certificates", () => {
      const [fetch] = podSpecOf(deployment()).initContainers;
      expect(fetch.name).toBe("fetch-rds-ca");
      expect(envOf(fetch).RDS_CA_BUNDLE_URL.value).toBe(
        `https://truststore.pki.rds.amazonaws.com/${config.region}/${config.region}-bundle.pem`,
      );
      expect(fetch.args[0]).toMatch(/curl --fail .*--proto '=https'/);
      expect(fetch.args[0]).toMatch(/BEGIN CERTIFICATE/);
    });

    test("reads its encryption key from the Secret the bootstrap Job creates", () => {
      expect(envOf(metabaseContainer()).MB_ENCRYPTION_SECRET_KEY).toEqual({
        name: "MB_ENCRYPTION_SECRET_KEY",
        valueFrom: { secretKeyRef: { name: `${app.serviceAccount}-encryption-key`, key: "MB_ENCRYPTION_SECRET_KEY" } },
      });
    });

    test("pins its image to the environment's tag", () => {
      const image: string = metabaseContainer().image;
      expect(image).toBe(app.image);
      expect(image).toMatch(/(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})$/);
      expect(image).not.toMatch(/:latest$/);
    });

    test("has requests, limits, probes on the named http port, and a grace period", () => {
      const container = metabaseContainer();
      for (const bound of ["requests", "limits"]) {
        expect(container.resources[bound]).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
      }
      const httpPort = container.ports.find((p: any) => p.name === "http");
      expect(String(httpPort.containerPort)).toBe(envOf(container).MB_JETTY_PORT.value);
      for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
        expect(container[probe].httpGet).toEqual({ path: "/api/health", port: "http" });
      }
      const grace = podSpecOf(deployment()).terminationGracePeriodSeconds;
      expect(Number.isInteger(grace) && grace > 0).toBe(true);
    });

    test("runs non-root without privilege escalation, on a read-only root filesystem", () => {
      const spec = podSpecOf(deployment());
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      expect(metabaseContainer().securityContext).toEqual(
        expect.objectContaining({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true }),
      );
      expect(spec.automountServiceAccountToken).toBe(false);
    });
  });

  test("the Service exposes port 8000 to the container's http port, only to the environment's source ranges", () => {
    manifestWith({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: app.serviceAccount, namespace: app.namespace },
      spec: {
        type: "LoadBalancer",
        ports: [{ protocol: "TCP", port: app.servicePort, targetPort: 3000 }],
        loadBalancerSourceRanges: app.loadBalancerSourceCidrs,
      },
    });
    const service = named("Service", app.serviceAccount).manifest;
    expect(service.spec.ports[0].port).toBe(8000);
    // A Network Load Balancer (instance targets keep the client's address) and no source NAT on the node: the
    // pods see the clients, which is what Metabase's NetworkPolicy admits.
    expect(service.metadata.annotations).toEqual({
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
      "service.beta.kubernetes.io/aws-load-balancer-internal": "true",
    });
    expect(service.spec.externalTrafficPolicy).toBe("Local");
    // The selector reaches the Deployment's pods, and the target port is the one Metabase listens on.
    expect(deployment().manifest.spec.template.metadata.labels).toEqual(expect.objectContaining(service.spec.selector));
    expect(metabaseContainer().ports).toContainEqual(expect.objectContaining({ containerPort: service.spec.ports[0].targetPort }));
  });

  test("Metabase's port admits the load balancer's clients, with every subnet pods take addresses from excepted", () => {
    const policy = named("NetworkPolicy", app.serviceAccount).manifest;
    const pods = [...config.network.privateEksSubnetCidrs, ...config.network.publicEksSubnetCidrs];
    expect(policy.spec.ingress).toEqual([
      { from: app.loadBalancerSourceCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: "TCP", port: 3000 }] },
    ]);
    // No ipBlock of the policy covers a pod subnet: those would admit every pod there, whatever its namespace.
    expect(policy.spec.ingress[0].from.filter((peer: any) => pods.some((subnet) => subnet === peer.ipBlock.cidr))).toEqual([]);
  });

  describe("the database bootstrap", () => {
    test("has its own service account (own IRSA role) and SecurityGroupPolicy (own pod SG)", () => {
      const sa = named("ServiceAccount", bootstrapName).manifest;
      expect(sa.metadata.labels.app).toBe(bootstrapName);
      expect(sa.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(CROSS_STACK);
      const application = named("ServiceAccount", app.serviceAccount).manifest;
      expect(sa.metadata.annotations["eks.amazonaws.com/role-arn"]).not.toBe(
        application.metadata.annotations["eks.amazonaws.com/role-arn"],
      );

      const sgp = named("SecurityGroupPolicy", bootstrapName).manifest;
      expect(sgp.spec.serviceAccountSelector).toEqual({ matchLabels: { app: bootstrapName } });
      const appSgp = named("SecurityGroupPolicy", app.serviceAccount).manifest;
      expect(sgp.spec.securityGroups.groupIds[0]).not.toBe(appSgp.spec.securityGroups.groupIds[0]);
      expect(sgp.spec.securityGroups.groupIds[1]).toBe(appSgp.spec.securityGroups.groupIds[1]);
    });

    test("the Job runs the SQL of its ConfigMap as the master user, for the application's user and database", () => {
      const spec = podSpecOf(job());
      expect(spec.serviceAccountName).toBe(bootstrapName);
      expect(spec.nodeSelector).toEqual({ type: "private" });
      expect(spec.restartPolicy).toBe("Never");
      const sqlVolume = spec.volumes.find((v: any) => v.configMap);
      expect(sqlVolume.configMap.name).toBe(named("ConfigMap", bootstrapName).manifest.metadata.name);
      expect(Object.keys(named("ConfigMap", bootstrapName).manifest.data)).toEqual(["bootstrap.sql"]);

      const [container] = spec.containers;
      const variables = envOf(container);
      expect(variables.APP_DB_USER.value).toBe(app.dbUser);
      expect(variables.APP_DB_NAME.value).toBe(app.databaseName);
      expect(variables.DB_MASTER_USER.value).toBe(config.database.masterUsername);
      expect(variables.DB_PORT.value).toBe(String(config.database.port));
      expect(variables.DB_HOST.value).toBe(connectionUri().host);
      expect(container.args[0]).toMatch(/sslmode=verify-full sslrootcert=\$DB_CA_FILE/);
      expect(variables.DB_CA_FILE.value).toBe("/etc/rds-ca/bundle.pem");
      expect(spec.initContainers.map((c: any) => c.name)).toEqual([
        "fetch-rds-ca",
        "read-encryption-key",
        "ensure-encryption-key",
        "read-master-secret",
      ]);
      const init = spec.initContainers.find((c: any) => c.name === "read-master-secret");
      expect(envOf(init).MASTER_SECRET_ARN.value).toMatch(CROSS_STACK);
      // The master secret travels through memory only, never through the API server.
      const secretVolume = spec.volumes.find((v: any) => v.name === "secret");
      expect(secretVolume.emptyDir).toEqual({ medium: "Memory" });
      expect(job().manifest.spec.backoffLimit).toBeGreaterThan(0);
      expect(job().manifest.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    });
  });

  test("every pod template passes the restricted Pod Security Standard the namespace enforces", () => {
    for (const resource of [deployment(), job()]) {
      expect([resource.path, restrictedProfileViolations(podSpecOf(resource))]).toEqual([resource.path, []]);
    }
  });

  test("the restricted-profile check is not vacuous: it flags a root, escalating container", () => {
    const broken = JSON.parse(JSON.stringify(podSpecOf(deployment())));
    broken.containers[0].securityContext = { runAsNonRoot: false, allowPrivilegeEscalation: true };
    broken.volumes.push({ name: "host", hostPath: { path: "/" } });
    expect(restrictedProfileViolations(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("allowPrivilegeEscalation"),
        expect.stringContaining("runAsNonRoot"),
        expect.stringContaining("capabilities.drop lacks ALL"),
        expect.stringContaining("hostPath"),
      ]),
    );
  });

  test("every container of every manifest has requests and limits and a pinned image", () => {
    const containers = [deployment(), job()].flatMap((r) => [...(podSpecOf(r).initContainers ?? []), ...podSpecOf(r).containers]);
    expect(containers.map((c: any) => c.name).sort()).toEqual([
      "create-database-user",
      "ensure-encryption-key",
      "fetch-rds-ca",
      "fetch-rds-ca",
      "metabase",
      "read-encryption-key",
      "read-master-secret",
    ]);
    for (const container of containers) {
      expect([container.name, container.image]).toEqual([container.name, expect.stringMatching(/:(?!latest$)[A-Za-z0-9._-]+$|@sha256:/)]);
      expect([container.name, Object.keys(container.resources).sort()]).toEqual([container.name, ["limits", "requests"]]);
    }
  });

  test("no Secret in Terraform, no password variable: the one secret reference is the key the Job creates in the cluster", () => {
    expect(manifests.map((r) => r.manifest.kind)).not.toContain("Secret");
    const keys = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(keys)
        : value && typeof value === "object"
          ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)])
          : [];
    const allKeys = keys(manifests.map((r) => r.manifest));
    expect(allKeys).toContain("env");
    for (const forbidden of ["secretRef", "secret", "envFrom"]) expect(allKeys).not.toContain(forbidden);
    expect(allKeys.filter((key) => key === "secretKeyRef" || key === "valueFrom")).toEqual(["valueFrom", "secretKeyRef"]);
    const containers = [deployment(), job()].flatMap((r) => [...(podSpecOf(r).initContainers ?? []), ...podSpecOf(r).containers]);
    const names = containers.flatMap((c) => (c.env ?? []).map((v: any) => v.name));
    expect(names.filter((name) => /PASS|TOKEN|SECRET(?!_ARN|_NAME)/.test(name))).toEqual(["MB_ENCRYPTION_SECRET_KEY"]);
  });

  test("Terraform interpolates nothing but the cross-stack references: no ${ or %{ in scripts and SQL", () => {
    // cdktf writes strings verbatim; a shell "${VAR}" or a "%{" in SQL would be parsed as a Terraform template.
    for (const { at, value } of manifests.flatMap((r) => stringsIn(r.manifest, r.path))) {
      for (const sequence of value.match(/\$\{[^}]*\}?|%\{/g) ?? []) {
        expect([at, sequence]).toEqual([at, expect.stringMatching(CROSS_STACK)]);
      }
    }
  });
});

describe("the apply order", () => {
  const ancestorsOf = (resource: ManifestResource): Set<string> => {
    const byAddress = new Map(manifests.map((r) => [r.address, r]));
    const seen = new Set<string>();
    const visit = (address: string, trail: string[]) => {
      if (trail.includes(address)) throw new Error(`depends_on cycle: ${[...trail, address].join(" -> ")}`);
      for (const parent of byAddress.get(address)?.dependsOn ?? []) {
        seen.add(parent);
        visit(parent, [...trail, address]);
      }
    };
    visit(resource.address, []);
    return seen;
  };

  test("every depends_on entry names a manifest of this stack, and there is no cycle", () => {
    const addresses = manifests.map((r) => r.address);
    for (const resource of manifests) {
      for (const parent of resource.dependsOn)
        expect([resource.path, addresses]).toEqual([resource.path, expect.arrayContaining([parent])]);
      expect(() => ancestorsOf(resource)).not.toThrow();
    }
  });

  test("the Deployment waits for its SecurityGroupPolicy, its service account and the bootstrap Job, then for rollout", () => {
    expect(deployment().dependsOn).toEqual(
      expect.arrayContaining([
        named("SecurityGroupPolicy", app.serviceAccount).address,
        named("ServiceAccount", app.serviceAccount).address,
        job().address,
      ]),
    );
    expect(deployment().wait).toEqual({ rollout: true });
    expect(deployment().timeouts?.create).toMatch(/^\d+m$/);
  });

  test("the Job waits for its service account, SecurityGroupPolicy and SQL, and apply waits for it to Complete", () => {
    expect(job().dependsOn).toEqual(
      expect.arrayContaining([
        named("ServiceAccount", bootstrapName).address,
        named("SecurityGroupPolicy", bootstrapName).address,
        named("ConfigMap", bootstrapName).address,
      ]),
    );
    expect(job().wait).toEqual({ condition: [{ type: "Complete", status: "True" }] });
  });

  test("everything namespaced comes after the Namespace", () => {
    const namespace = named("Namespace", app.namespace);
    expect(namespace.dependsOn).toEqual([]);
    for (const resource of namespaced().filter((r) => r.address !== namespace.address)) {
      expect([resource.path, [...ancestorsOf(resource)]]).toEqual([resource.path, expect.arrayContaining([namespace.address])]);
    }
  });

  test("every pod is created after the SecurityGroupPolicy that selects its service account (the SGP reaches only newer pods)", () => {
    for (const workload of [deployment(), job()]) {
      const saName = podSpecOf(workload).serviceAccountName;
      const sa = named("ServiceAccount", saName);
      const policies = manifests.filter(
        (r) =>
          r.manifest.kind === "SecurityGroupPolicy" &&
          Object.entries(r.manifest.spec.serviceAccountSelector?.matchLabels ?? {}).every(([k, v]) => sa.manifest.metadata.labels[k] === v),
      );
      expect([workload.path, policies.length]).toEqual([workload.path, 1]);
      expect([workload.path, [...ancestorsOf(workload)]]).toEqual([
        workload.path,
        expect.arrayContaining([policies[0].address, sa.address]),
      ]);
    }
  });
});

describe("the kubernetes provider", () => {
  const provider = () => env.workloadConfig.provider.kubernetes[0];
  const clusterLookup = () => Object.entries<any>(env.workloadConfig.data.aws_eks_cluster);

  test("gets a fresh token from `aws eks get-token` for the environment's cluster and region", () => {
    expect(env.workloadJson).toHaveProviderWithProperties(KubernetesProvider, {
      exec: [expect.objectContaining({ api_version: "client.authentication.k8s.io/v1beta1", command: "aws" })],
    });
    const args: string[] = provider().exec[0].args;
    expect(args.slice(0, 2)).toEqual(["eks", "get-token"]);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag("--cluster-name")).toBe(config.cluster.name);
    expect(flag("--region")).toBe(config.region);
  });

  test("reads host and CA from a data.aws_eks_cluster looked up by the cluster's name", () => {
    expect(env.workloadJson).toHaveDataSourceWithProperties(DataAwsEksCluster, { name: config.cluster.name });
    const lookups = clusterLookup();
    expect(lookups).toHaveLength(1);
    const [id] = lookups[0];
    expect(provider().host).toBe(`\${data.aws_eks_cluster.${id}.endpoint}`);
    expect(provider().cluster_ca_certificate).toBe(`\${base64decode(data.aws_eks_cluster.${id}.certificate_authority[0].data)}`);
    // The name is the one the platform stack gives its cluster.
    const platformClusters = Object.values<any>(env.platformConfig.resource.aws_eks_cluster);
    expect(platformClusters.map((c) => c.name)).toEqual([lookups[0][1].name]);
  });

  test("holds no token and no cross-stack reference (hashicorp/terraform-cdk#2662)", () => {
    expect(Object.keys(provider()).sort()).toEqual(["cluster_ca_certificate", "exec", "host"]);
    const lookup = JSON.stringify(clusterLookup()[0][1]);
    for (const text of [JSON.stringify(provider()), lookup]) expect(text).not.toContain("terraform_remote_state");
  });
});
