package golang

import (
	"strconv"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
)

// This file prints what the evolving keys of a spec add to the Go enum:
// aliases in the constants' docs, deprecation paragraphs (which staticcheck's
// SA1019 reads), IsDeprecated, and the position tables that let declared
// numbers leave gaps while every table stays dense.

// info returns the expression of r's entry in the value table.
func (g *goFile) info(r string) string { return g.table(g.m.Names.Info, r) }

// table returns the expression of r's entry in the table name: indexed by value, or through the position table when
// the numbers leave gaps.
func (g *goFile) table(name, r string) string {
	if g.m.Gapped {
		return name + "[" + g.m.Names.Position + "[" + r + "]]"
	}
	return name + "[" + r + "]"
}

// key is the key of the i-th value (in spec order) in a table: its
// constant, or its 1-based position when the numbers leave gaps (the
// value table then names the constant in a comment).
func (g *goFile) key(i int, v valueModel) string {
	if g.m.Gapped {
		return strconv.Itoa(i + 1)
	}
	return v.GoName
}

// genAliasesAndDeprecation prints the end of a constant's doc comment: the
// names the decoders also accept, and a Deprecated: paragraph.
func (g *goFile) genAliasesAndDeprecation(v valueModel) {
	if len(v.Aliases) > 1 {
		g.P("//")
		b := append(g.buf[:0], "Decoders also accept "...)
		for i, a := range v.Aliases[1:] {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendQuote(b, a)
		}
		b = append(b, " for "...)
		b = append(b, v.GoName...)
		b = append(b, "; encoders write "...)
		b = strconv.AppendQuote(b, v.Name)
		b = append(b, '.')
		g.buf = b
		g.prose(string(b))
	}
	if v.Deprecated != "" {
		g.P("//")
		g.doc("Deprecated: " + v.Deprecated)
	}
}

// genPositionTables prints, when the spec's numbers leave gaps, the table
// from value to position (0 for a number no value has) that IsValid and
// every table lookup go through, and the values in spec order. Tables
// indexed by position stay as long as the spec, whatever the numbers.
func (g *goFile) genPositionTables() {
	m, n := g.m, g.m.Names
	if !m.Gapped {
		return
	}
	g.P("// ", n.Position, " holds the 1-based spec position of each ", n.Type, ", indexed by")
	g.P("// value; 0 for a number no value has. It makes IsValid one comparison and")
	g.P("// one load, whatever gaps the spec's numbers leave.")
	g.P("var ", n.Position, " = [", m.MaxNumber+1, "]uint16{")
	for i, v := range m.Values {
		g.P(v.GoName, ": ", i+1, ",")
	}
	g.P("}")
	g.P()
	g.P("// ", n.Order, " holds the values in spec order.")
	g.P("var ", n.Order, " = [...]", n.Type, "{")
	for _, v := range m.Values {
		g.P(v.GoName, ",")
	}
	g.P("}")
	g.P()
}

// genIsDeprecated prints IsDeprecated for a spec that deprecates some
// value; for one that deprecates none it would always report false.
func (g *goFile) genIsDeprecated() {
	m, r := g.m, g.m.Receiver
	if !m.HasDeprecated {
		return
	}
	g.P("// IsDeprecated reports whether the spec deprecates ", r, "; its constant's doc says why.")
	g.P(g.method(), "IsDeprecated() bool { return ", r, ".IsValid() && ", g.info(r), ".deprecated }")
	g.P()
}

// genAliasSwitch prints, for a spec with aliases, a second switch that a
// lookup reaches only when no wire name matched. Aliases in the first
// switch would put more cases of one length there, which the compiler
// searches in more steps, and a wire name, the common input, would pay for
// them (BenchmarkAliasParse): here it pays nothing.
func (g *goFile) genAliasSwitch(expr string, fold bool) {
	if g.m.AliasCount == 0 {
		return
	}
	if fold {
		g.P("// Not a wire name: an alias, or nothing.")
	}
	g.P("switch string(", expr, ") {")
	for _, v := range g.m.Values {
		if len(v.Aliases) > 1 {
			g.P("case ", quoteAll(v.Aliases[1:], fold), ":")
			g.P("return ", v.GoName)
		}
	}
	g.P("}")
}

// genAliasLookup prints lookupTAlias, which lookupT calls when no wire
// name matched: a function of its own, so that lookupT stays as small as
// without aliases and the compiler still inlines ParseT and the decoders
// that call it; a wire name, the common input, pays nothing for aliases.
func (g *goFile) genAliasLookup() {
	m, n := g.m, g.m.Names
	if m.AliasCount == 0 {
		return
	}
	g.P("// ", n.LookupAlias, " returns the ", n.Type, " that has alias s, or 0 when there is none.")
	g.P("func ", n.LookupAlias, "[chars string | []byte](s chars) ", n.Type, " {")
	g.genAliasSwitch("s", false)
	g.P("return 0")
	g.P("}")
	g.P()
}

// quoteAll returns names as a case list of Go string literals, lower-cased
// (FoldASCII) when fold is set.
func quoteAll(names []string, fold bool) string {
	quoted := make([]string, len(names))
	for i, name := range names {
		if fold {
			name = gen.FoldASCII(name)
		}
		quoted[i] = strconv.Quote(name)
	}
	return strings.Join(quoted, ", ")
}
