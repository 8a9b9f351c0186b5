package golang

import (
	"bytes"
	"fmt"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
	"go/ast"
	"go/constant"
	"go/format"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/textdiff"
)

func loadStatuses(t testing.TB) *gen.Spec {
	t.Helper()
	src, err := os.ReadFile("../../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := gen.Parse("statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// The same spec gives the same bytes every time (no map order, no clock),
// and the bytes are already gofmt'd.
func TestGenerateIsDeterministicAndFormatted(t *testing.T) {
	spec := loadStatuses(t)
	first, err := generateSpec(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		again, err := generateSpec(loadStatuses(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("run %d differs from run 0:\n%s", i+1, textdiff.Unified("run 0", fmt.Sprint("run ", i+1), first, again))
		}
	}
	formatted, err := format.Source(first)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(formatted, first) {
		t.Errorf("output is not gofmt-stable:\n%s", textdiff.Unified("generated", "gofmt", first, formatted))
	}
	if !bytes.HasPrefix(first, []byte(printer.GoHeader+"\n\n")) {
		t.Errorf("output does not start with the header line")
	}
}

func TestOptionsPackageOverridesSpec(t *testing.T) {
	spec := loadStatuses(t)
	a, _ := generateSpec(spec, Options{})
	b, err := generateSpec(spec, Options{Package: "other"})
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Replace(a, []byte("package status\n"), []byte("package other\n"), 1)
	want = bytes.ReplaceAll(want, []byte(`"status: `), []byte(`"other: `))
	if !bytes.Equal(b, want) {
		t.Errorf("-package changed more than the package clause and error prefixes:\n%s", textdiff.Unified("want", "got", want, b))
	}
	if _, err := generateSpec(spec, Options{Package: "not-a-name"}); err == nil {
		t.Error("Generate accepted package not-a-name")
	}
}

// The generated types hold every value and every category and one more,
// so that the loops over them (v <= last; v++) end, and they compile at
// the sizes where a uint8 breaks: 255 looped forever in a uint8 and 256
// overflowed it. (A uint8 would also let encoding/json decode a JSON string
// into a slice of the type as base64, without asking the type.)
func TestTypesHoldOneMore(t *testing.T) {
	for _, n := range []int{1, 255, 256} {
		spec := &gen.Spec{Type: "T", Package: "p"}
		for i := range n {
			spec.Categories = append(spec.Categories, gen.Category{Name: fmt.Sprintf("c%d", i)})
			spec.Values = append(spec.Values, gen.Value{Name: fmt.Sprintf("V%d", i), Category: fmt.Sprintf("c%d", i)})
		}
		code, err := generateSpec(spec, Options{})
		if err != nil {
			t.Fatalf("%d values and categories: %v", n, err)
		}
		pkg := typeCheck(t, code)
		for typ, last := range map[string]string{"T": fmt.Sprintf("V%d", n-1), "TCategory": fmt.Sprintf("TCategoryC%d", n-1)} {
			underlying := pkg.Scope().Lookup(typ).Type().Underlying().(*types.Basic)
			val := pkg.Scope().Lookup(last).(*types.Const).Val()
			limit := constant.MakeUint64(1<<(8*types.SizesFor("gc", "amd64").Sizeof(underlying)) - 1)
			if !constant.Compare(val, token.LSS, limit) {
				t.Errorf("%d values: the last %s is %v and %s is %v (max %v): the loop over them never ends", n, typ, val, typ, underlying, limit)
			}
		}
	}
}

// One category more than gen.MaxCategories is refused, naming the limit.
func TestCategoryLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a spec of 65,535 categories; make test runs it")
	}
	spec := &gen.Spec{File: "big.yaml", Type: "T", Package: "p", Values: []gen.Value{{Name: "V", Category: "c0"}}}
	for i := range gen.MaxCategories + 1 {
		spec.Categories = append(spec.Categories, gen.Category{Name: fmt.Sprintf("c%d", i)})
	}
	if _, err := generateSpec(spec, Options{}); err == nil || err.Error() != "big.yaml: 65535 categories is more than statusgen supports (65534)" {
		t.Errorf("Generate with %d categories: %v, want the limit named", gen.MaxCategories+1, err)
	}
}

// typeCheck type-checks one generated file as package p.
func typeCheck(t *testing.T, code []byte) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	file, err := goparser.ParseFile(fset, "gen.go", code, goparser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	checkOnce.Do(func() { // the importer FuzzGenerate uses: it type-checks the standard library once
		checkConf = types.Config{Importer: importer.ForCompiler(token.NewFileSet(), "source", nil)}
	})
	pkg, err := checkConf.Check("p", fset, []*ast.File{file}, nil)
	if err != nil {
		t.Fatalf("generated code does not type-check: %v", err)
	}
	return pkg
}

// The fold parser's doc example is a string the fold lookup matches to the
// name and not the name itself: ASCII letters change case, others never
// (issue 11: the doc claimed "échec" finds Échec).
func TestFoldDocExample(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		ok         bool
	}{
		{"PENDING", "pending", true},
		{"in-review", "IN-REVIEW", true},
		{"Échec", "ÉCHEC", true},
		{"CrashLoopBackOff", "crashloopbackoff", true},
		{"404", "404", false},
		{"é", "é", false},
	} {
		got, ok := asciiCaseVariant(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("asciiCaseVariant(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
		if ok && (got == tt.name || gen.FoldASCII(got) != gen.FoldASCII(tt.name)) {
			t.Errorf("%q is no fold variant of %q", got, tt.name)
		}
	}
}

// A Go output needs a package: the option or the spec's package key.
func TestGenerateNeedsPackage(t *testing.T) {
	if _, err := generateSpec(&gen.Spec{Type: "T", Values: []gen.Value{{Name: "A"}}}, Options{}); err == nil ||
		!strings.Contains(err.Error(), "no package name") {
		t.Errorf("no package: got %v", err)
	}
}

// keyedRows prints rows that layout aligns as gofmt does; this holds it to
// gofmt's alignment for keys of mixed widths, in runes and bytes, and for
// keys past the 40 bytes where gofmt may start a new column.
func TestKeyedRowsAsGofmt(t *testing.T) {
	for _, keys := range [][]string{
		{"A"},
		{"A", "Bb", "CompletedWithErrors", "Ünknown", "Ｆｕｌｌ"},
		{"A", strings.Repeat("L", 41), "Bb"},
		{strings.Repeat("L", 40), "A"},
		{"A", strings.Repeat("L", 41), strings.Repeat("M", 100), "Bb", strings.Repeat("N", 30), strings.Repeat("O", 45)},
	} {
		g := &goFile{}
		g.P("package p")
		g.P()
		g.P("var x = map[int]string{")
		values := make([]string, len(keys))
		for i := range keys {
			values[i] = strconv.Quote(strings.Repeat("v", i))
		}
		g.keyedRows(keys, values)
		g.P("}")
		got := g.bytes()
		want, err := format.Source(got)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("keys %q: not gofmt-stable:\n%s", keys, textdiff.Unified("printed", "gofmt", got, want))
		}
	}
}

// prose wraps without strings.Fields and checks only the first word for a
// directive; this holds it to the plain way of doing both.
func TestProseAsFieldsAndNotDirective(t *testing.T) {
	for _, text := range []string{
		"",
		"One short sentence.",
		strings.Repeat("word ", 40),
		"line wraps here and then " + strings.Repeat("x", 70) + " line 3 go:build +build #cgo /x nolint:all export extern",
		"a\u00a0b\u2003c \t\n d",
		strings.Repeat("abcdefghijklmnopqrstuvwxyzabcdefghij:x ", 3),
	} {
		g := &goFile{}
		g.prose(text)
		var want []string
		line := ""
		for _, word := range strings.Fields(text) {
			if len(line)+len(word) > 76 && line != "" {
				want = append(want, "// "+printer.NotDirective(line))
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		if line == "" {
			want = append(want, "//")
		} else {
			want = append(want, "// "+printer.NotDirective(line))
		}
		if got := strings.Split(strings.TrimSuffix(string(g.bytes()), "\n"), "\n"); !slices.Equal(got, want) {
			t.Errorf("prose(%q):\n got %q\nwant %q", text, got, want)
		}
	}
}
