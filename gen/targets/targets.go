// Package targets is the one list of statusgen's outputs. The CLI's output
// flags and -check, the golden tests, FuzzGenerate and the hostile-corpus
// tests all read List, so a new output is a package under gen/ plus one
// entry here.
package targets

import (
	"io"
	"slices"
	"sync"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
	"github.com/taskstatus/taskstatus/gen/graphql"
	"github.com/taskstatus/taskstatus/gen/jsonschema"
	"github.com/taskstatus/taskstatus/gen/markdown"
	"github.com/taskstatus/taskstatus/gen/sql"
	"github.com/taskstatus/taskstatus/gen/typescript"
)

// A Target is one kind of file statusgen generates from a spec.
type Target struct {
	// Flag is the command-line flag that names the output file, without
	// the dash ("sql" for -sql); it also names the target in messages.
	Flag string
	// Help is the flag's usage text; `FILE` in back quotes names its
	// argument, as package flag reads it.
	Help string
	// Golden names the file of each case under gen/testdata/golden that
	// pins the output ("want.sql"); "" for an output its own tests pin
	// instead.
	Golden string
	// GoFile reports whether the output is a Go file, which needs a package
	// name (golang.Options.Package) and sits in a Go package whose other files the
	// CLI checks for clashing declarations.
	GoFile bool
	// Constraint is the expression of the //go:build line a Go output
	// carries, or "" for a file in every build. It is the file's only
	// constraint: nothing in a spec adds one.
	Constraint string
	// Check reports what the target cannot express for the enum, each at
	// the spec node that causes it; nil when it has no rules of its own. It
	// runs on the Enum of a valid spec, and on the partial Enum of a spec
	// with errors (gen.BuildPartial), whose Type may be empty.
	Check func(*gen.Enum) gen.ErrorList
	// Generate returns the output's bytes. It calls Check itself, so it
	// never prints what Check would refuse.
	Generate func(*gen.Enum, Options) ([]byte, error)
	// Write, when not nil, writes what Generate returns to w as it is
	// printed, without holding the whole output, and returns the first
	// error: Check's, before anything is written, or w's. The CLI writes
	// its files with it.
	Write func(w io.Writer, e *gen.Enum, o Options) error
}

// Options adjust generation without changing the spec. Only the Go
// outputs have options.
type Options struct {
	Go golang.Options
}

// An OptionFlag is a command-line flag that turns on an option of the Go
// outputs: an integration with a third-party library, opt-in as enumer's
// are, so that a type carries no method for a library it is not used with.
type OptionFlag struct {
	Flag string // without the dash
	Help string
	// Field returns the option the flag sets.
	Field func(*Options) *bool
}

// OptionFlags lists the Go outputs' option flags, in the order the CLI
// lists them.
var OptionFlags = []OptionFlag{
	{
		Flag: "gqlgen", Help: "give the Go type gqlgen's MarshalGQLContext and UnmarshalGQLContext, to bind it to the enum of -graphql",
		Field: func(o *Options) *bool { return &o.Go.GQLGen },
	},
	{
		Flag: "pflag", Help: "give the Go type the Type method of spf13/pflag's Value (Set and String, which flag.Value needs, are always there)",
		Field: func(o *Options) *bool { return &o.Go.PFlag },
	},
}

// List holds every target, in the order the CLI lists its flags and writes
// the outputs.
var List = []Target{
	{
		Flag: "out", Help: "write the Go enum to `FILE`", Golden: "want.go", GoFile: true,
		Check: golang.Check,
		Generate: func(e *gen.Enum, o Options) ([]byte, error) {
			return golang.Generate(e, o.Go)
		},
		Write: func(w io.Writer, e *gen.Enum, o Options) error {
			return golang.Write(w, e, o.Go)
		},
	},
	{
		Flag: "fuzz", Help: "write fuzz targets for the enum to `FILE` (a _test.go file in the same package)", GoFile: true,
		Check: golang.Check,
		Generate: func(e *gen.Enum, o Options) ([]byte, error) {
			return golang.GenerateFuzz(e, o.Go)
		},
	},
	{
		Flag: "jsonv2", Help: "write the enum's encoding/json/v2 methods to `FILE` (built with Go 1.27, or GOEXPERIMENT=jsonv2)", Golden: "want.jsonv2.go", GoFile: true,
		Constraint: golang.JSONv2Constraint, Check: golang.Check,
		Generate: func(e *gen.Enum, o Options) ([]byte, error) {
			return golang.GenerateJSONv2(e, o.Go)
		},
	},
	{
		Flag: "sql", Help: "write PostgreSQL DDL for the enum to `FILE`", Golden: "want.sql",
		Check: sql.Check, Generate: ignoreOptions(sql.Generate), Write: ignoreOptionsWrite(sql.Write),
	},
	{
		Flag: "jsonschema", Help: "write a JSON Schema (draft 2020-12) of the wire names to `FILE`", Golden: "want.schema.json",
		Generate: ignoreOptions(jsonschema.Generate), Write: ignoreOptionsWrite(jsonschema.Write),
	},
	{
		Flag: "ts", Help: "write a TypeScript module for the enum to `FILE`", Golden: "want.ts",
		Check: typescript.Check, Generate: ignoreOptions(typescript.Generate), Write: ignoreOptionsWrite(typescript.Write),
	},
	{
		Flag: "graphql", Help: "write the GraphQL schema (SDL) of the enum to `FILE`", Golden: "want.graphql",
		Check: graphql.Check, Generate: ignoreOptions(graphql.Generate), Write: ignoreOptionsWrite(graphql.Write),
	},
	{
		Flag: "md", Help: "write a Markdown reference page for the enum to `FILE`", Golden: "want.md",
		Generate: ignoreOptions(markdown.Generate), Write: ignoreOptionsWrite(markdown.Write),
	},
}

// ignoreOptions adapts an emitter of a target that is not a Go file, which
// has no options.
func ignoreOptions(generate func(*gen.Enum) ([]byte, error)) func(*gen.Enum, Options) ([]byte, error) {
	return func(e *gen.Enum, _ Options) ([]byte, error) { return generate(e) }
}

// ignoreOptionsWrite is ignoreOptions for a target's Write.
func ignoreOptionsWrite(write func(io.Writer, *gen.Enum) error) func(io.Writer, *gen.Enum, Options) error {
	return func(w io.Writer, e *gen.Enum, _ Options) error { return write(w, e) }
}

// Lookup returns the target whose flag is flag, or nil.
func Lookup(flag string) *Target {
	for i := range List {
		if List[i].Flag == flag {
			return &List[i]
		}
	}
	return nil
}

// Check runs the checks of the targets named by flags on e and returns
// what they refuse merged with specErrs (the spec's own errors, from Parse)
// into one list sorted by position, or nil when there is nothing to report.
// e may be a partial Enum (gen.BuildPartial) or nil.
//
// A run checks only the targets it writes: a spec whose names Go cannot
// declare still gives a TypeScript module or a JSON Schema. When a Go
// output is among them, the Go rules (golang.Check, shared by the Go
// outputs) run once, and what the other targets' checks report is what
// they find in the parts of the spec that the Go rules let through, so
// that a name Go refuses is reported once, by Go. Every check runs side
// by side with the others.
func Check(e *gen.Enum, specErrs gen.ErrorList, ts []*Target) gen.ErrorList {
	if e == nil {
		return gen.Merge(specErrs)
	}
	var others []*Target
	for _, t := range ts {
		if t.Check != nil && !t.GoFile {
			others = append(others, t)
		}
	}
	if !slices.ContainsFunc(ts, func(t *Target) bool { return t.GoFile }) {
		return gen.Merge(append([]gen.ErrorList{specErrs}, checkAll(e, others)...)...)
	}
	// The checks read the enum and nothing else, so the Go rules and the
	// others run side by side; the others run again, on the parts Go lets
	// through, only when Go refuses something.
	var otherErrs []gen.ErrorList
	done := make(chan struct{})
	if len(others) > 0 {
		go func() {
			otherErrs = checkAll(e, others)
			close(done)
		}()
	} else {
		close(done)
	}
	goErrs := golang.Check(e)
	<-done
	if len(goErrs) > 0 {
		// One error per node, as Parse reports the spec's own.
		all := append(slices.Clone(specErrs), goErrs...)
		specErrs = all.Err().(gen.ErrorList)
		otherErrs = checkAll(gen.BuildPartial(e.Spec, all), others)
	}
	return gen.Merge(append([]gen.ErrorList{specErrs}, otherErrs...)...)
}

// checkAll runs the checks of ts on e side by side and returns what each
// refuses, in the order of ts.
func checkAll(e *gen.Enum, ts []*Target) []gen.ErrorList {
	errs := make([]gen.ErrorList, len(ts))
	if len(ts) == 0 {
		return errs
	}
	var wg sync.WaitGroup
	for i, t := range ts[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i+1] = t.Check(e)
		}()
	}
	errs[0] = ts[0].Check(e) // this goroutine's share
	wg.Wait()
	return errs
}
