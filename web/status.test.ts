// Tests of the generated status.ts and ../docs/status.schema.json, compiled
// by tsc --strict and run with node --test (make ts-check).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";
import { z as z4 } from "zod/v4";
import {
  Status,
  canTransitionStatus,
  decodeStatus,
  isStatus,
  parseStatus,
  statusCategories,
  statusInfo,
  statusNext,
  statusPollInitialMs,
  statusPollMaxMs,
  statusSources,
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
    assert.equal(decodeStatus(g), g === "" ? undefined : "UNKNOWN", g);
  }
  for (const unset of ["", null, undefined]) {
    assert.equal(decodeStatus(unset), undefined, String(unset));
  }
  for (const v of [undefined, null, 42, {}, ["PENDING"]]) {
    assert.equal(isStatus(v), false);
  }
});

test("the JSON Schema loads in a default, strict Ajv and accepts exactly the wire names (draft 2020-12)", () => {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  const ajv = new Ajv2020(); // no options: strict mode, as users get it
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
});

test("the schema's field uses: a value, or a value that may be unset (null)", () => {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  const ajv = new Ajv2020();
  ajv.addSchema(JSON.parse(readFileSync(new URL("../../docs/status.schema.json", import.meta.url), "utf8")), "status.schema.json");
  // As docs/frontends.md shows them: a field that always holds a status, and one
  // that may be unset, which the Go type encodes as null.
  const task = ajv.compile({
    type: "object",
    properties: {
      status: { $ref: "status.schema.json" },
      previous: { $ref: "status.schema.json#/$defs/nullable" },
    },
    required: ["status", "previous"],
  });
  assert.ok(task({ status: "PENDING", previous: null }), JSON.stringify(task.errors));
  assert.ok(task({ status: "FAILED", previous: "PENDING" }), JSON.stringify(task.errors));
  for (const bad of [{ status: null, previous: null }, { status: "PENDING", previous: "nope" }, { status: "PENDING", previous: 0 }]) {
    assert.equal(task(bad), false, JSON.stringify(bad));
  }
});

test("the nullable companion means the same pasted into another document", () => {
  // As in an OpenAPI document's components: the definition is copied, not
  // referenced, so anything it referred to as "#" would now be this
  // document's root (an object), and "PENDING" would fail.
  const schema = JSON.parse(readFileSync(new URL("../../docs/status.schema.json", import.meta.url), "utf8"));
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  const api = new Ajv2020().compile({
    type: "object",
    properties: { previous: schema.$defs.nullable },
  });
  assert.ok(api({ previous: null }), JSON.stringify(api.errors));
  assert.ok(api({ previous: "PENDING" }), JSON.stringify(api.errors));
  assert.equal(api({ previous: "nope" }), false);
  assert.equal(api({ previous: {} }), false);
});

test("the schema's $defs carry the metadata the module has", () => {
  const schema = JSON.parse(readFileSync(new URL("../../docs/status.schema.json", import.meta.url), "utf8"));
  assert.deepEqual(schema.$defs.terminal.enum, names.filter((n) => isStatus(n) && statusInfo[n].terminal));
  assert.deepEqual(schema.$defs.poll.enum, names.filter((n) => isStatus(n) && statusInfo[n].poll));
  assert.equal(schema.$defs.fallback.const, decodeStatus("no such status"));
  assert.deepEqual(
    schema.$defs.category.anyOf.map((c: { title: string; description: string }) => [c.title, c.description]),
    Object.entries(statusCategories),
  );
  for (const c of schema.$defs.category.anyOf) {
    assert.deepEqual(c.enum, names.filter((n) => isStatus(n) && statusInfo[n].category === c.title));
  }
  assert.match(schema.$defs.poll.description, /wait 1s, then double the wait after each poll, up to 30s\.$/);
});

// zod 3's z.enum needs a non-empty tuple (a readonly Status[] fails with
// TS2769); zod 4 takes any readonly array. The package carries both APIs.
test("zod 3 and 4: z.enum takes the values tuple, and parses to the union", () => {
  for (const schema of [z.enum(statusValues), z4.enum(statusValues)]) {
    const s: Status = schema.parse("COMPLETED_WITH_ERRORS"); // the inferred type is the union
    assert.equal(s, Status.CompletedWithErrors);
    assert.deepEqual(schema.options, names);
    for (const g of garbage) {
      assert.equal(schema.safeParse(g).success, false, g);
    }
  }
});

// The 169 answers of the Go side (written by TestTransitionGraph in the
// module root): canTransitionStatus, statusNext and the schema's $defs/next agree
// with every one.
test("canTransitionStatus, statusNext and $defs/next agree with Go's CanTransitionTo on every pair", () => {
  const pairs: { from: Status; to: Status; allowed: boolean }[] = JSON.parse(
    readFileSync(new URL("../testdata/transitions.json", import.meta.url), "utf8"),
  );
  assert.equal(pairs.length, 169);
  const schema = JSON.parse(readFileSync(new URL("../../docs/status.schema.json", import.meta.url), "utf8"));
  const branches: { title: string; enum?: string[] }[] = schema.$defs.next.anyOf;
  for (const { from, to, allowed } of pairs) {
    assert.equal(canTransitionStatus(from, to), allowed, `${from} -> ${to}`);
    assert.equal(from === to || statusNext[from].includes(to), allowed, `statusNext ${from} -> ${to}`);
    const branch = branches.find((b) => b.title === from);
    assert.equal(from === to || (branch?.enum ?? []).includes(to), allowed, `$defs/next ${from} -> ${to}`);
  }
  assert.ok(Object.isFrozen(statusNext) && Object.isFrozen(statusNext.PENDING));
  for (const bad of garbage) {
    assert.equal(canTransitionStatus(bad as Status, "PENDING"), false, bad);
    assert.equal(canTransitionStatus("PENDING", bad as Status), false, bad);
  }
});

// statusSources is the reverse of statusNext: the values a claim may move
// a task from, as Go's Sources and the database's status_sources list them.
test("statusSources lists the values that may move to each value", () => {
  for (const to of statusValues) {
    const want = statusValues.filter((from) => from !== to && statusNext[from].includes(to));
    assert.deepEqual(statusSources(to), want, to);
  }
  assert.deepEqual(statusSources("IN_PROGRESS"), ["PENDING", "PROCESSING", "UNKNOWN"]);
  for (const bad of garbage) {
    assert.deepEqual(statusSources(bad as Status), [], bad);
  }
});
