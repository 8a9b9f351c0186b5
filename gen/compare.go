package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Rule is one kind of difference between two versions of a spec, and
// whether it breaks clients built from the older one. Rules lists them all;
// docs/rules.md, the table of -against, is generated from it.
type Rule struct {
	// Name is what -against prints after each difference.
	Name string
	// Breaking reports whether the difference breaks clients built from
	// the older spec.
	Breaking bool
	// Why says what the difference does to clients built from each side,
	// and what to do instead where something is breaking (Markdown; the
	// table of -against prints it).
	Why string
}

// The rules Compare applies.
var (
	RuleTypeRenamed        = Rule{"type-renamed", true, "code naming the old type no longer compiles, and the SQL type changes name"}
	RuleValueRemoved       = Rule{"value-removed", true, "readers built from NEW reject the name old writers and stored rows still send; deprecate it, or make it an alias"}
	RuleNumberChanged      = Rule{"number-changed", true, "a value's Go constant changed (it moved without `number`, or its `number` changed): stored or sent integers now mean another value"}
	RuleValuesReordered    = Rule{"values-reordered", true, "PostgreSQL keeps an enum's values in the order they were created and cannot move one, so the migration is refused; with `number` the Go constants survive, but every target's order changes"}
	RuleNumberRemoved      = Rule{"number-removed", true, "the constants follow positions again, so the next insertion renumbers silently"}
	RuleGoNameChanged      = Rule{"go-name-changed", true, "a Go constant was renamed or is gone (a rename without `go_name`, a value merged into another): code using it no longer compiles"}
	RuleTerminalChanged    = Rule{"terminal-changed", true, "clients stop polling or refuse moves by it: flipping it changes what old clients do with the value"}
	RulePollChanged        = Rule{"poll-changed", true, "old clients poll what no longer moves, or stop polling what still does"}
	RuleCategoryChanged    = Rule{"category-changed", true, "code grouping by category (`Category()`, TypeScript, the schema's `$defs`) sees the value move"}
	RuleCategoryRemoved    = Rule{"category-removed", true, "its Go constant and TypeScript name are gone"}
	RuleTransitionRemoved  = Rule{"transition-removed", true, "writers built from OLD make moves that readers built from NEW refuse"}
	RuleFallbackRemoved    = Rule{"fallback-removed", true, "names a newer writer adds become errors instead of decoding to the fallback"}
	RuleFallbackChanged    = Rule{"fallback-changed", true, "unknown names decode to another value than old clients expect"}
	RuleAliasRemoved       = Rule{"alias-removed", true, "readers built from NEW reject a name old writers may still send"}
	RuleValueAdded         = Rule{"value-added", false, "readers built from OLD decode it as their fallback (and reject it without one: give the spec a fallback)"}
	RuleBecameAlias        = Rule{"value-became-alias", false, "readers built from NEW accept both names; readers built from OLD without a fallback reject the new name, so roll readers out first"}
	RuleAliasAdded         = Rule{"alias-added", false, "one more name accepted, nothing written differently"}
	RuleCategoryAdded      = Rule{"category-added", false, "new names only"}
	RuleTransitionAdded    = Rule{"transition-added", false, "readers built from NEW accept moves writers built from OLD never make"}
	RuleDescriptionChanged = Rule{"description-changed", false, "documentation only (a value's or a category's)"}
	RuleDocChanged         = Rule{"doc-changed", false, "documentation only; the SQL migration updates the type's comment"}
	RuleValueDeprecated    = Rule{"value-deprecated", false, "still valid everywhere; only marked"}
	RuleDeprecationChanged = Rule{"deprecation-changed", false, "the reason changed, or the value is no longer deprecated"}
	RulePollingChanged     = Rule{"polling-changed", false, "says so: clients built from OLD keep the old backoff, which is safe but not what the spec now asks"}
	RuleFallbackAdded      = Rule{"fallback-added", false, "unknown names now decode instead of failing"}
	RuleNumberAdded        = Rule{"number-added", false, "the constants keep their values and no longer depend on order"}
)

// Rules lists every rule, breaking ones first, in the order of the
// table of -against.
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
			c.add(RuleCategoryRemoved, oc.NamePos, nil, nil, "category %q removed: its names in the generated code are gone", oc.Name)
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
		c.add(RuleNumberAdded, new.Values[0].NumberPos, nil, nil, "values now declare number: their numbers no longer depend on their order")
	}
	for i := range new.Values {
		nv := &new.Values[i]
		ov := matchedNew[nv]
		for _, ob := range became[nv] {
			readers := "readers built from the old spec without a fallback reject " + nv.Name
			switch {
			case oldByName[nv.Name] != nil:
				readers = "readers built from the old spec know " + nv.Name + " already"
			case old.Spec.aliasOf(nv.Name) != nil:
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
				if was := old.Spec.aliasOf(nv.Name); was != nil {
					how = "readers built from the old spec decode it as " + was.Name + ", whose alias it was"
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
		c.add(RuleValueRemoved, ov.NamePos, ov, nil, "value %s removed: readers built from the new spec reject it, and its constant is gone from the generated code; deprecate it instead, or make it an alias", ov.Name)
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
		c.add(RuleNumberRemoved, nv.NamePos, ov, nv, "%s no longer declares number (it was %d): its number follows its position again", nv.Name, ov.Number)
	case ov.Number != nv.Number && new.Numbered:
		c.add(RuleNumberChanged, nv.NumberPos, ov, nv, "number of %s changed from %d to %d: stored numbers now mean another value", nv.Name, ov.Number, nv.Number)
	case ov.Number != nv.Number:
		c.add(RuleNumberChanged, nv.NamePos, ov, nv, "number of %s changed from %d to %d (its position moved): stored numbers now mean another value; declare number to keep it", nv.Name, ov.Number, nv.Number)
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
		if !oldAliases[a.Name] && !slices.Contains(old.Names(), a.Name) { // an old value's name: value-became-alias
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

// compareTransitions compares the moves allowed between values both specs
// have, one change per value whose moves changed.
func (c *comparison) compareTransitions() {
	old, new := c.old, c.new
	matchedNew := make(map[*EnumValue]*EnumValue, len(c.match))
	for ov, nv := range c.match {
		matchedNew[nv] = ov
	}
	var pairs [][2]*EnumValue // old, new; in new's order
	for i := range new.Values {
		if ov := matchedNew[&new.Values[i]]; ov != nil {
			pairs = append(pairs, [2]*EnumValue{ov, &new.Values[i]})
		}
	}
	for _, from := range pairs {
		if old.Transitions.MovesAnywhere(c.oldIndex[from[0]]) && new.Transitions.MovesAnywhere(c.newIndex[from[1]]) {
			continue // the common case, and quick for large enums
		}
		var removed, added []string
		for _, to := range pairs {
			was := old.Transitions.Allowed(c.oldIndex[from[0]], c.oldIndex[to[0]])
			is := new.Transitions.Allowed(c.newIndex[from[1]], c.newIndex[to[1]])
			switch {
			case was && !is:
				removed = append(removed, to[1].Name)
			case !was && is:
				added = append(added, to[1].Name)
			}
		}
		if len(removed) > 0 {
			c.add(RuleTransitionRemoved, from[1].NamePos, from[0], from[1], "%s may no longer move to %s: a writer built from the old spec makes moves the new one refuses", from[1].Name, strings.Join(removed, ", "))
		}
		if len(added) > 0 {
			c.add(RuleTransitionAdded, from[1].NamePos, from[0], from[1], "%s may now move to %s", from[1].Name, strings.Join(added, ", "))
		}
	}
}
