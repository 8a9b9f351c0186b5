package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// An Audience is who a change between two versions of a spec can break:
// programs, code and databases built from or set up for the older one
// (OLD), meeting programs built from the newer one (NEW). An Audience is a
// set: a rule may concern several.
type Audience uint8

// The audiences -against judges each change for.
const (
	// Readers are programs built from OLD that read what NEW writes: JSON,
	// text, SQL rows, gob, GraphQL output.
	Readers Audience = 1 << iota
	// Writers are programs built from OLD whose output NEW reads, with
	// GraphQL clients whose operations were written against OLD's schema.
	Writers
	// Code is Go and TypeScript code compiled against OLD's generated
	// code.
	Code
	// Database is a PostgreSQL database set up with OLD's DDL, which the
	// migration (-sql-migrate-from) takes to NEW's.
	Database

	// AllAudiences is every audience: what -against judges by default.
	AllAudiences = Readers | Writers | Code | Database
)

// audienceNames are the audiences' names, in the order of the constants.
var audienceNames = [...]string{"readers", "writers", "code", "database"}

// String returns the names of the audiences in a, comma-separated, in the
// order readers, writers, code, database.
func (a Audience) String() string {
	var names []string
	for i, name := range audienceNames {
		if a&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// ParseAudiences returns the audiences a comma-separated list names, such
// as "readers,code"; spaces around a name are ignored.
func ParseAudiences(list string) (Audience, error) {
	var a Audience
	for _, name := range strings.Split(list, ",") {
		i := slices.Index(audienceNames[:], strings.TrimSpace(name))
		if i < 0 {
			return 0, fmt.Errorf("unknown audience %q; the audiences are %s", strings.TrimSpace(name), strings.Join(audienceNames[:], ", "))
		}
		a |= 1 << i
	}
	return a, nil
}

// A Rule is one kind of difference between two versions of a spec, with
// who it concerns and why: data, so that the messages of -against, its exit
// code and the table of its rules (docs/rules.md, generated from Rules)
// cannot disagree.
// Each rule has one verdict; where what a change does depends on the older
// spec (a fallback, the open key), each outcome is a rule of its own.
type Rule struct {
	// Name is what -against prints after each difference.
	Name string
	// Breaking reports whether the difference breaks Audience.
	Breaking bool
	// Audience is who the difference breaks, for a breaking rule, or who
	// it concerns (and does not break), for a compatible one.
	Audience Audience
	// Why says what the difference does to the audience, and what to do
	// instead where it breaks (Markdown; the table of -against prints it).
	Why string
}

// The rules Compare applies, breaking ones first.
var (
	RuleTypeRenamed           = Rule{"type-renamed", true, Code | Database, "Go and TypeScript code naming the old type, and GraphQL operations declaring variables of it, no longer compile; the migration refuses to rename the SQL type"}
	RulePackageChanged        = Rule{"package-changed", true, Code, "the Go package clause changes: Go code that imports the package under its old name no longer compiles"}
	RuleValueRemoved          = Rule{"value-removed", true, Writers | Code | Database, "readers built from NEW reject the name writers built from OLD and stored rows still hold, its constants are gone, and PostgreSQL cannot drop an enum value; deprecate it, or make it an alias"}
	RuleValueMerged           = Rule{"value-merged", true, Database, "a value became an alias of a value OLD already had: PostgreSQL cannot merge enum values, so the migration is refused; UPDATE the rows to the other value first"}
	RuleValueAddedNoFallback  = Rule{"value-added-no-fallback", true, Readers, "readers built from OLD, which is closed and has no `fallback`, fail on the new name, and with it the whole JSON document or row that holds it; give the spec a fallback (or `open: true`) one release before adding values"}
	RuleBecameAliasNoFallback = Rule{"value-became-alias-no-fallback", true, Readers, "a rename: NEW writes the new name, which readers built from OLD (closed, no `fallback`) reject; roll the readers out first, and keep writing the old name until then"}
	RuleAliasReused           = Rule{"alias-reused", true, Readers, "NEW writes a name that OLD has as an alias of another value: readers built from OLD decode it as that value, without an error"}
	RuleAliasRemoved          = Rule{"alias-removed", true, Writers | Database, "readers built from NEW reject (or read as another value) a name that stored rows and documents from before the rename may hold, and that GraphQL clients written against OLD may send"}
	RuleAliasMoved            = Rule{"alias-moved", true, Writers | Database, "a name that meant one value now means another: readers built from NEW read the rows, documents and GraphQL input that hold it as the other value"}
	RuleNumberChanged         = Rule{"number-changed", true, Readers | Writers, "OLD declared `number`, a promise that the integer stays: programs that store or send it in their own encodings now read another value (no generated encoding writes it)"}
	RuleValuesReordered       = Rule{"values-reordered", true, Database, "PostgreSQL keeps an enum's values in the order they were created and cannot move one, so the migration is refused; keep the old order and add new values where you like"}
	RuleGoNameChanged         = Rule{"go-name-changed", true, Code, "a Go constant was renamed or is gone: Go code using it no longer compiles; keep it with `go_name`, or after a rename as an alias's `go_name`"}
	RuleTerminalChanged       = Rule{"terminal-changed", true, Readers, "readers built from OLD take the value for final where it now moves on, or wait for it to move where it is now final"}
	RulePollChanged           = Rule{"poll-changed", true, Readers, "readers built from OLD poll what no longer moves, or stop polling what still does"}
	RuleCategoryChanged       = Rule{"category-changed", true, Readers, "readers built from OLD put the value in its old category (`Category()`, TypeScript, the schema's `$defs`)"}
	RuleCategoryAdded         = Rule{"category-added", true, Readers, "readers built from OLD reject the new category's name where a category is decoded (a category field in JSON, text or SQL)"}
	RuleCategoryRemoved       = Rule{"category-removed", true, Writers | Code, "its Go constant and TypeScript name are gone, and readers built from NEW reject its name where writers built from OLD write a category"}
	RuleTransitionRemoved     = Rule{"transition-removed", true, Writers, "writers built from OLD make moves that NEW refuses (`CanTransitionTo`, and the SQL trigger once migrated)"}
	RuleFallbackChanged       = Rule{"fallback-changed", true, Readers, "a program built from NEW writes another value than OLD's fallback for a name it does not know, and readers built from OLD take that value for a fact"}
	RuleEnumClosed            = Rule{"enum-closed", true, Writers, "writers built from OLD keep names they do not know and write them back; readers built from NEW reject them (or decode them as the fallback, losing the name)"}
	RuleUnderlyingChanged     = Rule{"underlying-type-changed", true, Code, "`open` changes the Go type between an integer type and a string type: code that converts numbers to it, compares it with 0 or `\"\"`, or indexes arrays with it no longer compiles"}
	RulePollingRemoved        = Rule{"polling-removed", true, Code, "the polling constants (Go and TypeScript) are gone"}
	RuleTSLiteralRemoved      = Rule{"ts-literal-removed", true, Code, "a value's old name (renamed or merged through an alias) leaves the TypeScript union, which holds only the names encoders write, and its key leaves the values object: TypeScript code that spells either no longer compiles; Go code keeps compiling through an alias's `go_name`"}

	RuleValueAdded         = Rule{"value-added", false, Readers, "readers built from OLD decode it as their `fallback`, or keep it when OLD is open (GraphQL clients do what their library does with an enum value their schema lacks)"}
	RuleBecameAlias        = Rule{"value-became-alias", false, Readers | Writers | Database, "a rename: readers built from NEW accept both names (in GraphQL input too, where the old name is a deprecated enum value), the migration renames the SQL label, and readers built from OLD decode the new name as their fallback (or keep it, or know it as an alias), so roll readers out first"}
	RuleValueRenumbered    = Rule{"value-renumbered", false, Readers | Writers, "without `number` a Go constant is its position, and no encoding writes it (each writes the name; gob goes through MarshalBinary, which writes the name); declare `number` if your own code stores the integer"}
	RuleCategoryRenumbered = Rule{"category-renumbered", false, Readers | Writers, "a category's Go constant is its position, which no encoding writes (each writes the name)"}
	RuleAliasAdded         = Rule{"alias-added", false, Readers | Writers, "one more name accepted (in GraphQL too, as a deprecated enum value), nothing written differently"}
	RuleCategoriesAdded    = Rule{"categories-added", false, Code, "code built from OLD has no category type at all; NEW adds one, with `Category()`"}
	RuleTransitionAdded    = Rule{"transition-added", false, Writers | Database, "NEW accepts moves that writers built from OLD never make"}
	RuleEnumOpened         = Rule{"enum-opened", false, Readers | Writers, "readers built from NEW keep names they do not know; what NEW writes for the names it knows is unchanged"}
	RuleFallbackAdded      = Rule{"fallback-added", false, Readers, "readers built from NEW decode names a later spec adds to the fallback instead of failing; readers built from OLD are as they were"}
	RuleFallbackRemoved    = Rule{"fallback-removed", false, Readers, "readers built from OLD keep their fallback, and writers built from OLD write only names NEW knows; but readers built from NEW reject names a later spec adds, so adding a value becomes breaking"}
	RuleNumberAdded        = Rule{"number-added", false, Readers | Writers, "the constants no longer depend on order"}
	RuleNumberRemoved      = Rule{"number-removed", false, Readers | Writers, "every constant keeps its integer, but they follow positions again, so the next insertion renumbers them"}
	RuleDescriptionChanged = Rule{"description-changed", false, Code, "documentation only (a value's or a category's)"}
	RuleDocChanged         = Rule{"doc-changed", false, Code | Database, "documentation only; the migration updates the SQL type's comment"}
	RuleValueDeprecated    = Rule{"value-deprecated", false, Code, "still valid everywhere; marked in every target, and staticcheck flags uses of its Go constant"}
	RuleDeprecationChanged = Rule{"deprecation-changed", false, Code, "the reason changed, or the value is no longer deprecated"}
	RulePollingAdded       = Rule{"polling-added", false, Code, "new constants; readers built from OLD keep their own backoff"}
	RulePollingChanged     = Rule{"polling-changed", false, Readers, "readers built from OLD keep the old backoff, which is safe but not what the spec now asks"}
)

// Rules lists every rule, breaking ones first, in the order of the
// table of -against (docs/rules.md).
var Rules = []Rule{
	RuleTypeRenamed, RulePackageChanged, RuleValueRemoved, RuleValueMerged, RuleValueAddedNoFallback, RuleBecameAliasNoFallback,
	RuleAliasReused, RuleAliasRemoved, RuleAliasMoved, RuleNumberChanged, RuleValuesReordered, RuleGoNameChanged,
	RuleTerminalChanged, RulePollChanged, RuleCategoryChanged, RuleCategoryAdded, RuleCategoryRemoved,
	RuleTransitionRemoved, RuleFallbackChanged, RuleEnumClosed, RuleUnderlyingChanged, RulePollingRemoved, RuleTSLiteralRemoved,
	RuleValueAdded, RuleBecameAlias, RuleValueRenumbered, RuleCategoryRenumbered, RuleAliasAdded, RuleCategoriesAdded,
	RuleTransitionAdded, RuleEnumOpened, RuleFallbackAdded, RuleFallbackRemoved, RuleNumberAdded, RuleNumberRemoved,
	RuleDescriptionChanged, RuleDocChanged, RuleValueDeprecated, RuleDeprecationChanged, RulePollingAdded, RulePollingChanged,
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

// String formats the change as pos: breaking|compatible for audiences:
// msg (rule).
func (c Change) String() string {
	class := "compatible"
	if c.Rule.Breaking {
		class = "breaking"
	}
	return fmt.Sprintf("%s: %s for %s: %s (%s)", c.Pos, class, c.Rule.Audience, c.Msg, c.Rule.Name)
}

// Breaks reports whether the change breaks any of audiences.
func (c Change) Breaks(audiences Audience) bool {
	return c.Rule.Breaking && c.Rule.Audience&audiences != 0
}

// A CodeName returns the name code uses for value v of e, and the spec node
// that name comes from. Compare adds to it the names code declares for v's
// aliases (an alias's go_name).
type CodeName func(e *Enum, v *EnumValue) (string, Pos)

// Breaking reports whether any of changes breaks any of audiences.
func Breaking(changes []Change, audiences Audience) bool {
	return slices.ContainsFunc(changes, func(c Change) bool { return c.Breaks(audiences) })
}

// Compare returns every difference between two versions of a spec,
// classified by rule, each rule judged for its audience (see Audience).
// Both enums must come from Build (so each value lines up with its spec's
// value). The order is fixed: the changes sorted by their position in new,
// then what old had and new lacks, by position in old. code names each
// value in the code the Go target generates (golang.ConstName), for the
// changes that break code compiled against old; nil leaves those out.
func Compare(old, new *Enum, code CodeName) []Change {
	c := &comparison{old: old, new: new, oldIndex: index(old), newIndex: index(new), code: code}
	c.newLookup = make(map[string]LookupName, len(new.Lookup))
	for _, l := range new.Lookup {
		c.newLookup[l.Name] = l
	}
	c.oldLookup = make(map[string]LookupName, len(old.Lookup))
	for _, l := range old.Lookup {
		c.oldLookup[l.Name] = l
	}
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
	code     CodeName // nil: no code names
	old, new *Enum
	changes  []Change
	// oldIndex and newIndex give each value's position in its Enum.
	oldIndex, newIndex map[*EnumValue]int
	newLookup          map[string]LookupName
	oldLookup          map[string]LookupName // every name old decodes, for lookups in time linear in the spec
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
	if l, ok := c.newLookup[ov.Name]; ok {
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
	if l := c.oldLookup[name]; l.Alias {
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
		if a.GoName != "" {
			names = append(names, a.GoName)
		}
	}
	return names
}

func (c *comparison) compareValues() {
	old, new := c.old, c.new
	oldByName := make(map[string]*EnumValue, len(old.Values))
	for i := range old.Values {
		oldByName[old.Values[i].Name] = &old.Values[i]
	}
	c.match = make(map[*EnumValue]*EnumValue)
	// Old values that became aliases, by the new value they belong to.
	became := make(map[*EnumValue][]*EnumValue)
	for i := range old.Values {
		ov := &old.Values[i]
		switch l, ok := c.newLookup[ov.Name]; {
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
	c.compareAliases()
	c.compareNumbers(matchedNew)
	c.compareOrder()
	for i := range old.Values {
		ov := &old.Values[i]
		if _, ok := c.match[ov]; ok {
			continue
		}
		if l, ok := c.newLookup[ov.Name]; ok && l.Alias {
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
// a value that does not live on as the same value.
func (c *comparison) compareAliases() {
	for i := range c.new.Values {
		nv := &c.new.Values[i]
		for _, a := range nv.Aliases {
			l := c.oldLookup[a.Name]
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
		if l, ok := c.newLookup[a.Name]; ok {
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
			c.add(RuleTransitionRemoved, from[1].NamePos, from[0], from[1], "%s may no longer move to %s: writers built from OLD make moves that NEW refuses", from[1].Name, removed)
		}
		if added.count > 0 {
			c.add(RuleTransitionAdded, from[1].NamePos, from[0], from[1], "%s may now move to %s: NEW accepts moves that writers built from OLD never make", from[1].Name, added)
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

// known reports whether readers built from old decode name: a value's wire
// name or an alias.
func (c *comparison) known(name string) bool {
	_, ok := c.oldLookup[name]
	return ok
}
