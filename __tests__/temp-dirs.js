// One scratch directory per jest run, shared by all workers (they inherit the environment variable) and
// removed when the run ends, even when workers are killed rather than exiting.
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = {
  setup() {
    process.env.SECURE_EKS_RDS_TEST_TMP = fs.mkdtempSync(path.join(os.tmpdir(), "secure-eks-rds-test-"));
    // cdktf's Testing.app() and App make their outdir in os.tmpdir() ("cdktf.outdir.*") and never remove it:
    // point TMPDIR (which os.tmpdir() reads, and which the workers inherit) into the scratch directory.
    process.env.TMPDIR = process.env.SECURE_EKS_RDS_TEST_TMP;
    // mkdtemp makes it 0700; the throwaway PostgreSQL runs as the postgres user when tests run as root and must
    // be able to reach its own (chowned) directory inside: search permission only, no listing.
    fs.chmodSync(process.env.SECURE_EKS_RDS_TEST_TMP, 0o711);
  },
  teardown() {
    fs.rmSync(process.env.SECURE_EKS_RDS_TEST_TMP, { recursive: true, force: true });
  },
};
