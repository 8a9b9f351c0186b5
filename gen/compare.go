package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Compare returns every difference between two versions of a spec,
// classified by rule, each rule judged for its audience (see Audience).
// Both enums must come from Build (so each value lines up with its spec's
// value). The order is fixed: the changes sorted by their position in new,
// then what old had and new lacks, by position in old. code names each
// value in the code the Go target generates (golang.ConstName), for the
// changes that break code compiled against old; nil leaves those out.
func Compare(old, new *Enum, code CodeName) []Change {
	return compare(old, new, code, nil)
}

// CompareOnly is Compare keeping only the changes under rules. It formats
// no message for the others, which on a spec of a million aliases is most
// of Compare's work: a caller that acts on a few rules (the SQL migration
// acts on renames) asks for those.
func CompareOnly(old, new *Enum, code CodeName, rules ...Rule) []Change {
	only := make(map[string]bool, len(rules))
	for _, r := range rules {
		only[r.Name] = true
	}
	return compare(old, new, code, only)
}

func compare(old, new *Enum, code CodeName, only map[string]bool) []Change {
	c := &comparison{old: old, new: new, oldIndex: index(old), newIndex: index(new), code: code, only: only}
	c.newLookup, c.oldLookup = newNameIndex(new), newNameIndex(old)
	c.compareType()
	c.compareCategories()
	c.compareValues()
	c.compareTransitions()
	// By position: the new spec's, then the old spec's (removals).
	changes := slices.Concat(append(c.full, c.changes)...)
	slices.SortStableFunc(changes, func(a, b Change) int {
		return cmp.Or(cmp.Compare(boolInt(a.Pos.File != new.Spec.File), boolInt(b.Pos.File != new.Spec.File)),
			cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return changes
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

type comparison struct {
	code     CodeName // nil: no code names
	old, new *Enum
	// changes grows to changeBlock and then joins full, the blocks
	// filled, for a new one: a spec with a million aliases makes a
	// million changes, which one slice grown by doubling copies twice
	// over.
	changes []Change
	full    [][]Change
	// oldIndex and newIndex give each value's position in its Enum.
	oldIndex, newIndex map[*EnumValue]int
	// newLookup and oldLookup find every name each enum decodes, for
	// lookups in time linear in the spec.
	newLookup, oldLookup *nameIndex
	// match pairs each value of old with its value in new: by name, or the
	// value it became an alias of.
	match map[*EnumValue]*EnumValue
	// only holds the names of the rules to report; nil for all.
	only map[string]bool
}

// changeBlock is how many changes a block of comparison.changes holds.
const changeBlock = 1024

func (c *comparison) add(rule Rule, pos Pos, old, new *EnumValue, format string, args ...any) {
	if c.only != nil && !c.only[rule.Name] {
		return
	}
	if len(c.changes) == cap(c.changes) && len(c.changes) >= changeBlock {
		c.full = append(c.full, c.changes)
		c.changes = make([]Change, 0, changeBlock)
	}
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
		c.add(RuleTypeRenamed, new.Spec.TypePos, nil, nil, "type %s renamed to %s: code naming %s no longer compiles, and the migration refuses to rename the SQL type", old.Type, new.Type, old.Type)
	}
	if op, np := old.Spec.Package, new.Spec.Package; op != np {
		describe := func(p string) string { return cmp.Or(p, "the output folder's name") }
		c.add(RulePackageChanged, or(new.Spec.PackagePos, old.Spec.PackagePos), nil, nil, "package changed from %s to %s: Go code that imports it under its old name no longer compiles", describe(op), describe(np))
	}
	if old.Doc != new.Doc {
		c.add(RuleDocChanged, or(new.Spec.DocPos, new.Spec.TypePos), nil, nil, "doc changed")
	}
	switch {
	case !old.Open && new.Open:
		c.add(RuleEnumOpened, new.Spec.OpenPos, nil, nil, "%s is now open: readers built from NEW keep names they do not know; readers built from OLD are as they were", new.Type)
		c.add(RuleUnderlyingChanged, new.Spec.OpenPos, nil, nil, "%s is now open: its Go type is a string type, no longer an integer type", new.Type)
	case old.Open && !new.Open:
		pos := or(new.Spec.OpenPos, old.Spec.OpenPos)
		c.add(RuleEnumClosed, pos, nil, nil, "%s is no longer open: writers built from OLD write back names they do not know, which readers built from NEW reject%s", new.Type, decodesAs(new, " (or decode as their fallback %s, losing the name)"))
		c.add(RuleUnderlyingChanged, pos, nil, nil, "%s is no longer open: its Go type is an integer type, no longer a string type", new.Type)
	}
	switch of, nf := old.Fallback, new.Fallback; {
	case of == nil && nf != nil:
		c.add(RuleFallbackAdded, new.Spec.FallbackPos, nil, nf, "fallback %s added: readers built from NEW decode names a later spec adds to it instead of failing", nf.Name)
	case of != nil && nf == nil:
		c.add(RuleFallbackRemoved, old.Spec.FallbackPos, of, nil, "fallback %s removed: readers built from NEW reject names a later spec adds, so adding a value will break them", of.Name)
	case of != nil && of.Name != nf.Name:
		c.add(RuleFallbackChanged, new.Spec.FallbackPos, of, nf, "fallback changed from %s to %s: for a name it does not know, a program built from NEW writes %s where one built from OLD wrote %s, and readers built from OLD take it for a fact", of.Name, nf.Name, nf.Name, of.Name)
	}
	op, np := old.Polling, new.Polling
	switch {
	case op == nil && np != nil:
		c.add(RulePollingAdded, np.InitialPos, nil, nil, "polling bounds added (%s to %s): new constants; readers built from OLD keep their own backoff", np.Initial, np.Max)
	case op != nil && np == nil:
		c.add(RulePollingRemoved, op.InitialPos, nil, nil, "polling bounds removed: %sPollInitial and %sPollMax (Go) and their TypeScript exports are gone", old.Type, old.Type)
	case op != nil && (op.Initial != np.Initial || op.Max != np.Max):
		c.add(RulePollingChanged, np.InitialPos, nil, nil, "polling bounds changed from %s–%s to %s–%s: readers built from OLD keep the old backoff", op.Initial, op.Max, np.Initial, np.Max)
	}
}

// decodesAs returns format with e's fallback, or "" when e has none.
func decodesAs(e *Enum, format string) string {
	if e.Fallback == nil {
		return ""
	}
	return fmt.Sprintf(format, e.Fallback.Name)
}

func findCategory(e *Enum, name string) (int, *EnumCategory) {
	for i := range e.Categories {
		if e.Categories[i].Name == name {
			return i, &e.Categories[i]
		}
	}
	return -1, nil
}

func (c *comparison) compareCategories() {
	old, new := c.old, c.new
	if len(old.Categories) == 0 && len(new.Categories) > 0 {
		c.add(RuleCategoriesAdded, or(new.Spec.CategoriesPos, new.Categories[0].NamePos), nil, nil, "categories added (%s): code built from OLD has no category type", strings.Join(categoryNames(new), ", "))
		return
	}
	var renumbered []string
	var renumberedAt Pos
	for i, nc := range new.Categories {
		switch j, oc := findCategory(old, nc.Name); {
		case oc == nil:
			c.add(RuleCategoryAdded, nc.NamePos, nil, nil, "category %q added: readers built from OLD reject its name where they decode a category", nc.Name)
		default:
			if oc.Description != nc.Description {
				c.add(RuleDescriptionChanged, nc.NamePos, nil, nil, "description of category %q changed", nc.Name)
			}
			if i != j {
				if renumbered == nil {
					renumberedAt = nc.NamePos
				}
				renumbered = append(renumbered, fmt.Sprintf("%s %d→%d", nc.Name, j+1, i+1))
			}
		}
	}
	if renumbered != nil {
		c.add(RuleCategoryRenumbered, renumberedAt, nil, nil, "category constants moved (%s): no encoding writes them; %sCategories lists them in the new order", shortList(renumbered), new.Type)
	}
	for _, oc := range old.Categories {
		if _, nc := findCategory(new, oc.Name); nc == nil {
			c.add(RuleCategoryRemoved, oc.NamePos, nil, nil, "category %q removed: its names in the generated code are gone, and readers built from NEW reject its name", oc.Name)
		}
	}
}

func categoryNames(e *Enum) []string {
	names := make([]string, len(e.Categories))
	for i, cat := range e.Categories {
		names[i] = cat.Name
	}
	return names
}

// shortList joins items, naming at most five and counting the rest.
func shortList(items []string) string {
	if len(items) <= 5 {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:5], ", "), len(items)-5)
}

// successor returns the value of new that value ov of old lives on as: its
// match, or the value whose alias its name became; nil when it is gone.
func (c *comparison) successor(ov *EnumValue) *EnumValue {
	if nv, ok := c.match[ov]; ok {
		return nv
	}
	if l, ok := c.newLookup.find(ov.Name); ok {
		return l.Value
	}
	return nil
}

// A reading is what readers built from old do with a name that new
// writes for one of its values and old has no value of that name.
type reading int

const (
	readsSame     reading = iota // as the same value (an alias of it), as their fallback, or kept (open)
	readsOther                   // as another value, whose alias the name was
	readsRejected                // not at all: old is closed and has no fallback
)

// read says what readers built from old do with name, which new writes for
// nv, and in words.
func (c *comparison) read(name string, nv *EnumValue) (reading, string) {
	old := c.old
	if l, _ := c.oldLookup.find(name); l.Alias {
		was := l.Value
		if next := c.successor(was); next != nil && next != nv {
			return readsOther, fmt.Sprintf("readers built from OLD decode %s as %s, whose alias it was, not as %s", name, was.Name, nv.Name)
		}
		return readsSame, fmt.Sprintf("readers built from OLD decode %s as %s, whose alias it was", name, was.Name)
	}
	switch {
	case old.Open:
		return readsSame, fmt.Sprintf("readers built from OLD keep %s (OLD is open)", name)
	case old.Fallback != nil:
		return readsSame, fmt.Sprintf("readers built from OLD decode %s as their fallback %s", name, old.Fallback.Name)
	}
	return readsRejected, fmt.Sprintf("readers built from OLD have no fallback and reject %s, and with it the whole JSON document or row", name)
}

// codeNames returns the names code declares for value v of e: its constant
// and the constants of its aliases (an alias's go_name), each a name for v.
func (c *comparison) codeNames(e *Enum, v *EnumValue) []string {
	if c.code == nil {
		return nil
	}
	name, _ := c.code(e, v)
	names := []string{name}
	for _, a := range v.Aliases {
		if a.GoName() != "" {
			names = append(names, a.GoName())
		}
	}
	return names
}

func (c *comparison) compareValues() {
	old, new := c.old, c.new
	oldByName := c.oldLookup.values
	c.match = make(map[*EnumValue]*EnumValue)
	// Old values that became aliases, by the new value they belong to.
	became := make(map[*EnumValue][]*EnumValue)
	for i := range old.Values {
		ov := &old.Values[i]
		switch l, ok := c.newLookup.find(ov.Name); {
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
	switch {
	case !old.Numbered && new.Numbered:
		c.add(RuleNumberAdded, new.Values[0].NumberPos, nil, nil, "values now declare number: their Go constants no longer depend on their order")
	case old.Numbered && !new.Numbered:
		c.add(RuleNumberRemoved, new.Values[0].NamePos, nil, nil, "values no longer declare number: their Go constants follow their positions again")
	}
	for i := range new.Values {
		nv := &new.Values[i]
		for _, ob := range became[nv] {
			c.becameAlias(ob, nv, oldByName[nv.Name] != nil || len(became[nv]) > 1)
		}
		ov := matchedNew[nv]
		if ov == nil {
			if len(became[nv]) == 0 {
				switch how, why := c.read(nv.Name, nv); how {
				case readsOther:
					c.add(RuleAliasReused, nv.NamePos, nil, nv, "value %s added: %s", nv.Name, why)
				case readsRejected:
					c.add(RuleValueAddedNoFallback, nv.NamePos, nil, nv, "value %s added: %s", nv.Name, why)
				default:
					c.add(RuleValueAdded, nv.NamePos, nil, nv, "value %s added: %s", nv.Name, why)
				}
			}
			continue
		}
		c.compareValue(ov, nv)
	}
	c.compareAliases(matchedNew)
	c.compareNumbers(matchedNew)
	c.compareOrder()
	for i := range old.Values {
		ov := &old.Values[i]
		if _, ok := c.match[ov]; ok {
			continue
		}
		if l, ok := c.newLookup.find(ov.Name); ok && l.Alias {
			// Merged into another value: value-merged said so; the wire
			// name lives on, its constant only as an alias's go_name.
			c.compareCodeNames(ov, l.Value)
			continue
		}
		c.add(RuleValueRemoved, ov.NamePos, ov, nil, "value %s removed: readers built from NEW reject it, its constants are gone from the generated code, and the migration cannot drop it; deprecate it instead, or make it an alias", ov.Name)
	}
}

// becameAlias reports that old value ob became an alias of new value nv;
// merged when nv is not ob renamed (old had nv already, or other values
// became its aliases too).
func (c *comparison) becameAlias(ob, nv *EnumValue, merged bool) {
	pos := nv.NamePos
	for _, a := range nv.Aliases {
		if a.Name == ob.Name {
			pos = a.Pos
		}
	}
	c.add(RuleTSLiteralRemoved, pos, ob, nv, "%q leaves the TypeScript union %s, and its key the values object: TypeScript code that spells either no longer compiles", ob.Name, c.new.Type)
	if merged {
		c.add(RuleValueMerged, pos, ob, nv, "value %s became an alias of %s, which does not rename it: PostgreSQL cannot merge enum values, so the migration is refused; UPDATE the rows to %s first", ob.Name, nv.Name, nv.Name)
		return
	}
	switch how, why := c.read(nv.Name, nv); how {
	case readsOther:
		c.add(RuleAliasReused, pos, ob, nv, "value %s became an alias of %s: %s", ob.Name, nv.Name, why)
	case readsRejected:
		c.add(RuleBecameAliasNoFallback, pos, ob, nv, "value %s became an alias of %s: readers built from NEW accept both, but %s", ob.Name, nv.Name, why)
	default:
		c.add(RuleBecameAlias, pos, ob, nv, "value %s became an alias of %s: readers built from NEW accept both (GraphQL input too), the migration renames the SQL label, and %s", ob.Name, nv.Name, why)
	}
}

// compareAliases reports each alias of new that old had as an alias of
// a value that does not live on as the same value. matchedNew gives the
// value of old each value of new is compared with.
func (c *comparison) compareAliases(matchedNew map[*EnumValue]*EnumValue) {
	for i := range c.new.Values {
		nv := &c.new.Values[i]
		if ov := matchedNew[nv]; ov != nil && sameAliases(ov, nv) {
			continue // each was an alias of ov, which lives on as nv
		}
		for _, a := range nv.Aliases {
			l, _ := c.oldLookup.find(a.Name)
			if !l.Alias {
				continue
			}
			if ov := l.Value; c.successor(ov) != nv {
				c.aliasMoved(a.Name, ov, nv, a.Pos, "an alias of "+nv.Name)
			}
		}
	}
}

// aliasMoved reports that name, an alias of ov in old, is now what now says,
// of nv.
func (c *comparison) aliasMoved(name string, ov, nv *EnumValue, pos Pos, now string) {
	c.add(RuleAliasMoved, pos, ov, nv, "%s, an alias of %s, is now %s: readers built from NEW read the rows, documents and GraphQL input that hold it for %s as %s", name, ov.Name, now, ov.Name, nv.Name)
}

// compareNumbers reports the values whose Go constant changed: each one,
// breaking, where old declared number (a promise the integer stays); else
// once for all, since positions are no promise and no encoding writes them.
func (c *comparison) compareNumbers(matchedNew map[*EnumValue]*EnumValue) {
	old, new := c.old, c.new
	if old.Open || new.Open {
		return // an open enum's constants are its wire names
	}
	var moved []string
	var first *EnumValue
	for i := range new.Values {
		nv := &new.Values[i]
		ov := matchedNew[nv]
		if ov == nil || ov.Number == nv.Number {
			continue
		}
		switch {
		case old.Numbered && new.Numbered:
			c.add(RuleNumberChanged, nv.NumberPos, ov, nv, "number of %s changed from %d to %d: programs that store or send the integer read another value", nv.Name, ov.Number, nv.Number)
		case old.Numbered:
			c.add(RuleNumberChanged, nv.NamePos, ov, nv, "%s no longer declares number, and its Go constant changed from %d to %d (its position): programs that store or send the integer read another value", nv.Name, ov.Number, nv.Number)
		default:
			if first == nil {
				first = nv
			}
			moved = append(moved, fmt.Sprintf("%s %d→%d", nv.Name, ov.Number, nv.Number))
		}
	}
	if first != nil {
		pos := first.NamePos
		if new.Numbered {
			pos = first.NumberPos
		}
		c.add(RuleValueRenumbered, pos, nil, first, "Go constants moved (%s): no encoding writes them", shortList(moved))
	}
}

// compareOrder reports the first value that the new spec puts before one it
// followed: PostgreSQL keeps an enum's values in the order they were
// created and cannot move one (-sql-migrate-from refuses).
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
		c.add(RuleValuesReordered, nv.NamePos, &c.old.Values[i], nv, "%s now comes before %s, which it followed: PostgreSQL cannot reorder an enum's values, so the migration is refused; keep the old order and add new values where you like", nv.Name, lastValue.Name)
		return
	}
}

// compareCodeNames reports each name code declares for old value ov that
// new no longer declares for nv, the value ov lives on as.
func (c *comparison) compareCodeNames(ov, nv *EnumValue) {
	if c.code == nil {
		return
	}
	newNames := c.codeNames(c.new, nv)
	newName, pos := c.code(c.new, nv)
	renamed := slices.ContainsFunc(nv.Aliases, func(a Alias) bool { return a.Name == ov.Name })
	for i, name := range c.codeNames(c.old, ov) {
		if slices.Contains(newNames, name) {
			continue
		}
		switch {
		case i > 0:
			c.add(RuleGoNameChanged, pos, ov, nv, "Go constant %s (an alias of %s) is gone: code that uses it no longer compiles", name, ov.Name)
		case renamed:
			c.add(RuleGoNameChanged, pos, ov, nv, "Go constant %s is gone (%s is now an alias of %s, whose constant is %s): code that uses it no longer compiles; keep it as a deprecated constant with the alias's go_name: aliases: [{name: %s, go_name: %s}]", name, ov.Name, nv.Name, newName, ov.Name, name)
		default:
			c.add(RuleGoNameChanged, pos, ov, nv, "Go constant %s renamed to %s: code that uses it no longer compiles; set go_name: %s to keep it", name, newName, name)
		}
	}
}

// compareValue compares a value with what it became.
func (c *comparison) compareValue(ov, nv *EnumValue) {
	old, new := c.old, c.new
	ns := &new.Spec.Values[c.newIndex[nv]]
	c.compareCodeNames(ov, nv)
	if ov.Terminal != nv.Terminal {
		c.add(RuleTerminalChanged, or(ns.TerminalPos, nv.NamePos), ov, nv, "%s terminal changed from %v to %v", nv.Name, ov.Terminal, nv.Terminal)
	}
	if ov.Poll != nv.Poll {
		c.add(RulePollChanged, or(ns.PollPos, nv.NamePos), ov, nv, "%s poll changed from %v to %v", nv.Name, ov.Poll, nv.Poll)
	}
	// Without categories on one side, categories-added or
	// category-removed says it all.
	if oc, nc := categoryName(ov), categoryName(nv); oc != nc && len(old.Categories) > 0 && len(new.Categories) > 0 {
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
	if sameAliases(ov, nv) {
		return // none removed, moved or added: the common case, and quick for many aliases
	}
	newAliases := make(map[string]Pos, len(nv.Aliases))
	for _, a := range nv.Aliases {
		newAliases[a.Name] = a.Pos
	}
	oldAliases := make(map[string]bool, len(ov.Aliases))
	for _, a := range ov.Aliases {
		oldAliases[a.Name] = true
		if _, kept := newAliases[a.Name]; kept || a.Name == nv.Name { // the alias may have become the value's name
			continue
		}
		if l, ok := c.newLookup.find(a.Name); ok {
			if !l.Alias { // else compareAliases reports it
				c.aliasMoved(a.Name, ov, l.Value, l.Value.NamePos, "the name of value "+l.Value.Name)
			}
			continue
		}
		c.add(RuleAliasRemoved, nv.NamePos, ov, nv, "alias %s of %s removed: readers built from NEW reject it where stored rows and documents, or GraphQL clients, still hold it", a.Name, ov.Name)
	}
	for _, a := range nv.Aliases {
		if !oldAliases[a.Name] && !c.known(a.Name) { // an old value's name: value-became-alias; another's alias: alias-moved
			c.add(RuleAliasAdded, a.Pos, ov, nv, "alias %s of %s added: readers built from NEW accept it, readers built from OLD do not, and nothing writes it", a.Name, nv.Name)
		}
	}
}

// sameAliases reports whether ov and nv have the same aliases, in the
// same order.
func sameAliases(ov, nv *EnumValue) bool {
	return slices.EqualFunc(ov.Aliases, nv.Aliases, func(a, b Alias) bool { return a.Name == b.Name })
}

func categoryName(v *EnumValue) string {
	if v.Category == nil {
		return ""
	}
	return v.Category.Name
}

// known reports whether readers built from old decode name: a value's wire
// name or an alias.
func (c *comparison) known(name string) bool {
	_, ok := c.oldLookup.find(name)
	return ok
}
