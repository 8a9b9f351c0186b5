package gen

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/format"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzGenerate feeds arbitrary bytes to Parse and, when they are accepted,
// to Generate. For any input: no panic and no hang. For an accepted spec:
// Generate succeeds; the output is gofmt-stable and type-checks; and it
// declares exactly the top-level names the spec calls for, so nothing in the
// spec's text (descriptions, doc, names) can add, drop or change a
// declaration. The seeds (every spec in testdata and statuses.yaml) run as
// part of go test; make fuzz explores further.
func FuzzGenerate(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		spec, err := Parse("fuzz.yaml", src)
		if err != nil {
			if _, ok := err.(ErrorList); !ok {
				t.Fatalf("Parse returned %T, want ErrorList: %v", err, err)
			}
			return
		}
		code, err := Generate(spec, Options{Package: "fuzz"})
		if err != nil {
			t.Fatalf("Parse accepted the spec but Generate failed: %v", err)
		}
		formatted, err := format.Source(code)
		if err != nil || !bytes.Equal(formatted, code) {
			t.Fatalf("output is not gofmt-stable (%v)", err)
		}
		checkDeclarations(t, spec, code)
		checkOtherArtifacts(t, spec)
	})
}

// checkOtherArtifacts runs the other emitters on an accepted spec: each
// succeeds or gives one of its documented refusals, and the JSON Schema is
// valid JSON whose names are the spec's.
func checkOtherArtifacts(t *testing.T, spec *Spec) {
	t.Helper()
	if _, err := SQL(spec, Options{}); err != nil && !strings.Contains(err.Error(), "PostgreSQL's 63") {
		t.Fatalf("SQL: %v", err)
	}
	if _, err := TypeScript(spec, Options{}); err != nil && !strings.Contains(err.Error(), "would shadow the global") {
		t.Fatalf("TypeScript: %v", err)
	}
	if _, err := Markdown(spec, Options{}); err != nil {
		t.Fatalf("Markdown: %v", err)
	}
	if _, err := GenerateFuzz(spec, Options{Package: "fuzz"}); err != nil {
		t.Fatalf("GenerateFuzz: %v", err)
	}
	schema, err := JSONSchema(spec, Options{})
	if err != nil {
		t.Fatalf("JSONSchema: %v", err)
	}
	var doc struct{ Enum []string }
	if err := json.Unmarshal(schema, &doc); err != nil || !slices.Equal(doc.Enum, names(spec)) {
		t.Fatalf("JSON Schema does not round-trip the names: %v, %q", err, doc.Enum)
	}
}

func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	files, _ := filepath.Glob("testdata/*/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if filepath.Ext(file.Name) == ".yaml" {
				seeds = append(seeds, file.Data)
			}
		}
	}
	statuses, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, statuses,
		[]byte("type: Bucket\nvalues:\n  - name: A\n"),
		[]byte("type: Color\nfallback: A\nvalues:\n  - name: A\n"),
		[]byte("type: Value\ncategories:\n  - name: c\nvalues:\n  - name: dst\n    category: c\n"),
		[]byte("type: Élan\nfallback: x\nvalues:\n  - name: x\n  - name: 'it''s'\n"),
		[]byte("type: S\npolling: {initial: 1ns, max: 1ns}\nvalues:\n  - {name: \"\\u00e9t\\u00e9\", description: \"\\u2028\\0\"}\n"))
	return seeds
}

var (
	checkOnce sync.Once
	checkConf types.Config
)

// checkDeclarations type-checks code and compares its top-level names with
// the ones the spec calls for.
func checkDeclarations(t *testing.T, spec *Spec, code []byte) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := goparser.ParseFile(fset, "fuzz_gen.go", code, goparser.ParseComments)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	checkOnce.Do(func() {
		checkConf = types.Config{Importer: importer.ForCompiler(token.NewFileSet(), "source", nil)}
	})
	if _, err := checkConf.Check("fuzz", fset, []*ast.File{file}, nil); err != nil {
		t.Fatalf("output does not type-check: %v", err)
	}
	var got []string
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			name := d.Name.Name
			if d.Recv != nil {
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				name = recv.(*ast.Ident).Name + "." + name
			}
			got = append(got, name)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					got = append(got, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						got = append(got, n.Name)
					}
				}
			}
		}
	}
	want := expectedDeclarations(spec)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("declarations differ from what the spec calls for:\n got %v\nwant %v", got, want)
	}
}

// expectedDeclarations lists, independently of the emitter, every
// top-level name a spec's generated file declares.
func expectedDeclarations(spec *Spec) []string {
	n, lower, typ := namesFor(spec.Type), unexportedName(spec.Type), spec.Type
	want := []string{
		typ, n.InvalidError, n.Parse, n.ParseFold, n.Values, n.ValuesSeq, n.Names,
		lower + "Info", lower + "DriverValues",
		"lookup" + typ, "lookup" + typ + "Fold", "decode" + typ, n.InvalidError + ".Error",
	}
	for _, m := range []string{"IsValid", "String", "Description", "IsTerminal", "ShouldPoll", "CanTransitionTo",
		"encodeError", "MarshalText", "AppendText", "UnmarshalText", "MarshalBinary", "AppendBinary", "UnmarshalBinary",
		"MarshalJSON", "UnmarshalJSON", "decodeInto", "Value", "Scan"} {
		want = append(want, typ+"."+m)
	}
	for _, v := range spec.Values {
		if strings.ContainsRune(v.Name, '\uFFFD') {
			want = append(want, lower+"ReplacedJSON")
			break
		}
	}
	for i := range spec.Values {
		want = append(want, spec.GoName(&spec.Values[i]))
	}
	if len(spec.Categories) > 0 {
		want = append(want, n.Category, n.Categories, lower+"CategoryInfo", typ+".Category",
			n.Category+".IsValid", n.Category+".String", n.Category+".Description", n.Category+".Values")
		for _, c := range spec.Categories {
			want = append(want, n.Category+CamelCase(c.Name))
		}
	}
	if spec.Polling != nil {
		want = append(want, n.PollInitial, n.PollMax)
	}
	if len(spec.Values) > switchMax {
		want = append(want, lower+"Slot", lower+"Index", lower+"FoldIndex", "find"+typ, "load64"+typ, "load32"+typ)
	}
	return want
}
