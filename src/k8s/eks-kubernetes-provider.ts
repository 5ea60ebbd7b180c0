import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";

export interface EksKubernetesProviderProps {
  /** The cluster's name, known at synth. */
  readonly clusterName: string;
  readonly region: string;
}

/**
 * The kubernetes provider of a stack that manages objects inside an EKS cluster, authenticated the way
 * tokens must be: a fresh `aws eks get-token` for every Terraform run (a token read at plan time expires
 * after 15 minutes: hashicorp/terraform-provider-kubernetes#1131).
 *
 * The cluster is looked up by its name, not by a cross-stack reference: references inside provider blocks are
 * not reliable in cdktf (hashicorp/terraform-cdk#2662).
 */
export class EksKubernetesProvider extends Construct {
  readonly provider: KubernetesProvider;

  constructor(scope: Construct, id: string, props: EksKubernetesProviderProps) {
    super(scope, id);
    const cluster = new DataAwsEksCluster(this, "cluster", { name: props.clusterName });
    this.provider = new KubernetesProvider(this, "provider", {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthority.get(0).data),
      exec: [
        {
          apiVersion: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", props.clusterName, "--region", props.region, "--output", "json"],
        },
      ],
    });
  }
}
