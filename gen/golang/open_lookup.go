package golang

import (
	"fmt"
	"strconv"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// This file prints the lookups, the -jsonv2 file and the fuzz targets of an
// open spec (see open.go).

// genOpenLookup prints lookupT and lookupTFold, which return the 1-based
// position of the value a name (or alias) names, or 0: switch statements
// up to switchMax values, maps past that.
func (g *goFile) genOpenLookup(e *gen.Enum, hash bool) {
	n := g.m.Names
	position := make(map[*gen.EnumValue]int, len(e.Values))
	for i := range e.Values {
		position[&e.Values[i]] = i + 1
	}
	if hash {
		index, fold := n.Index, n.FoldIndex
		g.P("// ", index, " maps every name the spec lists, aliases included, to its value's")
		g.P("// position in the spec.")
		g.P("var ", index, " = map[string]uint16{")
		for _, l := range e.Lookup {
			g.P(strconv.Quote(l.Name), ": ", position[l.Value], ",")
		}
		g.P("}")
		g.P()
		g.P("// ", fold, " is ", index, " with the names' ASCII letters in lower case.")
		g.P("var ", fold, " = map[string]uint16{")
		for _, l := range e.Lookup {
			g.P(strconv.Quote(gen.FoldASCII(l.Name)), ": ", position[l.Value], ",")
		}
		g.P("}")
		g.P()
		g.P("// ", n.Lookup, " returns the position of the value named s, or 0 when there is none.")
		g.P("func ", n.Lookup, "(s string) int { return int(", index, "[s]) }")
		g.P()
		g.P("// ", n.LookupFold, " is ", n.Lookup, " ignoring the case of ASCII letters.")
		g.P("func ", n.LookupFold, "(s string) int {")
		g.P("lower := []byte(s)")
		g.P("for i, c := range lower {")
		g.P("if 'A' <= c && c <= 'Z' {")
		g.P("lower[i] = c + 'a' - 'A'")
		g.P("}")
		g.P("}")
		g.P("return int(", fold, "[string(lower)])")
		g.P("}")
		return
	}
	g.P("// ", n.Lookup, " returns the position in the spec of the value named s,")
	g.P("// or 0 when there is none.")
	g.P("func ", n.Lookup, "(s string) int {")
	g.P("switch s {")
	for _, l := range e.Lookup {
		g.P("case ", strconv.Quote(l.Name), ":")
		g.P("return ", position[l.Value])
	}
	g.P("}")
	g.P("return 0")
	g.P("}")
	g.P()
	g.genFoldLookup("int", func() {
		g.P("switch string(lower[:len(s)]) {")
		for _, l := range e.Lookup {
			g.P("case ", strconv.Quote(gen.FoldASCII(l.Name)), ":")
			g.P("return ", position[l.Value])
		}
		g.P("}")
		g.P("return 0")
	})
}

// genOpenJSONv2 prints the -jsonv2 file of an open spec: a string needs no
// encoding/json/v2 method, so the file declares nothing, and a
// //go:generate line that writes it keeps working when a spec opens.
func (g *goFile) genOpenJSONv2() {
	g.P(printer.GoHeader)
	g.P()
	g.P("//go:build ", JSONv2Constraint)
	g.P()
	g.P("package ", g.m.Package)
	g.P()
	g.prose(fmt.Sprintf("%s is open: a string type, which encoding/json/v2 reads and writes as the string it is, without methods. This file declares nothing.", g.m.Names.Type))
}

// genOpenFuzz prints the fuzz targets of an open spec. Each checks one
// entry point against an oracle that shares none of its code: the parsers
// accept exactly the names the spec lists (a scan of TValues and the
// aliases), and Scan and encoding/json keep any input as a string would.
func (g *goFile) genOpenFuzz(e *gen.Enum) {
	m, n := g.m, g.m.Names
	t := n.Type
	seeds, named, aliases := n.FuzzSeeds, n.FuzzNamed, n.FuzzAliases
	g.genHeader()
	if m.AliasCount > 0 {
		g.P("// ", aliases, " maps each alias to its value, as the spec lists them.")
		g.P("var ", aliases, " = map[string]", t, "{")
		for a := range m.aliases() {
			g.P(strconv.Quote(a.Name), ": ", a.GoName, ",")
		}
		g.P("}")
		g.P()
	}
	g.P("// ", seeds, " adds every name the spec lists, a case variant of each, and")
	g.P("// names it does not list.")
	g.P("func ", seeds, "(f *testing.F) {")
	g.P("for _, name := range ", n.Names, "() {")
	g.P("f.Add(name)")
	g.P("f.Add(strings.ToUpper(name))")
	g.P("}")
	if m.AliasCount > 0 {
		g.P("for alias := range ", aliases, " {")
		g.P("f.Add(alias)")
		g.P("}")
	}
	g.P(`f.Add("")`)
	g.P(`f.Add("a name no spec lists")`)
	g.P(`f.Add("\xff")`)
	g.P("}")
	g.P()
	g.P("// ", named, " returns the value s names, comparing with fold when it is set:")
	g.P("// a scan of the values and the aliases, sharing no code with the lookups.")
	g.P("func ", named, "(s string, fold bool) (", t, ", bool) {")
	g.P("// Only ASCII letters fold.")
	g.P("lower := func(r rune) rune {")
	g.P("if 'A' <= r && r <= 'Z' {")
	g.P("return r + 'a' - 'A'")
	g.P("}")
	g.P("return r")
	g.P("}")
	g.P("same := func(a, b string) bool {")
	g.P("if !fold {")
	g.P("return a == b")
	g.P("}")
	g.P("return len(a) == len(b) && strings.Map(lower, a) == strings.Map(lower, b)")
	g.P("}")
	g.P("for _, v := range ", n.Values, "() {")
	g.P("if same(string(v), s) {")
	g.P("return v, true")
	g.P("}")
	g.P("}")
	if m.AliasCount > 0 {
		g.P("for alias, v := range ", aliases, " {")
		g.P("if same(alias, s) {")
		g.P("return v, true")
		g.P("}")
		g.P("}")
	}
	g.P(`return "", false`)
	g.P("}")
	g.P()
	for _, fold := range []bool{false, true} {
		parse, target := n.Parse, n.FuzzParse
		if fold {
			parse, target = n.ParseFold, n.FuzzParseFold
		}
		g.P("// ", target, " checks that ", parse, " accepts exactly the names the spec lists.")
		g.P("func ", target, "(f *testing.F) {")
		g.P(seeds, "(f)")
		g.P("f.Fuzz(func(t *testing.T, s string) {")
		g.P("v, err := ", parse, "(s)")
		g.P("want, ok := ", named, "(s, ", fold, ")")
		g.P("if ok != (err == nil) || v != want {")
		g.P(`t.Fatalf("`, parse, `(%q) = %q, %v; want %q (listed: %v)", s, v, err, want, ok)`)
		g.P("}")
		g.P("if err != nil && !strings.Contains(err.Error(), ", strconv.Quote(t), ") {")
		g.P(`t.Fatalf("error %q does not name the type", err)`)
		g.P("}")
		g.P("})")
		g.P("}")
		g.P()
	}
	g.P("// ", n.FuzzScan, " checks that Scan keeps any string and any []byte as it is.")
	g.P("func ", n.FuzzScan, "(f *testing.F) {")
	g.P(seeds, "(f)")
	g.P("f.Fuzz(func(t *testing.T, s string) {")
	g.P("var v, w ", t)
	g.P("if err := v.Scan(s); err != nil || string(v) != s {")
	g.P(`t.Fatalf("Scan(%q) = %q, %v", s, v, err)`)
	g.P("}")
	g.P("if err := w.Scan([]byte(s)); err != nil || w != v {")
	g.P(`t.Fatalf("Scan([]byte(%q)) = %q, %v", s, w, err)`)
	g.P("}")
	g.P("})")
	g.P("}")
	g.P()
	g.P("// ", n.FuzzUnmarshalJSON, " checks that encoding/json decodes any input into a")
	g.P("// ", t, " exactly as into a string, and writes it back as a string.")
	g.P("func ", n.FuzzUnmarshalJSON, "(f *testing.F) {")
	g.P(seeds, "(f)")
	g.P("f.Fuzz(func(t *testing.T, s string) {")
	g.P("var v ", t)
	g.P("var str string")
	g.P("err, strErr := json.Unmarshal([]byte(s), &v), json.Unmarshal([]byte(s), &str)")
	g.P("if (err == nil) != (strErr == nil) || string(v) != str {")
	g.P(`t.Fatalf("Unmarshal(%q) = %q, %v; a string gets %q, %v", s, v, err, str, strErr)`)
	g.P("}")
	g.P("out, err := json.Marshal(v)")
	g.P("strOut, _ := json.Marshal(str)")
	g.P("if err != nil || string(out) != string(strOut) {")
	g.P(`t.Fatalf("Marshal(%q) = %s, %v; a string gives %s", v, out, err, strOut)`)
	g.P("}")
	g.P("})")
	g.P("}")
}
