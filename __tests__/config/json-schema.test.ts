import Ajv2020 from "ajv/dist/2020";
import * as fs from "fs";
import * as path from "path";
import { environmentJsonSchema } from "../../src/config/json-schema";
import { devInput } from "../helpers/environments";

const COMMITTED = path.resolve(__dirname, "..", "..", "schema", "environment.schema.json");

test("the committed JSON Schema is the one generated from the zod schema (run `npm run schema`)", () => {
  expect(JSON.parse(fs.readFileSync(COMMITTED, "utf8"))).toEqual(environmentJsonSchema());
});

describe("editors validating with the JSON Schema", () => {
  const validate = new Ajv2020({ strict: false }).compile(environmentJsonSchema());

  test("accept the shipped dev environment", () => {
    expect(validate(devInput())).toBe(true);
  });

  test("flag an unknown key", () => {
    const input = devInput();
    input.database.multiAZ = true;
    expect(validate(input)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "additionalProperties", params: { additionalProperty: "multiAZ" } });
  });

  test("offer the supported Kubernetes versions", () => {
    const input = devInput();
    input.cluster.kubernetesVersion = "1.20";
    expect(validate(input)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "enum", instancePath: "/cluster/kubernetesVersion" });
  });
});
