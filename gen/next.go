package gen

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/taskstatus/taskstatus/internal/plainyaml"
)

// This file holds the declared state machine: the next key of a value, its
// rules, and the relation Build computes from it (see Transitions).

// MaxGraphValues bounds a spec that declares next: the Go output answers
// CanTransitionTo from a bit table of one bit per pair of values, which
// grows with the square of the count (4096 values: 2 MiB). A spec without
// next keeps the terminal rule, which needs no table, up to MaxValues.
const MaxGraphValues = 4096

// next decodes a value's next key: a list of wire names. An item that is
// not a string is reported and left out, and the key still counts as
// present, so that the value is not also reported as missing next.
func (p *parser) next(n *plainyaml.Node, what string, v *Value) {
	v.HasNext, v.NextPos = true, p.pos(n)
	if n.Kind == yaml.SequenceNode || n.Kind == yaml.AliasNode {
		if !p.kind(n, yaml.SequenceNode, what) {
			return
		}
	} else {
		found := kindNames[n.Kind]
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			found = "nothing"
		} else if n.Kind == yaml.ScalarNode {
			found = strconv.Quote(n.Value)
		}
		p.errorf(n, "%s must be a list of value names, such as [PENDING, CANCELED] (or [] for none), found %s", what, found)
		return
	}
	if len(n.Content) > 0 {
		v.Next = make([]string, 0, len(n.Content))
		v.NextPositions = make([]Pos, 0, len(n.Content))
	}
	for i, item := range n.Content {
		name := item.Value
		if item.Kind != yaml.ScalarNode || item.Tag != "!!str" {
			// Name the item only for its error: a list may be millions long.
			before := len(p.errs)
			if name = p.str(item, fmt.Sprintf("%s[%d]", what, i)); len(p.errs) > before {
				continue
			}
		}
		v.Next = append(v.Next, name)
		v.NextPositions = append(v.NextPositions, p.pos(item))
	}
}

// DeclaresGraph reports whether the spec declares its state machine: a next
// key on any value. Then every value that is not terminal lists the values
// it may move to; otherwise the terminal rule holds (a value that is not
// terminal may move to any value, a terminal one only to itself).
func (s *Spec) DeclaresGraph() bool {
	for i := range s.Values {
		if s.Values[i].declaresNext() {
			return true
		}
	}
	return false
}

func (v *Value) declaresNext() bool { return v.HasNext || len(v.Next) > 0 }

// nextPos is the position of the i-th name in v's next list, or of the
// list itself when a hand-built Value has no positions.
func (v *Value) nextPos(i int) Pos {
	if i < len(v.NextPositions) {
		return v.NextPositions[i]
	}
	return v.NextPos
}

// validateNext checks the declared graph, each problem at its node: a name
// that is no value (with the value it was probably meant to be), a name
// listed twice, next on a terminal value, and a value that is not terminal
// without next once any value has it. byName holds the values that passed
// their own name checks; holderOf returns the value that holds an alias.
func (s *Spec) validateNext(byName map[string]*Value, holderOf func(alias string) *Value) ErrorList {
	var errs ErrorList
	if !s.DeclaresGraph() {
		return s.allPolled(byName)
	}
	var first *Value // the first value with next, which the missing-next errors point to
	for i := range s.Values {
		if v := &s.Values[i]; v.declaresNext() {
			first = v
			break
		}
	}
	if len(s.Values) > MaxGraphValues {
		errs.add(first.NextPos, "a spec that declares next may have at most %d values (it has %d): the Go output's transition table grows with the square of the count", MaxGraphValues, len(s.Values))
	}
	var names []string // valid names in spec order, for suggestions
	for i := range s.Values {
		if v := &s.Values[i]; byName[v.Name] == v {
			names = append(names, v.Name)
		}
	}
	guess := suggester{names: names, budget: maxSuggestWork}
	// A name listed twice in one next: seen[name] holds 1 + the index of
	// the value whose list last named it, and where in that list. One map
	// for every list, so that no list costs more than its own length.
	type sighting struct{ value, at int }
	seen := make(map[string]sighting, len(names))
	for i := range s.Values {
		v := &s.Values[i]
		if byName[v.Name] != v {
			continue // its name is already reported
		}
		switch {
		case v.Terminal && v.declaresNext():
			errs.add(v.NextPos, "value %q is terminal and has next; a terminal value moves nowhere, so remove next (or terminal)", v.Name)
			continue
		case v.Poll && v.declaresNext() && len(v.Next) == 0:
			errs.add(v.PollPos, "value %q is polled but its next is empty: it can only stay as it is, so polling it would never end (as for a terminal value); list where it goes, or remove poll", v.Name)
			continue
		case !v.Terminal && !v.declaresNext():
			errs.add(v.NamePos, "value %q has no next; the spec declares the transitions (next on %q, line %d), so every value that is not terminal lists the values it may move to (next: [] for none)", v.Name, first.Name, first.NextPos.Line)
			continue
		}
		for j, to := range v.Next {
			if k := seen[to]; k.value == i+1 {
				if errs.keep(v.nextPos(j)) {
					errs.add(v.nextPos(j), "next of %q lists %q twice (first at %s)", v.Name, to, shortPos(v.nextPos(k.at), v.nextPos(j)))
				}
				continue
			}
			seen[to] = sighting{i + 1, j}
			if byName[to] != nil || !errs.keep(v.nextPos(j)) {
				continue
			}
			if holder := holderOf(to); holder != nil {
				errs.add(v.nextPos(j), "next of %q names %q, an alias of %q; next names values, so write %q", v.Name, to, holder.Name, holder.Name)
				continue
			}
			msg := fmt.Sprintf("next of %q names %q, which is not a value of the spec", v.Name, to)
			if g := guess.of(to); g != "" {
				msg += fmt.Sprintf("; did you mean %q?", g)
			}
			errs.add(v.nextPos(j), "%s", msg)
		}
	}
	errs.join(s.pollTraps(byName))
	return errs
}

// shortPos says where first is, seen from at: its column on the same line,
// else its line.
func shortPos(first, at Pos) string {
	if first.Line == at.Line && first.Line > 0 {
		return fmt.Sprintf("column %d", first.Col)
	}
	return fmt.Sprintf("line %d", first.Line)
}

// maxSuggestWork bounds the bytes of names that suggestions compare in one
// validation. Each suggestion reads every value's name, so a spec naming
// millions of unknown values would cost their number times the values';
// the first unknown names get their suggestion (a hand-made spec has a few),
// and once the budget is spent the rest are reported without one.
const maxSuggestWork = 1 << 24

// A suggester finds the name a mistyped name was most likely meant to be,
// within a budget of work (see maxSuggestWork).
type suggester struct {
	names  []string
	budget int
	memo   map[string]string
}

// of returns didYouMean(typo, names), remembered per typo, or "" once the
// budget is spent.
func (g *suggester) of(typo string) string {
	if guess, ok := g.memo[typo]; ok {
		return guess
	}
	if g.budget <= 0 {
		return ""
	}
	for _, n := range g.names {
		g.budget -= len(n) + len(typo)
	}
	guess := didYouMean(typo, g.names)
	if g.memo == nil {
		g.memo = make(map[string]string)
	}
	g.memo[typo] = guess
	return guess
}

// didYouMean returns the name a mistyped name was most likely meant to be:
// the first in spec order that differs only in case, else the first one
// edit away (a letter added, removed or changed), else "".
func didYouMean(typo string, names []string) string {
	for _, n := range names {
		if strings.EqualFold(n, typo) {
			return n
		}
	}
	for _, n := range names {
		if oneEdit(n, typo) {
			return n
		}
	}
	return ""
}

// oneEdit reports whether a and b differ by exactly one inserted, deleted
// or substituted rune.
func oneEdit(a, b string) bool {
	if d := len(a) - len(b); d > utf8.UTFMax || d < -utf8.UTFMax {
		return false // more than one rune apart, without decoding either
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return i < len(ra) && string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i+1:]) == string(rb[i:])
}

// Transitions is the relation of allowed moves between the values of an
// Enum, indexed by position in Enum.Values, computed once by Build: the
// declared graph when the spec has next keys, else the terminal rule. Every
// valid value may move to itself (a retried update stays idempotent), so a
// value's own index is never among its Next. Targets print the relation
// through these methods and never re-derive it from the terminal flags.
type Transitions struct {
	declared bool
	terminal []bool
	anywhere []bool  // anywhere[i]: value i may move to every other value
	next     [][]int // next[i] when !anywhere[i]: the other values, ascending
}

// Declared reports whether the spec declared the graph with next keys.
func (t Transitions) Declared() bool { return t.declared }

// Allowed reports whether a value may move from Values[from] to Values[to].
func (t Transitions) Allowed(from, to int) bool {
	if from == to || t.anywhere[from] {
		return true
	}
	for _, j := range t.next[from] {
		if j == to {
			return true
		}
	}
	return false
}

// MovesAnywhere reports whether Values[from] may move to every value. A
// target that would list every other value for it may print that instead,
// so that a large spec under the terminal rule stays linear in size.
func (t Transitions) MovesAnywhere(from int) bool { return t.anywhere[from] }

// Next returns the other values Values[from] may move to, in spec order, in
// a new slice; nil when it may move only to itself.
func (t Transitions) Next(from int) []int {
	if !t.anywhere[from] {
		if len(t.next[from]) == 0 {
			return nil
		}
		return append([]int(nil), t.next[from]...)
	}
	out := make([]int, 0, len(t.anywhere)-1)
	for j := range t.anywhere {
		if j != from {
			out = append(out, j)
		}
	}
	return out
}

// TerminalRule reports whether the relation is exactly the terminal rule:
// a value that is not terminal may move anywhere, a terminal one only to
// itself. A target that prints the rule as code (IsTerminal) rather than as
// a table asks this.
func (t Transitions) TerminalRule() bool {
	for i, term := range t.terminal {
		if t.anywhere[i] == term || term && len(t.next[i]) > 0 {
			return false
		}
	}
	return true
}

// Edges returns the number of declared moves between two different values.
func (t Transitions) Edges() int {
	n := 0
	for i := range t.anywhere {
		if t.anywhere[i] {
			n += len(t.anywhere) - 1
		} else {
			n += len(t.next[i])
		}
	}
	return n
}

// buildTransitions computes the relation of spec's values; names in next
// that are no value (possible only in a partial spec) are left out.
func buildTransitions(spec *Spec) Transitions {
	n := len(spec.Values)
	t := Transitions{declared: spec.DeclaresGraph(), terminal: make([]bool, n), anywhere: make([]bool, n), next: make([][]int, n)}
	index := make(map[string]int, n)
	for i := range spec.Values {
		if _, dup := index[spec.Values[i].Name]; !dup {
			index[spec.Values[i].Name] = i
		}
	}
	// to[j] == i+1 when value i's next names value j: one slice for
	// every value, so that the relation costs the moves declared, not the
	// square of the count of values.
	to := make([]int, n)
	for i := range spec.Values {
		v := &spec.Values[i]
		t.terminal[i] = v.Terminal
		if !t.declared {
			t.anywhere[i] = !v.Terminal
			continue
		}
		if v.Terminal {
			continue
		}
		var next []int
		for _, name := range v.Next {
			if j, ok := index[name]; ok && j != i && to[j] != i+1 {
				to[j] = i + 1
				next = append(next, j)
			}
		}
		if n > 1 && len(next) == n-1 {
			t.anywhere[i] = true
			continue
		}
		slices.Sort(next)
		t.next[i] = next
	}
	return t
}

// SameTransitions reports whether a and b allow the same moves between the
// same wire names, for a migration that replaces the database's functions
// only when something changed.
func SameTransitions(a, b *Enum) bool {
	if len(a.Values) != len(b.Values) {
		return false
	}
	for i := range a.Values {
		if a.Values[i].Name != b.Values[i].Name || a.Values[i].Terminal != b.Values[i].Terminal {
			return false
		}
	}
	for i := range a.Values {
		if a.Transitions.MovesAnywhere(i) != b.Transitions.MovesAnywhere(i) {
			return false
		}
		if !a.Transitions.MovesAnywhere(i) && !equalInts(a.Transitions.next[i], b.Transitions.next[i]) {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
