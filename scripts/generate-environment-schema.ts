/**
 * Writes schema/environment.schema.json from the zod schema, so editors complete and check environment files.
 * A test fails when the committed file is stale: run `npm run schema` after changing src/config/schema.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { environmentJsonSchema } from "../src/config/json-schema";

const target = path.join(__dirname, "..", "schema", "environment.schema.json");
fs.writeFileSync(target, `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
