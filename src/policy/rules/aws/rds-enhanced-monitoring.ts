import type { EnvironmentModel } from "../../model/environment-model";
import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { coversAction, referenceOfType, servicePrincipals } from "./shared";
import { checkov } from "../../counterparts";
import { SERVICE_PRINCIPALS } from "../../../aws-facts/service-principals";

/** RDS API reference, MonitoringInterval: 0 turns Enhanced Monitoring off; the others are the valid values. */
const INTERVALS = [1, 5, 10, 15, 30, 60];
const MONITORING_SERVICE = SERVICE_PRINCIPALS.rdsMonitoring;
/** The managed policy the RDS user guide attaches; it lives under the service-role/ path. */
const MANAGED_POLICY = /^arn:aws[\w-]*:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/;
const APPLY_ERROR =
  'so CreateDBInstance fails at apply (InvalidParameterCombination: "IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING")';

export const rdsEnhancedMonitoring: PolicyRule = {
  id: "AWS-21",
  name: "RdsEnhancedMonitoring",
  family: "aws",
  level: "error",
  title: `RDS instances have Enhanced Monitoring (monitoring_interval in ${INTERVALS.join(", ")}) with a role trusted by ${MONITORING_SERVICE} and AmazonRDSEnhancedMonitoringRole attached`,
  why: "Enhanced Monitoring shows the instance's operating system (processes, memory, I/O) every few seconds, where CloudWatch metrics only show the hypervisor's view: a runaway process or a saturated disk is visible only there. A role that RDS cannot assume, or that lacks the managed policy, is refused when the instance is created.",
  fix: "Use PostgresDatabase: its monitoring role trusts monitoring.rds.amazonaws.com and has arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
  counterparts: [
    checkov(
      "CKV_AWS_118",
      "stricter",
      "also wants a monitoring role RDS can assume, with AmazonRDSEnhancedMonitoringRole; CKV_AWS_118 checks the interval only",
    ),
  ],
  check({ model, report }) {
    for (const db of model.resources("aws_db_instance")) {
      const c = db.config;
      const interval = c.monitoring_interval;
      if (interval === undefined || interval === 0) {
        report({
          path: db.path,
          message: `${model.label(db)} has Enhanced Monitoring off (monitoring_interval is ${interval === 0 ? "0" : "unset, 0 by default"})`,
        });
        continue;
      }
      if (!INTERVALS.includes(interval)) {
        report({
          path: db.path,
          message: `${model.label(db)}'s monitoring_interval ${JSON.stringify(interval)} is not one RDS accepts (${INTERVALS.join(", ")})`,
        });
        continue;
      }
      if (c.monitoring_role_arn === undefined) {
        // RDS API reference, MonitoringRoleArn: "If MonitoringInterval is set to a value other than 0, then you must supply a MonitoringRoleArn value."
        report({
          path: db.path,
          message: `${model.label(db)} sets monitoring_interval ${interval} without monitoring_role_arn, ${APPLY_ERROR}`,
        });
        continue;
      }
      const role = referenceOfType(model, db, c.monitoring_role_arn, "aws_iam_role")?.block;
      if (!role) {
        report({
          path: db.path,
          level: "warning",
          message: `${model.label(db)}'s monitoring_role_arn is not a reference to an aws_iam_role of the environment, so the role cannot be checked`,
        });
        continue;
      }
      const problems = roleProblems(model, role);
      if (problems.length > 0)
        report({
          path: role.path,
          message: `${model.label(role)}, the monitoring role of ${model.label(db)}, ${problems.join(" and ")}, ${APPLY_ERROR}`,
        });
    }
  },
};

/** RDS user guide, "Setting up and enabling Enhanced Monitoring": trusted entity monitoring.rds.amazonaws.com, policy AmazonRDSEnhancedMonitoringRole. */
function roleProblems(model: EnvironmentModel, role: TerraformBlock): string[] {
  const problems: string[] = [];
  const trust = model.trustStatements(role);
  if (!trust) {
    problems.push(
      "has an assume_role_policy that is neither an aws_iam_policy_document reference nor literal JSON (so its trust cannot be checked)",
    );
  } else {
    const trusted = trust.some(
      (s) =>
        s.effect === "Allow" && !s.negated && coversAction(s, "sts:AssumeRole") && servicePrincipals(model, s).includes(MONITORING_SERVICE),
    );
    const denied = trust.some(
      (s) =>
        s.effect === "Deny" &&
        s.conditions.length === 0 &&
        coversAction(s, "sts:AssumeRole") &&
        (servicePrincipals(model, s).includes(MONITORING_SERVICE) || s.principals.some((p) => p.identifiers.includes("*"))),
    );
    if (!trusted || denied) {
      const services = trust.filter((s) => s.effect === "Allow").flatMap((s) => servicePrincipals(model, s));
      problems.push(
        `cannot be assumed by ${MONITORING_SERVICE} (its trust allows ${services.length > 0 ? services.join(", ") : "no service"})`,
      );
    }
  }
  const attached = model.attachedPolicyArns(role);
  if (!attached.some((arn) => MANAGED_POLICY.test(arn))) {
    const nearMiss = attached.find((arn) => arn.endsWith("/AmazonRDSEnhancedMonitoringRole"));
    problems.push(
      nearMiss
        ? `has ${nearMiss} attached, a policy that does not exist (IAM refuses the attachment): the managed policy is arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole, under the service-role/ path`
        : "does not have arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole attached",
    );
  }
  return problems;
}
