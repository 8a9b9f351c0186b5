// Tests of the generated status.ts and ../docs/status.schema.json, compiled
// by tsc --strict and run with node --test (make ts-check).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  Status,
  decodeStatus,
  isStatus,
  parseStatus,
  statusCategories,
  statusInfo,
  statusPollInitialMs,
  statusPollMaxMs,
  statusValues,
  type StatusCategory,
} from "./status.js";

const names = [
  "PENDING", "IN_PROGRESS", "PROCESSING", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED",
  "CANCELED", "UNKNOWN", "SKIPPED", "DRAFT", "ACTIVE", "ARCHIVED", "SUSPENDED",
];
const garbage = ["", "pending", "Pending", "PENDING ", "RETRYING", "COMPLETED_WITH_ERROR", "__proto__", "toString", "constructor"];

test("the union, the constant object and the value list agree", () => {
  assert.deepEqual([...statusValues], names);
  assert.deepEqual(Object.values(Status), names);
  assert.equal(Status.CompletedWithErrors, "COMPLETED_WITH_ERRORS");
  const s: Status = Status.Pending; // the constant is assignable to the union
  assert.equal(s, "PENDING");
});

test("everything is frozen", () => {
  assert.ok(Object.isFrozen(Status));
  assert.ok(Object.isFrozen(statusValues));
  assert.ok(Object.isFrozen(statusInfo));
  assert.ok(Object.isFrozen(statusInfo.PENDING));
  assert.throws(() => {
    (statusInfo.PENDING as { terminal: boolean }).terminal = true;
  }, TypeError);
});

test("metadata", () => {
  const terminal = names.filter((n) => isStatus(n) && statusInfo[n].terminal);
  const poll = names.filter((n) => isStatus(n) && statusInfo[n].poll);
  assert.deepEqual(terminal, ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELED"]);
  assert.deepEqual(poll, ["PENDING", "IN_PROGRESS", "PROCESSING"]);
  const cat: StatusCategory = statusInfo.ACTIVE.category;
  assert.equal(cat, "lifecycle");
  assert.equal(statusCategories.operation, "Track progress of async operations");
  assert.equal(statusInfo.FAILED.description, "Task encountered an error and could not complete");
  assert.equal(statusPollInitialMs, 1000);
  assert.equal(statusPollMaxMs, 30000);
});

test("guards and parsers", () => {
  for (const n of names) {
    assert.ok(isStatus(n), n);
    assert.equal(parseStatus(n), n);
    assert.equal(decodeStatus(n), n);
  }
  for (const g of garbage) {
    assert.equal(isStatus(g), false, g);
    assert.throws(() => parseStatus(g), new RegExp(`invalid Status ${JSON.stringify(g).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}; valid names are PENDING, `));
    assert.equal(decodeStatus(g), "UNKNOWN", g);
  }
  for (const v of [undefined, null, 42, {}, ["PENDING"]]) {
    assert.equal(isStatus(v), false);
  }
});

test("the JSON Schema accepts exactly the wire names (ajv, draft 2020-12)", () => {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // The x- keywords are statusgen's annotations, declared so that strict
  // mode accepts them rather than ignoring unknown keywords.
  ajv.addVocabulary(["x-category", "x-terminal", "x-poll", "x-fallback", "x-polling", "x-categories"]);
  const schema = JSON.parse(readFileSync(new URL("../../docs/status.schema.json", import.meta.url), "utf8"));
  const validate = ajv.compile(schema);
  for (const n of names) {
    assert.ok(validate(n), `${n}: ${JSON.stringify(validate.errors)}`);
  }
  for (const g of [...garbage, 42, null, true, {}, ["PENDING"]]) {
    assert.equal(validate(g), false, JSON.stringify(g));
  }
  const branch = schema.oneOf.find((b: { const: string }) => b.const === "COMPLETED_WITH_ERRORS");
  assert.equal(branch.description, "Task finished but some items failed (partial success)");
  assert.equal(branch["x-terminal"], true);
});
