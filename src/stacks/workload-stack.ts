import type { Construct } from "constructs";
import type { Environment } from "../config/load";
import { EksKubernetesProvider } from "../k8s/eks-kubernetes-provider";
import { MetabaseWorkload } from "../k8s/metabase-workload";
import type { WorkloadContract } from "../k8s/workload-contract";
import { workloadProps } from "./construct-props";
import { EnvironmentStack } from "./environment-stack";
import { stackNames } from "./names";

/**
 * The Kubernetes half of one environment: Metabase and its database bootstrap as kubernetes_manifest
 * resources, from the platform stack's contract. A separate stack because kubernetes_manifest needs a
 * reachable API server (and the SecurityGroupPolicy CRD) at plan time; the contract's references make cdktf
 * order it after the platform stack, so `cdktf deploy '<env>-*'` applies the platform first.
 */
export class WorkloadStack extends EnvironmentStack {
  readonly workload: MetabaseWorkload;

  constructor(scope: Construct, environment: Environment, contract: WorkloadContract) {
    super(scope, stackNames(environment.name).workload, environment);
    new EksKubernetesProvider(this, "kubernetes", { clusterName: contract.clusterName, region: contract.region });
    this.workload = new MetabaseWorkload(this, "metabase", {
      contract,
      ...workloadProps(environment.config.application),
    });
  }
}
