package gen

import (
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
func (a Audience) String() string { return string(a.appendText(nil)) }

// appendText appends String's text to b.
func (a Audience) appendText(b []byte) []byte {
	first := true
	for i, name := range audienceNames {
		if a&(1<<i) != 0 {
			if !first {
				b = append(b, ", "...)
			}
			b, first = append(b, name...), false
		}
	}
	return b
}

// ParseAudiences returns the audiences a comma-separated list names, such
// as "readers,code"; spaces around a name are ignored. A list that names
// none is an error, not a quiet "judge everything".
func ParseAudiences(list string) (Audience, error) {
	if strings.TrimSpace(list) == "" {
		return 0, fmt.Errorf("no audience named; name one or more of %s", strings.Join(audienceNames[:], ", "))
	}
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
	b, _ := c.AppendText(nil)
	return string(b)
}

// AppendText appends String's text to b, for a caller that prints a
// million changes.
func (c Change) AppendText(b []byte) ([]byte, error) {
	b = c.Pos.appendText(b)
	if c.Rule.Breaking {
		b = append(b, ": breaking for "...)
	} else {
		b = append(b, ": compatible for "...)
	}
	b = c.Rule.Audience.appendText(b)
	b = append(b, ": "...)
	b = append(b, c.Msg...)
	b = append(b, " ("...)
	b = append(b, c.Rule.Name...)
	return append(b, ')'), nil
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
