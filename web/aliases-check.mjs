// make ts-check: the JSON Schema of a spec with aliases and a deprecation
// (internal/aliasenum/aliases.yaml) loads in a default, strict
// new Ajv2020(); the aliases validate, their case variants do not, and
// $defs/aliases and $defs/deprecated say whose they are. The TypeScript
// module of the same spec goes through tsc --strict beside status.ts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const schema = JSON.parse(readFileSync(process.argv[2], "utf8"));
const ajv = new Ajv2020(); // strict by default: an unknown keyword would throw here
const validate = ajv.compile(schema);
for (const name of ["CANCELED", "CANCELLED", "RUNNING", "SUCCEEDED", "ARCHIVED"]) {
  assert.ok(validate(name), `${name} must validate`);
}
for (const name of ["cancelled", "CANCELLED ", "", 7, null]) {
  assert.ok(!validate(name), `${JSON.stringify(name)} must not validate`);
}
assert.deepEqual(schema.$defs.aliases.anyOf.map((b) => [b.title, b.enum]), [
  ["IN_PROGRESS", ["RUNNING"]],
  ["COMPLETED", ["SUCCEEDED"]],
  ["CANCELED", ["CANCELLED"]],
]);
assert.deepEqual(schema.$defs.deprecated.enum, ["ARCHIVED"]);
const branch = (name) => schema.oneOf.find((b) => b.const === name);
assert.equal(branch("CANCELLED").deprecated, true);
assert.equal(branch("ARCHIVED").deprecated, true);
assert.equal(branch("CANCELED").deprecated, undefined);
console.log("aliases-check: the aliased schema loads in a strict Ajv2020 and accepts exactly the names and aliases");
