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

// The TypeScript module marks the deprecated value so that editors strike
// it through: TypeScript's language service reports a use of the key as
// deprecated (6385). The tag was once escaped along with the spec text,
// and nothing said so.
if (process.argv[3]) {
  const ts = require("typescript");
  const { resolve } = require("node:path");
  const module = resolve(process.argv[3]);
  const use = resolve("generated/uses-deprecated.ts");
  const files = {
    [module]: readFileSync(module, "utf8"),
    [use]: `import { Status } from "./aliases.js";\nexport const archived: string = Status.Archived;\nexport const active: string = Status.Active;\n`,
  };
  const options = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const service = ts.createLanguageService({
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (files[f] ?? (ts.sys.fileExists(f) ? ts.sys.readFile(f) : undefined)) !== undefined ? ts.ScriptSnapshot.fromString(files[f] ?? ts.sys.readFile(f)) : undefined,
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => f in files || ts.sys.fileExists(f),
    readFile: (f) => files[f] ?? ts.sys.readFile(f),
    resolveModuleNames: undefined,
  });
  const deprecated = service.getSuggestionDiagnostics(use).filter((d) => d.code === 6385);
  const named = deprecated.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
  assert.deepEqual(named, ["'Archived' is deprecated."], `deprecation diagnostics: ${JSON.stringify(named)}`);
}
console.log("aliases-check: the aliased schema loads in a strict Ajv2020 and accepts exactly the names and aliases; TypeScript reports the deprecated key");
