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

/** Reported by the engine: a suppression that names a rule none of the app's packs has can never apply. */
export const unknownSuppression: PolicyRule = {
  id: "META-02",
  name: "SuppressionOfAnUnknownRule",
  family: "meta",
  level: "error",
  title: "Every PolicySuppressions entry names a rule of the packs the app runs",
  why: "A suppression of a rule the app does not run (a typo, a retired id, a pack left out) suppresses nothing, and says it does: whoever reads the code believes a finding was reviewed when no rule ever looked.",
  fix: "Correct the id to one of the rules in the report, or remove the suppression",
  check() {
    // The engine reports it (see engine.ts).
  },
};
