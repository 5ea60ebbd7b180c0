import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const ENVIRONMENTS_DIR = path.join(REPO_ROOT, "environments");
export const DEFAULT_ENVIRONMENT_FILE = path.join(ENVIRONMENTS_DIR, "dev.json");
/** The .tftest.hcl files, copied into the thumbprint variant of the platform stack at run time. */
export const TERRAFORM_TESTS_DIR = path.join(REPO_ROOT, "terraform-tests");
