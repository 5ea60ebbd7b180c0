/**
 * A throwaway certificate authority for TLS tests, made with the openssl command line: a CA, a server
 * certificate it signs for "localhost" (what the test connects to by name), and a second, unrelated CA.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface TestCertificates {
  /** PEM of the CA that signed the server certificate: the "RDS CA bundle" of the test. */
  readonly caFile: string;
  /** PEM of an unrelated CA: a bundle that must not be trusted. */
  readonly otherCaFile: string;
  readonly serverCertFile: string;
  readonly serverKeyFile: string;
}

export function openSslAvailable(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** P-256 keys: generated in milliseconds (an RSA key takes hundreds), and spoken by PostgreSQL, curl and Node. */
const EC_KEY = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];

export function makeTestCertificates(dir: string): TestCertificates {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  const ca = (name: string) => {
    openssl(
      "req",
      "-x509",
      ...EC_KEY,
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${name}`,
      "-keyout",
      file(`${name}.key`),
      "-out",
      file(`${name}.pem`),
    );
    return file(`${name}.pem`);
  };
  const caFile = ca("test-rds-ca");
  const otherCaFile = ca("other-ca");
  openssl("req", ...EC_KEY, "-nodes", "-subj", "/CN=localhost", "-keyout", file("server.key"), "-out", file("server.csr"));
  fs.writeFileSync(file("server.ext"), "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    caFile,
    "-CAkey",
    file("test-rds-ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
    "-out",
    file("server.pem"),
  );
  fs.chmodSync(file("server.key"), 0o600);
  return { caFile, otherCaFile, serverCertFile: file("server.pem"), serverKeyFile: file("server.key") };
}
