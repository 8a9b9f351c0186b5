// Prints the global names of one TypeScript standard library (lib.es2022.d.ts,
// lib.dom.d.ts, ...) and the libraries it includes, one per line, as the
// installed compiler sees them: types, values and namespaces. make ts-check
// feeds the lists to gen's TestTypeScriptGlobals, which checks the names the
// TypeScript target refuses against them.
const ts = require("typescript");
const lib = process.argv[2];
const host = ts.createCompilerHost({});
const read = host.getSourceFile;
host.getSourceFile = (file, version) =>
  file === "empty.ts" ? ts.createSourceFile(file, "export {};", version) : read(file, version);
const program = ts.createProgram(["empty.ts"], { lib: [lib], types: [], noEmit: true }, host);
const flags = ts.SymbolFlags.Type | ts.SymbolFlags.Value | ts.SymbolFlags.Namespace;
const names = program.getTypeChecker().getSymbolsInScope(program.getSourceFile("empty.ts"), flags).map((s) => s.name);
console.log([...new Set(names)].sort().join("\n"));
