/**
 * `npm run export:manifests`: each environment's workload manifests as YAML for other scanners. The YAML must say
 * exactly what Terraform applies: read back by an independent parser (kubectl, offline), it equals the synthesized
 * kubernetes_manifest objects, including strings a YAML 1.1 reader would otherwise turn into booleans or numbers.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { EnvironmentFileError } from "../../src/config/problems";
import { exportManifests } from "../../scripts/export/export-manifests";
import { manifestsYaml, stackManifests } from "../../scripts/export/manifests";
import { devInput } from "../helpers/environments";
import { synthEnvironment, tempOutdir } from "../helpers/synth";

const ROOT = path.join(__dirname, "..", "..");
const kubectl = spawnSync("kubectl", ["version", "--client"], { stdio: "ignore" }).status === 0;
const withKubectl = kubectl ? test : test.skip;

/** kubectl's own YAML parser, offline (`patch --local` never contacts a server): every document, as JSON. */
function readWithKubectl(file: string): any[] {
  const output = execFileSync("kubectl", ["patch", "--local", "-f", file, "--type", "merge", "-p", "{}", "-o", "json"], {
    env: { ...process.env, KUBECONFIG: path.join(os.tmpdir(), `no-kubeconfig-${process.pid}`) },
    encoding: "utf8",
  });
  // One pretty-printed object per document, each opening and closing at column 0.
  return JSON.parse(`[${output.trim().replace(/\n}\n{/g, "\n},\n{")}]`);
}

/** kubectl drops nothing and adds nothing here, but sorts keys; compare as sorted JSON. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

describe("the dev environment, exported", () => {
  const outdir = tempOutdir();
  const directory = path.join(outdir, "manifests");
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, "removed-environment.yaml"), "stale");
  const exported = exportManifests({ environmentsDir: path.join(ROOT, "environments"), outdir, directory });
  const synthesized = stackManifests(synthEnvironment().workload);

  test("one file per environment, every object of the workload stack, nothing stale", () => {
    expect(exported.map((e) => [e.environment, path.basename(e.file), e.objects])).toEqual([["dev", "dev.yaml", synthesized.length]]);
    expect(fs.readdirSync(directory)).toEqual(["dev.yaml"]);
    expect(synthesized.map((m) => m.kind)).toEqual(
      expect.arrayContaining(["Deployment", "Job", "Service", "NetworkPolicy", "SecurityGroupPolicy"]),
    );
  });

  withKubectl("kubectl reads back exactly the synthesized manifests, in order", () => {
    expect(readWithKubectl(exported[0].file).map(canonical)).toEqual(synthesized.map(canonical));
  });

  test("the yaml library reads back the same, with no warning or error", () => {
    const documents = parseAllDocuments(fs.readFileSync(exported[0].file, "utf8"));
    expect(documents.flatMap((d: any) => [...d.errors, ...d.warnings])).toEqual([]);
    expect(documents.map((d: any) => d.toJS())).toEqual(synthesized);
  });
});

withKubectl("strings a YAML 1.1 reader would retype stay strings (kube-linter and kubectl read YAML 1.1)", () => {
  const tricky = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "1",
    "0123",
    "1e3",
    "0x1F",
    "~",
    "null",
    "12:30",
    "2001-12-14",
    "",
    " padded",
    "a: b",
    "- x",
    "#x",
  ];
  const manifest = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "tricky", labels: { mode: "on" } },
    data: Object.fromEntries(tricky.map((v, i) => [`k${i}`, v])),
  };
  const file = path.join(tempOutdir(), "tricky.yaml");
  fs.writeFileSync(file, manifestsYaml([manifest], ["test"]));
  expect(readWithKubectl(file)).toEqual([manifest]);
});

test("an invalid environment file is reported as synth reports it, and nothing is written", () => {
  const environments = fs.mkdtempSync(path.join(tempOutdir(), "environments-"));
  const broken = devInput();
  broken.network.privateRdsSubnetCidrs = ["10.0.2.0/24", "10.0.5.0/24"];
  fs.writeFileSync(path.join(environments, "staging.json"), JSON.stringify(broken, null, 2));
  const directory = path.join(tempOutdir(), "manifests");
  expect(() => exportManifests({ environmentsDir: environments, outdir: tempOutdir(), directory })).toThrow(EnvironmentFileError);
  expect(fs.existsSync(directory)).toBe(false);
});
