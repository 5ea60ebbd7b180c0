/**
 * The two locks, followed across the stack boundary: every reference in a workload manifest is read back
 * through terraform_remote_state to the platform output and the resource it names, and that resource must be
 * the right one (the role trusted for THIS service account, the pod SG the database admits, the address of
 * the database whose dbuser ARN the role may connect as...). Run for the dev environment and for one where
 * every name differs, so a name the workload hard-codes instead of reading from the environment shows up.
 */
import type { Environment } from "../../src/config/load";
import { devEnvironment, environmentWith } from "../helpers/environments";
import { synthEnvironment, type SynthesizedEnvironment } from "../helpers/synth";
import {
  connectionUriOf,
  envOf,
  manifestNamed,
  modelOf,
  platformReference,
  platformResourceBehind,
  remoteStateFiles,
  stringsIn,
} from "./helpers/workload-config";

const RENAMED = {
  namespace: "analytics",
  serviceAccount: "bi-app",
  dbUser: "bi_reader",
  databaseName: "bi_store",
  servicePort: 8443,
  loadBalancerSourceCidrs: ["198.51.100.0/24", "203.0.113.7/32"],
};
const renamedEnvironment = environmentWith((input) => Object.assign(input.application, RENAMED), "renamed");

interface Case {
  readonly label: string;
  readonly environment: Environment;
}
const cases: Case[] = [
  { label: "dev", environment: devEnvironment() },
  { label: "renamed", environment: renamedEnvironment },
];

/** A platform data.aws_iam_policy_document, from the `${data.aws_iam_policy_document.<id>.json}` that uses it. */
function policyDocument(env: SynthesizedEnvironment, jsonReference: string): any {
  const match = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/.exec(jsonReference);
  if (!match) throw new Error(`"${jsonReference}" is not the JSON of a policy document of the platform stack`);
  const document = env.platformConfig.data.aws_iam_policy_document[match[1]];
  if (!document) throw new Error(`the platform stack has no data.aws_iam_policy_document.${match[1]}`);
  return document;
}

/** Inline policies attached to a platform role, as their policy documents. */
function policiesOfRole(env: SynthesizedEnvironment, roleLogicalId: string): any[] {
  return Object.values<any>(env.platformConfig.resource.aws_iam_role_policy ?? {})
    .filter((policy) => policy.role === `\${aws_iam_role.${roleLogicalId}.name}`)
    .map((policy) => policyDocument(env, policy.policy));
}

const conditionValue = (statement: any, suffix: string) =>
  statement.condition.find((c: any) => c.test === "StringEquals" && c.variable.endsWith(suffix))?.values;

const synthesized = new Map<Environment, SynthesizedEnvironment>();
const synthOnce = (environment: Environment) => {
  if (!synthesized.has(environment)) synthesized.set(environment, synthEnvironment(environment));
  return synthesized.get(environment)!;
};

describe.each(cases)("$label environment: the chain from pod to database", ({ environment }) => {
  const env = synthOnce(environment);
  const app = environment.config.application;
  const bootstrapName = `${app.serviceAccount}-db-bootstrap`;
  const workload = env.workloadConfig;
  const named = (kind: string, name: string) => manifestNamed(workload, kind, name).manifest;
  const deploymentContainer = () => named("Deployment", app.serviceAccount).spec.template.spec.containers[0];
  const jobPod = () => named("Job", bootstrapName).spec.template.spec;
  const readMasterSecret = () => jobPod().initContainers.find((c: any) => c.name === "read-master-secret");

  /** The RDS instance the host of MB_DB_CONNECTION_URI resolves to. */
  const database = () => {
    const host = platformResourceBehind(env, connectionUriOf(deploymentContainer()).host);
    expect([host.type, host.attribute]).toEqual(["aws_db_instance", "address"]);
    return host;
  };

  /** Follows a service account's role annotation to the role, and checks the role trusts exactly that account. */
  const roleTrusting = (serviceAccountName: string) => {
    const sa = named("ServiceAccount", serviceAccountName);
    const role = platformResourceBehind(env, sa.metadata.annotations["eks.amazonaws.com/role-arn"]);
    expect([role.type, role.attribute]).toEqual(["aws_iam_role", "arn"]);
    const statements = policyDocument(env, role.resource.assume_role_policy).statement;
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement.actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
    expect(conditionValue(statement, ":sub")).toEqual([`system:serviceaccount:${sa.metadata.namespace}:${sa.metadata.name}`]);
    expect(conditionValue(statement, ":aud")).toEqual(["sts.amazonaws.com"]);
    return role;
  };

  /** Follows a SecurityGroupPolicy to its two groups: [pod SG resource, cluster SG reference]. */
  const groupsOf = (policyName: string) => {
    const [podGroup, clusterGroup] = named("SecurityGroupPolicy", policyName).spec.securityGroups.groupIds;
    return [platformResourceBehind(env, podGroup), platformResourceBehind(env, clusterGroup)] as const;
  };

  /** Whether the database's security group admits a pod security group on the database port. */
  const databaseAdmits = (podGroupLogicalId: string) => {
    const instance = database().resource;
    return Object.values<any>(env.platformConfig.resource.aws_vpc_security_group_ingress_rule ?? {}).some(
      (rule) =>
        instance.vpc_security_group_ids.includes(rule.security_group_id) &&
        rule.referenced_security_group_id === `\${aws_security_group.${podGroupLogicalId}.id}` &&
        rule.ip_protocol === "tcp" &&
        rule.from_port === instance.port &&
        rule.to_port === instance.port,
    );
  };

  test("the names, the exposure and the port come from the environment file", () => {
    const service = named("Service", app.serviceAccount);
    expect(service.spec.loadBalancerSourceRanges).toEqual(app.loadBalancerSourceCidrs);
    expect(service.spec.ports.map((p: any) => p.port)).toEqual([app.servicePort]);
    expect(named("Namespace", app.namespace).metadata.name).toBe(app.namespace);
    expect(named("ServiceAccount", app.serviceAccount).metadata.namespace).toBe(app.namespace);
    const variables = envOf(deploymentContainer());
    expect(variables.MB_DB_USER.value).toBe(app.dbUser);
    expect(connectionUriOf(deploymentContainer()).database).toBe(app.databaseName);
    const jobVariables = envOf(jobPod().containers[0]);
    expect(jobVariables.APP_DB_USER.value).toBe(app.dbUser);
    expect(jobVariables.APP_DB_NAME.value).toBe(app.databaseName);
    expect(jobPod().serviceAccountName).toBe(bootstrapName);
  });

  test("every cross-stack value resolves to the platform output of the intended resource", () => {
    const { platform } = env;
    const ref = (element: any, attribute: string) => `\${${element.terraformResourceType}.${platform.getLogicalId(element)}.${attribute}}`;
    const sgp = (name: string) => named("SecurityGroupPolicy", name).spec.securityGroups.groupIds;
    const annotation = (name: string) => named("ServiceAccount", name).metadata.annotations["eks.amazonaws.com/role-arn"];
    const expectations: [unknown, string][] = [
      [annotation(app.serviceAccount), ref(platform.applicationRole.role, "arn")],
      [annotation(bootstrapName), ref(platform.bootstrapRole.role, "arn")],
      [sgp(app.serviceAccount)[0], ref(platform.applicationPodSecurityGroup.securityGroup, "id")],
      [sgp(bootstrapName)[0], ref(platform.bootstrapPodSecurityGroup.securityGroup, "id")],
      [sgp(app.serviceAccount)[1], ref(platform.cluster.resource, "vpc_config[0].cluster_security_group_id")],
      [connectionUriOf(deploymentContainer()).host, ref(platform.database.instance, "address")],
      [envOf(jobPod().containers[0]).DB_HOST.value, ref(platform.database.instance, "address")],
      [envOf(readMasterSecret()).MASTER_SECRET_ARN.value, ref(platform.database.instance, "master_user_secret[0].secret_arn")],
    ];
    for (const [value, expected] of expectations) expect(platformResourceBehind(env, value).expression).toBe(expected);
  });

  test("the workload reads the platform's and the retained stack's outputs from the very state files they write", () => {
    const { readsFrom, producersWriteTo } = remoteStateFiles(env);
    expect(readsFrom).toEqual(producersWriteTo);
  });

  test("identity lock: the service account's role trusts only that service account and may connect only as MB_DB_USER", () => {
    const role = roleTrusting(named("Deployment", app.serviceAccount).spec.template.spec.serviceAccountName);
    const statements = policiesOfRole(env, role.logicalId).flatMap((document) => document.statement);
    expect(statements).toHaveLength(1);
    const [connect] = statements;
    expect(connect.actions).toEqual(["rds-db:connect"]);
    expect(connect.effect).toBe("Allow");
    expect(connect.resources).toHaveLength(1);
    const attachments = Object.values<any>(env.platformConfig.resource.aws_iam_role_policy_attachment ?? {});
    expect(attachments.filter((a) => a.role === `\${aws_iam_role.${role.logicalId}.name}`)).toEqual([]);
    const dbUser = envOf(deploymentContainer()).MB_DB_USER.value;
    // arn:aws:rds-db:<region>:<account>:dbuser:<resource id of THE database MB_DB_CONNECTION_URI names>/<MB_DB_USER>
    expect(connect.resources[0]).toMatch(
      new RegExp(`^arn:aws:rds-db:${environment.config.region}:\\$\\{data\\.aws_caller_identity\\.[^}]+\\.account_id\\}:dbuser:`),
    );
    expect(connect.resources[0].endsWith(`:dbuser:\${aws_db_instance.${database().logicalId}.resource_id}/${dbUser}`)).toBe(true);
    // The database accepts IAM tokens at all.
    expect(database().resource.iam_database_authentication_enabled).toBe(true);
  });

  test("network lock: the SecurityGroupPolicy gives the pods the SG the database admits, plus the cluster SG", () => {
    const [podGroup, clusterGroup] = groupsOf(app.serviceAccount);
    expect([podGroup.type, podGroup.attribute]).toEqual(["aws_security_group", "id"]);
    expect(databaseAdmits(podGroup.logicalId)).toBe(true);
    expect([clusterGroup.type, clusterGroup.attribute]).toEqual(["aws_eks_cluster", "vpc_config[0].cluster_security_group_id"]);
    // ...of the very cluster the kubernetes provider talks to.
    const [lookup] = Object.values<any>(workload.data.aws_eks_cluster);
    expect(clusterGroup.resource.name).toBe(lookup.name);
    // The cluster SG is not a key to the database.
    const clusterSgIngress = Object.values<any>(env.platformConfig.resource.aws_vpc_security_group_ingress_rule).filter(
      (rule) =>
        rule.referenced_security_group_id ===
        platformResourceBehind(env, named("SecurityGroupPolicy", app.serviceAccount).spec.securityGroups.groupIds[1]).expression,
    );
    expect(clusterSgIngress.filter((rule) => database().resource.vpc_security_group_ids.includes(rule.security_group_id))).toEqual([]);
  });

  test("MB_DB_CONNECTION_URI names the address and port of the IAM-enabled database", () => {
    const instance = database().resource;
    expect(Number(connectionUriOf(deploymentContainer()).port)).toBe(instance.port);
    expect(instance.publicly_accessible).toBe(false);
  });

  test("the pods land on the node group whose subnets route out through NAT (pods with security groups get no SNAT)", () => {
    const selector = named("Deployment", app.serviceAccount).spec.template.spec.nodeSelector;
    const resources = env.platformConfig.resource;
    const groups = Object.values<any>(resources.aws_eks_node_group).filter((group) =>
      Object.entries(selector).every(([key, value]) => group.labels?.[key] === value),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].subnet_ids.length).toBeGreaterThan(0);
    for (const subnetId of groups[0].subnet_ids) {
      const association = Object.values<any>(resources.aws_route_table_association).find((a) => a.subnet_id === subnetId);
      const routeTable = platformReference(env, association.route_table_id).resource;
      const defaultRoute = routeTable.route.find((route: any) => route.cidr_block === "0.0.0.0/0");
      expect([subnetId, defaultRoute.gateway_id, defaultRoute.nat_gateway_id]).toEqual([
        subnetId,
        null,
        expect.stringMatching(/^\$\{aws_nat_gateway\./),
      ]);
    }
    expect(jobPod().nodeSelector).toEqual(selector);
  });

  test("the bootstrap Job: its own role reads only the master secret of this database, its own SG is admitted", () => {
    const role = roleTrusting(bootstrapName);
    const application = roleTrusting(app.serviceAccount);
    expect(role.logicalId).not.toBe(application.logicalId);

    const secretArn = envOf(readMasterSecret()).MASTER_SECRET_ARN.value;
    const secret = platformResourceBehind(env, secretArn);
    expect([secret.logicalId, secret.attribute]).toEqual([database().logicalId, "master_user_secret[0].secret_arn"]);
    const statements = policiesOfRole(env, role.logicalId).flatMap((document) => document.statement);
    // Two secrets: the master secret, and the one Metabase's encryption key is copied from (its ARN in the Job's env).
    const reads = statements.filter((s) => s.actions.includes("secretsmanager:GetSecretValue")).map((s) => s.resources);
    const keySource = envOf(jobPod().initContainers.find((c: any) => c.name === "read-encryption-key")).KEY_SECRET_ARN.value;
    const keySourceRead = reads.filter((resources) => resources[0] !== secret.expression);
    expect(reads).toHaveLength(2);
    expect(reads).toContainEqual([secret.expression]);
    expect(keySourceRead).toEqual([
      [expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-[\w-]+-retained\.outputs\.[\w-]+\}$/)],
    ]);
    const keySecret = modelOf(env).resolver.single(env.workload.node.id, keySource);
    expect([keySecret?.block.type, keySecret?.attribute]).toEqual(["aws_secretsmanager_secret", "arn"]);
    expect(modelOf(env).resolver.single(env.platform.node.id, keySourceRead[0][0])).toEqual(keySecret);
    expect(statements.flatMap((s) => s.actions)).not.toContain("rds-db:connect");
    // ...and the application's role cannot read the master secret.
    const applicationActions = policiesOfRole(env, application.logicalId).flatMap((d) => d.statement.flatMap((s: any) => s.actions));
    expect(applicationActions.filter((action: string) => action.startsWith("secretsmanager:"))).toEqual([]);

    const [podGroup] = groupsOf(bootstrapName);
    expect(databaseAdmits(podGroup.logicalId)).toBe(true);
    expect(podGroup.logicalId).not.toBe(groupsOf(app.serviceAccount)[0].logicalId);
    expect(platformResourceBehind(env, envOf(jobPod().containers[0]).DB_HOST.value).logicalId).toBe(database().logicalId);
  });
});

test("renaming the application moves both stacks together (not just the defaults happening to agree)", () => {
  const env = synthOnce(renamedEnvironment);
  const statements = Object.values<any>(env.platformConfig.data.aws_iam_policy_document).flatMap((d) => d.statement);
  const subjects = statements.flatMap((s) =>
    (s.condition ?? []).filter((c: any) => c.variable.endsWith(":sub")).flatMap((c: any) => c.values),
  );
  expect(subjects.sort()).toEqual(["system:serviceaccount:analytics:bi-app", "system:serviceaccount:analytics:bi-app-db-bootstrap"]);
  const connect = statements.find((s) => s.actions.includes("rds-db:connect"));
  expect(connect.resources[0]).toMatch(/:dbuser:\$\{aws_db_instance\.[^}]+\.resource_id\}\/bi_reader$/);

  const deployment = manifestNamed(env.workloadConfig, "Deployment", "bi-app").manifest;
  expect(deployment.metadata.namespace).toBe("analytics");
  expect(deployment.spec.template.spec.serviceAccountName).toBe("bi-app");
  const variables = envOf(deployment.spec.template.spec.containers[0]);
  expect([variables.MB_DB_USER.value, connectionUriOf(deployment.spec.template.spec.containers[0]).database]).toEqual([
    "bi_reader",
    "bi_store",
  ]);
  const job = manifestNamed(env.workloadConfig, "Job", "bi-app-db-bootstrap").manifest;
  const jobVariables = envOf(job.spec.template.spec.containers[0]);
  expect([jobVariables.APP_DB_USER.value, jobVariables.APP_DB_NAME.value]).toEqual(["bi_reader", "bi_store"]);
  // No name of the workload still says "metabase": only the product's image and container name may.
  const leftovers = Object.values<any>(env.workloadConfig.resource.kubernetes_manifest)
    .flatMap((r) => stringsIn(r.manifest, `${r.manifest.kind}`))
    .filter(({ at, value }) => value.includes("metabase") && !/\.containers\[\d+\]\.(image|name)$/.test(at));
  expect(leftovers).toEqual([]);
});
