package sql

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// The migration's check must cover every function the migration replaces,
// whatever the DDL names them: plain, quoted with a quote inside, or
// schema-qualified, each once.
func TestCreatedFunctions(t *testing.T) {
	ddl := `-- CREATE OR REPLACE FUNCTION "in_a_comment"() is no statement
CREATE OR REPLACE FUNCTION "a_can_transition"("from" text, "to" text) RETURNS boolean
CREATE OR REPLACE FUNCTION "a_can_transition"("from" "a", "to" "a") RETURNS boolean
CREATE OR REPLACE FUNCTION "app"."a_guard"() RETURNS trigger
CREATE OR REPLACE FUNCTION "we""ird"() RETURNS void
`
	want := []string{"a_can_transition", "a_guard", `we"ird`}
	if got := createdFunctions(ddl); !slices.Equal(got, want) {
		t.Errorf("createdFunctions = %q, want %q", got, want)
	}
}

// The check of a migration names the functions that transitionFunctions
// lists: every function the DDL of the transitions creates, in its order.
func TestTransitionFunctionsAreCreated(t *testing.T) {
	for _, src := range []string{
		"type: Status\nvalues:\n  - name: A\n",
		"type: HTTPState\nsql: {type: http_state_v2}\nvalues:\n  - name: A\n    next: [B]\n    aliases: [OLD_A]\n  - name: B\n    terminal: true\n",
	} {
		_, e, err := gen.Load("spec.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		ddl := string(printer.Render(func(b *printer.File) { writeTransitions(b, e) }))
		if got, want := transitionFunctions(e), createdFunctions(ddl); !slices.Equal(got, want) {
			t.Errorf("for\n%s\ntransitionFunctions = %q, but the DDL creates %q", src, got, want)
		}
	}
}

// createdFunctions returns the names of the functions that CREATE OR
// REPLACE FUNCTION statements in ddl create, in order, each once: the
// last part of a quoted, possibly schema-qualified name.
func createdFunctions(ddl string) []string {
	var names []string
	const create = "CREATE OR REPLACE FUNCTION "
	for line := range strings.SplitSeq(ddl, "\n") {
		rest, ok := strings.CutPrefix(line, create)
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, "(")
		// Qualified: "schema"."name", or %1$I."name" in the DDL that
		// creates the PL/pgSQL functions in the loading schema.
		if i := strings.LastIndex(name, `."`); i >= 0 {
			name = name[i+1:]
		}
		if name = unquote(name); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// A migration writes each alias once beyond the transition functions it
// replaces (which list them as the DDL does), and nests nothing per alias:
// its size grows with the spec's, and PostgreSQL, which refuses
// expressions nested a few thousand deep, runs it whatever the number of
// aliases.
func TestMigrationWritesAliasesOnce(t *testing.T) {
	spec := func(extra string) *gen.Enum {
		var b strings.Builder
		b.WriteString("type: Status\nvalues:\n")
		for i := range 40 {
			fmt.Fprintf(&b, "  - name: S%02d\n    aliases: [", i)
			for j := range 50 {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "A%04d", i*50+j)
			}
			b.WriteString("]\n")
		}
		s, err := gen.Parse("spec.yaml", []byte(b.String()+extra))
		if err != nil {
			t.Fatal(err)
		}
		e, err := gen.Build(s)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	old, new := spec(""), spec("  - name: ADDED\n")
	migration, err := Migration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	fns := string(printer.Render(func(b *printer.File) { writeTransitions(b, new) }))
	for _, alias := range []string{"A0000", "A1234", "A1999"} {
		if got, inFunctions := strings.Count(string(migration), alias), strings.Count(fns, alias); got != inFunctions+1 {
			t.Errorf("the migration names %s %d times, the functions it replaces %d: want once more", alias, got, inFunctions)
		}
	}
	if n := strings.Count(string(migration), "array_replace("); n > 1 {
		t.Errorf("the migration calls array_replace %d times, want once (in the recursive query)", n)
	}
}
