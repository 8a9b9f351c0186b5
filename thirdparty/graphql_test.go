package thirdparty

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/graphql"
	"github.com/taskstatus/taskstatus/internal/aliasenum"
	"github.com/taskstatus/taskstatus/status"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
	"golang.org/x/tools/txtar"
)

// query is the rest of a schema that uses the generated enum as gqlgen
// would bind it: as arguments, in a list, and as results.
const query = `type Query {
  tasks(status: Status, statuses: [Status]): [Status]
}
`

// loadStatusSchema loads the committed status.graphql beside query.
func loadStatusSchema(t *testing.T) *ast.Schema {
	t.Helper()
	sdl, err := os.ReadFile("../status/status.graphql")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := gqlparser.LoadSchema(
		&ast.Source{Name: "status.graphql", Input: string(sdl)},
		&ast.Source{Name: "query.graphql", Input: query},
	)
	if err != nil {
		t.Fatalf("gqlparser refuses status.graphql: %v", err)
	}
	return schema
}

// The committed schema is what gqlparser reads: the enum's values are the
// wire names in spec order, and its descriptions are the spec's, exactly.
func TestStatusSchema(t *testing.T) {
	def := loadStatusSchema(t).Types["Status"]
	if def == nil || def.Kind != ast.Enum {
		t.Fatalf("status.graphql declares no enum Status: %+v", def)
	}
	spec := parseFile(t, "../statuses.yaml")
	if def.Description != spec.Doc {
		t.Errorf("enum description = %q, want the spec's doc %q", def.Description, spec.Doc)
	}
	var names []string
	for _, v := range def.EnumValues {
		names = append(names, v.Name)
		s, err := status.ParseStatus(v.Name)
		if err != nil || v.Description != s.Description() {
			t.Errorf("value %s: description %q, want %q (%v)", v.Name, v.Description, s.Description(), err)
		}
	}
	if !slices.Equal(names, status.StatusNames()) {
		t.Errorf("enum values %v, want %v", names, status.StatusNames())
	}
}

// Every spec of the hostile corpus and of gen's test archives that parses
// and that -graphql takes gives an SDL gqlparser loads, whose enum holds
// the wire names and whose descriptions read back as the spec's text
// byte for byte (block strings and the quoted form alike).
func TestCorpusSDL(t *testing.T) {
	specs := map[string][]byte{}
	files, _ := filepath.Glob("../gen/testdata/hostile/*.yaml")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		specs[file] = src
	}
	archives, _ := filepath.Glob("../gen/testdata/*/*.txtar")
	for _, file := range archives {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".yaml") {
				specs[file+":"+f.Name] = f.Data
			}
		}
	}
	generated, refused := 0, 0
	for name, src := range specs {
		spec, err := gen.Parse("spec.yaml", src)
		if err != nil {
			continue
		}
		e, err := gen.Build(spec)
		if err != nil {
			t.Fatalf("%s: Build: %v", name, err)
		}
		sdl, err := graphql.Generate(e)
		if err != nil {
			refused++
			continue
		}
		generated++
		schema, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: name, Input: string(sdl)})
		if gqlErr != nil {
			t.Errorf("%s: gqlparser refuses the SDL: %v\n%s", name, gqlErr, sdl)
			continue
		}
		// Each value, then those of its aliases that are GraphQL names,
		// deprecated.
		type entry struct {
			name, description string
			alias             bool
		}
		var want []entry
		for _, v := range e.Values {
			want = append(want, entry{v.Name, v.Description, false})
			for _, a := range v.Aliases {
				if gqlEnumName(a.Name) {
					want = append(want, entry{a.Name, "", true})
				}
			}
		}
		def := schema.Types[e.Type]
		if def == nil || def.Kind != ast.Enum || len(def.EnumValues) != len(want) {
			t.Errorf("%s: the schema's %s is %+v, want an enum of %d values and aliases", name, e.Type, def, len(want))
			continue
		}
		if def.Description != e.Doc {
			t.Errorf("%s: enum description %q, want %q\n%s", name, def.Description, e.Doc, sdl)
		}
		for i, v := range def.EnumValues {
			w := want[i]
			if v.Name != w.name || v.Description != w.description || w.alias && v.Directives.ForName("deprecated") == nil {
				t.Errorf("%s: value %d is %q (%q), want %q (%q; an alias: %v, deprecated)\n%s", name, i, v.Name, v.Description, w.name, w.description, w.alias, sdl)
			}
		}
	}
	if generated < 50 || refused == 0 {
		t.Errorf("the corpus gave %d schemas and %d refusals; expected both kinds, and at least 50 schemas", generated, refused)
	}
	t.Logf("%d schemas loaded, %d specs refused by -graphql", generated, refused)
}

// A round trip as gqlgen runs one: gqlparser validates the query and the
// JSON variables against the schema, the arguments' values (the string of
// an enum literal, the strings of a decoded variable) go to UnmarshalGQL,
// and what MarshalGQL writes is a JSON value in the response.
func TestGQLRoundTrip(t *testing.T) {
	schema := loadStatusSchema(t)
	// nil rules: gqlparser's default validation rules.
	doc, errs := gqlparser.LoadQueryWithRules(schema, `query($one: Status, $many: [Status]) {
  literal: tasks(status: COMPLETED_WITH_ERRORS)
  variable: tasks(status: $one, statuses: $many)
}`, nil)
	if errs != nil {
		t.Fatal(errs)
	}
	// gqlgen decodes the request's variables with UseNumber.
	dec := json.NewDecoder(strings.NewReader(`{"one": "SUSPENDED", "many": ["PENDING", null, "failed"]}`))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	op := doc.Operations[0]
	vars, err := validator.VariableValues(schema, op, raw)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sel := range op.SelectionSet {
		field := sel.(*ast.Field)
		args := field.ArgumentMap(vars)
		var one status.Status
		if err := one.UnmarshalGQL(args["status"]); err != nil {
			t.Fatalf("%s: UnmarshalGQL(%#v): %v", field.Alias, args["status"], err)
		}
		var out bytes.Buffer
		one.MarshalGQL(&out)
		got = append(got, field.Alias+" "+out.String())
		list, _ := args["statuses"].([]any)
		for _, item := range list {
			many := status.Status(0)
			if err := many.UnmarshalGQL(item); err != nil {
				t.Fatalf("%s: UnmarshalGQL(%#v): %v", field.Alias, item, err)
			}
			out.Reset()
			many.MarshalGQL(&out)
			got = append(got, field.Alias+" item "+out.String())
		}
	}
	// gqlparser matches a variable's enum name ignoring case, so "failed"
	// reaches UnmarshalGQL, which reads it as JSON would: a name this
	// build does not know, the fallback UNKNOWN.
	want := []string{
		`literal "COMPLETED_WITH_ERRORS"`,
		`variable "SUSPENDED"`,
		`variable item "PENDING"`,
		`variable item null`,
		`variable item "UNKNOWN"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("round trip gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// gqlparser refuses what names no value, in a literal and in a variable,
	// before it reaches the type.
	if _, errs := gqlparser.LoadQueryWithRules(schema, `{ tasks(status: RETRYING) }`, nil); errs == nil {
		t.Error("gqlparser accepted an unknown enum literal")
	}
	if _, err := validator.VariableValues(schema, op, map[string]any{"one": "RETRYING"}); err == nil {
		t.Error("gqlparser accepted an unknown enum variable")
	}
}

var gqlName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// gqlEnumName reports whether name can be a GraphQL enum value: a GraphQL
// name, not reserved for introspection, and not a literal of its own.
func gqlEnumName(name string) bool {
	return gqlName.MatchString(name) && !strings.HasPrefix(name, "__") && name != "true" && name != "false" && name != "null"
}

// A value renamed with an alias keeps the clients that send its old name:
// the schema lists the alias as a deprecated enum value, so gqlparser
// validates the old name as a literal and in a variable; the Go type reads
// it as the new value and writes the new name. An alias GraphQL cannot
// name (cancelled-by-user) is not in the schema, which still loads.
func TestGQLAlias(t *testing.T) {
	src, err := os.ReadFile("../internal/aliasenum/aliases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte("aliases: [CANCELLED]"), []byte("aliases: [CANCELLED, cancelled-by-user]"), 1)
	spec, err := gen.Parse("aliases.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	sdl, err := graphql.Generate(e)
	if err != nil {
		t.Fatal(err)
	}
	schema, gqlErr := gqlparser.LoadSchema(
		&ast.Source{Name: "aliases.graphql", Input: string(sdl)},
		&ast.Source{Name: "query.graphql", Input: query},
	)
	if gqlErr != nil {
		t.Fatalf("gqlparser refuses the SDL: %v\n%s", gqlErr, sdl)
	}
	cancelled := schema.Types["Status"].EnumValues.ForName("CANCELLED")
	if cancelled == nil || cancelled.Directives.ForName("deprecated") == nil {
		t.Fatalf("the schema's CANCELLED is %+v, want a deprecated enum value\n%s", cancelled, sdl)
	}
	const reason = "Another name for CANCELED: read as CANCELED and never written; use CANCELED"
	if got := cancelled.Directives.ForName("deprecated").Arguments.ForName("reason").Value.Raw; got != reason {
		t.Errorf("CANCELLED's deprecation reason is %q, want %q", got, reason)
	}

	doc, errs := gqlparser.LoadQueryWithRules(schema, `query($one: Status, $many: [Status]) {
  literal: tasks(status: CANCELLED)
  variable: tasks(status: $one, statuses: $many)
}`, nil)
	if errs != nil {
		t.Fatalf("gqlparser refuses the old name as a literal: %v", errs)
	}
	op := doc.Operations[0]
	vars, err := validator.VariableValues(schema, op, map[string]any{"one": "CANCELLED", "many": []any{"RUNNING", "CANCELED"}})
	if err != nil {
		t.Fatalf("gqlparser refuses the old name in a variable: %v", err)
	}
	var got []string
	for _, sel := range op.SelectionSet {
		field := sel.(*ast.Field)
		args := field.ArgumentMap(vars)
		inputs := []any{args["status"]}
		if list, ok := args["statuses"].([]any); ok {
			inputs = append(inputs, list...)
		}
		for _, in := range inputs {
			var s aliasenum.Status
			if err := s.UnmarshalGQL(in); err != nil {
				t.Fatalf("%s: UnmarshalGQL(%#v): %v", field.Alias, in, err)
			}
			var out bytes.Buffer
			s.MarshalGQL(&out)
			got = append(got, fmt.Sprintf("%s %v → %s", field.Alias, in, out.String()))
		}
	}
	want := []string{
		`literal CANCELLED → "CANCELED"`,
		`variable CANCELLED → "CANCELED"`,
		`variable RUNNING → "IN_PROGRESS"`,
		`variable CANCELED → "CANCELED"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("the old names gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if schema.Types["Status"].EnumValues.ForName("cancelled-by-user") != nil {
		t.Error("the schema has an enum value cancelled-by-user, which is no GraphQL name")
	}
}

func parseFile(t *testing.T, path string) *gen.Spec {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := gen.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}
