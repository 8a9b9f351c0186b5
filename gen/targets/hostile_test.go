package targets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/format"
	"go/importer"
	goparser "go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/taskstatus/taskstatus/internal/golden"
	"unicode/utf8"
)

// The hostile corpus (testdata/hostile, copied verbatim from the specs
// written to break statusgen; see its README) holds specs with no expected
// outcome of their own. For every one, statusgen must either refuse it with
// errors positioned in that file, or accept it and generate outputs that
// each target accepts. TestHostileCorpus checks what can be checked in
// process; TestHostileToolchain (make hostile) builds, vets and runs the Go
// outputs; make ts-check and make integration take the TypeScript, JSON
// Schema and SQL outputs to tsc, ajv, Node and PostgreSQL.
//
// What each spec gets (accepted, or the exact errors; for an accepted spec
// any target's refusal) is pinned in testdata/hostile/outcomes.txt, so that
// a change in behaviour shows in review; go test ./gen/... -update rewrites it.
// Every harness fails on any spec that breaks its check.

const hostileDir = "../testdata/hostile"

// hostilePackage is the package of a spec's Go outputs: the spec's own, else
// the one the harnesses pass.
func hostilePackage(spec *gen.Spec) string {
	if spec.Package != "" {
		return spec.Package
	}
	return "hostile"
}

// hostileSpec is one corpus file, parsed.
type hostileSpec struct {
	name string // file name, as given to gen.Parse
	src  []byte
	spec *gen.Spec // nil when refused
	err  error     // Parse's error when refused
	// goErr is what the Go outputs refuse (golang.Check) of a spec Parse
	// accepted; nil when they take it.
	goErr error
}

func hostileSpecs(t *testing.T) []hostileSpec {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(hostileDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no specs in %s (%v)", hostileDir, err)
	}
	var specs []hostileSpec
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(file)
		spec, err := gen.Parse(name, src)
		hs := hostileSpec{name: name, src: src, spec: spec, err: err}
		if err == nil {
			if errs := golang.Check(mustBuild(t, spec)); errs != nil {
				hs.goErr = errs.Err()
			}
		}
		specs = append(specs, hs)
	}
	return specs
}

// The checks a spec goes through in process.
const (
	checkRefusal = "refusal" // refused with errors positioned in the spec
	checkGo      = "go"      // the Go enum and fuzz file: gofmt-stable, type-checked, no build constraints
	checkTargets = "targets" // every other output generated or refused with positioned errors; the JSON Schema is JSON
)

func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the hostile corpus through every target takes seconds; make test runs it")
	}
	specs := hostileSpecs(t)
	outcomes := make([]string, len(specs))
	t.Run("spec", func(t *testing.T) {
		for i, hs := range specs {
			t.Run(hs.name, func(t *testing.T) {
				t.Parallel()
				outcome, problems := checkHostile(hs)
				outcomes[i] = outcome
				for _, check := range []string{checkRefusal, checkGo, checkTargets} {
					if len(problems[check]) > 0 {
						t.Errorf("%s:\n%s", check, strings.Join(problems[check], "\n"))
					}
				}
			})
		}
	})
	golden.File(t, filepath.Join(hostileDir, "outcomes.txt"), []byte(strings.Join(outcomes, "")))
}

// checkHostile runs one spec through gen.Parse and every target. It returns the
// spec's outcome for outcomes.txt and, per check, what is wrong.
func checkHostile(hs hostileSpec) (outcome string, problems map[string][]string) {
	problems = map[string][]string{}
	if hs.err != nil {
		if _, ok := hs.err.(gen.ErrorList); !ok {
			problems[checkRefusal] = append(problems[checkRefusal], fmt.Sprintf("gen.Parse returned %T, want ErrorList", hs.err))
		}
		problems[checkRefusal] = append(problems[checkRefusal], positioned(hs.name, hs.src, hs.err)...)
		return outcomeLines(hs.err.Error()), problems
	}
	outcome = hs.name + ": accepted\n"
	opts := Options{Go: golang.Options{Package: hostilePackage(hs.spec)}}
	goFiles := map[string][]byte{}
	e, err := gen.Build(hs.spec)
	if err != nil {
		problems[checkRefusal] = append(problems[checkRefusal], fmt.Sprintf("Parse accepted the spec but Build refused it: %v", err))
		return outcome, problems
	}
	for _, target := range List {
		out, err := target.Generate(e, opts)
		if err != nil {
			// A target may refuse what it cannot express, as a positioned
			// error in the spec. The Go outputs share one Check, so their
			// refusal is listed once, under -out.
			if target.GoFile && target.Flag != "out" && hs.goErr != nil && err.Error() == hs.goErr.Error() {
				continue
			}
			outcome += outcomeLines(hs.name + ": -" + target.Flag + " refused:\n" + err.Error())
			problems[checkTargets] = append(problems[checkTargets], positioned(hs.name, hs.src, err)...)
			continue
		}
		switch target.Flag {
		case "out", "fuzz", "jsonv2":
			file := map[string]string{"out": "hostile_gen.go", "fuzz": "hostile_fuzz_test.go", "jsonv2": "hostile_jsonv2_gen.go"}[target.Flag]
			if target.Constraint == "" {
				goFiles[file] = out // type-checked together below; the others need a newer standard library
			}
			problems[checkGo] = append(problems[checkGo], checkGoFile(hs.spec, file, opts.Go.Package, target.Constraint, out)...)
		case "jsonschema":
			var doc struct{ Enum []string }
			if err := json.Unmarshal(out, &doc); err != nil || !slices.Equal(doc.Enum, names(hs.spec)) {
				problems[checkTargets] = append(problems[checkTargets], fmt.Sprintf("JSON Schema does not round-trip the names: %v, %q", err, doc.Enum))
			}
		}
	}
	if len(goFiles) == 2 && len(problems[checkGo]) == 0 {
		if err := typeCheckTogether(goFiles); err != nil {
			problems[checkGo] = append(problems[checkGo], "the enum and its fuzz file do not type-check together: "+err.Error())
		}
	}
	return outcome, problems
}

// typeCheckTogether type-checks a package of the given files, with the
// configuration checkDeclarations uses.
func typeCheckTogether(files map[string][]byte) error {
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := goparser.ParseFile(fset, name, files[name], 0)
		if err != nil {
			return err
		}
		parsed = append(parsed, f)
	}
	hostileCheckMu.Lock()
	defer hostileCheckMu.Unlock()
	checkOnce.Do(func() {
		checkConf = types.Config{Importer: importer.ForCompiler(token.NewFileSet(), "source", nil)}
	})
	_, err := checkConf.Check("hostile", fset, parsed, nil)
	return err
}

// outcomeLines keeps outcomes.txt one entry per line whatever an error
// holds: a line with anything but printable text is quoted.
func outcomeLines(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if !utf8.ValidString(line) || strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			line = "(quoted) " + strconv.Quote(line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// errorLine is a positioned error as the statusgen command prints it.
var errorLine = regexp.MustCompile(`^([^:]+):(\d+):(\d+): (.+)$`)

// positioned returns a problem for every line of err that is not
// "file:line:col: message" with a line and column inside src.
func positioned(name string, src []byte, err error) []string {
	lines := specLines(src)
	var problems []string
	for _, line := range strings.Split(err.Error(), "\n") {
		m := errorLine.FindStringSubmatch(line)
		if m == nil || m[1] != name {
			problems = append(problems, fmt.Sprintf("not positioned as %s:line:col: message: %q", name, line))
			continue
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		if l < 1 || l > len(lines) || c < 1 || c > utf8.RuneCount(lines[l-1])+1 {
			problems = append(problems, fmt.Sprintf("position %d:%d is outside the file: %q", l, c, line))
		}
	}
	return problems
}

// specLines splits src at YAML's line breaks (LF, CRLF and a lone CR).
func specLines(src []byte) [][]byte {
	var lines [][]byte
	for {
		i := bytes.IndexAny(src, "\r\n")
		if i < 0 {
			return append(lines, src)
		}
		lines = append(lines, src[:i])
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			i++
		}
		src = src[i+1:]
	}
}

var hostileCheckMu sync.Mutex // the source importer behind checkDeclarations is not safe for concurrent use

// checkGoFile checks one generated Go file: gofmt-stable, in the build
// with no constraint but its target's (want, "" for none) under any
// configuration that satisfies it, of the expected package, and, for the
// enum, type-checked with exactly the declarations the spec calls for.
func checkGoFile(spec *gen.Spec, file, pkg, want string, code []byte) []string {
	var problems []string
	if formatted, err := format.Source(code); err != nil || !bytes.Equal(formatted, code) {
		problems = append(problems, fmt.Sprintf("%s is not gofmt-stable (%v)", file, err))
	}
	ctxt := build.Default
	if want != "" {
		expr, err := constraint.Parse("//go:build " + want)
		if err != nil {
			return append(problems, fmt.Sprintf("target constraint %q: %v", want, err))
		}
		expr.Eval(func(tag string) bool { // every tag it names, set
			ctxt.ToolTags = append(slices.Clone(ctxt.ToolTags), tag)
			return true
		})
	}
	ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(code)), nil }
	if ok, err := ctxt.MatchFile(".", file); err != nil || !ok {
		problems = append(problems, fmt.Sprintf("go/build leaves %s out of the build (%v)", file, err))
	}
	for _, line := range strings.Split(string(code), "\n") {
		if strings.HasPrefix(line, "package ") {
			if line != "package "+pkg {
				problems = append(problems, fmt.Sprintf("%s: %q, want package %s", file, line, pkg))
			}
			break
		}
		if line == "//go:build "+want {
			want = "" // once
			continue
		}
		if constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) {
			problems = append(problems, fmt.Sprintf("%s has a build constraint: %q", file, line))
		}
	}
	if want != "" {
		problems = append(problems, fmt.Sprintf("%s lacks its constraint //go:build %s", file, want))
	}
	if file == "hostile_gen.go" {
		ft := &collectT{}
		func() {
			hostileCheckMu.Lock()
			defer hostileCheckMu.Unlock()
			defer func() {
				if r := recover(); r != nil && r != errCollectFatal {
					panic(r)
				}
			}()
			checkDeclarations(ft, spec, code)
		}()
		problems = append(problems, ft.errs...)
	}
	return problems
}

// collectT lets checkDeclarations, the oracle FuzzGenerate uses, report to
// a list instead of failing the test at once, so that a spec's problems are
// reported together, per check. checkDeclarations calls only Helper and Fatalf; any other
// method would reach the nil testing.TB and panic, loudly.
type collectT struct {
	testing.TB
	errs []string
}

var errCollectFatal = new(int)

func (c *collectT) Helper() {}
func (c *collectT) Fatalf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
	panic(errCollectFatal)
}
