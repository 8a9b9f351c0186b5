package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Rule is one kind of difference between two versions of a spec, and
// whether it breaks clients built from the older one. Rules lists them all;
// the table of -against in docs/evolving.md says why for each.
type Rule struct {
	Name     string
	Breaking bool
}

// The rules Compare applies.
var (
	RuleTypeRenamed        = Rule{"type-renamed", true}
	RuleValueRemoved       = Rule{"value-removed", true}
	RuleNumberChanged      = Rule{"number-changed", true}
	RuleValuesReordered    = Rule{"values-reordered", true}
	RuleNumberRemoved      = Rule{"number-removed", true}
	RuleGoNameChanged      = Rule{"go-name-changed", true}
	RuleTerminalChanged    = Rule{"terminal-changed", true}
	RulePollChanged        = Rule{"poll-changed", true}
	RuleCategoryChanged    = Rule{"category-changed", true}
	RuleCategoryRemoved    = Rule{"category-removed", true}
	RuleTransitionRemoved  = Rule{"transition-removed", true}
	RuleFallbackRemoved    = Rule{"fallback-removed", true}
	RuleFallbackChanged    = Rule{"fallback-changed", true}
	RuleAliasRemoved       = Rule{"alias-removed", true}
	RuleValueAdded         = Rule{"value-added", false}
	RuleBecameAlias        = Rule{"value-became-alias", false}
	RuleAliasAdded         = Rule{"alias-added", false}
	RuleCategoryAdded      = Rule{"category-added", false}
	RuleTransitionAdded    = Rule{"transition-added", false}
	RuleDescriptionChanged = Rule{"description-changed", false}
	RuleDocChanged         = Rule{"doc-changed", false}
	RuleValueDeprecated    = Rule{"value-deprecated", false}
	RuleDeprecationChanged = Rule{"deprecation-changed", false}
	RulePollingChanged     = Rule{"polling-changed", false}
	RuleFallbackAdded      = Rule{"fallback-added", false}
	RuleNumberAdded        = Rule{"number-added", false}
)

// Rules lists every rule, breaking ones first, in the order of the
// table in docs/evolving.md.
var Rules = []Rule{
	RuleTypeRenamed, RuleValueRemoved, RuleNumberChanged, RuleValuesReordered, RuleNumberRemoved, RuleGoNameChanged,
	RuleTerminalChanged, RulePollChanged, RuleCategoryChanged, RuleCategoryRemoved,
	RuleTransitionRemoved, RuleFallbackRemoved, RuleFallbackChanged, RuleAliasRemoved,
	RuleValueAdded, RuleBecameAlias, RuleAliasAdded, RuleCategoryAdded, RuleTransitionAdded,
	RuleDescriptionChanged, RuleDocChanged, RuleValueDeprecated, RuleDeprecationChanged,
	RulePollingChanged, RuleFallbackAdded, RuleNumberAdded,
}

// A Change is one difference between two versions of a spec.
type Change struct {
	Rule Rule
	Pos  Pos // in the new spec, or in the old one for what was removed
	Msg  string
	// Old and New are the values the change is about, where it is about
	// one: for RuleBecameAlias, Old is the value that became an alias of
	// New.
	Old, New *EnumValue
}

// String formats the change as pos: breaking|compatible: msg (rule).
func (c Change) String() string {
	class := "compatible"
	if c.Rule.Breaking {
		class = "breaking"
	}
	return fmt.Sprintf("%s: %s: %s (%s)", c.Pos, class, c.Msg, c.Rule.Name)
}

// A CodeName returns the name code uses for value v of e, and the spec node
// that name comes from.
type CodeName func(e *Enum, v *EnumValue) (string, Pos)

// Breaking reports whether any of changes breaks clients built from the
// older spec.
func Breaking(changes []Change) bool {
	return slices.ContainsFunc(changes, func(c Change) bool { return c.Rule.Breaking })
}

// Compare returns every difference between two versions of a spec,
// classified by rule: what a client built from old meets when the values
// come from a writer built from new. Both enums must come from Build (so
// each value lines up with its spec's value). The order is fixed: the
// changes sorted by their position in new, then what old had and new
// lacks, by position in old. code names each value in the code the Go
// target generates (golang.ConstName), for the changes that break code
// compiled against old; nil leaves those out.
func Compare(old, new *Enum, code CodeName) []Change {
	if code == nil {
		code = func(*Enum, *EnumValue) (string, Pos) { return "", Pos{} }
	}
	c := &comparison{old: old, new: new, oldIndex: index(old), newIndex: index(new), code: code}
	c.compareType()
	c.compareCategories()
	c.compareValues()
	c.compareTransitions()
	// By position: the new spec's, then the old spec's (removals).
	slices.SortStableFunc(c.changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(boolInt(a.Pos.File != new.Spec.File), boolInt(b.Pos.File != new.Spec.File)),
			cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return c.changes
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

type comparison struct {
	code     CodeName
	old, new *Enum
	changes  []Change
	// oldIndex and newIndex give each value's position in its Enum.
	oldIndex, newIndex map[*EnumValue]int
	// match pairs each value of old with its value in new: by name, or the
	// value it became an alias of.
	match map[*EnumValue]*EnumValue
	// oldLookup holds every name old's decoders accept, so that asking
	// whether old knew a name is one lookup, not a scan of old.
	oldLookup map[string]LookupName
}

func (c *comparison) add(rule Rule, pos Pos, old, new *EnumValue, format string, args ...any) {
	c.changes = append(c.changes, Change{Rule: rule, Pos: pos, Msg: fmt.Sprintf(format, args...), Old: old, New: new})
}

// index returns the position of each value of e in e.Values.
func index(e *Enum) map[*EnumValue]int {
	m := make(map[*EnumValue]int, len(e.Values))
	for i := range e.Values {
		m[&e.Values[i]] = i
	}
	return m
}

// or returns p, or else when p is unknown.
func or(p, otherwise Pos) Pos {
	if p.Line == 0 {
		return otherwise
	}
	return p
}

func (c *comparison) compareType() {
	old, new := c.old, c.new
	if old.Type != new.Type {
		c.add(RuleTypeRenamed, new.Spec.TypePos, nil, nil, "type %s renamed to %s: code naming %s no longer compiles, and the SQL type is renamed", old.Type, new.Type, old.Type)
	}
	if old.Doc != new.Doc {
		c.add(RuleDocChanged, or(new.Spec.DocPos, new.Spec.TypePos), nil, nil, "doc changed")
	}
	switch of, nf := old.Fallback, new.Fallback; {
	case of == nil && nf != nil:
		c.add(RuleFallbackAdded, new.Spec.FallbackPos, nil, nf, "fallback %s added: names this build does not know decode to it in JSON and SQL", nf.Name)
	case of != nil && nf == nil:
		c.add(RuleFallbackRemoved, old.Spec.FallbackPos, of, nil, "fallback %s removed: names a newer writer adds become errors instead of %s", of.Name, of.Name)
	case of != nil && of.Name != nf.Name:
		c.add(RuleFallbackChanged, new.Spec.FallbackPos, of, nf, "fallback changed from %s to %s: unknown names decode to another value than clients built from the old spec expect", of.Name, nf.Name)
	}
	op, np := old.Polling, new.Polling
	switch {
	case op == nil && np != nil:
		c.add(RulePollingChanged, np.InitialPos, nil, nil, "polling bounds added (%s to %s): clients built from the old spec keep their own", np.Initial, np.Max)
	case op != nil && np == nil:
		c.add(RulePollingChanged, op.InitialPos, nil, nil, "polling bounds removed: clients built from the old spec keep %s to %s", op.Initial, op.Max)
	case op != nil && (op.Initial != np.Initial || op.Max != np.Max):
		c.add(RulePollingChanged, np.InitialPos, nil, nil, "polling bounds changed from %s–%s to %s–%s: clients built from the old spec keep the old backoff", op.Initial, op.Max, np.Initial, np.Max)
	}
}

func (c *comparison) compareCategories() {
	old, new := c.old, c.new
	find := func(e *Enum, name string) *EnumCategory {
		for i := range e.Categories {
			if e.Categories[i].Name == name {
				return &e.Categories[i]
			}
		}
		return nil
	}
	for _, nc := range new.Categories {
		switch oc := find(old, nc.Name); {
		case oc == nil:
			c.add(RuleCategoryAdded, nc.NamePos, nil, nil, "category %q added", nc.Name)
		case oc.Description != nc.Description:
			c.add(RuleDescriptionChanged, nc.NamePos, nil, nil, "description of category %q changed", nc.Name)
		}
	}
	for _, oc := range old.Categories {
		if find(new, oc.Name) == nil {
			c.add(RuleCategoryRemoved, oc.NamePos, nil, nil, "category %q removed: its Go constant and TypeScript name are gone", oc.Name)
		}
	}
}

func (c *comparison) compareValues() {
	old, new := c.old, c.new
	oldByName := make(map[string]*EnumValue, len(old.Values))
	for i := range old.Values {
		oldByName[old.Values[i].Name] = &old.Values[i]
	}
	newLookup := make(map[string]LookupName, len(new.Lookup))
	for _, l := range new.Lookup {
		newLookup[l.Name] = l
	}
	c.oldLookup = make(map[string]LookupName, len(old.Lookup))
	for _, l := range old.Lookup {
		c.oldLookup[l.Name] = l
	}
	c.match = make(map[*EnumValue]*EnumValue)
	// Old values that became aliases, by the new value they belong to.
	became := make(map[*EnumValue][]*EnumValue)
	for i := range old.Values {
		ov := &old.Values[i]
		switch l, ok := newLookup[ov.Name]; {
		case ok && !l.Alias:
			c.match[ov] = l.Value
		case ok:
			became[l.Value] = append(became[l.Value], ov)
		}
	}
	// A value that became an alias of a name old did not have is a
	// rename: it is compared with that value as with itself.
	for nv, ovs := range became {
		if _, existed := oldByName[nv.Name]; !existed && len(ovs) == 1 {
			c.match[ovs[0]] = nv
		}
	}
	matchedNew := make(map[*EnumValue]*EnumValue, len(c.match))
	for ov, nv := range c.match {
		matchedNew[nv] = ov
	}
	if !old.Numbered && new.Numbered {
		c.add(RuleNumberAdded, new.Values[0].NumberPos, nil, nil, "values now declare number: their Go constants no longer depend on their order")
	}
	for i := range new.Values {
		nv := &new.Values[i]
		ov := matchedNew[nv]
		for _, ob := range became[nv] {
			readers := "readers built from the old spec without a fallback reject " + nv.Name
			switch {
			case oldByName[nv.Name] != nil:
				readers = "readers built from the old spec know " + nv.Name + " already"
			case c.oldLookup[nv.Name].Alias:
				readers = "readers built from the old spec decode " + nv.Name + " as " + ob.Name + ", whose alias it was"
			case old.Fallback != nil:
				readers = "readers built from the old spec decode " + nv.Name + " as their fallback " + old.Fallback.Name
			}
			pos := nv.NamePos
			for _, a := range nv.Aliases {
				if a.Name == ob.Name {
					pos = a.Pos
				}
			}
			c.add(RuleBecameAlias, pos, ob, nv, "value %s became an alias of %s: readers built from the new spec accept both; %s", ob.Name, nv.Name, readers)
		}
		if ov == nil {
			if len(became[nv]) == 0 {
				how := "readers built from the old spec reject it"
				if was := c.oldLookup[nv.Name]; was.Alias {
					how = "readers built from the old spec decode it as " + was.Value.Name + ", whose alias it was"
				} else if old.Fallback != nil {
					how = "readers built from the old spec decode it as their fallback " + old.Fallback.Name
				}
				c.add(RuleValueAdded, nv.NamePos, nil, nv, "value %s added: %s", nv.Name, how)
			}
			continue
		}
		c.compareValue(ov, nv)
	}
	c.compareOrder()
	for i := range old.Values {
		ov := &old.Values[i]
		if _, ok := c.match[ov]; ok {
			continue
		}
		if l, ok := newLookup[ov.Name]; ok && l.Alias {
			// Merged into a value that already existed (or with others):
			// the wire name lives on, its constant does not.
			if c.constName(old, ov) == "" {
				continue
			}
			c.add(RuleGoNameChanged, l.Value.NamePos, ov, l.Value, "Go constant %s is gone (%s is now an alias of %s): code that uses it no longer compiles", c.constName(old, ov), ov.Name, l.Value.Name)
			continue
		}
		c.add(RuleValueRemoved, ov.NamePos, ov, nil, "value %s removed: readers built from the new spec reject it, and its Go constant is gone; deprecate it instead, or make it an alias", ov.Name)
	}
}

// compareOrder reports the first value that the new spec puts before one it
// followed: with number declared the Go constants survive a reorder, but
// PostgreSQL keeps an enum's values in the order they were created and
// cannot move one (-sql-migrate-from refuses), and TValues, the TypeScript
// tuple and the reference page change their order.
func (c *comparison) compareOrder() {
	last := -1 // the new position of the latest old value, in old order
	var lastValue *EnumValue
	for i := range c.old.Values {
		nv, ok := c.match[&c.old.Values[i]]
		if !ok {
			continue
		}
		if at := c.newIndex[nv]; at > last {
			last, lastValue = at, nv
			continue
		}
		c.add(RuleValuesReordered, nv.NamePos, &c.old.Values[i], nv, "%s now comes before %s, which it followed: PostgreSQL cannot reorder an enum's values (the migration is refused), and the values' order changes in every target; keep the old order and add new values where you like", nv.Name, lastValue.Name)
		return
	}
}

// constName is the name code uses for v of e.
func (c *comparison) constName(e *Enum, v *EnumValue) string {
	name, _ := c.code(e, v)
	return name
}

// compareValue compares a value with what it became.
func (c *comparison) compareValue(ov, nv *EnumValue) {
	old, new := c.old, c.new
	ns := &new.Spec.Values[c.newIndex[nv]]
	switch {
	case old.Numbered && !new.Numbered:
		c.add(RuleNumberRemoved, nv.NamePos, ov, nv, "%s no longer declares number (it was %d): its Go constant follows its position again", nv.Name, ov.Number)
	case ov.Number != nv.Number && new.Numbered:
		c.add(RuleNumberChanged, nv.NumberPos, ov, nv, "number of %s changed from %d to %d: stored Go values now mean another value", nv.Name, ov.Number, nv.Number)
	case ov.Number != nv.Number:
		c.add(RuleNumberChanged, nv.NamePos, ov, nv, "Go constant %s changed from %d to %d (its position moved): stored Go values now mean another value; declare number to keep it", c.constName(new, nv), ov.Number, nv.Number)
	}
	oldName, _ := c.code(old, ov)
	if newName, pos := c.code(new, nv); oldName != newName { // never with nil names
		c.add(RuleGoNameChanged, pos, ov, nv, "Go constant %s renamed to %s: code that uses it no longer compiles; set go_name: %s to keep it", oldName, newName, oldName)
	}
	if ov.Terminal != nv.Terminal {
		c.add(RuleTerminalChanged, or(ns.TerminalPos, nv.NamePos), ov, nv, "%s terminal changed from %v to %v", nv.Name, ov.Terminal, nv.Terminal)
	}
	if ov.Poll != nv.Poll {
		c.add(RulePollChanged, or(ns.PollPos, nv.NamePos), ov, nv, "%s poll changed from %v to %v", nv.Name, ov.Poll, nv.Poll)
	}
	if oc, nc := categoryName(ov), categoryName(nv); oc != nc {
		c.add(RuleCategoryChanged, or(ns.CategoryPos, nv.NamePos), ov, nv, "category of %s changed from %q to %q", nv.Name, oc, nc)
	}
	if ov.Description != nv.Description {
		c.add(RuleDescriptionChanged, or(ns.DescriptionPos, nv.NamePos), ov, nv, "description of %s changed", nv.Name)
	}
	switch {
	case ov.Deprecated == "" && nv.Deprecated != "":
		c.add(RuleValueDeprecated, nv.DeprecatedPos, ov, nv, "%s deprecated: %s", nv.Name, nv.Deprecated)
	case ov.Deprecated != nv.Deprecated && nv.Deprecated == "":
		c.add(RuleDeprecationChanged, nv.NamePos, ov, nv, "%s is no longer deprecated", nv.Name)
	case ov.Deprecated != nv.Deprecated:
		c.add(RuleDeprecationChanged, nv.DeprecatedPos, ov, nv, "reason for deprecating %s changed", nv.Name)
	}
	newAliases := make(map[string]Pos, len(nv.Aliases))
	for _, a := range nv.Aliases {
		newAliases[a.Name] = a.Pos
	}
	oldAliases := make(map[string]bool, len(ov.Aliases))
	for _, a := range ov.Aliases {
		oldAliases[a.Name] = true
		if _, kept := newAliases[a.Name]; !kept && a.Name != nv.Name { // the alias may have become the value's name
			c.add(RuleAliasRemoved, nv.NamePos, ov, nv, "alias %s of %s removed: readers built from the new spec no longer accept it for %s", a.Name, ov.Name, nv.Name)
		}
	}
	for _, a := range nv.Aliases {
		if l, known := c.oldLookup[a.Name]; !oldAliases[a.Name] && (!known || l.Alias) { // an old value's name: value-became-alias
			c.add(RuleAliasAdded, a.Pos, ov, nv, "alias %s of %s added: readers built from the new spec accept it, readers built from the old one do not", a.Name, nv.Name)
		}
	}
}

func categoryName(v *EnumValue) string {
	if v.Category == nil {
		return ""
	}
	return v.Category.Name
}

// maxListedMoves is how many moves a transition change names; a longer
// list ends with how many more there are, so that a change to a large
// enum's graph is a line per value, not the square of its size.
const maxListedMoves = 32

// compareTransitions compares the moves allowed between values both specs
// have, one change per value whose moves changed. Its time is linear in the
// moves each side declares (a value that may move anywhere is one flag), so
// a large graph compares as fast as it parses.
func (c *comparison) compareTransitions() {
	old, new := c.old, c.new
	matchedNew := make(map[*EnumValue]*EnumValue, len(c.match))
	for ov, nv := range c.match {
		matchedNew[nv] = ov
	}
	var pairs [][2]*EnumValue // old, new; in new's order
	// pairOfOld and pairOfNew give each value's index in pairs, or -1.
	pairOfOld, pairOfNew := make([]int, len(old.Values)), make([]int, len(new.Values))
	for i := range pairOfOld {
		pairOfOld[i] = -1
	}
	for i := range new.Values {
		pairOfNew[i] = -1
		if ov := matchedNew[&new.Values[i]]; ov != nil {
			pairOfOld[c.oldIndex[ov]], pairOfNew[i] = len(pairs), len(pairs)
			pairs = append(pairs, [2]*EnumValue{ov, &new.Values[i]})
		}
	}
	const (
		wasAllowed = 1 << iota
		isAllowed
	)
	allowed := make([]uint8, len(pairs)) // for one value: the moves to each pair that old and new allow
	var touched []int                    // the pairs marked in allowed
	for p, from := range pairs {
		oi, ni := c.oldIndex[from[0]], c.newIndex[from[1]]
		oldAnywhere, newAnywhere := old.Transitions.MovesAnywhere(oi), new.Transitions.MovesAnywhere(ni)
		if oldAnywhere && newAnywhere {
			continue // the common case, and quick for large enums
		}
		touched = touched[:0]
		mark := func(q int, bit uint8) {
			if q >= 0 && q != p {
				if allowed[q] == 0 {
					touched = append(touched, q)
				}
				allowed[q] |= bit
			}
		}
		if !oldAnywhere {
			for _, j := range old.Transitions.next[oi] {
				mark(pairOfOld[j], wasAllowed)
			}
		}
		if !newAnywhere {
			for _, j := range new.Transitions.next[ni] {
				mark(pairOfNew[j], isAllowed)
			}
		}
		var removed, added moveList
		switch {
		case oldAnywhere: // old allowed every move; new allows the marked ones
			removed.count = len(pairs) - 1 - len(touched)
			for q := 0; q < len(pairs) && len(removed.names) < min(removed.count, maxListedMoves); q++ {
				if q != p && allowed[q] == 0 {
					removed.names = append(removed.names, pairs[q][1].Name)
				}
			}
		case newAnywhere:
			added.count = len(pairs) - 1 - len(touched)
			for q := 0; q < len(pairs) && len(added.names) < min(added.count, maxListedMoves); q++ {
				if q != p && allowed[q] == 0 {
					added.names = append(added.names, pairs[q][1].Name)
				}
			}
		default:
			slices.Sort(touched) // new's order
			for _, q := range touched {
				switch allowed[q] {
				case wasAllowed:
					removed.add(pairs[q][1].Name)
				case isAllowed:
					added.add(pairs[q][1].Name)
				}
			}
		}
		for _, q := range touched {
			allowed[q] = 0
		}
		if removed.count > 0 {
			c.add(RuleTransitionRemoved, from[1].NamePos, from[0], from[1], "%s may no longer move to %s: a writer built from the old spec makes moves the new one refuses", from[1].Name, removed)
		}
		if added.count > 0 {
			c.add(RuleTransitionAdded, from[1].NamePos, from[0], from[1], "%s may now move to %s", from[1].Name, added)
		}
	}
}

// A moveList is the values a change names, the first maxListedMoves of
// count.
type moveList struct {
	names []string
	count int
}

func (l *moveList) add(name string) {
	if len(l.names) < maxListedMoves {
		l.names = append(l.names, name)
	}
	l.count++
}

// String prints the names, and how many more there are.
func (l moveList) String() string {
	s := strings.Join(l.names, ", ")
	if more := l.count - len(l.names); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}
