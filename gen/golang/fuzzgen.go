package golang

import (
	"fmt"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// GenerateFuzz returns a Go test file of fuzz targets for the enum that spec
// describes, to sit beside the file Generate writes, in the same package.
// Each target feeds one decoder arbitrary input and checks it against an
// oracle that shares none of the decoder's code (a scan of the names, and
// encoding/json): no panic; exactly the wire names are accepted; the
// fallback, where the spec has one, applies in JSON and SQL only, and text
// and binary decoding are strict; what is accepted re-encodes to its wire
// name; errors name the input; a failed decode leaves the destination
// untouched.
func GenerateFuzz(e *gen.Enum, opts Options) ([]byte, error) {
	pkg, err := packageName(e, opts)
	if err != nil {
		return nil, err
	}
	g := &goFile{m: newModel(e, pkg, false, false)}
	n := 16 << 10 // the targets, and a row per alias
	for a := range g.m.aliases() {
		n += len(a.Name) + len(a.GoName) + len("\t{\"\", },\n")
	}
	g.l.out = make([]byte, 0, n)
	if e.Open {
		g.genOpenFuzz(e)
		return g.bytes(), nil
	}
	g.genFuzz()
	return g.bytes(), nil
}

func (g *goFile) genFuzz() {
	// before is the destination's value before each decode: the last
	// value, so that a decode that wrongly leaves it alone is caught.
	before := g.m.Values[len(g.m.Values)-1].GoName
	g.genFuzzHeader()
	g.genFuzzAliases()
	g.genFuzzSeeds()
	g.genFuzzOracle()
	g.genFuzzParse()
	g.genFuzzText(before)
	g.genFuzzSQL(before)
	g.genFuzzJSON(before)
}

// genFuzzHeader prints the package clause, the imports, the file's comment
// and the fallback the JSON and SQL oracles expect.
func (g *goFile) genFuzzHeader() {
	m, n := g.m, g.m.Names
	t := n.Type
	fallback := "0"
	if m.Fallback != "" {
		fallback = m.Fallback
	}
	g.P(printer.GoHeader)
	g.P()
	g.P("package ", m.Package)
	g.P()
	g.prose(fmt.Sprintf("These are the fuzz targets statusgen generates for %s. Each feeds one "+
		"decoder arbitrary input and checks it against an oracle that shares none of the decoder's "+
		"code: no panic; exactly the wire names are accepted (an unrecognised string decodes to the "+
		"fallback where the spec has one, in JSON and SQL only: text and binary are strict); what is accepted re-encodes to its wire name; errors name "+
		"the input; a failed decode leaves the destination untouched. Run one with", t))
	g.P("//")
	g.P("//\tgo test -run '^$' -fuzz '^", n.FuzzParse, "$' -fuzztime 30s")
	g.P()
	g.P("// ", n.FuzzFallback, " is what an unrecognised string decodes to in JSON and SQL;")
	g.P("// 0 for an error.")
	g.P("const ", n.FuzzFallback, " ", t, " = ", fallback)
	g.P()
}

// genFuzzSeeds prints the seed corpus every target shares.
func (g *goFile) genFuzzSeeds() {
	m, n := g.m, g.m.Names
	t := n.Type
	g.P("// ", n.FuzzSeeds, " adds every wire name, its case variants and near misses.")
	g.P("func ", n.FuzzSeeds, "(f *testing.F) {")
	names := n.Names + "()"
	if m.AliasCount > 0 {
		g.P("names := ", n.Names, "()")
		g.P("for _, a := range ", n.FuzzAliases, " {")
		g.P("names = append(names, a.name)")
		g.P("}")
		names = "names"
	}
	g.P("for _, name := range ", names, " {")
	g.P(`for _, seed := range []string{name, strings.ToLower(name), strings.ToUpper(name), name + "x", name[1:], name[:len(name)-1], "\"" + name + "\""} {`)
	g.P("f.Add(seed)")
	g.P("}")
	g.P("// Each non-ASCII character as an invalid byte and as a lone surrogate")
	g.P("// escape, in a JSON string: encoding/json reads both as U+FFFD.")
	g.P("for i, r := range name {")
	g.P("if r >= utf8.RuneSelf {")
	g.P("_, size := utf8.DecodeRuneInString(name[i:])")
	g.P(`f.Add("\"" + name[:i] + "\xff" + name[i+size:] + "\"")`)
	g.P("f.Add(\"\\\"\" + name[:i] + `\\ud800` + name[i+size:] + \"\\\"\")")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P(`for _, seed := range []string{"", " ", "null", "\x00", "\xff", "\"", "\"\"", "\"\\u0041\"", "\"\\ud800\"", "\"\\uFFFD\"", "42", "` + t + `(1)"} {`)
	g.P("f.Add(seed)")
	g.P("}")
	g.P("}")
	g.P()
}

// genFuzzOracle prints the oracle: the scan of the names, what JSON and SQL
// must make of a string, and the check of one decode against it.
func (g *goFile) genFuzzOracle() {
	m, n := g.m, g.m.Names
	t := n.Type
	if m.AliasCount > 0 {
		g.P("// ", n.FuzzNamed, " returns the value whose wire name or alias is in, or 0, by a")
		g.P("// scan of ", n.Names, " and ", n.FuzzAliases, " rather than the lookup under")
		g.P("// test; fold ignores ASCII case.")
	} else {
		g.P("// ", n.FuzzNamed, " returns the value whose wire name is in, or 0, by a scan of")
		g.P("// ", n.Names, " rather than the lookup under test; fold ignores ASCII case.")
	}
	g.P("func ", n.FuzzNamed, "(in string, fold bool) ", t, " {")
	g.P("lower := func(s string) string {")
	g.P("b := []byte(s)")
	g.P("for i, c := range b {")
	g.P("if 'A' <= c && c <= 'Z' {")
	g.P("b[i] = c + 'a' - 'A'")
	g.P("}")
	g.P("}")
	g.P("return string(b)")
	g.P("}")
	g.P("for i, name := range ", n.Names, "() {")
	g.P("if name == in || fold && lower(name) == lower(in) {")
	g.P("return ", n.Values, "()[i]")
	g.P("}")
	g.P("}")
	if m.AliasCount > 0 {
		g.P("for _, a := range ", n.FuzzAliases, " {")
		g.P("if a.name == in || fold && lower(a.name) == lower(in) {")
		g.P("return a.value")
		g.P("}")
		g.P("}")
	}
	g.P("return 0")
	g.P("}")
	g.P()
	g.P("// ", n.FuzzDecoded, " is what the JSON and SQL decoders must make of the string in:")
	g.P("// its value, or the fallback (0, an error, when the spec has none).")
	g.P("func ", n.FuzzDecoded, "(in string) ", t, " {")
	g.P("if v := ", n.FuzzNamed, "(in, false); v != 0 {")
	g.P("return v")
	g.P("}")
	g.P("return ", n.FuzzFallback)
	g.P("}")
	g.P()
	g.P("// ", n.FuzzCheck, " checks one decode of in (as the decoder saw it, after any JSON")
	g.P("// unquoting). want 0 means the decode must fail with an error naming in and")
	g.P("// leave the destination, got, at its value before the call.")
	g.P("func ", n.FuzzCheck, "(t *testing.T, op, in string, before, got ", t, ", err error, want ", t, ") {")
	g.P("t.Helper()")
	g.P("if want == 0 {")
	g.P("var invalid *", n.InvalidError)
	g.P("if !errors.As(err, &invalid) || invalid.Input != in {")
	g.P("t.Fatalf(\"%s(%q) = %v, %v; want an *", n.InvalidError, " naming the input\", op, in, got, err)")
	g.P("}")
	g.P("if got != before {")
	g.P("t.Fatalf(\"%s(%q) failed but changed its destination from %v to %v\", op, in, before, got)")
	g.P("}")
	g.P("return")
	g.P("}")
	g.P("if err != nil || got != want {")
	g.P("t.Fatalf(\"%s(%q) = %v, %v; want %v\", op, in, got, err, want)")
	g.P("}")
	g.P("if text, err := got.MarshalText(); err != nil || string(text) != want.String() {")
	g.P("t.Fatalf(\"%s(%q): %v re-encodes to %q, %v\", op, in, got, text, err)")
	g.P("}")
	g.P("}")
	g.P()
}

// genFuzzParse prints the targets of the parse functions, exact and
// case-folding.
func (g *goFile) genFuzzParse() {
	n := g.m.Names
	for _, fold := range []string{"false", "true"} {
		parse, target := n.Parse, n.FuzzParse
		if fold == "true" {
			parse, target = n.ParseFold, n.FuzzParseFold
		}
		g.P("func ", target, "(f *testing.F) {")
		g.P(n.FuzzSeeds, "(f)")
		g.P("f.Fuzz(func(t *testing.T, in string) {")
		g.P("got, err := ", parse, "(in)")
		g.P(n.FuzzCheck, "(t, \"", parse, "\", in, 0, got, err, ", n.FuzzNamed, "(in, ", fold, "))")
		g.P("})")
		g.P("}")
		g.P()
	}
}

// genFuzzText prints the target of the text and binary decoders, which are
// strict.
func (g *goFile) genFuzzText(before string) {
	n := g.m.Names
	t := g.m.Names.Type
	g.P("// ", n.FuzzUnmarshalText, " decodes as encoding.TextUnmarshaler users (yaml.v3,")
	g.P("// flag and environment decoders) and encoding/gob, through UnmarshalBinary, do:")
	g.P("// empty text is unset, and anything but a wire name is an error.")
	g.P("func ", n.FuzzUnmarshalText, "(f *testing.F) {")
	g.P(n.FuzzSeeds, "(f)")
	g.P("f.Fuzz(func(t *testing.T, in string) {")
	g.P("decoders := map[string]func(*", t, ") error{")
	g.P("\"UnmarshalText\": func(p *", t, ") error { return p.UnmarshalText([]byte(in)) },")
	g.P("\"UnmarshalBinary\": func(p *", t, ") error { return p.UnmarshalBinary([]byte(in)) },")
	g.P("}")
	g.P("for op, decode := range decoders {")
	g.P("got := ", before)
	g.P("err := decode(&got)")
	g.P("if in == \"\" {")
	g.P("if err != nil || got != 0 {")
	g.P("t.Fatalf(\"%s: empty text decoded to %v, %v; want unset\", op, got, err)")
	g.P("}")
	g.P("continue")
	g.P("}")
	g.P(n.FuzzCheck, "(t, op, in, ", before, ", got, err, ", n.FuzzNamed, "(in, false))")
	g.P("}")
	g.P("})")
	g.P("}")
	g.P()
}

// genFuzzSQL prints the target of Scan, where the fallback applies.
func (g *goFile) genFuzzSQL(before string) {
	n := g.m.Names
	g.P("// ", n.FuzzScan, " scans the input as a string and as []byte, as database/sql does.")
	g.P("func ", n.FuzzScan, "(f *testing.F) {")
	g.P(n.FuzzSeeds, "(f)")
	g.P("f.Fuzz(func(t *testing.T, in string) {")
	g.P("want := ", n.FuzzDecoded, "(in)")
	g.P("for _, src := range []any{in, []byte(in)} {")
	g.P("got := ", before)
	g.P("err := got.Scan(src)")
	g.P(n.FuzzCheck, "(t, \"Scan\", in, ", before, ", got, err, want)")
	g.P("}")
	g.P("})")
	g.P("}")
	g.P()
}

// genFuzzJSON prints the target of the JSON decoders, checked against what
// encoding/json makes of the input by itself.
func (g *goFile) genFuzzJSON(before string) {
	n := g.m.Names
	t := g.m.Names.Type
	g.P("// ", n.FuzzUnmarshalJSON, " decodes the input through encoding/json, which")
	g.P("// validates it first, and through UnmarshalJSON directly, which must refuse")
	g.P("// whatever encoding/json refuses. The oracle is what encoding/json makes of")
	g.P("// the input by itself: null leaves the destination untouched, \"\" is unset")
	g.P("// (as empty text), and a string in which encoding/json replaced invalid")
	g.P("// UTF-8 or a lone surrogate escape with U+FFFD names no value (the other")
	g.P("// decoders see those bytes, and no wire name holds them).")
	g.P("func ", n.FuzzUnmarshalJSON, "(f *testing.F) {")
	g.P(n.FuzzSeeds, "(f)")
	g.P("f.Fuzz(func(t *testing.T, in string) {")
	g.P("var decoded any")
	g.P("jsonErr := json.Unmarshal([]byte(in), &decoded)")
	g.P("str, isString := decoded.(string)")
	g.P("want := ", n.FuzzDecoded, "(str)")
	g.P("// Every U+FFFD in str must stand in the input as itself or as an escape;")
	g.P("// escaped backslashes go first, so that each backslash left starts an escape.")
	g.P("unescaped := strings.ReplaceAll(in, `\\\\`, \"\")")
	g.P("spelled := strings.Count(unescaped, \"\\uFFFD\") + strings.Count(strings.ToLower(unescaped), `\\ufffd`)")
	g.P("if isString && (!utf8.ValidString(in) || strings.Count(str, \"\\uFFFD\") != spelled) {")
	g.P("want = ", n.FuzzFallback)
	g.P("}")
	g.P("decoders := map[string]func(*", t, ") error{")
	g.P("\"json.Unmarshal\": func(p *", t, ") error { return json.Unmarshal([]byte(in), p) },")
	g.P("// encoding/json hands UnmarshalJSON the value without surrounding space.")
	g.P("\"UnmarshalJSON\": func(p *", t, ") error { return p.UnmarshalJSON([]byte(strings.Trim(in, \" \\t\\r\\n\"))) },")
	g.P("}")
	g.P("for op, decode := range decoders {")
	g.P("got := ", before)
	g.P("err := decode(&got)")
	g.P("switch {")
	g.P("case jsonErr == nil && decoded == nil:")
	g.P("if err != nil || got != ", before, " {")
	g.P("t.Fatalf(\"%s(%q) = %v, %v; want null to leave the destination untouched\", op, in, got, err)")
	g.P("}")
	g.P("case jsonErr == nil && isString && str == \"\":")
	g.P("if err != nil || got != 0 {")
	g.P("t.Fatalf(\"%s(%q) = %v, %v; want unset, as for empty text\", op, in, got, err)")
	g.P("}")
	g.P("case jsonErr != nil || !isString:")
	g.P("if err == nil || got != ", before, " {")
	g.P("t.Fatalf(\"%s(%q) = %v, %v; want an error and the destination untouched\", op, in, got, err)")
	g.P("}")
	g.P("default:")
	g.P(n.FuzzCheck, "(t, op, str, ", before, ", got, err, want)")
	g.P("}")
	g.P("}")
	g.P("})")
	g.P("}")
}

// genFuzzAliases prints the aliases as the oracle's own table, written out
// from the spec rather than read from the enum file, so that an alias the
// lookups missed, or a name they accept that is no alias, fails the fuzz
// targets.
func (g *goFile) genFuzzAliases() {
	n := g.m.Names
	m, t := g.m, g.m.Names.Type
	if m.AliasCount == 0 {
		return
	}
	g.P("// ", n.FuzzAliases, " holds the spec's aliases: names the decoders accept for a")
	g.P("// value and the encoders never write.")
	g.P("var ", n.FuzzAliases, " = []struct {")
	g.P("name string")
	g.P("value ", t)
	g.P("}{")
	w := g.rows() // a row per alias, in the shape gofmt gives it
	b := *w
	for a := range m.aliases() {
		b = append(b, "\t{"...)
		b = appendQuote(b, a.Name)
		b = append(b, ", "...)
		b = append(b, a.GoName...)
		b = append(b, "},\n"...)
	}
	*w = b
	g.P("}")
	g.P()
}
