// Package sql prints the PostgreSQL outputs of an enum: the DDL (an enum
// type and a checked text domain) and the migration between two specs'
// DDL, and checks what PostgreSQL cannot express (Check).
package sql

import (
	"cmp"
	"fmt"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
	"io"
	"slices"
	"strings"
)

// pgMaxIdentifier is PostgreSQL's limit, in bytes, for identifiers and enum
// labels (NAMEDATALEN - 1).
const pgMaxIdentifier = 63

// Generate returns PostgreSQL DDL for the enum that spec describes: an enum type
// named after the spec's type in snake_case (Status → status, HTTPState →
// http_state) with the values in spec order, and a domain over text,
// <type>_text, whose CHECK constraint allows the same values, for columns
// that stay text. Identifiers are always double-quoted and literals
// single-quoted, so no spec text can change the statements.
func Generate(spec *gen.Enum) ([]byte, error) { return output(spec).Bytes() }

// Write writes what Generate returns to w as it is printed, without
// holding it, and returns the first error: Check's, before anything is
// written, or w's.
func Write(w io.Writer, spec *gen.Enum) error { return output(spec).Stream(w) }

// output is what Generate and Write print, or what Check refuses.
func output(spec *gen.Enum) printer.Output {
	if err := Check(spec).Err(); err != nil {
		return printer.Refused(err)
	}
	typ, domain, constraint := sqlNames(spec)
	return printer.Printed(func(b *printer.File) {
		fmt.Fprintf(b, "-- %s\n\n", printer.Generated)
		if spec.Doc != "" {
			sqlComment(b, spec.Doc)
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "CREATE TYPE %s AS ENUM (\n", typ)
		for i, v := range spec.Values {
			b.Append(len(v.Name)+16, func(buf []byte) []byte {
				buf = appendLiteral(append(buf, "    "...), v.Name, quoting{})
				if i < len(spec.Values)-1 {
					buf = append(buf, ',')
				}
				return append(buf, '\n')
			})
		}
		b.WriteString(");\n")
		if spec.Doc != "" {
			fmt.Fprintf(b, "\nCOMMENT ON TYPE %s IS %s;\n", typ, sqlLiteral(spec.Doc))
		}
		fmt.Fprintf(b, "\n-- For a column that stays text: the same values, checked.\n")
		fmt.Fprintf(b, "CREATE DOMAIN %s AS text\n    CONSTRAINT %s CHECK (VALUE IN (", domain, constraint)
		writeValueList(b, spec.Values)
		b.WriteString("));\n")
		writeTransitions(b, spec)
	})
}

// Migration returns the statements that take a PostgreSQL database from
// the DDL of old to the DDL of new, reading the differences gen.Compare
// finds: a value that became an alias of a new name is renamed in place
// (ALTER TYPE ... RENAME VALUE; Go decoders built from new accept the old
// name during the rollout), each added value is inserted next to a
// neighbour it follows in new, so the type's order stays the spec's order,
// the text domain's constraint is replaced, and a changed doc is the
// type's new comment. No difference PostgreSQL holds gives no statements.
// Changes PostgreSQL cannot make in place (removing, merging or
// reordering values, renaming the type) are refused with what to do
// instead.
func Migration(old, new *gen.Enum) ([]byte, error) {
	print, err := migration(old, new)
	if print == nil {
		return nil, err
	}
	return printer.Render(print), nil
}

// WriteMigration writes to w what statusgen -sql-migrate-from prints: what
// Migration returns, as it is printed, without holding it (the migration
// of a large spec is as large as its DDL), or NothingToMigrate's comment
// where Migration returns no statements. A migration Migration refuses is
// refused before anything is written; after that, the error is w's.
func WriteMigration(w io.Writer, old, new *gen.Enum) error {
	print, err := migration(old, new)
	switch {
	case err != nil:
		return err
	case print == nil:
		_, err := w.Write(NothingToMigrate(new))
		return err
	}
	return printer.Stream(w, print)
}

// migration finds what Migration prints, and returns what prints it: nil
// for no statements, or the refusal. The large parts that must be known
// before they are printed (the check's body, the function that finds the
// defaults, the dollar quotes of the transition functions) are made here
// once, so that printing them twice (Render) or into a stream costs no
// more.
func migration(old, new *gen.Enum) (func(*printer.File), error) {
	for _, s := range []*gen.Enum{old, new} {
		if err := Check(s).Err(); err != nil {
			return nil, err
		}
	}
	oldType, _, _ := sqlNames(old)
	typ, _, _ := sqlNames(new)
	if oldType != typ {
		return nil, fmt.Errorf("the SQL type would be renamed from %s to %s; statusgen does not rename types: run ALTER TYPE %s RENAME TO %s yourself, or keep the spec's type", oldType, typ, oldType, typ)
	}
	changes := gen.CompareOnly(old, new, nil, gen.RuleBecameAlias, gen.RuleBecameAliasNoFallback, gen.RuleAliasReused, gen.RuleDocChanged)
	oldNames, newNames := old.Names(), new.Names()
	// Sets of the names, so that the migration of a large enum takes time
	// in proportion to it, not to its square.
	isOld, isNew := nameSet(oldNames), nameSet(newNames)
	renamed := make(map[string]string) // old label → new label
	docChanged := false
	for _, c := range changes {
		switch {
		case isRename(c) && !isOld[c.New.Name]:
			renamed[c.Old.Name] = c.New.Name
		case c.Rule == gen.RuleDocChanged:
			docChanged = true
		}
	}
	// The labels after the renames, in the database's order.
	labels := make([]string, len(oldNames))
	for i, n := range oldNames {
		labels[i] = cmp.Or(renamed[n], n)
	}
	var problems []string
	var holder map[string]string // made for the first label new lacks
	for _, n := range labels {
		if isNew[n] {
			continue
		}
		if holder == nil {
			holder = aliasHolders(new)
		}
		if alias := holder[n]; alias != "" {
			problems = append(problems, fmt.Sprintf("value %q became an alias of %q, which the type already has: PostgreSQL cannot merge enum values; UPDATE the rows to %s first and keep %s in the spec until then, or keep it as a value", n, alias, sqlLiteral(alias), sqlLiteral(n)))
			continue
		}
		problems = append(problems, fmt.Sprintf("value %q was removed (or renamed): PostgreSQL cannot drop an enum value; keep it in the spec (deprecated), or if it was renamed, list the old name in the new value's aliases so that statusgen renames it", n))
	}
	isLabel := nameSet(labels)
	if len(problems) == 0 {
		var kept []string
		for _, n := range newNames {
			if isLabel[n] {
				kept = append(kept, n)
			}
		}
		if !slices.Equal(kept, labels) {
			problems = append(problems, fmt.Sprintf("values were reordered (%s became %s): PostgreSQL orders enum values as they were created and cannot move one; keep the old order and add new values where you like", strings.Join(labels, ", "), strings.Join(kept, ", ")))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("cannot migrate %s safely:\n  %s", typ, strings.Join(problems, "\n  "))
	}
	valuesChanged := !slices.Equal(oldNames, newNames)
	transitionsChanged := !gen.SameTransitions(old, new)
	if !valuesChanged && !docChanged {
		if !transitionsChanged {
			return nil, nil
		}
		return func(b *printer.File) { writeTransitionsMigration(b, new) }, nil
	}
	var what []string
	if len(renamed) > 0 {
		what = append(what, "renames values")
	}
	if len(newNames) > len(labels) {
		what = append(what, "gains values")
	}
	if docChanged {
		what = append(what, "has a new comment")
	}
	if transitionsChanged {
		what = append(what, "changes its transitions")
	}
	header := "-- Migration generated by statusgen: " + typ + " " + strings.Join(what, ", ") + ".\n"
	if !valuesChanged {
		// A new comment, new functions: each statement stands alone and
		// can run again.
		return func(b *printer.File) {
			b.WriteString(header)
			writeComment(b, new, "")
			if transitionsChanged {
				writeTransitions(b, new)
			}
		}, nil
	}
	check := migrationCheck(new)
	gate := "PERFORM " + check + "();"
	// The query that finds the defaults, and the transition functions,
	// are as large as the enum: each is printed once to read what its
	// dollar quotes must not be (tagScan), and again where it stands.
	defaults, defaultsTag := aliasDefaults(new), ""
	if defaults != "" {
		scan := newTagScan("defaults")
		printer.Stream(scan, func(b *printer.File) { writeAliasDefaults(b, new) })
		defaultsTag = scan.tag("defaults")
	}
	checkBody := preflight(new, oldNames, newNames, isOld, labels, transitionFunctions(new), defaults)
	checkTag := bodyTag("check", checkBody)
	// The functions are replaced in one statement after the check: what
	// doBlock(gate + " EXECUTE " + dollarQuote("fn", fns) + ";") returns
	// for their DDL, fns.
	fns := newTagScan("fn", "do")
	printer.Stream(fns, func(b *printer.File) { writeTransitions(b, new) })
	fnTag := fns.tag("fn")
	execute, end := "BEGIN "+gate+" EXECUTE "+fnTag, fnTag+"; END"
	doTag := fns.tagAround("do", execute, end)
	return func(b *printer.File) {
		b.WriteString(header)
		b.WriteString("-- Run it in one session (psql -f does), in one transaction or statement by\n")
		b.WriteString("-- statement, as often as you like. The first statement defines a check that\n")
		b.WriteString("-- every later one runs before it changes anything: a database this migration\n")
		b.WriteString("-- does not start from, or a role that lacks what it needs, is refused before\n")
		b.WriteString("-- the first change, even where the script goes on after an error. Each\n")
		b.WriteString("-- statement can run again, so a rerun completes a migration that stopped.\n")
		if len(newNames) > len(labels) {
			b.WriteString("-- A new value cannot be used until its transaction commits.\n")
		}
		b.WriteString("CREATE OR REPLACE FUNCTION " + check + "() RETURNS void LANGUAGE plpgsql AS " + checkTag)
		b.Write(checkBody)
		b.WriteString(checkTag + ";\n")
		if defaults != "" {
			b.WriteString("CREATE OR REPLACE FUNCTION " + defaults + " RETURNS TABLE (rel regclass, owner oid, attname name, value text) LANGUAGE sql AS " + defaultsTag)
			writeAliasDefaults(b, new)
			b.WriteString(defaultsTag + ";\n")
		}
		var stmt []byte // one statement at a time, in one buffer
		for _, n := range oldNames {
			if to, ok := renamed[n]; ok {
				// RENAME VALUE has no IF EXISTS: the block keeps the
				// migration re-runnable, as the rest of it is.
				stmt = append(stmt[:0], gate+" IF EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = "...)
				stmt = appendLiteral(stmt, typ, quoting{})
				stmt = append(stmt, "::regtype AND enumlabel = "...)
				stmt = appendLiteral(stmt, n, quoting{})
				stmt = append(stmt, ") THEN ALTER TYPE "+typ+" RENAME VALUE "...)
				stmt = appendLiteral(stmt, n, quoting{})
				stmt = append(stmt, " TO "...)
				stmt = appendLiteral(stmt, to, quoting{})
				stmt = append(stmt, "; END IF;"...)
				writeDoBlock(b, stmt)
			}
		}
		for i, n := range newNames {
			if isLabel[n] {
				continue
			}
			stmt = append(stmt[:0], gate+" ALTER TYPE "+typ+" ADD VALUE IF NOT EXISTS "...)
			stmt = appendLiteral(stmt, n, quoting{})
			if i > 0 {
				stmt = appendLiteral(append(stmt, " AFTER "...), newNames[i-1], quoting{})
			} else {
				stmt = appendLiteral(append(stmt, " BEFORE "...), labels[0], quoting{})
			}
			writeDoBlock(b, append(stmt, ';'))
		}
		writeDomainMigration(b, old, new, renamed, gate, defaults)
		if docChanged {
			writeComment(b, new, gate)
		}
		b.WriteString("\n-- The transition functions, replaced after the check:\n")
		b.WriteString("DO " + doTag + execute)
		writeTransitions(b, new)
		b.WriteString(end + doTag + ";\n")
		b.WriteString("DROP FUNCTION IF EXISTS " + check + "();\n")
		if defaults != "" {
			b.WriteString("DROP FUNCTION IF EXISTS " + defaults + ";\n")
		}
	}, nil
}

// isRename reports whether c is a value that became an alias of another,
// whatever readers built from the old spec make of the new name.
func isRename(c gen.Change) bool {
	switch c.Rule {
	case gen.RuleBecameAlias, gen.RuleBecameAliasNoFallback, gen.RuleAliasReused:
		return c.Old != nil && c.New != nil
	}
	return false
}

// longestSuffix is the longest suffix of the SQL names the DDL declares
// (the type itself, its _text domain and _text_check constraint,
// _can_transition and _transition_guard).
const longestSuffix = "_transition_guard"

// doBlock wraps statements in an anonymous block on one line: one statement
// to the server (all or nothing) and to tools that split a script at the
// semicolons that end lines. Its dollar quote is one that no wire name in
// the statements holds (dollarQuote).
func doBlock(statements string) string {
	return "DO " + dollarQuote("do", "BEGIN "+statements+" END")
}

// writeDoBlock prints doBlock(statements) and the semicolon that ends it,
// on a line of its own.
func writeDoBlock(b *printer.File, statements []byte) {
	body := "BEGIN " + string(statements) + " END"
	tag := dollarTag("do", body)
	b.WriteString("DO " + tag)
	b.WriteString(body)
	b.WriteString(tag + ";\n")
}

// dollarQuote returns body between dollar quotes whose tag the body cannot
// end: $name$ if body holds no $name$ (even one that would run into the
// closing quote), else $name1$, $name2$ and so on.
func dollarQuote(name, body string) string {
	tag := dollarTag(name, body)
	return tag + body + tag
}

// dollarTag returns the tag dollarQuote quotes body with.
func dollarTag(name, body string) string {
	tag := "$" + name + "$"
	for i := 1; holdsTag(body, tag); i++ {
		tag = fmt.Sprintf("$%s%d$", name, i)
	}
	return tag
}

// holdsTag reports whether body followed by the closing quote's tag holds
// tag before that quote's end: body holds it, or body ends with the start
// of it, j bytes, that the closing tag's first bytes complete. It asks what
// strings.Contains(body+tag[:len(tag)-1], tag) does, without copying body
// (which may be the functions of a large spec) for every tag it tries.
func holdsTag(body, tag string) bool {
	if strings.Contains(body, tag) {
		return true
	}
	for j := 1; j < len(tag); j++ {
		if strings.HasSuffix(body, tag[:j]) && tag[j:] == tag[:len(tag)-j] {
			return true
		}
	}
	return false
}

// sqlBase is the SQL name of the enum type, unquoted: the spec's sql.type,
// or else its Go type in snake_case. Every other SQL name derives from it.
func sqlBase(s *gen.Enum) string {
	if s.Spec != nil && s.Spec.SQLType != "" {
		return s.Spec.SQLType
	}
	return naming.Snake(s.Type)
}

// firstRenamed returns the first of names that renamed renames.
func firstRenamed(names []string, renamed map[string]string) string {
	for _, n := range names {
		if _, ok := renamed[n]; ok {
			return n
		}
	}
	return ""
}

// aliasHolders maps each alias of e to the name of its value.
func aliasHolders(e *gen.Enum) map[string]string {
	holders := make(map[string]string)
	for _, l := range e.Lookup {
		if _, dup := holders[l.Name]; l.Alias && !dup {
			holders[l.Name] = l.Value.Name
		}
	}
	return holders
}

// nameSet returns the set of names.
func nameSet(names []string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// sqlNames returns the quoted names of the enum type, the text domain and
// its constraint.
func sqlNames(s *gen.Enum) (typ, domain, constraint string) {
	base := sqlBase(s)
	return sqlIdent(base), sqlIdent(base + "_text"), sqlIdent(base + "_text_check")
}

// NothingToMigrate is what -sql-migrate-from prints where Migration
// returns no statements: one SQL comment, so that an empty script is seen
// to be meant and still runs. The type's name is a plain SQL name (Check
// refuses any other), so it cannot end the comment.
func NothingToMigrate(new *gen.Enum) []byte {
	return fmt.Appendf(nil, "-- Migration generated by statusgen: nothing to migrate for %s; a database set up from the old spec already matches the new one.\n", sqlBase(new))
}

// Check reports what the SQL target cannot express for the enum, each at
// the spec node that causes it: names longer than PostgreSQL's 63 bytes, and
// a type whose SQL name (or its domain's) PostgreSQL already gives a
// meaning. Generate and Migration call it before they emit anything; the
// CLI calls it beside Parse (through gen/targets), on a partial enum too,
// where an empty Type is skipped.
func Check(s *gen.Enum) gen.ErrorList {
	var errs gen.ErrorList
	base := sqlBase(s)
	// The names derive from sql.type when the spec sets it, else from the
	// Go type; the error is at the key that chose them.
	// fix and rename say what to do; for a name derived from the Go type
	// the way out that keeps the type is sql.type.
	what, pos, fix, rename := "type "+s.Type, s.Spec.TypePos, "name the SQL type with a shorter sql: {type: ...}, or use a shorter type", "name the SQL type with sql: {type: ...}, or choose another type name"
	if s.Spec.SQLType != "" {
		what, pos, fix, rename = "sql.type "+base, s.Spec.SQLTypePos, "use a shorter sql.type", "choose another sql.type name"
	}
	if s.Spec.SQLType != "" && !isSQLName(base) {
		errs.Add(pos, "sql.type %q is not a plain SQL name; use lower-case letters, digits and _, starting with a letter or _, such as payment_intent_status", base)
		base = "" // no other check of a name that is refused
	}
	if base == "" {
		// The type did not pass the spec's own checks; only the values
		// are left to check.
	} else if len(base+longestSuffix) > pgMaxIdentifier {
		errs.Add(pos, "%s gives SQL names longer than PostgreSQL's %d bytes (%s%s); %s", what, pgMaxIdentifier, base, longestSuffix, fix)
	}
	for _, name := range []string{base, base + "_text"} {
		if why := pgNameTaken(name); why != "" && base != "" {
			errs.Add(pos, "%s gives the SQL name %s, %s; %s", what, name, why, rename)
			break
		}
	}
	for _, v := range s.Values {
		if len(v.Name) > pgMaxIdentifier {
			errs.Add(v.NamePos, "value %q is longer than PostgreSQL's %d-byte limit for enum labels; use a shorter name, or leave out -sql", v.Name, pgMaxIdentifier)
		}
	}
	return errs
}

// pgNameTaken says why name cannot be the enum's or the domain's SQL name,
// or returns "". The DDL double-quotes its identifiers, so PostgreSQL would
// create the type; the trouble comes later, where people write the name
// unquoted: as a column's type it would parse as a keyword or resolve to
// pg_catalog's type, which the search path puts first.
func pgNameTaken(name string) string {
	if _, found := slices.BinarySearch(pgBuiltinTypes, name); found {
		return "which is PostgreSQL's own type of that name: a column declared " + name + " would get PostgreSQL's type, not the enum"
	}
	if _, found := slices.BinarySearch(pgKeywords, name); found {
		return "which is a PostgreSQL keyword: a column declared " + name + " would not parse as the enum"
	}
	if strings.HasPrefix(name, "pg_") {
		return "which starts with pg_: PostgreSQL's system catalogs and views use that prefix, each with a row type of its name, and more come with every release"
	}
	return ""
}

// sqlIdent double-quotes an identifier, doubling any quote inside it.
func sqlIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// appendValueList appends the values' names as a list of literals.
func appendValueList(b []byte, values []gen.EnumValue) []byte {
	for i := range values {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendLiteral(b, values[i].Name, quoting{})
	}
	return b
}

// sqlComment writes text as -- comment lines. PostgreSQL ends a comment at
// \n or \r, so every other invisible character is escaped and lines are
// split only at \n.
func sqlComment(b *printer.File, text string) {
	for _, line := range printer.CommentLines(text) {
		if line == "" {
			b.WriteString("--\n")
		} else {
			b.WriteString("-- " + line + "\n")
		}
	}
}

// isSQLName reports whether name is an SQL identifier that reads the same
// quoted and unquoted (PostgreSQL folds unquoted names to lower case), so
// that people can write the type's name in their own SQL as it is.
func isSQLName(name string) bool {
	for i, r := range name {
		switch {
		case r == '_', 'a' <= r && r <= 'z':
		case '0' <= r && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return name != ""
}
