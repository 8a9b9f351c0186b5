// Takes every spec of the hostile corpus (gen/testdata/hostile) that
// statusgen accepts to the TypeScript and JSON Schema users: it generates the
// TypeScript module and JSON Schema of each, compiles all the modules in one
// tsc --strict run (tsconfig.corpus.json), compiles every schema with ajv
// (draft 2020-12, strict), and round-trips every wire name through each
// module's guards and each schema under Node. The module's names must equal
// the schema's, which a different escaper wrote.
//
// What statusgen accepts and refuses is pinned in the corpus's outcomes.txt
// (go test ./gen); this script fails if the two disagree, and on any spec
// that fails a check here.
//
// Usage (make ts-check): node hostile-corpus.mjs STATUSGEN-BINARY
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";

const statusgen = process.argv[2];
if (!statusgen) {
  console.error("usage: node hostile-corpus.mjs STATUSGEN-BINARY");
  process.exit(2);
}
const corpus = "../gen/testdata/hostile/";
const out = "generated/corpus/";
const build = "build-corpus/generated/corpus/";

let harnessErrors = 0;
function harnessError(msg) {
  harnessErrors++;
  console.error(`hostile-corpus: ${msg}`);
}

// What go test ./gen pinned: accepted specs and the targets that refuse them.
const outcomes = readFileSync(corpus + "outcomes.txt", "utf8").split("\n");
const accepted = new Set(outcomes.filter((l) => l.endsWith(".yaml: accepted")).map((l) => l.slice(0, -": accepted".length)));
const refusedBy = (flag) => new Set(outcomes.filter((l) => l.endsWith(`.yaml: -${flag} refused:`)).map((l) => l.slice(0, -` -${flag} refused:`.length - 1)));
const tsRefused = refusedBy("ts");
const schemaRefused = refusedBy("jsonschema");

// Generate. Each output is asked for alone, so that one target's refusal
// does not hide the other's output.
rmSync(out, { recursive: true, force: true });
rmSync("build-corpus", { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const specs = readdirSync(corpus).filter((f) => f.endsWith(".yaml")).sort();
const generated = []; // specs with both a module and a schema
for (const spec of specs) {
  const base = spec.slice(0, -".yaml".length);
  const made = {};
  for (const [flag, file, refused] of [["ts", `${base}.ts`, tsRefused], ["jsonschema", `${base}.schema.json`, schemaRefused]]) {
    try {
      execFileSync(statusgen, ["-spec", corpus + spec, `-${flag}`, out + file], { stdio: ["ignore", "ignore", "pipe"] });
      made[flag] = true;
    } catch (e) {
      made[flag] = false;
      if (accepted.has(spec) && !refused.has(spec)) {
        harnessError(`${spec}: statusgen -${flag} failed, but outcomes.txt has it accepted: ${e.stderr}`);
      }
    }
    if (made[flag] && (!accepted.has(spec) || refused.has(spec))) {
      harnessError(`${spec}: statusgen -${flag} succeeded, but outcomes.txt has it refused (go test ./gen/... -update?)`);
    }
  }
  if (made.ts && made.jsonschema) {
    generated.push(spec);
  }
}

// One tsc --strict run over every module; its diagnostics are filed by spec.
const problems = new Map(generated.map((s) => [s, []]));
try {
  execFileSync("node_modules/.bin/tsc", ["-p", "tsconfig.corpus.json", "--pretty", "false"], { encoding: "utf8" });
} catch (e) {
  for (const line of String(e.stdout).split("\n").filter((l) => l.trim() !== "")) {
    const m = /^generated\/corpus\/([^(]+)\.ts\(/.exec(line);
    const spec = m ? `${m[1]}.yaml` : undefined;
    if (spec && problems.has(spec)) {
      problems.get(spec).push(`tsc: ${line}`);
    } else if (/^\s/.test(line)) {
      // continuation of the previous diagnostic
    } else {
      harnessError(`tsc output names no generated module: ${line}`);
    }
  }
}

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const garbage = [undefined, null, 42, true, {}, [], "", " ", "\u0000", "__proto__", "constructor", "toString", "hasOwnProperty", "prototype"];

for (const spec of generated) {
  const base = spec.slice(0, -".yaml".length);
  const fail = (msg) => problems.get(spec).push(msg);
  try {
    const schema = JSON.parse(readFileSync(out + `${base}.schema.json`, "utf8"));
    // The schema's enum holds the wire names, then the aliases (other
    // names decoders accept, which the module's value list leaves out).
    const all = schema.enum;
    if (!Array.isArray(all) || all.length === 0) {
      fail(`schema enum is ${JSON.stringify(all)}`);
      continue;
    }

    // ajv, default (strict) options and no added vocabulary: the schema
    // compiles as a user's plain new Ajv2020() would, and accepts exactly
    // the names.
    const ajv = new Ajv2020();
    const validate = ajv.compile(schema);
    for (const n of all) {
      if (!validate(n)) fail(`ajv rejects ${JSON.stringify(n)}: ${JSON.stringify(validate.errors)}`);
      if (!validate(JSON.parse(JSON.stringify(n)))) fail(`ajv rejects ${JSON.stringify(n)} after a JSON round trip`);
    }
    for (const g of [...garbage, ...all.map((n) => n + "x"), ...all.map((n) => n.toLowerCase())]) {
      if (!all.includes(g) && validate(g)) fail(`ajv accepts ${JSON.stringify(g)}`);
    }

    // The module, found by the shape of its exports rather than by names
    // this script would have to derive as the generator does.
    const m = await import(`./${build}${base}.js`);
    const exported = Object.entries(m);
    const fn = (prefix) => exported.filter(([k, v]) => typeof v === "function" && k.startsWith(prefix)).map(([, v]) => v);
    const [guard] = fn("is");
    const [parse] = fn("parse");
    const [decode] = fn("decode");
    const values = exported.filter(([, v]) => Array.isArray(v)).map(([, v]) => v);
    const names = values.length === 1 ? all.slice(0, values[0].length) : all;
    const aliases = all.slice(names.length);
    const objects = exported.filter(([, v]) => v !== null && typeof v === "object" && !Array.isArray(v)).map(([, v]) => v);
    const info = objects.find((o) => isDeepStrictEqual(Object.keys(o), names) && Object.values(o).every((i) => typeof i === "object"));
    const consts = objects.find((o) => isDeepStrictEqual(Object.values(o), names));
    if (!guard || !parse) {
      fail(`module exports no is…/parse… function: ${Object.keys(m)}`);
      continue;
    }
    if (values.length !== 1 || !isDeepStrictEqual([...values[0]], names)) fail(`the values array is not the schema's enum: ${JSON.stringify(values)}`);
    if (!info) fail(`no info object keyed by exactly the names`);
    if (!consts) fail(`no constant object whose values are exactly the names`);
    for (const a of aliases) {
      let parsed;
      try {
        parsed = parse(a);
      } catch (e) {
        parsed = e;
      }
      if (guard(a) !== false || !names.includes(parsed)) fail(`alias ${JSON.stringify(a)}: is… says ${guard(a)}, parse gives ${parsed}, want false and a value`);
    }
    for (const n of names) {
      const wire = JSON.parse(JSON.stringify(n));
      if (guard(wire) !== true) fail(`guard rejects ${JSON.stringify(n)}`);
      let parsed;
      try {
        parsed = parse(wire);
      } catch (e) {
        parsed = e;
      }
      if (parsed !== n) fail(`parse(${JSON.stringify(n)}) = ${parsed}`);
      if (decode && decode(wire) !== n) fail(`decode(${JSON.stringify(n)}) = ${decode(wire)}`);
      const branch = schema.oneOf?.find((b) => b.const === n);
      if (info && branch) {
        const i = info[n];
        // A deprecated value's branch says so after its description as
        // written, one space between them when there is a description.
        const want = branch.deprecated ? (i.description ? `${i.description} ` : "") + "Deprecated: " : i.description ?? "";
        const has = branch.description ?? "";
        if (branch.deprecated ? !has.startsWith(want) : has !== want) fail(`${JSON.stringify(n)}: description ${JSON.stringify(i.description)}, schema has ${JSON.stringify(branch.description)}`);
        // The schema keeps the metadata in $defs: the terminal and poll
        // values as enums, and one titled branch per category.
        const defs = schema.$defs ?? {};
        const terminal = (defs.terminal?.enum ?? []).includes(n);
        const poll = (defs.poll?.enum ?? []).includes(n);
        if (i.terminal !== terminal || i.poll !== poll) fail(`${JSON.stringify(n)}: terminal/poll differ from the schema`);
        const category = (defs.category?.anyOf ?? []).find((c) => (c.enum ?? []).includes(n))?.title;
        if ((i.category ?? "") !== (category ?? "")) fail(`${JSON.stringify(n)}: category ${i.category}, schema has ${category}`);
      }
    }
    for (const g of [...garbage, ...names.map((n) => n + "x"), ...names.map((n) => n.toLowerCase())]) {
      if (!names.includes(g) && guard(g) !== false) fail(`guard accepts ${JSON.stringify(g)}`);
      // parse takes the aliases too (the schema's enum lists them).
      if (!all.includes(g) && typeof g === "string") {
        let threw = false;
        try {
          parse(g);
        } catch {
          threw = true;
        }
        if (!threw) fail(`parse accepts ${JSON.stringify(g)}`);
      }
    }
  } catch (e) {
    fail(`threw: ${e}`);
  }
}

let failures = 0;
for (const [spec, list] of problems) {
  if (list.length > 0) {
    failures++;
    console.error(`FAIL ${spec} (ts):\n  ${list.join("\n  ")}`);
  }
}
console.log(`hostile-corpus: ${generated.length} of ${specs.length} specs through tsc --strict, ajv and Node; ${failures} failing, ${harnessErrors} harness errors`);
process.exit(failures + harnessErrors > 0 ? 1 : 0);
