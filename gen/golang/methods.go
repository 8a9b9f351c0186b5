package golang

import "strconv"

func (g *goFile) genTables() {
	m, n := g.m, g.m.Names
	g.genPositionTables()
	if m.Gapped {
		g.P("// ", n.Info, " holds what the spec says of each ", n.Type, ", indexed by its")
		g.P("// position (see ", n.Position, "); entry 0 is the unset value.")
	} else {
		g.P("// ", n.Info, " holds what the spec says of each ", n.Type, ", indexed by value;")
		g.P("// entry 0 is the unset value.")
	}
	g.P("var ", n.Info, " = [...]struct {")
	g.P("description string")
	if len(m.Categories) > 0 {
		g.P("category ", n.Category)
	}
	if m.HasDeprecated {
		g.P("terminal, poll, deprecated bool")
	} else {
		g.P("terminal, poll bool")
	}
	g.P("}{")
	for i, v := range m.Values {
		if m.Gapped {
			g.P("// ", v.GoName)
		}
		if v.Description == "" && v.Category == "" && !v.Terminal && !v.Poll && v.Deprecated == "" {
			g.P(g.key(i, v), ": {},") // every field zero
			continue
		}
		g.P(g.key(i, v), ": {")
		g.infoFields(v)
		g.P("},")
	}
	g.P("}")
	g.P()
	index := "value"
	if m.Gapped {
		index = "position"
	}
	g.P("// ", n.NameTable, " holds the wire name of each ", n.Type, ", indexed by ", index, ";")
	g.P("// entry 0, the unset value, is empty. It is apart from ", n.Info, " so that")
	g.P("// String, the hottest method, reads 16 bytes a value.")
	keys, names := make([]string, len(m.Values)), make([]string, len(m.Values))
	for i, v := range m.Values {
		keys[i], names[i] = g.key(i, v), strconv.Quote(v.Name)
	}
	g.P("var ", n.NameTable, " = [...]string{")
	g.keyedRows(keys, names)
	g.P("}")
	g.P()
	g.P("// ", n.DriverValues, " holds each wire name already boxed as a driver.Value,")
	g.P("// so that Value does not allocate.")
	g.P("var ", n.DriverValues, " = [...]driver.Value{")
	g.keyedRows(keys, names)
	g.P("}")
	g.P()
}

func (g *goFile) genMethods() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	recv := g.method()
	g.P("// ", n.Values, " returns every ", n.Type, " in spec order, in a new slice the caller owns.")
	g.P("func ", n.Values, "() []", n.Type, " {")
	g.P("return slices.Collect(", n.ValuesSeq, "())")
	g.P("}")
	g.P()
	g.P("// ", n.ValuesSeq, " yields every ", n.Type, " in spec order.")
	g.P("func ", n.ValuesSeq, "() iter.Seq[", n.Type, "] {")
	g.P("return func(yield func(", n.Type, ") bool) {")
	if m.Gapped {
		g.P("for _, ", r, " := range ", n.Order, " {")
	} else {
		g.P("for ", r, " := ", m.First, "; ", r, " <= ", m.Last, "; ", r, "++ {")
	}
	g.P("if !yield(", r, ") {")
	g.P("return")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P()
	g.P("// ", n.Names, " returns the wire name of every ", n.Type, " in spec order, in a new slice.")
	g.P("func ", n.Names, "() []string {")
	g.P("names := make([]string, 0, len(", n.Info, ")-1)")
	g.P("for ", r, " := range ", n.ValuesSeq, "() {")
	g.P("names = append(names, ", g.table(n.NameTable, r), ")")
	g.P("}")
	g.P("return names")
	g.P("}")
	g.P()
	g.P("// IsValid reports whether ", r, " is one of the values in the spec; the zero ", n.Type, " is not.")
	if m.Gapped {
		g.P(recv, "IsValid() bool { return int(", r, ") < len(", n.Position, ") && ", n.Position, "[", r, "] != 0 }")
	} else {
		g.P(recv, "IsValid() bool { return ", r, " >= ", m.First, " && ", r, " <= ", m.Last, " }")
	}
	g.P()
	g.P("// IsKnown reports whether ", r, " is one of the values in the spec, as IsValid does:")
	g.P("// a closed ", n.Type, " holds no other name. (An open enum's IsKnown tells the")
	g.P("// names its spec lists from the ones a newer writer added.)")
	g.P(recv, "IsKnown() bool { return ", r, ".IsValid() }")
	g.P()
	g.P("// String returns the wire name of ", r, ", or ", n.Type, "(n) for a value that is not valid.")
	g.P("// It reads a table of names alone (16 bytes a value) and leaves the")
	g.P("// formatting of an invalid value to another function, so that it inlines.")
	g.P(recv, "String() string {")
	g.P("if ", r, ".IsValid() {")
	g.P("return ", g.table(n.NameTable, r))
	g.P("}")
	g.P("return ", r, ".invalidString()")
	g.P("}")
	g.P()
	g.P("// invalidString formats a value that is not valid as ", n.Type, "(n). It builds the")
	g.P("// string in a buffer of the right size, one allocation; that is too much for")
	g.P("// the compiler to inline it into String, which stays small enough to inline.")
	g.P(recv, "invalidString() string {")
	g.P(`buf := make([]byte, 0, len("`, n.Type, `(65535)"))`)
	g.P(`buf = append(buf, "`, n.Type, `("...)`)
	g.P("buf = strconv.AppendUint(buf, uint64(", r, "), 10)")
	g.P("return string(append(buf, ')'))")
	g.P("}")
	g.P()
	g.P("// Description returns the description of ", r, " from the spec, or \"\" for a value that is not valid.")
	g.P(recv, "Description() string {")
	g.P("if ", r, ".IsValid() {")
	g.P("return ", g.info(r), ".description")
	g.P("}")
	g.P(`return ""`)
	g.P("}")
	g.P()
	if len(m.Categories) > 0 {
		g.P("// Category returns the category of ", r, ", or the zero ", n.Category, " for a value that is not valid.")
		g.P(recv, "Category() ", n.Category, " {")
		g.P("if ", r, ".IsValid() {")
		g.P("return ", g.info(r), ".category")
		g.P("}")
		g.P("return 0")
		g.P("}")
		g.P()
	}
	g.P("// IsTerminal reports whether ", r, " is final: a task in a terminal status never moves to another.")
	g.P(recv, "IsTerminal() bool { return ", r, ".IsValid() && ", g.info(r), ".terminal }")
	g.P()
	g.P("// ShouldPoll reports whether a client waiting on a task in status ", r, " should poll it again.")
	g.P(recv, "ShouldPoll() bool { return ", r, ".IsValid() && ", g.info(r), ".poll }")
	g.P()
	g.genIsDeprecated()
	g.genPollBounds()
	g.genTransitions()
	g.genSources()
}

// infoFields prints the fields of a value's entry in the info table that
// differ from their zero value, for closed and open enums alike.
func (g *goFile) infoFields(v valueModel) {
	if v.Description != "" {
		g.P("description: ", strconv.Quote(v.Description), ",")
	}
	if v.Category != "" {
		g.P("category: ", v.Category, ",")
	}
	if v.Terminal {
		g.P("terminal: true,")
	}
	if v.Poll {
		g.P("poll: true,")
	}
	if v.Deprecated != "" {
		g.P("deprecated: true,")
	}
}
