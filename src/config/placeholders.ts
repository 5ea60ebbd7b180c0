/**
 * Values that are fine for `cdktf synth` and wrong for a deploy: documentation ranges and example names. The
 * embedded dev.json uses them so that it synthesizes offline and says nothing about anyone's network; deploying
 * it as shipped would build a cluster whose API server nobody can reach (kubernetes_manifest calls the API
 * server at plan time, terraform-provider-kubernetes manifest/provider/plan.go) and a Metabase reachable from
 * nowhere. `npm run deploy` stops on them before Terraform runs (scripts/cdktf-command.ts).
 */
import ipaddr from "ipaddr.js";
import type { ConfigProblem } from "./problems";
import type { EnvironmentConfig } from "./schema";

/** Address ranges reserved for documentation: no real client ever comes from them. */
export const DOCUMENTATION_RANGES: ReadonlyArray<{ readonly cidr: string; readonly source: string }> = [
  { cidr: "192.0.2.0/24", source: "RFC 5737, TEST-NET-1" },
  { cidr: "198.51.100.0/24", source: "RFC 5737, TEST-NET-2" },
  { cidr: "203.0.113.0/24", source: "RFC 5737, TEST-NET-3" },
  { cidr: "2001:db8::/32", source: "RFC 3849" },
];

/** Domains reserved for examples (RFC 2606 §2-3, RFC 6761 §6): nobody can own a name under them. */
const EXAMPLE_DOMAINS = ["example", "example.com", "example.net", "example.org", "test", "invalid", "localhost"];

/** Account ids of the AWS documentation's examples ("123456789012", "111122223333"): never a real account. */
const EXAMPLE_ACCOUNTS = ["123456789012", "111122223333"];

/** The documentation range a block lies in, if any (0.0.0.0/0 contains one, but is a real, if open, value). */
export function documentationRangeOf(cidr: string): { cidr: string; source: string } | undefined {
  let block: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    block = ipaddr.parseCIDR(cidr);
  } catch {
    return undefined; // not a block: the schema reports it
  }
  return DOCUMENTATION_RANGES.find((range) => {
    const reserved = ipaddr.parseCIDR(range.cidr);
    return reserved[0].kind() === block[0].kind() && block[1] >= reserved[1] && block[0].match(reserved);
  });
}

/** Every placeholder of one environment, one problem per value: field, value, why, and the fix. */
export function placeholderProblems(config: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const cidrs = (field: string, values: readonly string[], fix: string) =>
    values.forEach((value, index) => {
      const range = documentationRangeOf(value);
      if (range) {
        problems.push({
          field: `${field}[${index}]`,
          value,
          message: `is inside ${range.cidr}, a documentation range (${range.source}) no real client comes from. Fix: ${fix}`,
        });
      }
    });
  cidrs(
    "cluster.publicEndpointCidrs",
    config.cluster.publicEndpointCidrs,
    "list the network you deploy from (the workload stack's plan calls the API server), or empty the list and deploy from inside the VPC",
  );
  cidrs("application.loadBalancerSourceCidrs", config.application.loadBalancerSourceCidrs, "list the networks Metabase's users come from");
  const tls = config.application.tls;
  if (tls) {
    const domain = EXAMPLE_DOMAINS.find((reserved) => tls.hostname === reserved || tls.hostname.endsWith(`.${reserved}`));
    if (domain) {
      problems.push({
        field: "application.tls.hostname",
        value: tls.hostname,
        message: `is under ${domain}, a name reserved for examples (RFC 2606, RFC 6761) that nobody can point at a load balancer. Fix: use the name your users open`,
      });
    }
    const account = tls.certificateArn.split(":")[4];
    if (EXAMPLE_ACCOUNTS.includes(account)) {
      problems.push({
        field: "application.tls.certificateArn",
        value: tls.certificateArn,
        message: `names account ${account}, an example account of the AWS documentation. Fix: copy the ARN of your certificate from ACM`,
      });
    }
  }
  return problems;
}
