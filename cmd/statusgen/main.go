// Statusgen generates a Go enum, and the files that travel with it, from a
// YAML spec of its values: a type with String, JSON, text and SQL methods,
// lookup tables, and the metadata the spec gives each value (description,
// category, terminal, poll).
//
// Usage:
//
//	statusgen -spec FILE [-out FILE] [-fuzz FILE] [-jsonv2 FILE] [-sql FILE] [-jsonschema FILE] [-ts FILE] [-graphql FILE] [-md FILE] [-package NAME] [-check]
//	statusgen -spec NEW -sql-migrate-from OLD
//	statusgen -spec NEW -against OLD
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
//	-jsonv2 FILE
//		Write the enum's encoding/json/v2 methods (MarshalJSONTo,
//		UnmarshalJSONFrom) to FILE, in the same package as the enum. Its
//		build constraint, goexperiment.jsonv2 (on by default from Go
//		1.27), keeps it out of builds without encoding/json/v2.
//	-sql FILE
//		Write PostgreSQL DDL to FILE: an enum type, a checked text domain,
//		and the transition function and trigger that enforce the spec's
//		transitions.
//	-jsonschema FILE
//		Write a JSON Schema (draft 2020-12) of the wire names to FILE.
//	-ts FILE
//		Write a TypeScript module (union type, values, metadata, guards) to FILE.
//	-graphql FILE
//		Write the GraphQL schema of the enum (an SDL enum type of the wire
//		names, with the descriptions) to FILE. Refused when a name is not a
//		GraphQL name.
//	-md FILE
//		Write a Markdown reference page with a state diagram to FILE.
//	-package NAME
//		The package clause of the Go outputs. Default: the spec's package
//		key, else the name of the first Go output's folder.
//	-check
//		Write nothing; exit 0 if every output on disk is byte-identical to
//		what the spec generates, else print a unified diff and the
//		statusgen command line that regenerates the files (the run's own
//		flags without -check), and exit 1. Use it in CI so that the
//		generated files and the spec never disagree.
//	-sql-migrate-from OLD
//		Print to standard output the SQL that takes a database from the DDL
//		of spec OLD to that of -spec: ALTER TYPE ... ADD VALUE in spec order.
//		Prints nothing when the values did not change; renames a value that
//		became an alias of a new name (RENAME VALUE); refuses removals,
//		merges and reorders, which PostgreSQL cannot do in place.
//	-against OLD
//		Compare -spec with the older spec OLD and print each difference,
//		one per line at its position, as breaking or compatible for clients
//		built from OLD (docs/evolving.md lists the rules). Exit 1 if any breaks,
//		else 0. Takes -spec and nothing else.
//
// At least one output flag (or -sql-migrate-from) is required; any
// combination may be given.
//
// A failed run writes nothing. Statusgen checks every output path first,
// then reads the spec (at most 64 MiB), generates every output in memory,
// writes each changed one to a temporary file beside it and syncs it, and
// only when all of them are complete renames them into place. Any failure
// before that removes the temporary files and leaves every output as it
// was; an unchanged output is not rewritten and keeps its modification
// time. All problems are reported in one run: output paths sorted by path,
// then spec errors, one per line as file:line:col: message.
//
// What statusgen refuses to write, before generating anything:
//
//   - two paths naming one file: an output that is the spec, the
//     -sql-migrate-from spec or another output, however spelled (after
//     cleaning, following symbolic links, and comparing file identity, so
//     hard links count). This is bad usage: exit 2.
//   - anything but a regular file: a device, FIFO, socket or folder at an
//     output's path, or at the end of its symbolic links. Statusgen never
//     opens them (a FIFO would hang the run).
//   - a file with more than one hard link: replacing it by a rename would
//     leave the other names with the old content.
//   - a file whose folder does not exist: the error names the folder;
//     statusgen does not create folders.
//
// A symbolic link is kept: the file it points to is replaced, by a
// temporary file in that file's folder. The new file takes over the old
// one's mode, setuid, setgid, sticky and read-only bits included, and its
// owner and group where the runner may set them (as root); where it may
// not, the file becomes the runner's and loses setuid and setgid, as when
// the kernel lets someone else write a setuid file. A new file gets mode
// 0644.
//
// Exit codes: 0 success; 1 a spec error, an output statusgen will not
// write, an I/O error or, with -check, drift; 2 bad usage (an unknown flag,
// a missing -spec or output, an invalid -package, two paths naming one
// file).
//
// In the package that holds the enum:
//
//	//go:generate go tool statusgen -spec statuses.yaml -out status_gen.go
//
// after adding the tool to the module with
//
//	go get -tool github.com/taskstatus/taskstatus/cmd/statusgen
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
