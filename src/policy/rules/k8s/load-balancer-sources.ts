import { isInternalLoadBalancer } from "../../../kubernetes-facts/aws-load-balancer";
import { OPEN_TO_THE_WORLD } from "../../model/security-group-rules";
import type { PolicyRule } from "../../types";

export const loadBalancerSources: PolicyRule = {
  id: "K8S-07",
  name: "LoadBalancerSourcesRestricted",
  family: "k8s",
  level: "warning",
  title:
    "Internet-facing LoadBalancer Services restrict loadBalancerSourceRanges (the listener is the only place 0.0.0.0/0 may appear, and it is flagged)",
  why: "The Service's load balancer is the design's one internet-facing entry. Open to 0.0.0.0/0 (the article's choice, and the default when the list is empty) anyone can reach Metabase's login page; restrict it to your users' networks where you can.",
  fix: "List your users' networks in MetabaseWorkload's loadBalancerSourceCidrs, or suppress with the reason the application is public",
  counterpartNote: "No Checkov or cdk-nag check reads Service source ranges; AWS-11's counterparts cover AWS security groups",
  check({ model, report }) {
    for (const service of model.manifests("Service")) {
      if (service.object.spec?.type !== "LoadBalancer") continue;
      // An internal load balancer has private addresses only: 0.0.0.0/0 there means the VPC and its peers.
      if (isInternalLoadBalancer(service.object.metadata?.annotations)) continue;
      const ranges: string[] = service.object.spec?.loadBalancerSourceRanges ?? [];
      const open = ranges.length === 0 ? ["0.0.0.0/0 (no loadBalancerSourceRanges)"] : ranges.filter((r) => OPEN_TO_THE_WORLD.has(r));
      if (open.length === 0) continue;
      report({
        path: service.resource.path,
        message: `Service ${service.namespace}/${service.name}'s load balancer admits ${open.join(", ")}: Metabase is reachable from the whole internet`,
      });
    }
  },
};
