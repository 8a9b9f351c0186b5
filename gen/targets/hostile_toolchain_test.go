package targets

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"

	"github.com/taskstatus/taskstatus/internal/gocmd"
)

var toolchain = flag.Bool("toolchain", false, "TestHostileToolchain: build, vet and test every accepted hostile spec's Go outputs (make hostile)")

// TestHostileToolchain puts every accepted hostile spec into one temporary
// module, a package each: the generated enum, the generated fuzz targets and
// a generated round-trip test that decodes every wire name through every
// decoder and encodes it back. Then it runs go vet ./... and go test ./...
// once each, and reports per spec. Linking a test binary per spec takes
// longer than go test ./... should, so it runs under make hostile (part of
// make test) or with -toolchain.
func TestHostileToolchain(t *testing.T) {
	if !*toolchain {
		t.Skip("run with -toolchain, or make hostile")
	}
	dir := t.TempDir()
	write := func(path string, data []byte) {
		t.Helper()
		path = filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module example.com/hostile\n\ngo 1.24\n"))
	pkgSpec := map[string]string{} // package folder -> spec file name
	for _, hs := range hostileSpecs(t) {
		if hs.err != nil || hs.goErr != nil {
			continue // nothing to build
		}
		folder := hostileFolder(hs.name)
		pkgSpec[folder] = hs.name
		opts := Options{Go: golang.Options{Package: hostilePackage(hs.spec)}}
		e := mustBuild(t, hs.spec)
		for file, target := range map[string]*Target{"enum_gen.go": Lookup("out"), "enum_fuzz_test.go": Lookup("fuzz")} {
			code, err := target.Generate(e, opts)
			if err != nil {
				t.Fatalf("%s: %v", hs.name, err) // TestHostileCorpus pins this; nothing to build
			}
			write(filepath.Join(folder, file), code)
		}
		write(filepath.Join(folder, "roundtrip_test.go"), roundTripTest(hs.spec, opts.Go.Package))
		if opts.Go.Package == "main" {
			// A command's generated enum lives beside its main function.
			write(filepath.Join(folder, "main.go"), []byte("package main\n\nfunc main() {}\n"))
		}
	}

	failures := map[string][]string{} // spec -> what failed
	vet, vetErr := gocmd.Run(dir, true, "vet", "./...")
	if vetErr != nil {
		attribute(t, vet, pkgSpec, failures)
	}
	test, _ := gocmd.Run(dir, true, "test", "-count=1", "-json", "./...")
	passed := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(test))
	sc.Buffer(nil, 1<<20)
	var output = map[string][]string{}
	for sc.Scan() {
		var ev struct{ Action, Package, Test, Output, ImportPath string }
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			attribute(t, sc.Text(), pkgSpec, failures) // build errors, printed as text
			continue
		}
		folder := strings.TrimPrefix(ev.Package+ev.ImportPath, "example.com/hostile/")
		folder, _, _ = strings.Cut(folder, " ") // "p [p.test]"
		switch {
		case ev.Action == "output" || ev.Action == "build-output":
			output[folder] = append(output[folder], strings.TrimRight(ev.Output, "\n"))
		case ev.Test == "" && ev.Action == "pass":
			passed[folder] = true
		}
	}
	for folder, spec := range pkgSpec {
		if !passed[folder] {
			failures[spec] = append(failures[spec], "go test:\n"+strings.Join(output[folder], "\n"))
		}
	}
	for _, name := range slices.Sorted(maps.Values(pkgSpec)) {
		if len(failures[name]) > 0 {
			t.Errorf("%s: go-e2e:\n%s", name, strings.Join(failures[name], "\n"))
		}
	}
}

// hostileFolder is the package folder of a corpus spec in the module.
func hostileFolder(spec string) string {
	return "p_" + regexp.MustCompile(`[^a-z0-9_]`).ReplaceAllString(strings.TrimSuffix(spec, ".yaml"), "_")
}

var specFolder = regexp.MustCompile(`\bp_[a-z0-9_]+\b`)

// attribute files each line of the go command's output under the spec whose
// package folder it names; a line naming none fails the test.
func attribute(t *testing.T, out string, pkgSpec map[string]string, failures map[string][]string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		folder := specFolder.FindString(line)
		spec, ok := pkgSpec[folder]
		if !ok {
			t.Errorf("go command output names no spec: %s", line)
			continue
		}
		failures[spec] = append(failures[spec], line)
	}
}

// roundTripTest is a test file for the package of spec's enum that takes
// every wire name through every decoder and encoder and checks the
// metadata against the spec. It is written against the spec, not the
// generated code, so a generator that drops or mangles a value fails it.
func roundTripTest(spec *gen.Spec, pkg string) []byte {
	typ := spec.Type
	e, err := gen.Build(spec)
	if err != nil {
		panic(err) // the corpus harness builds only specs Parse accepted
	}
	q := strconv.Quote
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("// Code generated by TestHostileToolchain.\n")
	p("package %s\n", pkg)
	p("import (\n\trtbytes %q\n\trtjson %q\n\trttesting %q\n)\n", "bytes", "encoding/json", "testing")
	p("func TestHostileRoundTrip(t *rttesting.T) {")
	p("\tconsts := []%s{", typ)
	for i := range e.Values {
		name, _ := golang.ConstName(e, &e.Values[i])
		p("\t\t%s,", name)
	}
	p("\t}")
	p("\twant := []struct {\n\t\tname, swapped, description, category string\n\t\tterminal, poll bool\n\t}{")
	for _, v := range spec.Values {
		p("\t\t{%s, %s, %s, %s, %t, %t},", q(v.Name), q(swapASCIICase(v.Name)), q(v.Description), q(v.Category), v.Terminal, v.Poll)
	}
	p("\t}")
	p("\tif got := %s(); len(got) != len(want) || len(consts) != len(want) {", typ+"Values")
	p("\t\tt.Fatalf(\"%s() has %%d values, want %%d\", len(got), len(want))", typ+"Values")
	p("\t}")
	p("\tvar zero %s", typ)
	p("\tif zero.IsValid() {\n\t\tt.Error(\"the zero value is valid\")\n\t}")
	p("\tfor i, w := range want {")
	p("\t\tv := consts[i]")
	p("\t\tcheck := func(ok bool, what string, got ...any) {")
	p("\t\t\tt.Helper()")
	p("\t\t\tif !ok {\n\t\t\t\tt.Errorf(\"%%q: %%s: got %%v\", w.name, what, got)\n\t\t\t}")
	p("\t\t}")
	p("\t\tcheck(v == %s()[i] && v.IsValid(), \"constant, Values order, IsValid\", v)", typ+"Values")
	p("\t\tcheck(%s()[i] == w.name, \"Names\", %s()[i])", typ+"Names", typ+"Names")
	p("\t\tcheck(v.String() == w.name, \"String\", v.String())")
	p("\t\tcheck(v.Description() == w.description, \"Description\", v.Description())")
	p("\t\tcheck(v.IsTerminal() == w.terminal && v.ShouldPoll() == w.poll, \"IsTerminal, ShouldPoll\", v.IsTerminal(), v.ShouldPoll())")
	if len(spec.Categories) > 0 {
		p("\t\tcheck(v.Category().IsValid() && v.Category().String() == w.category, \"Category\", v.Category())")
	}
	p("\t\tparsed, err := %s(w.name)", "Parse"+typ)
	p("\t\tcheck(err == nil && parsed == v, \"%s\", parsed, err)", "Parse"+typ)
	p("\t\tfolded, err := %s(w.swapped)", "Parse"+typ+"Fold")
	p("\t\tcheck(err == nil && folded == v, \"%s of the ASCII case swap\", folded, err)", "Parse"+typ+"Fold")
	p("\t\ttext, err := v.MarshalText()")
	p("\t\tcheck(err == nil && string(text) == w.name, \"MarshalText\", text, err)")
	p("\t\tappended, err := v.AppendText([]byte(\"x\"))")
	p("\t\tcheck(err == nil && string(appended) == \"x\"+w.name, \"AppendText\", appended, err)")
	p("\t\tvar fromText %s", typ)
	p("\t\terr = fromText.UnmarshalText([]byte(w.name))")
	p("\t\tcheck(err == nil && fromText == v, \"UnmarshalText\", fromText, err)")
	p("\t\tdata, err := rtjson.Marshal(v)")
	p("\t\twantJSON, _ := rtjson.Marshal(w.name)")
	p("\t\tcheck(err == nil && rtbytes.Equal(data, wantJSON), \"json.Marshal\", string(data), err)")
	p("\t\tvar fromJSON %s", typ)
	p("\t\terr = rtjson.Unmarshal(data, &fromJSON)")
	p("\t\tcheck(err == nil && fromJSON == v, \"json.Unmarshal\", fromJSON, err)")
	p("\t\tescaped := []byte(`\"`)")
	p("\t\tfor _, r := range w.name {\n\t\t\tescaped = append(escaped, []byte(rtjsonEscape(r))...)\n\t\t}")
	p("\t\tescaped = append(escaped, '\"')")
	p("\t\tvar fromEscaped %s", typ)
	p("\t\terr = rtjson.Unmarshal(escaped, &fromEscaped)")
	p("\t\tcheck(err == nil && fromEscaped == v, \"json.Unmarshal of \"+string(escaped), fromEscaped, err)")
	p("\t\tdv, err := v.Value()")
	p("\t\tcheck(err == nil && dv == any(w.name), \"Value\", dv, err)")
	p("\t\tvar fromString, fromBytes %s", typ)
	p("\t\terr = fromString.Scan(w.name)")
	p("\t\tcheck(err == nil && fromString == v, \"Scan(string)\", fromString, err)")
	p("\t\terr = fromBytes.Scan([]byte(w.name))")
	p("\t\tcheck(err == nil && fromBytes == v, \"Scan([]byte)\", fromBytes, err)")
	p("\t}")
	p("}\n")
	p("// rtjsonEscape writes r as \\uXXXX (a surrogate pair above the BMP), as")
	p("// JSON from other encoders may.")
	p("func rtjsonEscape(r rune) string {")
	p("\tif r < 0x10000 {\n\t\treturn fmtU(r)\n\t}")
	p("\tr -= 0x10000")
	p("\treturn fmtU(0xd800+(r>>10)) + fmtU(0xdc00+(r&0x3ff))")
	p("}\n")
	p("func fmtU(r rune) string {")
	p("\tconst hex = \"0123456789abcdef\"")
	p("\treturn string([]byte{'\\\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15]})")
	p("}")
	return []byte(b.String())
}

// swapASCIICase swaps the case of the ASCII letters in s, which the Fold
// parser must ignore.
func swapASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}
