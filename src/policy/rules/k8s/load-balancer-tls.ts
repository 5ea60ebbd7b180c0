import {
  isInternalLoadBalancer,
  isNetworkLoadBalancer,
  LB_ANNOTATIONS,
  NLB_TLS_POLICY,
  servesTls,
} from "../../../kubernetes-facts/aws-load-balancer";
import type { PolicyRule } from "../../types";
import { checkov, trivy } from "../../counterparts";

/**
 * Listener policies that still accept TLS 1.0 or 1.1 (or weak ciphers): Trivy AVD-AWS-0047's list
 * (aquasecurity/trivy-checks checks/cloud/aws/elb/use_secure_tls_policy.rego, `outdated_ssl_policies`), which
 * includes the Classic Load Balancer's default, ELBSecurityPolicy-2016-08.
 */
const OUTDATED_POLICIES = new Set([
  "ELBSecurityPolicy-2015-05",
  "ELBSecurityPolicy-2016-08",
  "ELBSecurityPolicy-FS-2018-06",
  "ELBSecurityPolicy-FS-1-1-2019-08",
  "ELBSecurityPolicy-TLS-1-0-2015-04",
  "ELBSecurityPolicy-TLS-1-1-2017-01",
  "ELBSecurityPolicy-TLS13-1-0-2021-06",
  "ELBSecurityPolicy-TLS13-1-1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
]);

/** The Classic Load Balancer's older dated policies (ELBSecurityPolicy-2011-08 ... -2015-03) and the ELBSample ones accept TLS 1.0 too. */
const isOutdatedPolicy = (policy: string) =>
  OUTDATED_POLICIES.has(policy) || /^ELBSecurityPolicy-20\d\d-\d\d$/.test(policy) || policy.startsWith("ELBSample-");

export const loadBalancerTls: PolicyRule = {
  id: "K8S-10",
  name: "LoadBalancerServesTls",
  family: "k8s",
  level: "warning",
  levelNote: "error in environments with `production: true`, warning elsewhere",
  title:
    "An internet-facing LoadBalancer Service serves every port over TLS (ssl-cert covering all ports; on a Classic Load Balancer, backend-protocol set) with a negotiation policy of TLS 1.2 or later",
  why: "The load balancer the AWS service controller creates (a Network Load Balancer here, a Classic one without the type annotation) listens in clear on every port the ssl-cert annotation does not cover (ssl-ports), so Metabase's login form and session cookies cross the internet readable by anyone on the path. Without ssl-negotiation-policy the listener gets ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 and 1.1. Scanners cannot see this load balancer: it is made by the cloud controller, not by Terraform.",
  fix: `Give MetabaseWorkload tls (an ACM certificateArn and the hostname), or exposure "internal": it then annotates the Service with ssl-cert, ssl-ports (its one port) and ssl-negotiation-policy ${NLB_TLS_POLICY}`,
  counterparts: [
    trivy(
      "AVD-AWS-0054",
      "different",
      "reads Terraform aws_lb listeners of application load balancers; this load balancer is made by the cloud controller from the Service's annotations",
    ),
    trivy(
      "AVD-AWS-0047",
      "different",
      "the same outdated-policy list, on Terraform aws_lb/aws_elb listeners; here on the Service's ssl-negotiation-policy annotation",
    ),
    checkov("CKV_AWS_127", "different", "reads Terraform aws_elb listeners for ssl_certificate_id; here the Service's annotations"),
  ],
  check({ model, report }) {
    const level = model.production ? "error" : "warning";
    for (const service of model.manifests("Service")) {
      if (service.object.spec?.type !== "LoadBalancer") continue;
      const annotations: Record<string, unknown> = service.object.metadata?.annotations ?? {};
      if (isInternalLoadBalancer(annotations)) continue;
      const name = `Service ${service.namespace}/${service.name}`;
      const problem = (message: string) => report({ path: service.resource.path, level, message: `${name}: ${message}` });
      const ports: Array<{ port: number; name?: string; protocol?: string }> = (service.object.spec?.ports ?? []).filter(
        (p: any) => p?.protocol !== "UDP",
      );
      const clear = ports.filter((port) => !servesTls(annotations, port));
      if (!annotations[LB_ANNOTATIONS.sslCert]) {
        problem(
          `internet-facing, with no ${LB_ANNOTATIONS.sslCert} annotation: every port (${ports.map((p) => p.port).join(", ")}) is served in clear text`,
        );
        continue;
      }
      if (clear.length > 0) {
        const listed = annotations[LB_ANNOTATIONS.sslPorts];
        problem(
          `${LB_ANNOTATIONS.sslPorts} = ${JSON.stringify(listed)} leaves port${clear.length > 1 ? "s" : ""} ${clear.map((p) => p.port).join(", ")} without the certificate: the load balancer serves ${clear.length > 1 ? "them" : "it"} in clear text to the internet`,
        );
      }
      // A Network Load Balancer has no HTTPS listener: its TLS listener forwards TCP (backend-protocol "ssl" would
      // mean TLS to the targets), so only a Classic one needs backend-protocol.
      if (!isNetworkLoadBalancer(annotations) && !annotations[LB_ANNOTATIONS.backendProtocol]) {
        problem(
          `sets no ${LB_ANNOTATIONS.backendProtocol}: the controller then makes a raw SSL listener forwarding TCP, not an HTTPS listener ("http" terminates TLS and forwards HTTP with X-Forwarded-Proto)`,
        );
      }
      const policy = annotations[LB_ANNOTATIONS.sslNegotiationPolicy];
      if (policy === undefined || policy === "") {
        problem(
          `sets no ${LB_ANNOTATIONS.sslNegotiationPolicy}: the listener gets the default ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1`,
        );
      } else if (isOutdatedPolicy(String(policy))) {
        problem(
          `${LB_ANNOTATIONS.sslNegotiationPolicy} = "${policy}" is an outdated policy that accepts TLS versions before 1.2 or weak ciphers (Trivy AVD-AWS-0047)`,
        );
      }
    }
  },
};
