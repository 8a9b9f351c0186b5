// Package cli declares statusgen's command line: its own flags and one
// output flag per entry of targets.List. The command parses its arguments
// with it, and the flag reference of the manual (the package comment of
// cmd/statusgen and docs/flags.md) is generated from it, so statusgen -h
// and the manual list the same flags in the same words.
package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/taskstatus/taskstatus/gen/targets"
)

// Flags are the values of statusgen's flags, filled in by the flag set's
// Parse.
type Flags struct {
	Spec, Package, MigrateFrom, Against *string
	Check                               *bool
	// Outputs holds one output flag per entry of targets.List, in its order.
	Outputs []*string
	// Options holds the option flags of targets.OptionFlags.
	Options targets.Options
}

// Required says what every run needs besides -spec; -h prints it under the
// synopsis.
const Required = "At least one output (or -sql-migrate-from) is required."

// New returns statusgen's flag set, which prints its errors and usage (-h)
// to w, and the values its Parse fills in.
func New(w io.Writer) (*flag.FlagSet, *Flags) {
	fs := flag.NewFlagSet("statusgen", flag.ContinueOnError)
	fs.SetOutput(w)
	f := &Flags{
		Spec:        fs.String("spec", "", "read the YAML spec from `FILE` (required)"),
		Package:     fs.String("package", "", "package `NAME` of the Go outputs (default: the spec's package, else the output folder's name)"),
		Check:       fs.Bool("check", false, "write nothing; exit 1 with a diff if an output differs from what the spec generates"),
		MigrateFrom: fs.String("sql-migrate-from", "", "print to standard output the SQL that migrates a database from the spec in `FILE` to -spec"),
		Against:     fs.String("against", "", "compare -spec with the older spec in `FILE`: print each difference as breaking or compatible, exit 1 if any breaks"),
	}
	for _, t := range targets.List {
		f.Outputs = append(f.Outputs, fs.String(t.Flag, "", t.Help))
	}
	for _, o := range targets.OptionFlags {
		fs.BoolVar(o.Field(&f.Options), o.Flag, false, o.Help)
	}
	fs.Usage = func() {
		fmt.Fprintln(w, "usage: "+strings.Join(Synopsis(), "\n       "))
		fmt.Fprintln(w, Required)
		fs.PrintDefaults()
	}
	return fs, f
}

// Synopsis returns the command's usage lines, one per way to run it.
func Synopsis() []string {
	generate := "statusgen -spec FILE"
	for _, t := range targets.List {
		generate += " [-" + t.Flag + " FILE]"
	}
	for _, o := range targets.OptionFlags {
		generate += " [-" + o.Flag + "]"
	}
	return []string{
		generate + " [-package NAME] [-check]",
		"statusgen -spec NEW -sql-migrate-from OLD",
		"statusgen -spec NEW -against OLD",
	}
}
