import { createHash } from "crypto";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { KubernetesManifest } from "./kubernetes-manifest";
import { appLabels, configMap, loadBalancerService, namespace, serviceAccount } from "./manifests/core";
import { BOOTSTRAP_SQL, databaseBootstrapJob } from "./manifests/db-bootstrap-job";
import { METABASE_PORT, metabaseDeployment } from "./manifests/metabase-deployment";
import { securityGroupPolicy } from "./manifests/security-group-policy";
import { METABASE_DEFAULTS } from "./defaults";
import type { PodIdentity, WorkloadContract } from "./workload-contract";

export interface MetabaseWorkloadProps {
  /** What the platform prepared: namespace, pod identities, database endpoint, node selector. */
  readonly contract: WorkloadContract;
  /**
   * Who may reach Metabase's load balancer (Service loadBalancerSourceRanges). Required: the article left it
   * open to the internet; here that has to be written down as ["0.0.0.0/0"].
   */
  readonly loadBalancerSourceCidrs: readonly string[];
  /**
   * A pinned Metabase image with IAM authentication to its application database (v0.58.0 or later).
   * @default METABASE_DEFAULTS.image
   */
  readonly image?: string;
  /** @default 1 */
  readonly replicas?: number;
  /**
   * Port of the LoadBalancer Service (the container listens on 3000).
   * @default 8000
   */
  readonly servicePort?: number;
}

/**
 * Metabase on EKS, locked twice: its pods reach the database port only through their security group
 * (SecurityGroupPolicy), and log in only with their own IAM role (IRSA + MB_DB_AWS_IAM).
 *
 * Order matters and is explicit:
 *   Namespace -> ServiceAccounts, SecurityGroupPolicies -> bootstrap Job (waits for Complete) -> Deployment.
 * A SecurityGroupPolicy only reaches pods created after it, which is why the article had to delete and
 * re-create its Deployment.
 */
export class MetabaseWorkload extends Construct {
  readonly namespace: KubernetesManifest;
  readonly serviceAccount: KubernetesManifest;
  readonly securityGroupPolicy: KubernetesManifest;
  readonly bootstrapServiceAccount: KubernetesManifest;
  readonly bootstrapSecurityGroupPolicy: KubernetesManifest;
  readonly bootstrapSql: KubernetesManifest;
  readonly bootstrapJob: KubernetesManifest;
  readonly deployment: KubernetesManifest;
  readonly service: KubernetesManifest;

  constructor(scope: Construct, id: string, props: MetabaseWorkloadProps) {
    super(scope, id);
    const { contract } = props;
    const ns = contract.namespace;
    const app = contract.application.serviceAccount;
    const bootstrap = contract.bootstrap.serviceAccount;
    const labels = appLabels(app);
    const bootstrapLabels = appLabels(bootstrap);

    this.namespace = new KubernetesManifest(this, "namespace", namespace(ns));
    const inNamespace = { dependsOn: [this.namespace] };

    const identity = (idPrefix: string, who: PodIdentity, whoLabels: Record<string, string>) => [
      new KubernetesManifest(
        this,
        `${idPrefix}service-account`,
        serviceAccount({ name: who.serviceAccount, namespace: ns, labels: whoLabels, roleArn: who.roleArn }),
        inNamespace,
      ),
      new KubernetesManifest(
        this,
        `${idPrefix}security-group-policy`,
        securityGroupPolicy({
          name: who.serviceAccount,
          namespace: ns,
          serviceAccountLabels: { app: whoLabels.app },
          securityGroupIds: [who.podSecurityGroupId, contract.clusterSecurityGroupId],
        }),
        inNamespace,
      ),
    ];
    [this.serviceAccount, this.securityGroupPolicy] = identity("", contract.application, labels);
    [this.bootstrapServiceAccount, this.bootstrapSecurityGroupPolicy] = identity("bootstrap-", contract.bootstrap, bootstrapLabels);

    this.bootstrapSql = new KubernetesManifest(
      this,
      "bootstrap-sql",
      configMap(bootstrap, ns, bootstrapLabels, { "bootstrap.sql": BOOTSTRAP_SQL }),
      inNamespace,
    );
    const job = databaseBootstrapJob({
        name: bootstrap,
        namespace: ns,
        labels: bootstrapLabels,
        serviceAccountName: bootstrap,
        nodeSelector: { ...contract.nodeSelector },
        sqlConfigMapName: bootstrap,
        masterSecretArn: contract.database.masterSecretArn,
        masterUsername: contract.bootstrap.dbUser,
        databaseHost: contract.database.host,
        databasePort: contract.database.port,
        applicationUser: contract.application.dbUser,
        applicationDatabase: contract.database.name,
        region: contract.region,
      });
    // A Job's pod template is immutable: name the Job after its content (and the SQL it mounts), so a changed
    // Job is a new Job, which Terraform replaces, instead of an update the API server refuses.
    job.metadata!.name = Lazy.stringValue({
      produce: (context) => `${bootstrap}-${contentHash([context.resolve(job.spec), BOOTSTRAP_SQL])}`,
    });
    this.bootstrapJob = new KubernetesManifest(
      this,
      "bootstrap-job",
      job,
      {
        dependsOn: [this.bootstrapServiceAccount, this.bootstrapSecurityGroupPolicy, this.bootstrapSql],
        wait: { condition: [{ type: "Complete", status: "True" }] },
        timeouts: { create: "15m", update: "15m" },
      },
    );

    this.deployment = new KubernetesManifest(
      this,
      "deployment",
      metabaseDeployment({
        name: app,
        namespace: ns,
        labels,
        image: props.image ?? METABASE_DEFAULTS.image,
        replicas: props.replicas ?? METABASE_DEFAULTS.replicas,
        serviceAccountName: app,
        nodeSelector: { ...contract.nodeSelector },
        databaseHost: contract.database.host,
        databasePort: contract.database.port,
        databaseName: contract.database.name,
        databaseUser: contract.application.dbUser,
        region: contract.region,
      }),
      {
        dependsOn: [this.serviceAccount, this.securityGroupPolicy, this.bootstrapJob],
        // Apply succeeds only when Metabase is up, i.e. both locks let it in.
        wait: { rollout: true },
        timeouts: { create: "20m", update: "20m" },
      },
    );

    this.service = new KubernetesManifest(
      this,
      "service",
      loadBalancerService({
        name: app,
        namespace: ns,
        labels,
        port: props.servicePort ?? METABASE_DEFAULTS.servicePort,
        targetPort: METABASE_PORT,
        sourceRanges: props.loadBalancerSourceCidrs,
      }),
      inNamespace,
    );
  }
}

/** Eight hex digits of the SHA-256 of a JSON value: enough to tell revisions of one object apart. */
function contentHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 8);
}
