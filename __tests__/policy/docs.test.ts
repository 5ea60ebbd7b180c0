/**
 * The committed documentation is generated from the rules and the dev environment: a stale copy fails here
 * (regenerate with `npm run docs:chain`), so the README's links never show a chain the code no longer has.
 */
import * as fs from "fs";
import * as path from "path";
import { generatedDocs } from "../../scripts/policy-docs";
import { ALL_RULES } from "../../src/policy/rules";
import { devEnvironment } from "../helpers/environments";

const ROOT = path.resolve(__dirname, "..", "..");
const docs = generatedDocs(devEnvironment());

test.each(Object.keys(docs))("%s is up to date (npm run docs:chain)", (file) => {
  const committed = fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), "utf8") : "(missing)";
  expect(committed === docs[file] ? "up to date" : `${file} is stale: run npm run docs:chain`).toBe("up to date");
});

test("the rules table has one row per rule, with its level and counterpart", () => {
  const rulesTables = docs["docs/policy-rules.md"].slice(0, docs["docs/policy-rules.md"].indexOf("## Counterparts in other scanners"));
  const rows = rulesTables.split("\n").filter((line) => /^\| [A-Z][A-Z0-9]*-\d{2} \|/.test(line));
  expect(rows.map((row) => row.split(" | ")[0].slice(2))).toEqual(ALL_RULES.map((r) => r.id));
  expect(rows.find((row) => row.startsWith("| AWS-04 "))).toMatch(/\| warning \(error in environments with `production: true`/);
  expect(rows.find((row) => row.startsWith("| AWS-05 "))).toMatch(/Checkov CKV_AWS_157 \(same\); cdk-nag AwsSolutions-RDS3 \(same\) \|$/);
});

test("the dev chain shows both pod identities, every edge proven", () => {
  const chain = docs["docs/security-chain-dev.md"];
  const mermaid = chain.slice(chain.indexOf("```mermaid"), chain.lastIndexOf("```"));
  const edges = mermaid.split("\n").filter((line) => line.includes("-->"));
  expect(edges.length).toBeGreaterThanOrEqual(18);
  expect(edges.filter((edge) => !edge.includes("✓"))).toEqual([]);
  for (const node of [
    /\["Deployment metabase\/metabase"\]/,
    /\["Job metabase\/metabase-db-bootstrap[\w-]*"\]/,
    /\["rds-db:connect postgresql-dev\/metabase"\]/,
    /\["RDS master secret of postgresql-dev"\]/,
    /\["pod SG rds-access-from-pod-dev"\]/,
    /\["postgresql-dev:5432"\]/,
  ]) {
    expect(mermaid).toMatch(node);
  }
});

test.each(ALL_RULES.map((rule) => [rule.id, rule] as const))(
  "%s speaks to a user of the package: no repository paths, no environment-file fields, no npm scripts",
  (_id, rule) => {
    for (const text of [rule.title, rule.why, rule.fix, rule.levelNote ?? ""]) {
      expect(text).not.toMatch(
        /\bsrc\/|environments\/|environment file|npm run|\b(application|database|cluster|nodeGroups|network)\.[a-z]+[A-Z]\w*/,
      );
    }
  },
);
