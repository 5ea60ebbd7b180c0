/** Kubernetes baseline rules (K8S-01..07), on the manifests the workload stack will apply. */
import { unpinnedReason } from "../../src/policy/rules/k8s/image-pinned";
import { BOOTSTRAP_JOB, DEPLOYMENT, DEPLOYMENT_PATH, findings, JOB_PATH, manifest, where, type StackJson } from "./helpers";

const app = (s: StackJson) => manifest(s, DEPLOYMENT).spec.template.spec;
const job = (s: StackJson) => manifest(s, BOOTSTRAP_JOB).spec.template.spec;
const service = (s: StackJson) => manifest(s, "metabase/service");
const initContainer = (s: StackJson, name: string) => job(s).initContainers.find((c: any) => c.name === name);
/** The Service as the article had it: internet-facing (no internal annotation), with these sources. */
const internetFacing = (s: StackJson, ranges?: string[]) => {
  delete service(s).metadata.annotations;
  if (ranges) service(s).spec.loadBalancerSourceRanges = ranges;
  else delete service(s).spec.loadBalancerSourceRanges;
};

describe.each(["K8S-02", "K8S-03", "K8S-04", "K8S-05", "K8S-06"])("%s on the shipped dev environment", (ruleId) => {
  test("is compliant", () => {
    expect(where(findings(ruleId))).toEqual([]);
  });
});

describe("K8S-01 pinned images", () => {
  const errors = (list: ReturnType<typeof findings>) => where(list.filter((f) => f.level === "error"));
  const digest = (image: string) => `${image.replace(/@sha256:.*$/, "")}@sha256:${"c".repeat(64)}`;
  const everyImageByDigest = (s: StackJson) => {
    for (const pod of [app(s), job(s)])
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) container.image = digest(container.image);
  };

  test("the shipped dev environment: tags without digests are a warning, one per pod, naming each container", () => {
    const result = findings("K8S-01");
    expect(result.map((f) => [f.path, f.level])).toEqual([
      [JOB_PATH, "warning"],
      [DEPLOYMENT_PATH, "warning"],
    ]);
    expect(result[1].message).toMatch(
      /init container "fetch-rds-ca" of Deployment metabase\/metabase \(curlimages\/curl:8\.11\.1\), container "metabase" of Deployment metabase\/metabase \(metabase\/metabase:v0\.63\.19\): pinned by tag only/,
    );
    expect(result[1].fix).toMatch(/crane digest <image>/);
  });

  test("production refuses a tag without a digest for every container; tag@digest passes", () => {
    expect(findings("K8S-01", undefined, { production: true }).map((f) => f.level)).toEqual(["error", "error"]);
    expect(findings("K8S-01", everyImageByDigest, { production: true })).toEqual([]);
    // One container left on its tag is enough.
    const oneLeft = findings(
      "K8S-01",
      (s) => {
        everyImageByDigest(s);
        initContainer(s, "read-master-secret").image = "public.ecr.aws/aws-cli/aws-cli:2.27.49";
      },
      { production: true },
    );
    expect(where(oneLeft)).toEqual([
      [
        JOB_PATH,
        expect.stringMatching(
          /^init container "read-master-secret" .*\(public\.ecr\.aws\/aws-cli\/aws-cli:2\.27\.49\): pinned by tag only/,
        ),
      ],
    ]);
  });

  test.each([
    ["metabase/metabase", "has no tag"],
    ["metabase/metabase:latest", "uses :latest"],
    ["metabase/metabase:LATEST", "uses :LATEST, a floating tag"],
    ["registry.example.com:5000/metabase", "has no tag"],
  ])("%s", (image, text) => {
    const result = findings("K8S-01", (s) => (app(s).containers[0].image = image));
    expect(errors(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining(text)]]);
  });

  test.each([
    "registry.example.com:5000/metabase:v0.63.19",
    `metabase/metabase@sha256:${"a".repeat(64)}`,
    `metabase/metabase:v0.63.19@sha256:${"b".repeat(64)}`,
  ])("%s is pinned", (image) => {
    expect(unpinnedReason(image)).toBeUndefined();
  });

  test("init containers count", () => {
    const result = findings("K8S-01", (s) => (initContainer(s, "read-master-secret").image = "public.ecr.aws/aws-cli/aws-cli"));
    expect(errors(result)).toEqual([[JOB_PATH, expect.stringContaining('init container "read-master-secret"')]]);
  });
});

describe("K8S-02 requests and limits", () => {
  test("an init container without a memory limit", () => {
    const result = findings("K8S-02", (s) => delete job(s).initContainers[0].resources.limits.memory);
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining("sets no limits.memory")]]);
  });

  test("a container without any", () => {
    const result = findings("K8S-02", (s) => delete app(s).containers[0].resources);
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("requests.cpu, requests.memory, limits.cpu, limits.memory")]]);
  });
});

describe("K8S-03 probes on long-running containers", () => {
  test("a Deployment without a readiness probe", () => {
    const result = findings("K8S-03", (s) => delete app(s).containers[0].readinessProbe);
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("has no readinessProbe")]]);
  });

  test("a Job needs none (it runs to completion)", () => {
    const result = findings("K8S-03", (s) => expect(job(s).containers[0].livenessProbe).toBeUndefined());
    expect(result).toEqual([]);
  });
});

describe("K8S-04 non-root", () => {
  test("runAsNonRoot removed at both levels", () => {
    const result = findings("K8S-04", (s) => {
      delete app(s).securityContext.runAsNonRoot;
      delete app(s).containers[0].securityContext.runAsNonRoot;
    });
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("does not set runAsNonRoot: true")]]);
  });

  test("the pod-level setting is inherited", () => {
    expect(findings("K8S-04", (s) => delete app(s).containers[0].securityContext.runAsNonRoot)).toEqual([]);
  });

  test("UID 0 on a container overrides the pod", () => {
    const result = findings("K8S-04", (s) => (job(s).containers[0].securityContext.runAsUser = 0));
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining("runs as UID 0")]]);
  });
});

describe("K8S-05 no privilege escalation", () => {
  test("allowPrivilegeEscalation left to its default (true)", () => {
    const result = findings("K8S-05", (s) => delete app(s).containers[0].securityContext.allowPrivilegeEscalation);
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining("allowPrivilegeEscalation: false")]]);
  });

  test("a privileged container", () => {
    const result = findings("K8S-05", (s) => (job(s).initContainers[0].securityContext.privileged = true));
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining("is privileged")]]);
  });
});

describe("K8S-06 read-only root filesystem", () => {
  test("a writable root filesystem is a warning", () => {
    const result = findings("K8S-06", (s) => (app(s).containers[0].securityContext.readOnlyRootFilesystem = false));
    expect(result.map((f) => [f.path, f.level])).toEqual([[DEPLOYMENT_PATH, "warning"]]);
  });
});

describe("K8S-07 load balancer sources", () => {
  test("the shipped dev environment admits only its documentation range: nothing to say", () => {
    expect(findings("K8S-07")).toEqual([]);
  });

  test("open to the internet, as the article was: a warning", () => {
    const result = findings("K8S-07", (s) => internetFacing(s, ["0.0.0.0/0"]));
    expect(result.map((f) => [f.path, f.level])).toEqual([["dev-workload/metabase/service", "warning"]]);
    expect(result[0].message).toContain("admits 0.0.0.0/0");
  });

  test("no source ranges means the whole internet", () => {
    const result = findings("K8S-07", (s) => internetFacing(s));
    expect(result[0].message).toContain("no loadBalancerSourceRanges");
  });

  test("restricted ranges comply", () => {
    expect(findings("K8S-07", (s) => internetFacing(s, ["203.0.113.0/24"]))).toEqual([]);
  });

  test("an internal load balancer open to 0.0.0.0/0 has only private addresses: not this rule's concern", () => {
    expect(findings("K8S-07", (s) => (service(s).spec.loadBalancerSourceRanges = ["0.0.0.0/0"]))).toEqual([]);
  });

  test("a ClusterIP Service is not exposed", () => {
    const result = findings("K8S-07", (s) => {
      service(s).spec.type = "ClusterIP";
      delete service(s).spec.loadBalancerSourceRanges;
    });
    expect(result).toEqual([]);
  });
});

describe("K8S-08 fields the API server changes are computed_fields", () => {
  const block = (s: StackJson, suffix: string) =>
    Object.values<any>(s.workload.resource.kubernetes_manifest).find((b) => b["//"].metadata.path.endsWith(suffix));
  /** Adds a kubernetes_manifest the dev app does not have (a Secret), as a user's escape hatch could. */
  const addManifest = (s: StackJson, object: Record<string, any>, computedFields?: string[]) => {
    s.workload.resource.kubernetes_manifest.extra = {
      manifest: object,
      ...(computedFields ? { computed_fields: computedFields } : {}),
      "//": { metadata: { path: "dev-workload/extra" } },
    };
  };

  test("the shipped dev environment sets none", () => {
    expect(where(findings("K8S-08"))).toEqual([]);
  });

  test("Job: template labels fail the first apply (the API server adds job-name and controller-uid there)", () => {
    const result = findings("K8S-08", (s) => (manifest(s, BOOTSTRAP_JOB).spec.template.metadata = { labels: { app: "x" } }));
    expect(where(result)).toEqual([
      [
        JOB_PATH,
        expect.stringMatching(
          /sets spec\.template\.metadata\.labels, to which the API server adds job-name.*inconsistent result after apply/,
        ),
      ],
    ]);
  });

  test("Job: template labels pass once computed_fields lists them", () => {
    const result = findings("K8S-08", (s) => {
      manifest(s, BOOTSTRAP_JOB).spec.template.metadata = { labels: { app: "x" } };
      block(s, "bootstrap-job").computed_fields = ["metadata.labels", "metadata.annotations", "spec.template.metadata.labels"];
    });
    expect(result).toEqual([]);
  });

  test("Namespace: overriding computed_fields without metadata.labels loses the server's kubernetes.io/metadata.name", () => {
    const result = findings("K8S-08", (s) => (block(s, "metabase/namespace").computed_fields = ["metadata.annotations"]));
    expect(where(result)).toEqual([["dev-workload/metabase/namespace", expect.stringContaining("kubernetes.io/metadata.name")]]);
  });

  test("Namespace: spec.finalizers, to which the server appends kubernetes", () => {
    const result = findings("K8S-08", (s) => (manifest(s, "metabase/namespace").spec = { finalizers: ["example.com/x"] }));
    expect(where(result)).toEqual([["dev-workload/metabase/namespace", expect.stringContaining('appends the finalizer "kubernetes"')]]);
  });

  test("Deployment: annotations outside computed_fields drift (the revision annotation)", () => {
    const result = findings("K8S-08", (s) => {
      manifest(s, DEPLOYMENT).metadata.annotations = { team: "bi" };
      block(s, DEPLOYMENT).computed_fields = [];
    });
    expect(where(result)).toEqual([
      [DEPLOYMENT_PATH, expect.stringMatching(/deployment\.kubernetes\.io\/revision.*every later plan shows a change/)],
    ]);
  });

  test("Service: finalizers of a LoadBalancer (the service controller adds its cleanup finalizer)", () => {
    const result = findings("K8S-08", (s) => (service(s).metadata.finalizers = ["example.com/keep"]));
    expect(where(result)).toEqual([["dev-workload/metabase/service", expect.stringContaining("load-balancer-cleanup")]]);
    expect(
      findings("K8S-08", (s) =>
        Object.assign(service(s), {
          metadata: { ...service(s).metadata, finalizers: ["x"] },
          spec: { ...service(s).spec, type: "ClusterIP" },
        }),
      ),
    ).toEqual([]);
  });

  test("Secret: stringData is write-only, so it can never match what is read back", () => {
    const result = findings("K8S-08", (s) =>
      addManifest(s, { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "metabase" }, stringData: { k: "v" } }),
    );
    expect(where(result)).toEqual([["dev-workload/extra", expect.stringContaining("never returns stringData")]]);
  });

  test.each([
    ["ConfigMap", "metabase/bootstrap-sql"],
    ["ServiceAccount", "metabase/service-account"],
    ["SecurityGroupPolicy", "metabase/security-group-policy"],
  ])("%s: nothing is changed by the server, so even an empty computed_fields is fine", (_kind, suffix) => {
    expect(findings("K8S-08", (s) => (block(s, suffix).computed_fields = []))).toEqual([]);
  });

  test("a computed_fields path the provider cannot parse fails plan", () => {
    const result = findings("K8S-08", (s) => (block(s, "metabase/namespace").computed_fields = ["metadata.labels", "spec.ports[*]"]));
    expect(where(result)).toEqual([["dev-workload/metabase/namespace", expect.stringContaining('"spec.ports[*]" is not a field path')]]);
  });
});

describe("K8S-09 canonical quantities", () => {
  test("the shipped dev environment writes every quantity canonically", () => {
    expect(where(findings("K8S-09"))).toEqual([]);
  });

  test.each([
    ["1000m", '"1"'],
    ["0.5", '"500m"'],
  ])("cpu %s comes back as %s", (value, canonical) => {
    const result = findings("K8S-09", (s) => (app(s).containers[0].resources.limits.cpu = value));
    expect(where(result)).toEqual([
      [DEPLOYMENT_PATH, expect.stringContaining(`resources.limits.cpu = "${value}" comes back from the API server as ${canonical}`)],
    ]);
  });

  test("memory 2048Mi comes back as 2Gi, in an init container too", () => {
    const result = findings("K8S-09", (s) => (initContainer(s, "read-master-secret").resources.requests.memory = "2048Mi"));
    expect(where(result)).toEqual([[JOB_PATH, expect.stringContaining('init container "read-master-secret" of Job')]]);
    expect(result[0].fix).toBe('Write "2Gi"');
  });

  test("an emptyDir sizeLimit that is no quantity at all", () => {
    const result = findings("K8S-09", (s) => (app(s).volumes[0].emptyDir = { sizeLimit: "1 GB" }));
    expect(where(result)).toEqual([[DEPLOYMENT_PATH, expect.stringContaining('emptyDir.sizeLimit = "1 GB" is not a Kubernetes quantity')]]);
  });
});
