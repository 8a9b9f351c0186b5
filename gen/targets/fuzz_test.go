package targets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/format"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"

	"golang.org/x/tools/txtar"
)

// FuzzGenerate feeds arbitrary bytes to gen.Parse and, when they are accepted,
// to Generate. For any input: no panic and no hang. For an accepted spec:
// Generate succeeds; the output is gofmt-stable and type-checks; it declares
// exactly the top-level names the spec calls for, so nothing in the spec's
// text (descriptions, doc, names) can add, drop or change a declaration; and
// the Go file and the fuzz file stay in the build with no constraint and
// hold no directive (see checkInBuild). The seeds (every spec in testdata
// and statuses.yaml) run as part of go test; make fuzz explores further.
func FuzzGenerate(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		spec, err := gen.Parse("fuzz.yaml", src)
		if err != nil {
			if _, ok := err.(gen.ErrorList); !ok {
				t.Fatalf("gen.Parse returned %T, want ErrorList: %v", err, err)
			}
			return
		}
		e := mustBuild(t, spec)
		if golang.Check(e) != nil {
			return // a spec the Go target refuses
		}
		code, err := Lookup("out").Generate(e, Options{Go: golang.Options{Package: "fuzz"}})
		if err != nil {
			t.Fatalf("gen.Parse accepted the spec but Generate failed: %v", err)
		}
		formatted, err := format.Source(code)
		if err != nil || !bytes.Equal(formatted, code) {
			t.Fatalf("output is not gofmt-stable (%v)", err)
		}
		checkDeclarations(t, spec, code)
		checkGraph(t, spec, code)
		checkInBuild(t, "fuzz_gen.go", code)
		fuzz := checkOtherArtifacts(t, spec)
		checkReserved(t, spec, code, fuzz)
	})
}

// directiveComment matches the comments Go tools read as directives, in
// the syntax the Go Doc Comments guide gives for them (the one go/ast's
// ParseDirective, added in Go 1.26, parses): "//line ", "//extern ",
// "//export ", or "//tool:name" with no space after the slashes.
var directiveComment = regexp.MustCompile(`^//(line |extern |export |[a-z0-9]+:[a-z0-9])`)

// checkInBuild asserts that the Go file code, named name, is one no Go tool
// reads a directive or build constraint from: go/parser finds no comment
// that go/build's constraint syntax or go/ast's directive syntax accepts,
// not even after the spaces, slashes and tabs that follow // are dropped
// (what a lenient tool might do), and go/build, importing a folder that
// holds only this file, keeps it in the build and reports no build tags.
func checkInBuild(t *testing.T, name string, code []byte) {
	t.Helper()
	file, err := goparser.ParseFile(token.NewFileSet(), name, code, goparser.ParseComments|goparser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	if !ast.IsGenerated(file) {
		t.Fatalf("%s lost its generated-code header", name)
	}
	for _, group := range file.Comments {
		for _, c := range group.List {
			loose := "//" + strings.TrimLeft(strings.TrimPrefix(c.Text, "//"), " \t/")
			for _, text := range []string{c.Text, loose} {
				if directiveComment.MatchString(text) || constraint.IsGoBuild(text) || constraint.IsPlusBuild(text) ||
					strings.HasPrefix(text, "//line ") || strings.HasPrefix(text, "//#") {
					t.Fatalf("%s holds a comment a Go tool reads as a directive or constraint: %q", name, c.Text)
				}
			}
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), code, 0o644); err != nil {
		t.Fatal(err)
	}
	pkg, err := build.ImportDir(dir, 0)
	if err != nil {
		t.Fatalf("go/build: %v", err)
	}
	files := append(pkg.GoFiles, pkg.TestGoFiles...)
	if !slices.Equal(files, []string{name}) || len(pkg.IgnoredGoFiles) > 0 || len(pkg.AllTags) > 0 {
		t.Fatalf("go/build does not keep %s in the build: files %v, ignored %v, tags %v", name, files, pkg.IgnoredGoFiles, pkg.AllTags)
	}
}

// checkOtherArtifacts runs the other emitters on an accepted spec: each
// succeeds, or refuses with exactly what its target's check function says, and the JSON Schema is
// valid JSON whose names are the spec's.
func checkOtherArtifacts(t *testing.T, spec *gen.Spec) (fuzz []byte) {
	t.Helper()
	// Every target of the registry: each succeeds, or refuses with
	// exactly what its Check says.
	e := mustBuild(t, spec)
	outs := map[string][]byte{}
	for _, target := range List {
		var refused error
		if target.Check != nil {
			refused = target.Check(e).Err()
		}
		out, err := target.Generate(e, Options{Go: golang.Options{Package: "fuzz"}})
		if fmt.Sprint(err) != fmt.Sprint(refused) {
			t.Fatalf("-%s: %v\nbut its Check said: %v", target.Flag, err, refused)
		}
		outs[target.Flag] = out
	}
	fuzz = outs["fuzz"]
	checkInBuild(t, "fuzz_gen_test.go", fuzz)
	// The Go outputs are printed in gofmt's shape, not formatted.
	for _, flag := range []string{"fuzz", "jsonv2"} {
		if formatted, err := format.Source(outs[flag]); err != nil || !bytes.Equal(formatted, outs[flag]) {
			t.Fatalf("-%s output is not gofmt-stable (%v)", flag, err)
		}
	}
	schema := outs["jsonschema"]
	var doc struct{ Enum []string }
	// The names, then the aliases, which the schema accepts too.
	accepted := names(spec)
	for _, v := range spec.Values {
		for _, a := range v.Aliases {
			accepted = append(accepted, a.Name)
		}
	}
	err := json.Unmarshal(schema, &doc)
	if spec.Open {
		// An open schema: anyOf the names and any other non-empty string.
		var open struct {
			Enum  []string
			AnyOf []struct {
				Enum []string
				Not  struct{ Enum []string }
			}
		}
		err = json.Unmarshal(schema, &open)
		if len(open.AnyOf) != 2 || !slices.Equal(open.AnyOf[1].Not.Enum, accepted) || open.Enum != nil {
			t.Fatalf("open JSON Schema is not anyOf the names and any other string: %s", schema)
		}
		doc.Enum = open.AnyOf[0].Enum
	}
	if err != nil || !slices.Equal(doc.Enum, accepted) {
		t.Fatalf("JSON Schema does not round-trip the names: %v, %q", err, doc.Enum)
	}
	return fuzz
}

// checkReserved asserts that golang.Declarations, which golang.Check reserves and
// the CLI checks against a package's other files, lists exactly the
// top-level names of the enum file and of the fuzz file.
func checkReserved(t *testing.T, spec *gen.Spec, code, fuzz []byte) {
	t.Helper()
	var wantCode, wantFuzz []string
	for _, d := range golang.Declarations(mustBuild(t, spec)) {
		if d.Fuzz {
			wantFuzz = append(wantFuzz, d.Name)
		} else {
			wantCode = append(wantCode, d.Name)
		}
	}
	for _, f := range []struct {
		name string
		src  []byte
		want []string
	}{{"enum file", code, wantCode}, {"fuzz file", fuzz, wantFuzz}} {
		file, err := goparser.ParseFile(token.NewFileSet(), "x.go", f.src, goparser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		got := declaredNames(file, false)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(f.want))
		if !slices.Equal(got, want) {
			t.Fatalf("the %s declares other top-level names than golang.Declarations lists:\n got %v\nwant %v", f.name, got, want)
		}
	}
}

func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	files, _ := filepath.Glob("../testdata/*/*.txtar")
	cases, _ := filepath.Glob("../testdata/golden/*/case.txtar")
	for _, file := range append(files, cases...) {
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
	statuses, err := os.ReadFile("../../statuses.yaml")
	if err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, statuses,
		[]byte("type: Bucket\nvalues:\n  - name: A\n"),
		// The receiver is w, which MarshalGQLContext's writer must not be.
		[]byte("type: Weekday\nvalues:\n  - name: MON\n"),
		[]byte("type: Color\nfallback: A\nvalues:\n  - name: A\n"),
		[]byte("type: Value\ncategories:\n  - name: c\nvalues:\n  - name: dst\n    category: c\n"),
		[]byte("type: Élan\nfallback: x\nvalues:\n  - name: x\n  - name: 'it''s'\n"),
		[]byte("type: G\nvalues:\n  - {name: a, next: [b]}\n  - {name: b, next: [a, c]}\n  - {name: c, terminal: true}\n  - {name: d, next: []}\n"),
		[]byte("type: S\npolling: {initial: 1ns, max: 1ns}\nvalues:\n  - {name: \"\\u00e9t\\u00e9\", description: \"\\u2028\\0\"}\n"))
	return seeds
}

var (
	checkOnce sync.Once
	checkConf types.Config
)

// checkDeclarations type-checks code and compares its top-level names with
// the ones golang.Declarations lists for the spec.
func checkDeclarations(t testing.TB, spec *gen.Spec, code []byte) {
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
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	var want []string
	for _, d := range golang.Declarations(e) {
		if !d.Fuzz {
			want = append(want, d.Name)
		}
	}
	got := declaredNames(file, false)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("declarations differ from what the spec calls for:\n got %v\nwant %v", got, want)
	}
}

// declaredNames lists the types, constants, variables and functions file
// declares at top level, and with methods its methods too, as Type.Method.
func declaredNames(file *ast.File, methods bool) []string {
	var names []string
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name)
			} else if methods {
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				names = append(names, recv.(*ast.Ident).Name+"."+d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// specGraph reads the allowed moves straight from the spec's next keys,
// independently of gen.Transitions: graph[from][to] by wire name, each
// value's own name included. It returns nil when the relation is the
// terminal rule (no next, or next lists that amount to it), for which the
// Go output holds no table.
func specGraph(spec *gen.Spec) map[string]map[string]bool {
	if !spec.DeclaresGraph() {
		return nil
	}
	graph := map[string]map[string]bool{}
	rule := true
	for _, v := range spec.Values {
		row := map[string]bool{v.Name: true}
		for _, to := range v.Next {
			row[to] = true
		}
		graph[v.Name] = row
		switch {
		case len(spec.Values) == 1:
			// The only value: a next key on it, even an empty one, is
			// a declared graph, which gen.Transitions keeps as a table
			// (only its own move) unless the value is terminal.
			if !v.Terminal {
				rule = false
			}
		case v.Terminal == (len(row) == len(spec.Values)) || v.Terminal && len(row) > 1:
			rule = false
		}
	}
	if rule {
		return nil
	}
	return graph
}

// checkGraph asserts that the Go output's transition table holds exactly
// the spec's graph: it reads the table's composite literal (a row of
// 1<<Const shifts, or of hex words past 63 values) back into pairs of wire
// names and compares them with what the spec's next keys say.
func checkGraph(t *testing.T, spec *gen.Spec, code []byte) {
	t.Helper()
	want := specGraph(spec)
	file, err := goparser.ParseFile(token.NewFileSet(), "x.go", code, goparser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	// Bits and rows are positions when they are not constants: the values'
	// numbers with no gaps, and the positions when there are.
	e := mustBuild(t, spec)
	byConst, byNumber := map[string]string{}, map[int]string{}
	for i := range e.Values {
		name, _ := golang.ConstName(e, &e.Values[i])
		byConst[name] = e.Values[i].Name
		byNumber[i+1] = e.Values[i].Name
	}
	tableName := ""
	for _, d := range golang.Declarations(e) {
		if d.What == "the generated transition table" {
			tableName = d.Name
		}
	}
	var table *ast.CompositeLit
	for _, decl := range file.Decls {
		if d, ok := decl.(*ast.GenDecl); ok && d.Tok == token.VAR {
			vs := d.Specs[0].(*ast.ValueSpec)
			if vs.Names[0].Name == tableName {
				table = vs.Values[0].(*ast.CompositeLit)
			}
		}
	}
	if (table == nil) != (want == nil) {
		t.Fatalf("the spec's graph is %v, but the Go output's transition table is %v", want, table != nil)
	}
	if table == nil {
		return
	}
	got := map[string]map[string]bool{}
	for _, elt := range table.Elts {
		kv := elt.(*ast.KeyValueExpr)
		var from string
		switch key := kv.Key.(type) {
		case *ast.Ident: // a constant: the rows are the values
			from = byConst[key.Name]
		case *ast.BasicLit: // a position: the spec's numbers leave gaps
			var position int
			fmt.Sscanf(key.Value, "%d", &position)
			from = byNumber[position]
		}
		row := map[string]bool{}
		ast.Inspect(kv.Value, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BinaryExpr:
				if n.Op == token.SHL {
					row[byConst[n.Y.(*ast.Ident).Name]] = true
					return false
				}
			case *ast.CompositeLit:
				for k, w := range n.Elts {
					var word uint64
					fmt.Sscanf(w.(*ast.BasicLit).Value, "%v", &word)
					for bit := range 64 {
						if word>>bit&1 != 0 {
							row[byNumber[k*64+bit]] = true
						}
					}
				}
				return false
			}
			return true
		})
		got[from] = row
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("the Go output's transition table differs from the spec's graph:\n got %v\nwant %v", got, want)
	}
}
