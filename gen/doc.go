// Package gen reads a statusgen spec, a YAML file that lists the values of
// a status enum with their metadata, and builds the one language-neutral
// model that every output is printed from.
//
// The pipeline is a chain of plain functions. Parse decodes the YAML and
// validates it, returning a *Spec and an ErrorList with every problem at its
// file:line:col (along with what it could decode, as go/parser returns a
// partial AST). Build turns a valid Spec into an *Enum: the values with
// their wire names and numbers, the categories, the
// fallback, the polling bounds and the transition relation, each computed
// once so that no two outputs can disagree. Each output language is a
// package of its own under gen/ (golang, sql, typescript, jsonschema,
// graphql, markdown) that reads the Enum, adds only its own naming, and prints; a
// target that cannot express some spec says so in its Check, as positioned
// errors that join the spec's own (BuildPartial gives a Check the parts of
// a broken spec that passed). gen/targets lists the targets; the CLI, the
// golden tests and the fuzz test read that list. gen/internal/printer holds
// what the printers share: the line printer, the generated-code header and
// the comment rules; gen/internal/naming the word splitting and case
// conventions each target builds its own names from. Compare lists the differences between two versions of
// a spec, each classed as breaking or compatible by Rules (statusgen
// -against). Nothing here reads or writes files: the caller
// (cmd/statusgen, or a test) owns the disk.
//
// gen knows wire names, numbers, categories and the graph, and no
// language's identifiers: the spec keys that only one target reads (the Go
// target's package, prefix and go_name) are kept as raw spec data, and
// that target interprets and checks them.
package gen
