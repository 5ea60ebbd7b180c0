/**
 * secure-eks-rds/app: the environment-file application. `cdktf synth` of environments/<name>.json files, each
 * an environment of three stacks (retained, platform, workload), checked by the verifier before anything is
 * written. main.ts is this module's one caller in the repository; a project of its own imports the constructs
 * from "secure-eks-rds" instead.
 */
export { buildApp, outdirOf, type BuildAppOptions } from "./build-app";
export { loadEnvironments, parseEnvironment, validateEnvironmentFile, type Environment, type LoadedEnvironments } from "../config/load";
export { EnvironmentSchema, type EnvironmentConfig, type EnvironmentInput } from "../config/schema";
export { EnvironmentFileError, type ConfigProblem, type FileProblem } from "../config/problems";
export { PlatformStack } from "../stacks/platform-stack";
export { RetainedStack } from "../stacks/retained-stack";
export { WorkloadStack } from "../stacks/workload-stack";
export { stackNames } from "../stacks/names";
