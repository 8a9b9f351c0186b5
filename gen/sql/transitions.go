package sql

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
)

// transitionNames returns the quoted names of the transition function and
// the trigger function.
func transitionNames(s *gen.Enum) (can, guard string) {
	base := naming.Snake(s.Type)
	return sqlIdent(base + "_can_transition"), sqlIdent(base + "_transition_guard")
}

// writeTransitions prints the enum's transition relation (gen.Transitions,
// the declared graph or the terminal rule) as functions: <type>_can_transition
// over text, which a column of the text domain (or plain text) passes as it
// is, the same over the enum type, and <type>_transition_guard, a trigger
// function that refuses an UPDATE the relation does not allow. Every
// statement is CREATE OR REPLACE, so a migration prints them again
// whenever the values or the graph change.
//
// The relation is written over text, never over enum literals: a migration
// that adds a value in the same transaction cannot use the new label yet
// (unsafe use of new value), but text it can.
func writeTransitions(b *bytes.Buffer, s *gen.Enum) {
	typ, domain, _ := sqlNames(s)
	can, guard := transitionNames(s)
	rel := s.Transitions
	b.WriteString("\n-- Transitions: ")
	if rel.Declared() {
		b.WriteString("each value may move to the values its next lists in the spec, or to itself.\n")
	} else {
		b.WriteString("the spec declares no next, so a value that is not terminal may move to\n-- any value, and a terminal one only to itself.\n")
	}
	fmt.Fprintf(b, "-- %s(from, to) reports whether a value may move from from to to; it\n", unquote(can))
	fmt.Fprintf(b, "-- takes text (so a %s or text column passes as it is) or %s.\n", unquote(domain), unquote(typ))
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(\"from\" text, \"to\" text) RETURNS boolean\n", can)
	b.WriteString("    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n")
	fmt.Fprintf(b, "    RETURN \"to\" IN (%s)\n", sqlValueList(s.Values))
	var whens []string
	for i, v := range s.Values {
		if rel.MovesAnywhere(i) { // before Next, which would list every value
			whens = append(whens, fmt.Sprintf("WHEN %s THEN true", sqlLiteral(v.Name)))
			continue
		}
		if next := rel.Next(i); len(next) > 0 {
			lits := make([]string, len(next))
			for k, j := range next {
				lits[k] = sqlLiteral(s.Values[j].Name)
			}
			whens = append(whens, fmt.Sprintf("WHEN %s THEN \"to\" IN (%s)", sqlLiteral(v.Name), strings.Join(lits, ", ")))
		}
	}
	if len(whens) == 0 { // every value moves only to itself; CASE needs a WHEN
		b.WriteString("        AND \"from\" = \"to\";\n\n")
	} else {
		b.WriteString("        AND (\"from\" = \"to\" OR CASE \"from\"\n")
		for _, w := range whens {
			b.WriteString("            " + w + "\n")
		}
		b.WriteString("            ELSE false\n        END);\n\n")
	}

	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(\"from\" %s, \"to\" %s) RETURNS boolean\n", can, typ, typ)
	b.WriteString("    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n")
	fmt.Fprintf(b, "    RETURN %s(\"from\"::text, \"to\"::text);\n\n", can)
	fmt.Fprintf(b, "-- %s() refuses an UPDATE that moves a column where the\n", unquote(guard))
	b.WriteString("-- transitions do not lead, with SQLSTATE 23514 (check_violation) naming both\n")
	b.WriteString("-- values and the allowed ones, so no code path can skip the rule. It takes the\n")
	b.WriteString("-- column's name as its argument, so one function serves every table:\n")
	b.WriteString("--\n")
	fmt.Fprintf(b, "--   CREATE TRIGGER tasks_status_transition BEFORE UPDATE OF status ON tasks\n")
	fmt.Fprintf(b, "--       FOR EACH ROW EXECUTE FUNCTION %s('status');\n", guard)
	b.WriteString("--\n")
	b.WriteString("-- NULL is no status: setting a column from or to NULL is not a move. Under\n")
	b.WriteString("-- READ COMMITTED a concurrent UPDATE of the row waits, then checks the move\n")
	b.WriteString("-- from the committed value (do not add WHERE status = ... to the UPDATE, or it\n")
	b.WriteString("-- silently updates nothing instead).\n")
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s() RETURNS trigger\n", guard)
	b.WriteString("    LANGUAGE plpgsql\n    AS $$\n")
	b.WriteString("DECLARE\n")
	b.WriteString("    col text := TG_ARGV[0];\n")
	b.WriteString("    old_value text;\n    new_value text;\n    allowed text;\n")
	b.WriteString("BEGIN\n")
	b.WriteString("    IF TG_NARGS <> 1 OR NOT to_jsonb(NEW) ? col THEN\n")
	fmt.Fprintf(b, "        RAISE EXCEPTION '%%: give %s the name of a column of %%.%% as its one argument', TG_NAME, TG_TABLE_SCHEMA, TG_TABLE_NAME;\n", unquote(guard))
	b.WriteString("    END IF;\n")
	b.WriteString("    old_value := to_jsonb(OLD) ->> col;\n")
	b.WriteString("    new_value := to_jsonb(NEW) ->> col;\n")
	if s.HasAliases {
		// A migration that turns a value into an alias of a new name
		// keeps the text rows as they were; the UPDATE that moves them to
		// the new name (which the migration advises) is a move to the
		// value itself, not from a name the transitions do not know.
		b.WriteString("    -- A text row may hold an alias, the old name of a value: read it as the value.\n")
		fmt.Fprintf(b, "    old_value := %s;\n", aliasCase(s, "old_value"))
		fmt.Fprintf(b, "    new_value := %s;\n", aliasCase(s, "new_value"))
	}
	fmt.Fprintf(b, "    IF old_value IS NULL OR new_value IS NULL OR %s(old_value, new_value) THEN\n", can)
	b.WriteString("        RETURN NEW;\n")
	b.WriteString("    END IF;\n")
	fmt.Fprintf(b, "    SELECT string_agg(v::text, ', ' ORDER BY v) INTO allowed FROM unnest(enum_range(NULL::%s)) AS v\n", typ)
	fmt.Fprintf(b, "        WHERE v::text <> old_value AND %s(old_value, v::text);\n", can)
	b.WriteString("    RAISE EXCEPTION USING\n")
	b.WriteString("        ERRCODE = 'check_violation',\n")
	b.WriteString("        MESSAGE = format('cannot move %I.%I from %s to %s: %s', TG_TABLE_NAME, col, old_value, new_value,\n")
	b.WriteString("            CASE WHEN allowed IS NULL THEN old_value || ' may move to no other value'\n")
	b.WriteString("                ELSE old_value || ' may move to ' || allowed END),\n")
	b.WriteString("        SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = col;\n")
	b.WriteString("END\n$$;\n")
}

// unquote is the name inside a quoted identifier, for comments.
func unquote(ident string) string {
	return strings.ReplaceAll(strings.Trim(ident, `"`), `""`, `"`)
}

// transitionsMigration returns the migration between two specs with the
// same values: the transition functions again when the graph changed,
// nothing when it did not.
func transitionsMigration(old, new *gen.Enum) []byte {
	if gen.SameTransitions(old, new) {
		return nil
	}
	typ, _, _ := sqlNames(new)
	var b bytes.Buffer
	fmt.Fprintf(&b, "-- Migration generated by statusgen: the transitions of %s changed.\n", typ)
	writeTransitions(&b, new)
	return b.Bytes()
}

// aliasCase is a CASE expression that gives the value's name for an alias
// in the text variable v, and v itself otherwise.
func aliasCase(s *gen.Enum, v string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CASE %s", v)
	for _, l := range s.Lookup {
		if l.Alias {
			fmt.Fprintf(&b, " WHEN %s THEN %s", sqlLiteral(l.Name), sqlLiteral(l.Value.Name))
		}
	}
	fmt.Fprintf(&b, " ELSE %s END", v)
	return b.String()
}
