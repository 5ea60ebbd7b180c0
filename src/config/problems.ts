/** How bad input is reported: the file, the field, the value, what is wrong and how to fix it. */

export interface ConfigProblem {
  /** Dotted path inside the file, e.g. "network.vpcCidr" or "availabilityZones[1]". */
  readonly field: string;
  /** The value found there (undefined when the field is missing). */
  readonly value: unknown;
  /** "<what is wrong>. Fix: <what to do>" */
  readonly message: string;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("") || "(top level)";
}

function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** One or more environment files are invalid. Thrown before any stack exists, so nothing is written. */
export class EnvironmentFileError extends Error {
  constructor(readonly problemsByFile: ReadonlyMap<string, readonly ConfigProblem[]>) {
    super(EnvironmentFileError.render(problemsByFile));
    this.name = "EnvironmentFileError";
  }

  private static render(problemsByFile: ReadonlyMap<string, readonly ConfigProblem[]>): string {
    const blocks = [...problemsByFile].map(([file, problems]) =>
      [
        `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
        ...problems.map((p) => `  - ${p.field} = ${describeValue(p.value)}: ${p.message}`),
      ].join("\n"),
    );
    return `Invalid environment configuration; no stack was synthesized.\n${blocks.join("\n")}`;
  }
}
