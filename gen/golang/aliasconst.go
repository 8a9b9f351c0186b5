package golang

import "fmt"

// This file prints the constants that aliases declare with go_name: a
// value's constant under its old name, deprecated, so that code written
// before a rename keeps compiling and keeps meaning the same value
// (PipelineManual = PipelineBlocked, whose String() is "blocked": the
// constant is the value, never a second value with the old name).

// genAliasConstants prints one constant per alias with a go_name, after
// the values' constants.
func (g *goFile) genAliasConstants() {
	var consts []aliasModel
	for a := range g.m.aliases() {
		if a.Const != "" {
			consts = append(consts, a)
		}
	}
	if len(consts) == 0 {
		return
	}
	g.P("// Constants that aliases keep for code written before a rename: each is")
	g.P("// its value's constant under the old name.")
	g.P("const (")
	for _, a := range consts {
		g.prose(fmt.Sprintf("%s is %s, kept for its alias %q, which decoders accept; encoders write %q.", a.Const, a.GoName, a.Name, a.Value))
		g.P("//")
		g.doc("Deprecated: use " + a.GoName + ".")
		g.P(a.Const, " = ", a.GoName)
	}
	g.P(")")
	g.P()
}
