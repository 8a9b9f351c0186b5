package golang

import (
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// JSONv2Constraint is the build constraint of the file GenerateJSONv2
// writes: the builds whose standard library has encoding/json/jsontext,
// which is the jsonv2 experiment, on by default from Go 1.27 and opt-in on
// Go 1.26. It is not "go1.27 || goexperiment.jsonv2": Go 1.27 with
// GOEXPERIMENT=nojsonv2 has no jsontext, and the package would not build.
// The rest of the package builds without the file, on any Go the module
// supports.
//
// The constraint implies no Go version, so it leaves the file at the
// module's language version, where vet's stdversion check would refuse
// jsontext on Go 1.27; vet exempts generated files from that check, and
// the compiler does not make it.
const JSONv2Constraint = "goexperiment.jsonv2"

// GenerateJSONv2 returns a Go file, to sit beside the file Generate writes,
// that gives the enum the encoding/json/v2 methods MarshalJSONTo and
// UnmarshalJSONFrom. encoding/json/v2, and encoding/json itself from Go
// 1.27 (it runs on v2), prefer them to MarshalJSON and UnmarshalJSON: they
// write and read through the jsontext stream with no intermediate slice.
// Their contract is exactly that of MarshalJSON and UnmarshalJSON.
func GenerateJSONv2(e *gen.Enum, opts Options) ([]byte, error) {
	pkg, err := packageName(e, opts)
	if err != nil {
		return nil, err
	}
	// The file names only the type and its package: no value's model.
	g := &goFile{m: &model{Package: pkg, Names: namesFor(e.Type), Receiver: receiverName(e.Type)}}
	if e.Open {
		g.genOpenJSONv2()
		return g.bytes(), nil
	}
	g.genJSONv2()
	return g.bytes(), nil
}

func (g *goFile) genJSONv2() {
	m, r := g.m, g.m.Receiver
	ptr := g.ptrMethod()
	g.P(printer.GoHeader)
	g.P()
	g.P("//go:build ", JSONv2Constraint)
	g.P()
	g.P("package ", m.Package)
	g.P()
	g.P("// MarshalJSONTo implements json.MarshalerTo of encoding/json/v2, which")
	g.P("// encoding/json prefers from Go 1.27: as MarshalJSON, it writes the wire name")
	g.P("// as a JSON string, null when ", r, " is unset, and nothing but an error for a")
	g.P("// value that is not valid. An unset map key is written \"\", as encoding/json")
	g.P("// writes it through MarshalText, since an object's names are strings.")
	g.genEncoder("MarshalJSONTo(enc *jsontext.Encoder) error", "",
		[]string{"return enc.WriteToken(jsontext.String(" + r + ".String()))"},
		[]string{
			"if kind, n := enc.StackIndex(enc.StackDepth()); kind == '{' && n%2 == 0 {",
			`return enc.WriteToken(jsontext.String("")) // the name of an object member`,
			"}",
			"return enc.WriteToken(jsontext.Null)",
		})
	g.P("// UnmarshalJSONFrom implements json.UnmarshalerFrom of encoding/json/v2, which")
	g.P("// encoding/json prefers from Go 1.27. It reads one JSON value, which the")
	g.P("// decoder has checked and hands over without copying it, and decodes it as")
	g.P("// UnmarshalJSON does, so the two can never disagree: null leaves ", r, " as it")
	g.P("// was, \"\" is unset, a name this build does not know is the fallback where the")
	g.P("// spec has one, and anything else is an error that leaves ", r, " as it was.")
	g.P(ptr, "UnmarshalJSONFrom(dec *jsontext.Decoder) error {")
	g.P("value, err := dec.ReadValue()")
	g.P("if err != nil {")
	g.P("return err")
	g.P("}")
	g.P("return ", r, ".UnmarshalJSON(value)")
	g.P("}")
}
