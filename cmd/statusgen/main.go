// Statusgen generates a Go enum from a YAML spec of its values: a type with
// String, JSON, text and SQL methods, lookup tables, and the metadata the
// spec gives each value (description, category, terminal, poll).
//
// Usage:
//
//	statusgen -spec FILE [-out FILE] [-fuzz FILE] [-package NAME] [-check]
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
//	-package NAME
//		The package clause of the Go outputs. Default: the spec's package
//		key, else the name of the first output's folder.
//
// At least one output flag is required; any combination may be given, and
// all outputs are generated before any is written.
//
//	-check
//		Write nothing; exit 0 if every output on disk is byte-identical to
//		what the spec generates, else print a unified diff and exit 1. Use it
//		in CI so that the generated files and the spec never disagree.
//
// Statusgen writes atomically: it writes a temporary file beside the output
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
