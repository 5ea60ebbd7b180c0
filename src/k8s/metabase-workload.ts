import { createHash } from "crypto";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { KubernetesManifest } from "./kubernetes-manifest";
import { appLabels, configMap, loadBalancerService, namespace, serviceAccount } from "./manifests/core";
import { BOOTSTRAP_SQL, databaseBootstrapJob } from "./manifests/db-bootstrap-job";
import { METABASE_PORT, metabaseDeployment } from "./manifests/metabase-deployment";
import { securityGroupPolicy } from "./manifests/security-group-policy";

/** A workload identity: service account, its IRSA role, and its pod security group. */
export interface PodIdentity {
  readonly serviceAccount: string;
  readonly roleArn: string;
  readonly podSecurityGroupId: string;
}

export interface MetabaseWorkloadProps {
  readonly namespace: string;
  readonly image: string;
  readonly replicas: number;
  readonly servicePort: number;
  readonly loadBalancerSourceCidrs: readonly string[];
  readonly region: string;
  /** Labels of the node group that runs pods with security groups: { type: "private" }. */
  readonly nodeSelector: Record<string, string>;
  /** Also attached to every pod: CoreDNS and the kubelet reach pods through it. */
  readonly clusterSecurityGroupId: string;
  readonly database: {
    readonly host: string;
    readonly port: number;
    readonly name: string;
    readonly user: string;
    readonly masterUsername: string;
    readonly masterSecretArn: string;
  };
  readonly application: PodIdentity;
  readonly bootstrap: PodIdentity;
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
    const ns = props.namespace;
    const app = props.application.serviceAccount;
    const bootstrap = props.bootstrap.serviceAccount;
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
          securityGroupIds: [who.podSecurityGroupId, props.clusterSecurityGroupId],
        }),
        inNamespace,
      ),
    ];
    [this.serviceAccount, this.securityGroupPolicy] = identity("", props.application, labels);
    [this.bootstrapServiceAccount, this.bootstrapSecurityGroupPolicy] = identity("bootstrap-", props.bootstrap, bootstrapLabels);

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
        nodeSelector: props.nodeSelector,
        sqlConfigMapName: bootstrap,
        masterSecretArn: props.database.masterSecretArn,
        masterUsername: props.database.masterUsername,
        databaseHost: props.database.host,
        databasePort: props.database.port,
        applicationUser: props.database.user,
        applicationDatabase: props.database.name,
        region: props.region,
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
        image: props.image,
        replicas: props.replicas,
        serviceAccountName: app,
        nodeSelector: props.nodeSelector,
        databaseHost: props.database.host,
        databasePort: props.database.port,
        databaseName: props.database.name,
        databaseUser: props.database.user,
        region: props.region,
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
        port: props.servicePort,
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
