// Statusgen generates a Go enum, and the files that travel with it, from a
// YAML spec of its values: a type with String, JSON, text and SQL methods,
// lookup tables, and the metadata the spec gives each value (description,
// category, terminal, poll).
//
// Usage:
//
//	statusgen -spec FILE [-out FILE] [-fuzz FILE] [-sql FILE] [-jsonschema FILE] [-ts FILE] [-md FILE] [-package NAME] [-check]
//	statusgen -spec NEW -sql-migrate-from OLD
//
// The flags are:
//
//	-spec FILE
//		The YAML spec to read. Required.
//	-out FILE
//		Write the Go enum to FILE.
//	-fuzz FILE
//		Write fuzz targets for the enum's parsers and decoders to FILE, a
//		_test.go file in the same package as the enum.
//	-sql FILE
//		Write PostgreSQL DDL to FILE: an enum type and a checked text domain.
//	-jsonschema FILE
//		Write a JSON Schema (draft 2020-12) of the wire names to FILE.
//	-ts FILE
//		Write a TypeScript module (union type, values, metadata, guards) to FILE.
//	-md FILE
//		Write a Markdown reference page with a state diagram to FILE.
//	-package NAME
//		The package clause of the Go outputs. Default: the spec's package
//		key, else the name of the first Go output's folder.
//	-check
//		Write nothing; exit 0 if every output on disk is byte-identical to
//		what the spec generates, else print a unified diff and exit 1. Use it
//		in CI so that the generated files and the spec never disagree.
//	-sql-migrate-from OLD
//		Print to standard output the SQL that takes a database from the DDL
//		of spec OLD to that of -spec: ALTER TYPE ... ADD VALUE in spec order.
//		Prints nothing when the values did not change; refuses removals,
//		renames and reorders, which PostgreSQL cannot do in place.
//
// At least one output flag (or -sql-migrate-from) is required; any
// combination may be given, and all outputs are generated before any is
// written.
//
// Statusgen writes atomically: it writes a temporary file beside each output
// and renames it into place, and only when the content changed, so a failed
// run never touches the previous output and an unchanged one keeps its
// modification time. Spec errors are printed one per line as
// file:line:col: message, all of them in one run.
//
// Exit codes: 0 success; 1 a spec error, an I/O error or, with -check,
// drift; 2 bad usage.
//
// In the package that holds the enum:
//
//	//go:generate go tool statusgen -spec statuses.yaml -out status_gen.go
//
// after adding the tool to the module with
//
//	go get -tool github.com/taskstatus/taskstatus/cmd/statusgen
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// statusgen lives for one generation; collecting garbage four times
	// less often saves a tenth of a large run and costs only memory.
	debug.SetGCPercent(400)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
