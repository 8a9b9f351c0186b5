package golang

import (
	"fmt"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
)

// graphModel is the declared transition relation as the bit table the Go
// output answers CanTransitionTo from: one row per value, bit n of a row set
// when the value may move to value n (its own bit included, since every
// value may move to itself). Up to 63 values a row is one uint64, printed as
// the constants' shifts; past that a row is an array of Words words. When
// the spec's numbers leave gaps, rows and bits are positions, not numbers
// (a number may be as large as 65,534), and the output reads them through
// the position table like every other table.
type graphModel struct {
	Words int
	Shift [][]string // Words == 1 and no gaps: the Go names of each row's bits
	Bits  [][]uint64 // otherwise: each row's words
}

func newGraphModel(e *gen.Enum) *graphModel {
	g := &graphModel{Words: (len(e.Values) + 1 + 63) / 64} // +1: bit 0 is the unset value
	var consts []string
	if g.Words == 1 && e.Dense {
		consts = make([]string, len(e.Values))
		for j := range e.Values {
			consts[j] = constName(e, &e.Values[j])
		}
	}
	for i := range e.Values {
		targets := append(e.Transitions.Next(i), i)
		if g.Words == 1 && e.Dense {
			var row []string
			for j := range e.Values { // spec order, the row's own value in its place
				if j == i || contains(targets, j) {
					row = append(row, "1<<"+consts[j])
				}
			}
			g.Shift = append(g.Shift, row)
			continue
		}
		row := make([]uint64, g.Words)
		for _, j := range targets {
			n := j + 1 // the position, which is the number when there are no gaps
			row[n/64] |= 1 << (n % 64)
		}
		g.Bits = append(g.Bits, row)
	}
	return g
}

func contains(s []int, x int) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// genTransitions prints CanTransitionTo, Next and TTransitions. All three
// ask the relation gen.Build computed: under the terminal rule it is
// IsTerminal, which needs no table; a declared graph is a bit table, so that
// CanTransitionTo is two comparisons, a load and a shift whatever the
// graph.
func (g *goFile) genTransitions() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	recv := g.method()
	table := n.Next
	if gm := m.Graph; gm != nil {
		g.prose(fmt.Sprintf("%s holds the transitions the spec declares, one row per %s: bit n of a row is set when the row's value may move to the value numbered n. Every value may move to itself (a retried update stays idempotent), so its own bit is set too.", table, n.Type))
		if gm.Shift != nil {
			g.P("var ", table, " = [...]uint64{")
			for i, v := range m.Values {
				// gofmt spaces a lone shift, and not one among ORs.
				shifts := strings.Join(gm.Shift[i], " | ")
				if len(gm.Shift[i]) == 1 {
					shifts = strings.Replace(shifts, "<<", " << ", 1)
				}
				g.P(v.GoName, ": ", shifts, ",")
			}
		} else {
			if m.Gapped {
				g.P("// The spec's numbers leave gaps: rows and bits are positions (see ", n.Position, ").")
			}
			g.P("var ", table, " = [...][", gm.Words, "]uint64{")
			for i, v := range m.Values {
				words := make([]string, len(gm.Bits[i]))
				for k, w := range gm.Bits[i] {
					words[k] = fmt.Sprintf("%#x", w)
				}
				g.P(g.key(i, v), ": {", strings.Join(words, ", "), "},")
			}
		}
		g.P("}")
		g.P()
		g.P("// CanTransitionTo reports whether a task may move from ", r, " to next: both must be")
		g.P("// valid, and next must be one of the values the spec lists in ", r, "'s next, or ", r, " itself.")
		g.P(recv, "CanTransitionTo(next ", n.Type, ") bool {")
		switch {
		case gm.Shift != nil:
			g.P("return ", r, ".IsValid() && next.IsValid() && ", table, "[", r, "]>>next&1 != 0")
		case m.Gapped:
			g.P("if !", r, ".IsValid() || !next.IsValid() {")
			g.P("return false")
			g.P("}")
			g.P("to := ", n.Position, "[next]")
			g.P("return ", g.table(g.m.Names.Next, r), "[to/64]>>(to%64)&1 != 0")
		default:
			g.P("return ", r, ".IsValid() && next.IsValid() && ", table, "[", r, "][next/64]>>(next%64)&1 != 0")
		}
		g.P("}")
	} else {
		g.P("// CanTransitionTo reports whether a task may move from ", r, " to next: both must be")
		g.P("// valid, and a terminal status moves nowhere but to itself. The spec declares no")
		g.P("// next, so any other status may move anywhere.")
		g.P(recv, "CanTransitionTo(next ", n.Type, ") bool {")
		g.P("if !", r, ".IsValid() || !next.IsValid() {")
		g.P("return false")
		g.P("}")
		g.P("return !", r, ".IsTerminal() || next == ", r)
		g.P("}")
	}
	g.P()
	g.P("// Next returns the values ", r, " may move to besides itself, in spec order, in a new")
	g.P("// slice; nil for a value that is not valid or that moves nowhere else, such as a")
	g.P("// terminal one.")
	g.P(recv, "Next() []", n.Type, " {")
	g.P("var next []", n.Type)
	g.P("for to := range ", n.ValuesSeq, "() {")
	g.P("if to != ", r, " && ", r, ".CanTransitionTo(to) {")
	g.P("next = append(next, to)")
	g.P("}")
	g.P("}")
	g.P("return next")
	g.P("}")
	g.P()
	g.prose(fmt.Sprintf("%s yields every move the spec allows between two different values, as (from, to) in spec order of from and then of to: the edges of the state machine. Moving to itself, which every valid %s may do, is not yielded.", n.Transitions, n.Type))
	g.genTransitionsIter()
}

// genTransitionsIter prints TTransitions' function, after its doc comment:
// every pair of different values that CanTransitionTo allows, in spec order.
func (g *goFile) genTransitionsIter() {
	n := g.m.Names
	g.P("func ", n.Transitions, "() iter.Seq2[", n.Type, ", ", n.Type, "] {")
	g.P("return func(yield func(", n.Type, ", ", n.Type, ") bool) {")
	g.P("for from := range ", n.ValuesSeq, "() {")
	g.P("for to := range ", n.ValuesSeq, "() {")
	g.P("if to != from && from.CanTransitionTo(to) && !yield(from, to) {")
	g.P("return")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P()
}
