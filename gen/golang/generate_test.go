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

// The generated type holds every value and one more, so that loops over
// the values end, and is never uint8, whose slices encoding/json decodes
// from base64 without asking the type (issue 11).
func TestUnderlyingType(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{1, "uint16"}, {254, "uint16"}, {255, "uint16"}, {gen.MaxValues, "uint16"}} {
		spec := &gen.Spec{Type: "T", Package: "p"}
		for i := range tt.n {
			spec.Values = append(spec.Values, gen.Value{Name: fmt.Sprintf("V%d", i)})
		}
		if got := newModel(gen.BuildPartial(spec, nil), "p", false).Underlying; got != tt.want {
			t.Errorf("%d values: %s, want %s", tt.n, got, tt.want)
		}
	}
}

// The category type holds every category and one more, so that the loop
// in TCategories (c <= last; c++) ends, and it compiles at the limits: 255
// categories looped forever in a uint8 and 256 overflowed it. At
// gen.MaxCategories the model's type still holds one more (generating and
// type-checking 65,534 categories takes ten seconds, so that case checks the
// model); past it the spec is refused.
func TestCategoryLimits(t *testing.T) {
	withCategories := func(file string, n int) *gen.Spec {
		spec := &gen.Spec{File: file, Type: "T", Package: "p", Values: []gen.Value{{Name: "V", Category: "c0"}}}
		for i := range n {
			spec.Categories = append(spec.Categories, gen.Category{Name: fmt.Sprintf("c%d", i)})
		}
		return spec
	}
	if got := newModel(gen.BuildPartial(withCategories("", gen.MaxCategories), nil), "p", false).CategoryType; got != "uint16" || gen.MaxCategories+1 > 1<<16-1 {
		t.Errorf("%d categories: category type %s cannot hold one more", gen.MaxCategories, got)
	}
	for _, n := range []int{1, 255, 256} {
		code, err := generateSpec(withCategories("", n), Options{})
		if err != nil {
			t.Fatalf("%d categories: %v", n, err)
		}
		pkg := typeCheck(t, code)
		underlying := pkg.Scope().Lookup("TCategory").Type().Underlying().(*types.Basic)
		last := pkg.Scope().Lookup(fmt.Sprintf("TCategoryC%d", n-1)).(*types.Const).Val()
		limit := constant.MakeUint64(1<<(8*types.SizesFor("gc", "amd64").Sizeof(underlying)) - 1)
		if !constant.Compare(last, token.LSS, limit) {
			t.Errorf("%d categories: the last is %v and TCategory is %v (max %v): TCategories never ends", n, last, underlying, limit)
		}
	}
	if _, err := generateSpec(withCategories("big.yaml", gen.MaxCategories+1), Options{}); err == nil || err.Error() != "big.yaml: 65535 categories is more than statusgen supports (65534)" {
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
