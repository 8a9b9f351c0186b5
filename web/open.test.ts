// Tests of the modules and schemas of the open specs in internal/openenum
// (GitLab pipelines without a fallback, Stripe PaymentIntents with one),
// compiled by tsc --strict and run with node --test (make ts-check).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  Pipeline,
  canTransitionPipeline,
  decodePipeline,
  isKnownPipeline,
  isPipeline,
  parsePipeline,
  pipelineInfo,
  pipelineInfoOf,
  pipelineValues,
  type KnownPipeline,
} from "./generated/pipeline.js";
import { Payment, canTransitionPayment, decodePayment, paymentInfo, paymentInfoOf, paymentValues } from "./generated/payment.js";

const unknownPipeline = "canceling"; // added by GitLab after the spec
const unknownPayment = "requires_reauthentication";

test("a name this build does not know type-checks and is kept", () => {
  const kept: Pipeline = unknownPipeline; // string & {}: any string is a Pipeline
  const known: KnownPipeline = Pipeline.Running;
  const fromServer: Pipeline | undefined = decodePipeline(unknownPipeline);
  assert.equal(fromServer, kept);
  // Unset, as Go decodes JSON "" and null: no value at all.
  assert.equal(decodePipeline(""), undefined);
  assert.equal(decodePipeline(null), undefined);
  assert.equal(decodePipeline("cancelled"), Pipeline.Canceled); // an alias reads as its value
  assert.equal(decodePayment(unknownPayment), unknownPayment);
  assert.equal(known, "running");
  // The tables are keyed by the known names: indexing them with any
  // Pipeline needs a guard first.
  // @ts-expect-error a Pipeline may be a name the table does not hold
  assert.equal(pipelineInfo[fromServer], undefined);
  if (isKnownPipeline(fromServer)) {
    assert.fail("an unknown name is known");
  }
});

test("guards and the strict parser", () => {
  for (const n of pipelineValues) {
    assert.ok(isKnownPipeline(n) && isPipeline(n), n);
    assert.equal(parsePipeline(n), n);
  }
  assert.equal(parsePipeline("cancelled"), "canceled");
  assert.ok(isPipeline(unknownPipeline));
  assert.equal(isKnownPipeline(unknownPipeline), false);
  for (const v of ["", undefined, null, 42]) {
    assert.equal(isPipeline(v), false, String(v));
  }
  assert.throws(() => parsePipeline(unknownPipeline), /invalid Pipeline "canceling"; valid names are created, /);
});

test("without a fallback an unknown name behaves as nothing", () => {
  assert.equal(pipelineInfoOf(unknownPipeline), undefined);
  assert.equal(pipelineInfoOf(""), undefined);
  assert.deepEqual(pipelineInfoOf("cancelled"), pipelineInfo.canceled);
  assert.ok(canTransitionPipeline(unknownPipeline, unknownPipeline));
  assert.equal(canTransitionPipeline("", ""), false);
  for (const n of pipelineValues) {
    assert.equal(canTransitionPipeline(unknownPipeline, n), false, n);
    assert.equal(canTransitionPipeline(n, unknownPipeline), false, n);
  }
});

test("with a fallback an unknown name behaves as the fallback", () => {
  assert.deepEqual(paymentInfoOf(unknownPayment), paymentInfo.processing);
  let moves = 0;
  for (const n of paymentValues) {
    assert.equal(canTransitionPayment(unknownPayment, n), canTransitionPayment(Payment.Processing, n), n);
    assert.equal(canTransitionPayment(n, unknownPayment), canTransitionPayment(n, Payment.Processing), n);
    moves += canTransitionPayment(unknownPayment, n) ? 1 : 0;
  }
  assert.ok(moves > 0 && moves < paymentValues.length);
});

test("the open schema takes the names and any other non-empty string, in a strict Ajv", () => {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  for (const file of ["pipeline", "payment"]) {
    const ajv = new Ajv2020(); // no options: strict mode, as users get it
    const schema = JSON.parse(readFileSync(new URL(`../generated/${file}.schema.json`, import.meta.url), "utf8"));
    ajv.addSchema(schema, "open.schema.json");
    const validate = ajv.getSchema("open.schema.json");
    const nullable = ajv.getSchema("open.schema.json#/$defs/nullable");
    for (const ok of ["running", "processing", unknownPipeline, unknownPayment]) {
      assert.ok(validate(ok), `${file} ${ok}: ${JSON.stringify(validate.errors)}`);
    }
    for (const bad of ["", null, 42, {}, ["running"]]) {
      assert.equal(validate(bad), false, `${file} ${JSON.stringify(bad)}`);
    }
    for (const ok of ["", null, unknownPayment]) {
      assert.ok(nullable(ok), `${file} nullable ${JSON.stringify(ok)}`);
    }
    assert.equal(nullable(42), false);
  }
});
