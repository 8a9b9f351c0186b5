// Two generated modules re-exported from one file, as an application's
// index.ts does: every export is named after its module's type, so
// export * from both declares no name twice (tsc refuses a clash with
// TS2308). make ts-check compiles it beside the modules.
export * from "./status.js";
export * from "./generated/hostile.js";
