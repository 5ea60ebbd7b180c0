import * as path from "path";
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { EnvironmentConfig } from "../config/schema";

/**
 * One state per stack, wherever the environment file says. Local state lives outside cdktf.out (deleting the
 * build output must never lose state) and is addressed relatively, so synthesized output is the same on every
 * machine.
 */
export function configureBackend(stack: TerraformStack, backend: EnvironmentConfig["backend"]): void {
  const stackName = stack.node.id;
  switch (backend.type) {
    case "local": {
      const workingDirectory = path.resolve(App.of(stack).outdir, "stacks", stackName);
      const statePath = path.resolve(backend.directory, `${stackName}.tfstate`);
      new LocalBackend(stack, { path: path.relative(workingDirectory, statePath) });
      return;
    }
    case "s3": {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        region: backend.region,
        encrypt: backend.encrypt,
      });
      // S3-native locking (Terraform >= 1.10) replaces the DynamoDB lock table; cdktf 0.21 predates the option.
      if (backend.useLockfile) s3.addOverride("use_lockfile", true);
      return;
    }
    case "hcp":
      new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}-${stackName}`),
      });
      return;
  }
}
