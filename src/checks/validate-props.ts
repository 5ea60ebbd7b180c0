import { Annotations, Token } from "cdktf";
import type { IConstruct } from "constructs";
import type { z } from "zod";
import type { ValueProblem } from "./cross-field";

/** A prop and the check of its value (src/checks/fields.ts), run when the prop is given. */
export interface PropCheck {
  readonly prop: string;
  readonly value: unknown;
  readonly check: z.ZodType;
}

/** True when the value, or something in it, is only known at apply: nothing to check at synth. */
function unresolved(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(unresolved);
  if (value !== null && typeof value === "object") return Object.values(value).some(unresolved);
  return false;
}

const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value)));

/** zod's path below the prop, as "[1]" or ".curl". */
const below = (path: readonly PropertyKey[]) => path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");

/**
 * Checks a construct's props at synth with the checks the environment file's schema runs, in the same words:
 * "<prop> = <value>: <what is wrong>. Fix: <what to write>" (cdktf reports it with the construct's path, and
 * PolicyCheckedApp refuses to write anything). Values known only at apply (tokens) are left to AWS. Warnings
 * (a version near the end of its support) become warning annotations.
 */
export function validateProps(
  construct: IConstruct,
  checks: () => { readonly props?: readonly PropCheck[]; readonly together?: readonly ValueProblem[] },
): void {
  let warned = false;
  construct.node.addValidation({
    validate: () => {
      const { props = [], together = [] } = checks();
      const errors: string[] = [];
      const defined = props.filter((check) => check.value !== undefined && !unresolved(check.value));
      for (const { prop, value, check } of defined) {
        const result = check.safeParse(value);
        if (result.success) continue;
        for (const issue of result.error.issues) {
          const at =
            issue.path.length > 0
              ? issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown>)?.[key as PropertyKey], value)
              : value;
          errors.push(`${prop}${below(issue.path)} = ${shown(at)}: ${issue.message}`);
        }
      }
      // Cross-field checks only speak of values that passed their own check (one problem per fact).
      if (errors.length > 0) return errors;
      for (const problem of together) {
        const line = `${problem.field} = ${shown(problem.value)}: ${problem.message}`;
        if ((problem.level ?? "error") === "error") errors.push(line);
        else if (!warned) Annotations.of(construct).addWarning(line);
      }
      warned = true;
      return errors;
    },
  });
}

/** The prop's own name in a construct's messages. */
export const propNames = (field: string) => field;

/** Whether a value is known at synth (not a token): cross-field checks run only on those. */
export const known = <T>(value: T): value is Exclude<T, undefined> => value !== undefined && !unresolved(value);
