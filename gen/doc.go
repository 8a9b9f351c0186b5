// Package gen turns a statusgen spec, a YAML file that lists the values of a
// status enum with their metadata, into Go source.
//
// The pipeline has four phases, each a plain function of the one before:
// Parse decodes the YAML and validates it, returning a *Spec or an ErrorList
// with every problem at its file:line:col; a view model computes the Go
// names, tables and hash index in spec order; the emitter prints the model;
// and go/format formats the whole file once. Nothing here reads or writes
// files: the caller (cmd/statusgen, or a test) owns the disk.
package gen
