import { App, type AppConfig } from "cdktf";
import { writePolicyReport } from "./report/write";
import { SecurityPolicy } from "./security-policy";

export interface PolicyCheckedAppConfig extends AppConfig {
  /** Where the one-line summary goes; stdout by default. */
  readonly log?: (line: string) => void;
}

/**
 * A cdktf App whose synth() also writes the security report (SARIF and chain diagrams) into the output
 * directory, even when synth stops on an error annotation: the report is most useful exactly then.
 * Testing.synth() never calls App.synth(), so tests that synthesize stacks directly write no report.
 */
export class PolicyCheckedApp extends App {
  readonly policy = new SecurityPolicy();
  private readonly log: (line: string) => void;

  constructor(config: PolicyCheckedAppConfig = {}) {
    super(config);
    this.log = config.log ?? ((line) => console.log(line));
  }

  synth(): void {
    try {
      super.synth();
    } finally {
      this.writeReport();
    }
  }

  private writeReport(): void {
    try {
      const results = this.policy.allResults();
      this.log(writePolicyReport(this.policy.rules, results, this.outdir, this.manifest.stackFileName));
    } catch (error) {
      // Never mask the synth error (if any) with a reporting error, but never hide the latter either.
      console.error(`security report could not be written: ${(error as Error).stack ?? error}`);
    }
  }
}
