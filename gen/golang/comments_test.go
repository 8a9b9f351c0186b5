package golang

import (
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"golang.org/x/tools/txtar"
)

// gofmt reformats doc comments (code blocks, quotes, blank lines), and Go
// releases disagree on how: Go 1.26 and 1.27 formatted the same spec text
// differently, so -check failed for a team whose machines differ. The
// emitter therefore prints every comment already in the shape gofmt gives
// it, and this test holds it to that for every spec in the golden archives
// and the hostile corpus: formatting changes no comment. CI runs it under
// both Go releases (make test, make test-go1.27).
func TestFormatChangesNoComment(t *testing.T) {
	specs := map[string][]byte{}
	archives, _ := filepath.Glob("../testdata/golden/*/case.txtar")
	for _, path := range archives {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "spec.yaml" {
				specs[filepath.Base(filepath.Dir(path))] = f.Data
			}
		}
	}
	corpus, _ := filepath.Glob("../testdata/hostile/*.yaml")
	for _, path := range corpus {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		specs[filepath.Base(path)] = src
	}
	if len(archives) == 0 || len(corpus) == 0 {
		t.Fatalf("found %d golden archives and %d corpus specs", len(archives), len(corpus))
	}
	checked := 0
	for name, src := range specs {
		spec, err := gen.Parse(name, src)
		if err != nil {
			continue // refused specs generate nothing
		}
		e, err := gen.Build(spec)
		if err != nil || Check(e) != nil {
			continue // nor do specs the Go target refuses
		}
		printed, err := Generate(e, Options{Package: "p"})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		formatted, err := format.Source(printed)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		before, after := commentTexts(t, printed), commentTexts(t, formatted)
		if i := firstDifference(before, after); i >= 0 {
			t.Errorf("%s: gofmt changed comment %d:\n  printed %q\n  gofmt   %q", name, i, at(before, i), at(after, i))
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d specs generated; the test reads the wrong folders", checked)
	}
}

// commentTexts returns every comment line of a Go file, in order.
func commentTexts(t *testing.T, src []byte) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, group := range file.Comments {
		for _, c := range group.List {
			texts = append(texts, strings.TrimRight(c.Text, " \t"))
		}
	}
	return texts
}

func firstDifference(a, b []string) int {
	if slices.Equal(a, b) {
		return -1
	}
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}
