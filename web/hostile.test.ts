// The TypeScript generated from testdata/hostile.yaml (by make ts-check)
// compiles under --strict and carries every string exactly: its metadata
// must equal what the JSON Schema emitter, a different escaper, wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as generated from "./generated/hostile.js";
import { Hostile, decodeHostile, hostileCategories, hostileInfo, hostileValues, isHostile, parseHostile } from "./generated/hostile.js";

const schema = JSON.parse(readFileSync(new URL("../generated/hostile.schema.json", import.meta.url), "utf8"));

test("names and descriptions survive exactly", () => {
  assert.deepEqual([...hostileValues], schema.enum);
  assert.deepEqual(Object.values(Hostile), schema.enum);
  for (const branch of schema.oneOf) {
    assert.ok(isHostile(branch.const), branch.const);
    assert.equal(hostileInfo[parseHostile(branch.const)].description, branch.description);
    assert.equal(hostileInfo[parseHostile(branch.const)].terminal, branch["x-terminal"]);
  }
  assert.equal(hostileCategories["odd-one"], schema["x-categories"][0].description);
  assert.equal(Hostile.Dollar, "$dollar{}");
  assert.equal(decodeHostile("nope"), "it's");
});

test("no spec text added or removed a declaration", () => {
  assert.deepEqual(Object.keys(generated).sort(), [
    "Hostile", "decodeHostile", "hostileCategories", "hostileInfo", "hostilePollInitialMs",
    "hostilePollMaxMs", "hostileValues", "isHostile", "parseHostile",
  ]);
});
