import { createHash } from "crypto";
import { Lazy, Token } from "cdktf";
import { TerraformData } from "../cdktf-workarounds";
import { Construct } from "constructs";
import { rdsCaBundleUrl } from "../aws-facts/rds-tls";
import { MAX_JOB_NAME_LENGTH } from "../kubernetes-facts/dns-label";
import { JOB_NAME_LABEL } from "../kubernetes-facts/job-labels";
import { type HelperImages, useHelperImages } from "./images";
import { KubernetesManifest } from "./kubernetes-manifest";
import { appLabels, configMap, type Exposure, loadBalancerService, namespace, serviceAccount } from "./manifests/core";
import { BOOTSTRAP_DEADLINE_SECONDS, BOOTSTRAP_SQL, databaseBootstrapJob } from "./manifests/db-bootstrap-job";
import {
  encryptionKeyAdmissionBinding,
  encryptionKeyAdmissionPolicy,
  encryptionKeyRole,
  encryptionKeyRoleBinding,
  encryptionKeySecretName,
} from "./manifests/encryption-key";
import { METABASE_PORT, metabaseDeployment, ROLLOUT_DEADLINE_SECONDS } from "./manifests/metabase-deployment";
import { allowDns, applicationPolicy, defaultDeny, jobPolicy } from "./manifests/network-policies";
import { securityGroupPolicy } from "./manifests/security-group-policy";
import { BOOTSTRAP_JOB_HASH_LENGTH, METABASE_DEFAULTS } from "./defaults";
import type { PodIdentity, WorkloadContract } from "./workload-contract";
import { z } from "zod";
import {
  clientCidrs,
  helperImage,
  metabaseImage,
  namespaceName,
  postgresName,
  replicas,
  serviceAccountName,
  servicePort,
} from "../checks/fields";
import { validateProps } from "../checks/validate-props";

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
   * @default 443 with tls, else METABASE_DEFAULTS.servicePort (8000)
   */
  readonly servicePort?: number;
  /**
   * "internal": a load balancer in the private subnets, reachable from the VPC (and what is peered or on VPN
   * with it); "internet": one in the public subnets.
   * @default "internal"
   */
  readonly exposure?: Exposure;
  /**
   * Serve HTTPS with an ACM certificate (in the cluster's region) for `hostname`, which becomes MB_SITE_URL.
   * @default none: plain HTTP, which the verifier allows on an internal load balancer only
   */
  readonly tls?: { readonly certificateArn: string; readonly hostname: string };
  /**
   * The helper containers' images (curl, the AWS CLI, psql), e.g. pinned by digest for production.
   * @default HELPER_IMAGE_DEFAULTS: version tags (src/k8s/images.ts)
   */
  readonly helperImages?: Partial<HelperImages>;
  /**
   * Where the pods fetch the RDS CA bundle that verifies the database's certificate.
   * @default the regional bundle of contract.region (src/aws-facts/rds-tls.ts); required in China
   */
  readonly databaseCaBundleUrl?: string;
}

/**
 * Metabase on EKS, locked twice: its pods reach the database port only through their security group
 * (SecurityGroupPolicy), and log in only with their own IAM role (IRSA + MB_DB_AWS_IAM). Beyond the article:
 * TLS to the database is verified (sslmode=verify-full against the RDS CA), the load balancer is internal or
 * HTTPS, stored warehouse credentials are encrypted with a key only the cluster knows, and NetworkPolicies deny
 * everything the pods do not need.
 *
 * Order matters and is explicit:
 *   Namespace -> ServiceAccounts, SecurityGroupPolicies, NetworkPolicies, the key's RBAC and admission policy
 *   -> bootstrap Job (waits for Complete) -> Deployment.
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
  /** The values the bootstrap Job reads from other stacks, resolved: a change to any replaces the Job. */
  readonly bootstrapInputs: TerraformData;
  readonly deployment: KubernetesManifest;
  readonly service: KubernetesManifest;
  /** default-deny, allow-dns, and one policy each for Metabase and the bootstrap Job. */
  readonly networkPolicies: readonly KubernetesManifest[];
  /** The Role, RoleBinding and admission policy that let the Job create only the encryption key's Secret. */
  readonly encryptionKeyAccess: readonly KubernetesManifest[];

  constructor(scope: Construct, id: string, props: MetabaseWorkloadProps) {
    super(scope, id);
    const { contract } = props;
    const ns = contract.namespace;
    const app = contract.application.serviceAccount;
    const bootstrap = contract.bootstrap.serviceAccount;
    const labels = appLabels(app);
    const bootstrapLabels = appLabels(bootstrap);
    // The Job's name (<bootstrap service account>-<hash>) is also its pods' job-name label value and the
    // NetworkPolicy's selector: longer than 63 characters, the API server refuses the Job at apply time.
    const jobNameLength = bootstrap.length + 1 + BOOTSTRAP_JOB_HASH_LENGTH;
    const caBundleUrl = props.databaseCaBundleUrl ?? rdsCaBundleUrl(contract.region);
    validateProps(this, () => ({
      props: [
        { prop: "contract.namespace", value: contract.namespace, check: namespaceName },
        { prop: "contract.application.serviceAccount", value: app, check: serviceAccountName },
        { prop: "contract.application.dbUser", value: contract.application.dbUser, check: postgresName("metabase", "role") },
        { prop: "contract.database.name", value: contract.database.name, check: postgresName("metabase", "database") },
        { prop: "image", value: props.image, check: metabaseImage },
        {
          prop: "helperImages",
          value: props.helperImages,
          check: z.strictObject({ curl: helperImage, awsCli: helperImage, psql: helperImage }),
        },
        { prop: "loadBalancerSourceCidrs", value: props.loadBalancerSourceCidrs, check: clientCidrs },
        { prop: "replicas", value: props.replicas, check: replicas },
        { prop: "servicePort", value: props.servicePort, check: servicePort },
      ],
      together: [
        // The Job's name (<bootstrap service account>-<hash>) is also its pods' job-name label value: longer than
        // 63 characters, the API server refuses the Job at apply time.
        ...(jobNameLength > MAX_JOB_NAME_LENGTH
          ? [
              {
                field: "contract.bootstrap.serviceAccount",
                value: bootstrap,
                message: `makes the bootstrap Job's name ${jobNameLength} characters long; Kubernetes allows ${MAX_JOB_NAME_LENGTH} (it becomes the pods' job-name label). Fix: shorten it to at most ${MAX_JOB_NAME_LENGTH - 1 - BOOTSTRAP_JOB_HASH_LENGTH} characters`,
              },
            ]
          : []),
        ...(caBundleUrl === undefined
          ? [
              {
                field: "contract.region",
                value: contract.region,
                message:
                  "has no RDS CA bundle URL the project knows (its partition's is not in the RDS user guide it read). Fix: pass databaseCaBundleUrl, the regional bundle the RDS user guide lists",
              },
            ]
          : []),
      ],
    }));
    const secretName = encryptionKeySecretName(app);

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

    const keyAccess = {
      name: `${bootstrap}-encryption-key`,
      namespace: ns,
      labels: bootstrapLabels,
      serviceAccount: bootstrap,
      secretName,
    };
    const admissionPolicy = new KubernetesManifest(this, "encryption-key-admission-policy", encryptionKeyAdmissionPolicy(keyAccess));
    this.encryptionKeyAccess = [
      new KubernetesManifest(this, "encryption-key-role", encryptionKeyRole(keyAccess), inNamespace),
      new KubernetesManifest(this, "encryption-key-role-binding", encryptionKeyRoleBinding(keyAccess), inNamespace),
      admissionPolicy,
      new KubernetesManifest(this, "encryption-key-admission-binding", encryptionKeyAdmissionBinding(keyAccess), {
        dependsOn: [admissionPolicy],
      }),
    ];

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
      caBundleUrl: caBundleUrl ?? "",
      encryptionKeySecretName: secretName,
      encryptionKeySourceArn: contract.encryptionKeySecretArn,
    });
    useHelperImages(job.spec?.template.spec, props.helperImages);
    // A Job's pod template is immutable: name the Job after its content (and the SQL it mounts), so a changed
    // Job is a new Job, which Terraform replaces, instead of an update the API server refuses.
    const jobName = Lazy.stringValue({
      produce: (context) => `${bootstrap}-${contentHash([context.resolve(job.spec), BOOTSTRAP_SQL])}`,
    });
    job.metadata!.name = jobName;
    // That name hashes the references the Job reads from the platform (`${data.terraform_remote_state...}`), not
    // their values: a re-created database (a new address, a new master secret) would plan an in-place patch of
    // the Job, which the API server refuses, and the Job would not run again against the new database. Only
    // apiVersion, kind, name and namespace make kubernetes_manifest replace an object
    // (terraform-provider-kubernetes manifest/provider/plan.go). So the values, as Terraform resolves them, live
    // in a terraform_data, and any change to it replaces the Job (replace_triggered_by).
    this.bootstrapInputs = new TerraformData(this, "bootstrap-job-inputs", { input: { values: [...new Set(referencesIn(job.spec))] } });

    const databasePolicy = { databaseCidrs: contract.network.databaseSubnetCidrs, databasePort: contract.database.port };
    this.networkPolicies = [
      new KubernetesManifest(this, "network-policy-default-deny", defaultDeny({ namespace: ns, labels }), inNamespace),
      new KubernetesManifest(this, "network-policy-dns", allowDns({ namespace: ns, labels }), inNamespace),
      new KubernetesManifest(
        this,
        "network-policy",
        applicationPolicy({
          name: app,
          namespace: ns,
          labels,
          podLabels: { app: labels.app },
          containerPort: METABASE_PORT,
          // The Service's NLB keeps its clients' addresses, and externalTrafficPolicy Local keeps kube-proxy from
          // replacing them (core.ts): Metabase admits exactly who may reach the load balancer, minus the subnets
          // where pods take their addresses (every node group's).
          clientCidrs: props.loadBalancerSourceCidrs,
          podSubnetCidrs: contract.network.podSubnetCidrs ?? [...contract.network.nodeSubnetCidrs, ...contract.network.publicSubnetCidrs],
          ...databasePolicy,
        }),
        inNamespace,
      ),
      new KubernetesManifest(
        this,
        "bootstrap-network-policy",
        jobPolicy({ name: bootstrap, namespace: ns, labels: bootstrapLabels, podLabels: { [JOB_NAME_LABEL]: jobName }, ...databasePolicy }),
        inNamespace,
      ),
    ];

    this.bootstrapJob = new KubernetesManifest(this, "bootstrap-job", job, {
      dependsOn: [
        this.bootstrapServiceAccount,
        this.bootstrapSecurityGroupPolicy,
        this.bootstrapSql,
        ...this.networkPolicies,
        ...this.encryptionKeyAccess,
      ],
      // The wait sees Complete only (a Failed Job does not end it: manifest/provider/waiter.go), so it gives up a
      // minute after the Job's own deadline. Deleting waits for the pods too (the Job's foregroundDeletion).
      wait: { condition: [{ type: "Complete", status: "True" }] },
      timeouts: { create: waitFor(BOOTSTRAP_DEADLINE_SECONDS), update: waitFor(BOOTSTRAP_DEADLINE_SECONDS), delete: "10m" },
      lifecycle: { replaceTriggeredBy: [this.bootstrapInputs] },
    });

    const deployment = metabaseDeployment({
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
      caBundleUrl: caBundleUrl ?? "",
      encryptionKeySecretName: secretName,
      siteUrl: props.tls ? `https://${props.tls.hostname}` : undefined,
    });
    useHelperImages(deployment.spec?.template.spec, props.helperImages);
    this.deployment = new KubernetesManifest(this, "deployment", deployment, {
      dependsOn: [this.serviceAccount, this.securityGroupPolicy, this.bootstrapJob],
      // Apply succeeds only when Metabase is up, i.e. both locks let it in. A rollout that stops progressing
      // fails at the Deployment's progress deadline, with that reason; the timeout is only the backstop. On a
      // first create that failure leaves the Deployment outside Terraform's state (docs/lifecycle.md, Upgrade).
      wait: { rollout: true },
      timeouts: { create: waitFor(ROLLOUT_DEADLINE_SECONDS), update: waitFor(ROLLOUT_DEADLINE_SECONDS) },
    });

    this.service = new KubernetesManifest(
      this,
      "service",
      loadBalancerService({
        name: app,
        namespace: ns,
        labels,
        port: props.servicePort ?? (props.tls ? 443 : METABASE_DEFAULTS.servicePort),
        targetPort: METABASE_PORT,
        sourceRanges: props.loadBalancerSourceCidrs,
        exposure: props.exposure ?? METABASE_DEFAULTS.exposure,
        certificateArn: props.tls?.certificateArn,
      }),
      inNamespace,
    );
  }
}

/** A kubernetes_manifest timeout a minute longer than what it waits for. */
function waitFor(seconds: number): string {
  return `${Math.ceil(seconds / 60) + 1}m`;
}

/** Every value of an object that Terraform resolves (a token: a reference to another resource), in order. */
function referencesIn(value: unknown): string[] {
  if (typeof value === "string") return Token.isUnresolved(value) ? [value] : [];
  if (typeof value === "number") return Token.isUnresolved(value) ? [Token.asString(value)] : [];
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(referencesIn);
  return [];
}

/** Eight hex digits of the SHA-256 of a JSON value: enough to tell revisions of one object apart. */
function contentHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 8);
}
