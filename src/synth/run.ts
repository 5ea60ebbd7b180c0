import { SynthRejected } from "./rejected";

/**
 * Runs a synth the way a command should: a rejected synth prints its report (every problem, one per line, with
 * its file) on stderr and exits 1, with no stack trace. Any other error prints its message, and its stack
 * trace only when DEBUG is set.
 */
export function synthOrExit(synth: () => void): void {
  try {
    synth();
  } catch (error) {
    if (error instanceof SynthRejected) {
      console.error(error.message);
    } else if (process.env.DEBUG) {
      console.error((error as Error).stack ?? String(error));
    } else {
      console.error(`synth failed: ${(error as Error).message ?? String(error)}\n(set DEBUG=1 for the stack trace)`);
    }
    process.exitCode = 1;
  }
}
