import type { TerraformBlock } from "../../model/terraform-config";
import type { PolicyRule } from "../../types";
import { checkov, trivy } from "../../counterparts";

export const vpcFlowLogsEnabled: PolicyRule = {
  id: "AWS-12",
  name: "VpcFlowLogsEnabled",
  family: "aws",
  level: "error",
  title: 'Every VPC has a flow log recording all traffic (traffic_type = "ALL") to a destination',
  why: "Flow logs are the only record of which address talked to which, on what port, and whether the security groups let it through: without them a compromised pod's connections (to the database, to the internet) cannot be traced after the fact. REJECT-only logs miss every connection that succeeded, which is what an investigation needs first.",
  fix: 'Create the VPC with Network, or add a VpcFlowLog (traffic_type "ALL", delivering to a LogArchive log group)',
  counterparts: [
    checkov("CKV2_AWS_11", "stricter", "also wants traffic_type ALL and a destination; CKV2_AWS_11 passes any connected aws_flow_log"),
    trivy("AVD-AWS-0178", "stricter", "also wants traffic_type ALL and a destination; AVD-AWS-0178 only that a flow log exists"),
  ],
  check({ model, report }) {
    for (const vpc of model.resources("aws_vpc")) {
      const flowLogs = model.referrers("aws_flow_log", "vpc_id", vpc, "id");
      if (flowLogs.length === 0) {
        report({ path: vpc.path, message: `${model.label(vpc)} has no aws_flow_log (none references its id in vpc_id)` });
        continue;
      }
      const verdicts = flowLogs.map((flowLog) => ({ flowLog, problem: problemOf(flowLog) }));
      if (verdicts.some((v) => v.problem === undefined)) continue;
      for (const { flowLog, problem } of verdicts) {
        report({
          path: flowLog.path,
          level: problem!.level,
          message: `${model.label(flowLog)}, the flow log of ${model.label(vpc)}, ${problem!.message}`,
        });
      }
    }
  },
};

function problemOf(flowLog: TerraformBlock): { level: "error" | "warning"; message: string } | undefined {
  const c = flowLog.config;
  // log_group_name is the provider's older name for a CloudWatch Logs destination.
  if (!c.log_destination && !c.log_group_name) return { level: "error", message: "has no log_destination: it delivers nowhere" };
  const traffic = c.traffic_type;
  if (traffic === "ALL") return undefined;
  if (traffic === "REJECT") {
    return {
      level: "warning",
      message:
        'records only rejected traffic (traffic_type "REJECT"): every accepted connection, including a compromised pod reaching the database or the internet, goes unrecorded',
    };
  }
  if (traffic === "ACCEPT") {
    return {
      level: "error",
      message:
        'records only accepted traffic (traffic_type "ACCEPT"): scans and probes the security groups and network ACLs turned away go unrecorded',
    };
  }
  return { level: "error", message: `has traffic_type ${JSON.stringify(traffic ?? null)}, not "ALL"` };
}
