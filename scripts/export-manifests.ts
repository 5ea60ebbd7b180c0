/**
 * `npm run export:manifests`: every environment's workload manifests as YAML in cdktf.out/manifests/<env>.yaml,
 * for kube-linter, kubescape and Checkov (none of which reads kubernetes_manifest resources in Terraform).
 * ENVIRONMENTS_DIR and CDKTF_OUTDIR are honoured like in synth. A bad environment file is reported like synth does.
 */
import * as path from "path";
import { environmentsDirFrom } from "../src/config/environment-directory";
import { EnvironmentFileError } from "../src/config/problems";
import { exportManifests } from "./export/export-manifests";
import { synthOrExit } from "../src/synth/run";

const root = path.resolve(__dirname, "..");
synthOrExit(() => {
  const where = environmentsDirFrom(process.env.ENVIRONMENTS_DIR, path.join(root, "environments"));
  if ("problem" in where) throw new EnvironmentFileError([where.problem]);
  const outdir = process.env.CDKTF_OUTDIR ?? path.join(root, "cdktf.out");
  for (const exported of exportManifests({ environmentsDir: where.directory, outdir, directory: path.join(outdir, "manifests") })) {
    console.log(`${exported.environment}: ${exported.objects} objects -> ${path.relative(process.cwd(), exported.file)}`);
  }
});
