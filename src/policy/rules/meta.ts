import type { PolicyRule } from "../types";

/**
 * Reported by the engine, not by a check of the configuration: a suppression that no finding used is stale
 * (the problem was fixed, or the id or construct is wrong) and would silently hide the next real finding.
 */
export const unusedSuppression: PolicyRule = {
  id: "META-01",
  name: "UnusedSuppression",
  family: "meta",
  level: "warning",
  title: "Every PolicySuppressions entry suppresses at least one finding",
  why: "A suppression that matches nothing is stale: the finding was fixed, or the rule id or construct is wrong. Left in place it would silently hide the next real problem on that construct.",
  fix: "Remove the suppression, or attach it to the construct the finding is reported on (see the report's construct path)",
  check() {
    // The engine reports it after all other rules ran (see engine.ts).
  },
};
