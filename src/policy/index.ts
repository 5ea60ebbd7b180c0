export { PolicyCheckedApp, type PolicyCheckedAppConfig } from "./checked-app";
export { evaluate, type SuppressionSource } from "./engine";
export { EnvironmentModel, type EnvironmentModelInput } from "./model/environment-model";
export { ALL_RULES, ruleById } from "./rules";
export { SecurityPolicy, type EnvironmentResult, type PolicyEnvironment } from "./security-policy";
export { PolicySuppressions, type PolicySuppression, type PolicySuppressionOptions } from "./suppressions";
export { formatFinding, type Finding, type PolicyLevel, type PolicyRule } from "./types";
