package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/internal/specshape"
	"github.com/taskstatus/taskstatus/internal/textdiff"
	"golang.org/x/tools/txtar"
)

// gofmtSpecs returns every spec the repository's tests know, by name: the
// golden and e2e archives, the hostile corpus, the fuzz corpus, the
// committed specs, small specs of every shape internal/specshape grows,
// and specs made to reach the corners of gofmt's alignment rules (keys
// past 40 bytes, keys in runes, long type names, gaps in the numbers).
func gofmtSpecs(t *testing.T) map[string][]byte {
	t.Helper()
	specs := map[string][]byte{}
	for _, pattern := range []string{"../testdata/golden/*/case.txtar", "../testdata/e2e/*.txtar"} {
		archives, _ := filepath.Glob(pattern)
		for _, path := range archives {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range ar.Files {
				if strings.HasSuffix(f.Name, ".yaml") {
					specs[path+":"+f.Name] = f.Data
				}
			}
		}
	}
	files, _ := filepath.Glob("../testdata/hostile/*.yaml")
	more, _ := filepath.Glob("../../internal/*/*.yaml")
	files = append(append(files, more...), "../../statuses.yaml")
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		specs[path] = src
	}
	fuzz, _ := filepath.Glob("../testdata/fuzz/FuzzGenerate/*")
	for _, path := range fuzz {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// go test fuzz v1, then one []byte("...") line.
		_, arg, _ := strings.Cut(string(src), "[]byte(")
		var s string
		if _, err := fmt.Sscanf(strings.TrimSuffix(strings.TrimSpace(arg), ")"), "%q", &s); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		specs[path] = []byte(s)
	}
	for _, sh := range specshape.Shapes {
		for _, size := range []int{2000, 40000} {
			src, _ := sh.Spec(size)
			specs[fmt.Sprintf("%s-%d", sh.Name, size)] = src
		}
	}
	long := strings.Repeat("L", 41)
	specs["long-keys"] = []byte("type: T\nvalues:\n  - name: a\n  - name: b\n    go_name: " + long + "\n  - name: c\n  - name: d\n    go_name: " + long + "Longer\n    description: x\n  - name: e\n    go_name: Ünïcödé\n")
	specs["long-type"] = []byte("type: " + strings.Repeat("Type", 20) + "\ncategories:\n  - name: only\nvalues:\n  - name: a\n    category: only\n  - name: b\n    category: only\n")
	specs["gaps"] = []byte("type: T\nvalues:\n  - name: a\n    number: 3\n  - name: b\n    number: 70\n    next: [a]\n  - name: c\n    number: 9\n    deprecated: gone\n")
	// A type named with the word func in it: the header of a one-line
	// method is measured from the keyword, not from the word in the name.
	for _, typ := range []string{"Xfunc", "Afuncfuncfunc"} {
		for _, n := range []int{20, 30, 40} {
			specs["func-in-type-"+typ+fmt.Sprint(n)] = []byte("type: " + typ + "\npolling: {initial: 1s, max: 30s}\nvalues:\n  - name: a\n    go_name: A" + strings.Repeat("a", n) +
				"\n  - name: m\n    poll: true\n  - name: b\n    go_name: B" + strings.Repeat("b", n) + "\n    terminal: true\n")
		}
	}
	var ratio strings.Builder
	ratio.WriteString("type: T\nvalues:\n")
	for i, n := range []int{1, 50, 45, 8, 120, 3, 44, 200, 41, 17} {
		fmt.Fprintf(&ratio, "  - name: v%d\n    go_name: V%s\n", i, strings.Repeat("x", n))
	}
	specs["ratio"] = []byte(ratio.String())
	return specs
}

// gofmtOptions are the option sets every spec is generated with.
var gofmtOptions = []Options{{}, {HashLookup: true}, {GQLGen: true, PFlag: true}, {HashLookup: true, GQLGen: true, PFlag: true}}

// The Go outputs are printed in gofmt's shape, not formatted (see
// layout.go): this holds every output of every spec the tests know, with
// every option, to go/format byte for byte.
func TestGofmtStable(t *testing.T) {
	specs := gofmtSpecs(t)
	checked := 0
	for _, name := range sortedKeys(specs) {
		spec, err := gen.Parse(filepath.Base(name), specs[name])
		if err != nil {
			continue
		}
		e, err := gen.Build(spec)
		if err != nil || Check(e) != nil {
			continue
		}
		for _, opts := range gofmtOptions {
			opts.Package = "p"
			for _, g := range []struct {
				name string
				f    func(*gen.Enum, Options) ([]byte, error)
			}{{"Generate", Generate}, {"GenerateFuzz", GenerateFuzz}, {"GenerateJSONv2", GenerateJSONv2}} {
				out, err := g.f(e, opts)
				if err != nil {
					t.Errorf("%s: %s: %v", name, g.name, err)
					continue
				}
				want, err := format.Source(out)
				if err != nil {
					t.Errorf("%s: %s %+v: does not parse: %v", name, g.name, opts, err)
					continue
				}
				if !bytes.Equal(out, want) {
					t.Errorf("%s: %s %+v: not gofmt's shape:\n%s", name, g.name, opts, firstLines(textdiff.Unified("printed", "gofmt", out, want), 40))
				}
				checked++
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d outputs checked; the test reads the wrong folders", checked)
	}
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}
