/**
 * Every kubernetes_manifest of the synthesized workload stack against independent schemas: the strict
 * Kubernetes 1.30 JSON schemas (unknown fields are errors) and the SecurityGroupPolicy CRD of the VPC resource
 * controller. Cross-stack references stay what Terraform will substitute them into: strings.
 *
 * Why not `kubectl apply --dry-run=client --validate=strict`: even client-side dry run needs the API server's
 * discovery and OpenAPI document, so offline it fails before validating anything ("failed to download
 * openapi"); with --validate=false it still needs discovery to map the kind. It adds nothing offline.
 */
import { devEnvironment } from "../helpers/environments";
import { synthEnvironment } from "../helpers/synth";
import { hasOracleSchema, manifestValidators, missingOracles, oraclesRequired } from "./helpers/shared-oracles";
import { manifestResources } from "./helpers/workload-config";

const missing = missingOracles();

describe("the workload manifests against the Kubernetes 1.30 strict schemas and the SGP CRD", () => {
  if (missing) {
    if (oraclesRequired()) {
      test("the shared oracles are present (REQUIRE_SHARED_ORACLES=1)", () => {
        throw new Error(`REQUIRE_SHARED_ORACLES=1 but ${missing}`);
      });
    } else {
      console.warn(`Skipping schema validation: ${missing}. Set REQUIRE_SHARED_ORACLES=1 to make this a failure.`);
      test.skip(`skipped: ${missing} (REQUIRE_SHARED_ORACLES=1 makes this a failure)`, () => undefined);
    }
    return;
  }

  const all = manifestResources(synthEnvironment(devEnvironment()).workloadConfig);
  // The oracle holds the kinds its README lists, admission policies included (admissionregistration.k8s.io/v1).
  const manifests = all.filter((r) => hasOracleSchema(r.manifest.apiVersion, r.manifest.kind));
  const validatorFor = manifestValidators();
  const problemsOf = (manifest: any) => {
    const validate = validatorFor(manifest);
    return validate(manifest)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  };
  const copyOf = (manifest: any) => JSON.parse(JSON.stringify(manifest));

  test("every manifest of the workload has a schema in the oracle", () => {
    expect(manifests.map((r) => r.manifest.kind).sort()).toEqual([
      "ConfigMap",
      "Deployment",
      "Job",
      "Namespace",
      "NetworkPolicy",
      "NetworkPolicy",
      "NetworkPolicy",
      "NetworkPolicy",
      "Role",
      "RoleBinding",
      "SecurityGroupPolicy",
      "SecurityGroupPolicy",
      "Service",
      "ServiceAccount",
      "ServiceAccount",
      "ValidatingAdmissionPolicy",
      "ValidatingAdmissionPolicyBinding",
    ]);
    expect(all.filter((r) => !manifests.includes(r)).map((r) => r.manifest.kind)).toEqual([]);
  });

  test.each(manifests.map((r) => [r.path, r] as const))("%s is valid", (_path, resource) => {
    expect(problemsOf(resource.manifest)).toEqual([]);
  });

  describe("negative controls: the same validators reject broken copies", () => {
    test.each(manifests.map((r) => [r.path, r] as const))(
      "%s with an unknown metadata field, or labels of the wrong type",
      (_path, resource) => {
        const unknownField = copyOf(resource.manifest);
        unknownField.metadata.owner = "someone";
        expect(problemsOf(unknownField).join("\n")).toMatch(/additional properties.*owner/);

        const wrongType = copyOf(resource.manifest);
        wrongType.metadata.labels = "app=metabase";
        expect(problemsOf(wrongType).join("\n")).toMatch(/\/metadata\/labels must be object/);
      },
    );

    const first = (kind: string) => copyOf(manifests.find((r) => r.manifest.kind === kind)!.manifest);

    test("a Deployment with a misspelt container field, or replicas as a string", () => {
      const misspelt = first("Deployment");
      misspelt.spec.template.spec.containers[0].imagePullPolicyy = "Always";
      expect(problemsOf(misspelt).join("\n")).toMatch(/containers\/0 must NOT have additional properties.*imagePullPolicyy/);
      const wrongType = first("Deployment");
      wrongType.spec.replicas = "1";
      expect(problemsOf(wrongType).join("\n")).toMatch(/\/spec\/replicas must be integer/);
    });

    test("a Service port given as a string, or an unknown type field", () => {
      const wrongType = first("Service");
      wrongType.spec.ports[0].port = "8000";
      expect(problemsOf(wrongType).join("\n")).toMatch(/\/spec\/ports\/0\/port must be integer/);
      const unknownField = first("Service");
      unknownField.spec.loadBalancerSourceRange = ["10.0.0.0/8"];
      expect(problemsOf(unknownField).join("\n")).toMatch(/loadBalancerSourceRange/);
    });

    test("a Job container carrying a field of another kind (replicas)", () => {
      const broken = first("Job");
      broken.spec.template.spec.containers[0].replicas = 2;
      expect(problemsOf(broken).join("\n")).toMatch(/containers\/0 must NOT have additional properties/);
    });

    test("a SecurityGroupPolicy with a misspelt groupIds, groupIds as a string, or no group at all", () => {
      const misspelt = first("SecurityGroupPolicy");
      misspelt.spec.securityGroups = { groupId: misspelt.spec.securityGroups.groupIds };
      expect(problemsOf(misspelt).join("\n")).toMatch(/securityGroups must NOT have additional properties.*groupId/);
      const wrongType = first("SecurityGroupPolicy");
      wrongType.spec.securityGroups.groupIds = "sg-0123456789abcdef0";
      expect(problemsOf(wrongType).join("\n")).toMatch(/groupIds must be array/);
      const empty = first("SecurityGroupPolicy");
      empty.spec.securityGroups.groupIds = [];
      expect(problemsOf(empty).join("\n")).toMatch(/groupIds must NOT have fewer than 1 items/);
    });
  });
});
