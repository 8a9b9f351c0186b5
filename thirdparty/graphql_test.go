package thirdparty

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/graphql"
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
		def := schema.Types[e.Type]
		if def == nil || def.Kind != ast.Enum || len(def.EnumValues) != len(e.Values) {
			t.Errorf("%s: the schema's %s is %+v, want an enum of %d values", name, e.Type, def, len(e.Values))
			continue
		}
		if def.Description != e.Doc {
			t.Errorf("%s: enum description %q, want %q\n%s", name, def.Description, e.Doc, sdl)
		}
		for i, v := range def.EnumValues {
			if v.Name != e.Values[i].Name || v.Description != e.Values[i].Description {
				t.Errorf("%s: value %d is %q (%q), want %q (%q)\n%s", name, i, v.Name, v.Description, e.Values[i].Name, e.Values[i].Description, sdl)
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
