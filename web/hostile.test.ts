// The TypeScript generated from testdata/hostile.yaml (by make ts-check)
// compiles under --strict and carries every string exactly: its metadata
// must equal what the JSON Schema emitter, a different escaper, wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as generated from "./generated/hostile.js";
import { Hostile, decodeHostile, hostileCategories, hostileInfo, hostileNext, hostileValues, isHostile, parseHostile } from "./generated/hostile.js";

const schema = JSON.parse(readFileSync(new URL("../generated/hostile.schema.json", import.meta.url), "utf8"));

test("names and descriptions survive exactly", () => {
  assert.deepEqual([...hostileValues], schema.enum);
  assert.deepEqual(Object.values(Hostile), schema.enum);
  for (const branch of schema.oneOf) {
    assert.ok(isHostile(branch.const), branch.const);
    assert.equal(hostileInfo[parseHostile(branch.const)].description, branch.description ?? "");
    assert.equal(hostileInfo[parseHostile(branch.const)].terminal, schema.$defs.terminal.enum.includes(branch.const));
  }
  assert.equal(hostileCategories["odd-one"], schema.$defs.category.anyOf[0].description);
  assert.equal(Hostile["$dollar{}"], "$dollar{}"); // keys are the names in PascalCase, quoted where they are no identifier
  assert.equal(decodeHostile("nope"), "it's");
});

test("no spec text added or removed a declaration", () => {
  assert.deepEqual(Object.keys(generated).sort(), [
    "Hostile", "canTransition", "decodeHostile", "hostileCategories", "hostileInfo", "hostileNext", "hostilePollInitialMs",
    "hostilePollMaxMs", "hostileValues", "isHostile", "parseHostile",
  ]);
});

test("__proto__ and constructor are wire names and keys like any other", () => {
  for (const n of ["__proto__", "constructor"]) {
    assert.ok(isHostile(n), n);
    assert.equal(parseHostile(n), n);
    assert.ok(Object.hasOwn(hostileInfo, n), n);
    assert.ok(Object.hasOwn(hostileNext, n), n);
  }
  assert.equal(Object.getPrototypeOf(hostileInfo), Object.prototype);
  assert.equal(hostileInfo["__proto__"].category, "__proto__");
  assert.ok(Object.hasOwn(hostileCategories, "__proto__"));
  assert.equal(Object.getPrototypeOf(hostileCategories), Object.prototype);
  assert.equal(Hostile.Proto, "__proto__");
  assert.equal(isHostile("toString"), false);
  assert.equal(decodeHostile("toString"), "it's");
});

test("the hostile schema loads in a default, strict Ajv", () => {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  const validate = new Ajv2020().compile(schema);
  for (const n of schema.enum) {
    assert.ok(validate(n), n);
  }
  assert.equal(validate("toString"), false);
});
