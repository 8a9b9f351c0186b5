package golang

// genSources prints Sources, the reverse of Next: the values that may move
// to the receiver. It asks CanTransitionTo, like Next, so it needs no table
// of its own and stays linear in size whatever the graph. A database claims
// a row by comparing and setting in one UPDATE (WHERE status = ANY(the
// sources)); Sources gives the same list to code that builds that query or
// checks a claim.
func (g *goFile) genSources() {
	n, r := g.m.Names, g.m.Receiver
	g.P("// Sources returns the values that may move to ", r, " besides ", r, " itself, in spec order,")
	g.P("// in a new slice; nil for a value that is not valid or that no other value may")
	g.P("// move to. To claim a task exactly once, move it only from one of them:")
	g.P("// UPDATE ... SET status = $1 WHERE id = $2 AND status = ANY($3), with ", r, ".Sources()")
	g.P("// as $3, updates nothing when another worker moved it first.")
	g.P(g.method(), "Sources() []", n.Type, " {")
	g.P("if !", r, ".IsValid() {")
	g.P("return nil")
	g.P("}")
	g.P("var from []", n.Type)
	g.P("for v := range ", n.ValuesSeq, "() {")
	g.P("if v != ", r, " && v.CanTransitionTo(", r, ") {")
	g.P("from = append(from, v)")
	g.P("}")
	g.P("}")
	g.P("return from")
	g.P("}")
	g.P()
}
