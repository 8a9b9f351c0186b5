package sql

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// The statements of a migration that changes values, beyond the ALTER TYPEs.
// A real schema uses the type and its domain in plain and array columns,
// views, defaults, indexes and partitioned tables; the migration must work
// there in one transaction and statement by statement (psql without a
// wrapping transaction), where a failure after the first change would leave
// the enum and the domain disagreeing. So the first statement defines a
// check of what could make a later one fail, which every later statement
// runs before it changes anything (psql goes on after an error unless told
// otherwise), and every statement is idempotent, so that a rerun completes
// a migration that stopped (a lost connection).

// preflight returns the body of that check, BEGIN to END: it refuses,
// before anything changes, a database whose enum holds labels that
// neither old nor new has, or lacks one of old's (under its new name, in
// labels, or its old), so that an ADD VALUE ... AFTER or a rename cannot
// fail half way; and a role that does not own every object the migration
// alters (PostgreSQL would refuse it at that object's statement, after the
// earlier ones changed the database): functions names those the migration
// creates or replaces, and defaults, unless empty, calls the function that
// finds the defaults it rewrites (aliasDefaults), whose tables it alters.
// isOld holds oldNames.
func preflight(new *gen.Enum, oldNames, newNames []string, isOld map[string]bool, labels, functions []string, defaults string) []byte {
	typ, domain, _ := sqlNames(new)
	known := slices.Clone(oldNames)
	for _, n := range newNames {
		if !isOld[n] {
			known = append(known, n)
		}
	}
	size := 4096 + len(defaults)
	for _, names := range [][]string{known, oldNames, labels, oldNames, newNames, functions} {
		for _, n := range names {
			size += len(n) + 4
		}
	}
	lit := sqlLiteral(typ)
	b := append(make([]byte, 0, size), "BEGIN "...)
	// An anti-join, which PostgreSQL hashes: enumlabel <> ALL (known)
	// compared every label with every name, 37 s in every statement's
	// check for 65,534 values.
	b = append(b, "IF EXISTS (SELECT 1 FROM pg_enum e WHERE e.enumtypid = "+lit+"::regtype AND NOT EXISTS (SELECT 1 FROM unnest("...)
	b = appendArray(b, known)
	b = append(b, ") AS k(label) WHERE k.label = e.enumlabel::text))"...)
	b = append(b, " OR EXISTS (SELECT 1 FROM unnest("...)
	b = appendArray(b, oldNames)
	b = append(b, ", "...)
	b = appendArray(b, labels)
	b = append(b, ") AS v(old, new) WHERE NOT EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = "+lit+"::regtype AND enumlabel IN (v.old, v.new)))"...)
	b = append(b, " THEN RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state', MESSAGE = format('type %s has the values %s; this migration goes from %s to %s', "+lit+"::regtype, "...)
	b = append(b, "(SELECT string_agg(enumlabel::text, ', ' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = "+lit+"::regtype), "...)
	b = appendLiteral(b, strings.Join(oldNames, ", "), quoting{})
	b = append(b, ", "...)
	b = appendLiteral(b, strings.Join(newNames, ", "), quoting{})
	b = append(b, "),"...)
	b = append(b, " HINT = 'Generate the migration from the spec the database was created with or last migrated to.'; END IF;"...)
	// What the statements after it alter, and must own: the type, the
	// domain, the transition functions (CREATE OR REPLACE, which also
	// needs CREATE on their schema) and the tables whose defaults change.
	schema := "(SELECT typnamespace FROM pg_type WHERE oid = " + lit + "::regtype)"
	b = append(b, " DECLARE lacking text; BEGIN SELECT string_agg(l, ', ' ORDER BY l) INTO lacking FROM ("...)
	b = append(b, "SELECT format('ownership of type %s', oid::regtype) FROM pg_type WHERE oid IN ("+lit+"::regtype, "...)
	b = appendLiteral(b, domain, quoting{})
	b = append(b, "::regtype) AND NOT pg_has_role(typowner, 'USAGE')"...)
	b = append(b, " UNION SELECT format('ownership of function %s', oid::regprocedure) FROM pg_proc WHERE pronamespace = "+schema+" AND proname = ANY ("...)
	b = appendArray(b, functions)
	b = append(b, ") AND NOT pg_has_role(proowner, 'USAGE')"...)
	b = append(b, " UNION SELECT format('CREATE on schema %s', oid::regnamespace) FROM pg_namespace WHERE oid = "+schema+" AND NOT has_schema_privilege(oid, 'CREATE')"...)
	if defaults != "" {
		b = append(b, " UNION SELECT format('ownership of table %s', q.rel) FROM "+defaults+" AS q WHERE q.rel IS NOT NULL AND NOT pg_has_role(q.owner, 'USAGE')"...)
	}
	b = append(b, ") AS x(l);"...)
	b = append(b, " IF lacking IS NOT NULL THEN RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('role %s lacks what this migration needs: %s', current_user, lacking), HINT = 'Run it as the owner of the type, the domain, their functions and the tables named.'; END IF; END;"...)
	return append(b, " END"...)
}

// writeDomainMigration prints the statement that gives the text domain the
// new values: the constraint dropped and added back in one statement, so
// the domain is never unchecked. It is added NOT VALID and then validated
// where PostgreSQL can, which makes the statement succeed on every schema:
// PostgreSQL validates no constraint of a domain while a column is an
// array of it (cannot alter type ... because column ... uses it), and rows
// of text columns keep a renamed value's old name until their owner
// updates them. A rerun after they did validates. Defaults of the domain
// (its own and its columns') that are an alias are set to its value's name
// in the same statement: the new constraint would refuse every row they
// make. So are the aliases in array columns' literal defaults, which
// would keep writing old names: defaults, unless empty, calls the function
// that finds them (aliasDefaults).
func writeDomainMigration(b *printer.File, old, new *gen.Enum, renamed map[string]string, gate, defaults string) {
	_, domain, constraint := sqlNames(new)
	if len(renamed) > 0 {
		from := firstRenamed(old.Names(), renamed)
		to := sqlLiteral(renamed[from])
		fmt.Fprintf(b, "-- Rows of %s keep their old names until you update them, in each\n", domain)
		fmt.Fprintf(b, "-- column c of it and each array column a of it:\n")
		fmt.Fprintf(b, "--   UPDATE ... SET c = %s WHERE c = %s;\n", to, sqlLiteral(from))
		fmt.Fprintf(b, "--   UPDATE ... SET a = array_replace(a::text[], %s, %s)::%s WHERE %s = ANY(a);\n", sqlLiteral(from), to, domain+"[]", sqlLiteral(from))
		fmt.Fprintf(b, "-- then run this migration again: it validates the constraint once no row\n")
		fmt.Fprintf(b, "-- holds an old name.\n")
	} else if old.HasAliases || new.HasAliases {
		fmt.Fprintf(b, "-- Rows of %s may hold aliases, the old names of values, until you\n", domain)
		fmt.Fprintf(b, "-- update them; the constraint is validated once no row does.\n")
	}
	fmt.Fprintf(b, "-- PostgreSQL validates no constraint of a domain while a column is an array\n")
	fmt.Fprintf(b, "-- of it: there the constraint stays NOT VALID, and checks every value written.\n")
	if new.HasAliases {
		fmt.Fprintf(b, "-- A default of %s, its own or a column's, that is an alias\n", domain)
		fmt.Fprintf(b, "-- becomes the value's name, and so does an alias in an array column's\n")
		fmt.Fprintf(b, "-- default written as a literal ('{...}').\n")
	}
	s := fmt.Appendf(nil, "%s ALTER DOMAIN %s DROP CONSTRAINT IF EXISTS %s; ALTER DOMAIN %s ADD CONSTRAINT %s CHECK (VALUE IN (",
		gate, domain, constraint, domain, constraint)
	s = appendValueList(s, new.Values)
	s = append(s, ")) NOT VALID;"...)
	if defaults != "" {
		s = fmt.Appendf(s, " DECLARE r record; BEGIN FOR r IN SELECT * FROM %s LOOP IF r.rel IS NULL THEN EXECUTE format('ALTER DOMAIN %%s SET DEFAULT %%L', %s::regtype, r.value);", defaults, sqlLiteral(domain))
		s = append(s, " ELSE EXECUTE format('ALTER TABLE ONLY %s ALTER COLUMN %I SET DEFAULT %L', r.rel, r.attname, r.value); END IF; END LOOP; END;"...)
	}
	s = fmt.Appendf(s, " BEGIN ALTER DOMAIN %s VALIDATE CONSTRAINT %s; EXCEPTION WHEN check_violation OR feature_not_supported THEN RAISE NOTICE 'constraint %% of domain %% stays NOT VALID, and checks every value written: %%', %s, %s::regtype, SQLERRM; END;",
		domain, constraint, sqlLiteral(unquote(constraint)), sqlLiteral(domain))
	writeDoBlock(b, s)
}

// aliasDefaults returns, when the enum has aliases, the name of the
// function that finds the defaults naming an alias (a FROM item, called),
// which the migration creates in pg_temp with the query writeAliasDefaults
// prints as its body; without aliases, "". The function returns rel, the
// relation; owner, its owner; attname, the column; value, the new
// default. A default of the domain, a column's or (rel NULL) the domain's
// own, that is an alias as a constant gets the value's name; an array
// column of the domain whose default is an array constant holding aliases
// gets the array with their values' names.
//
// The aliases are written once, as two array constants the query unnests
// and joins by equality, so that the migration's size and the server's
// work grow with the number of aliases (not with it times the number of
// defaults): the check and the statement that sets the defaults call the
// function. (Nesting
// array_replace once per alias, or listing the aliases in every query,
// made the migration of a spec with many aliases hundreds of megabytes,
// and PostgreSQL refuses expressions nested a few thousand deep.)
func aliasDefaults(e *gen.Enum) string {
	if !slices.ContainsFunc(e.Lookup, func(l gen.LookupName) bool { return l.Alias }) {
		return ""
	}
	return "pg_temp." + sqlIdent(sqlBase(e)+"_alias_defaults") + "()"
}

// writeAliasDefaults prints the query of the function aliasDefaults
// names.
func writeAliasDefaults(b *printer.File, e *gen.Enum) {
	_, domain, _ := sqlNames(e)
	dom := sqlLiteral(domain) + "::regtype"
	arrayType := fmt.Sprintf("(SELECT typarray FROM pg_type WHERE oid = %s)", dom)
	// v: each alias with its value's name.
	b.WriteString("WITH v(alias, value) AS (SELECT * FROM unnest(")
	writeArrayLiteral(b, aliasNames(e, false), quoting{})
	b.WriteString("::text[], ")
	writeArrayLiteral(b, aliasNames(e, true), quoting{})
	b.WriteString("::text[]))")
	// c: the defaults of the domain's columns and its arrays' and the
	// domain's own, as PostgreSQL prints them.
	fmt.Fprintf(b, ", c AS (SELECT k.oid::regclass AS rel, k.relowner AS owner, a.attname, a.atttypid AS type, pg_get_expr(d.adbin, d.adrelid) AS expr, d.adbin::text LIKE '{CONST %%' AS constant"+
		" FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"+
		" JOIN pg_class k ON k.oid = a.attrelid AND k.relkind IN ('r', 'p', 'v', 'f')"+
		" WHERE NOT a.attisdropped AND a.atttypid IN (%s, %s)"+
		" UNION ALL SELECT NULL, t.typowner, NULL, t.oid, pg_get_expr(t.typdefaultbin, 0), false FROM pg_type t WHERE t.oid = %s AND t.typdefaultbin IS NOT NULL)",
		dom, arrayType, dom)
	// An alias as a constant prints as 'OLD'::text, or ('OLD'::text)::domain
	// where the default casts: the join reads the name out of the literal
	// (quotes doubled), and the condition takes the two forms only.
	name := "replace(substring(c.expr FROM " + sqlLiteral(`^[(]?'((?:[^']|'')*)'::text`) + "), " + sqlLiteral("''") + ", " + sqlLiteral("'") + ")"
	quoted := "(" + sqlLiteral("'") + " || replace(v.alias, " + sqlLiteral("'") + ", " + sqlLiteral("''") + ") || " + sqlLiteral("'") + ")"
	fmt.Fprintf(b, " SELECT c.rel, c.owner, c.attname, v.value FROM c JOIN v ON v.alias = %s WHERE c.type = %s AND c.expr IN (%s || '::text', '(' || %s || '::text)::' || %s::text)",
		name, dom, quoted, quoted, dom)
	// An array constant prints as '{...}'::type[]: its literal, quotes
	// undoubled, is read as text[], never as the domain's array, which
	// would check the elements against the new constraint; the CASE keeps
	// PostgreSQL from reading any other default so. p gathers, for each
	// such default, the aliases it holds (a join, element by element) and
	// their values; the recursive query applies array_replace once for
	// each of them, which keeps NULL elements, the array's dimensions and
	// its bounds.
	literal := "replace(substring(c.expr FROM " + sqlLiteral(`^'(.*)'::[^']*$`) + "), " + sqlLiteral("''") + ", " + sqlLiteral("'") + ")::text[]"
	fmt.Fprintf(b, " UNION ALL SELECT p.rel, p.owner, p.attname,"+
		" (WITH RECURSIVE f(i, arr) AS (SELECT 0, p.arr UNION ALL SELECT f.i + 1, array_replace(f.arr, p.aliases[f.i + 1], p.vals[f.i + 1]) FROM f WHERE f.i < cardinality(p.aliases)) SELECT f.arr::text FROM f ORDER BY f.i DESC LIMIT 1)"+
		" FROM (SELECT c.rel, c.owner, c.attname, x.arr, array_agg(v.alias) AS aliases, array_agg(v.value) AS vals"+
		" FROM c CROSS JOIN LATERAL (SELECT CASE WHEN c.type = %s AND c.constant THEN %s END AS arr) AS x"+
		" CROSS JOIN LATERAL unnest(x.arr) AS u(e) JOIN v ON v.alias = u.e"+
		" GROUP BY c.rel, c.owner, c.attname, x.arr) AS p",
		arrayType, literal)
}

// aliasNames yields the name of each alias of e, in the order of its
// Lookup, or with values set the name of its value.
func aliasNames(e *gen.Enum, values bool) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, l := range e.Lookup {
			switch {
			case !l.Alias:
			case values:
				if !yield(l.Value.Name) {
					return
				}
			default:
				if !yield(l.Name) {
					return
				}
			}
		}
	}
}

// appendArray appends a text array of the strings, ARRAY['A', 'B']::text[].
func appendArray(b []byte, ss []string) []byte {
	b = append(b, "ARRAY["...)
	for i, s := range ss {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendLiteral(b, s, quoting{})
	}
	return append(b, "]::text[]"...)
}

// migrationCheck is the name of the function a migration's first statement
// defines in pg_temp, the session's own schema: nothing outside the
// session sees it, and it is gone when the session ends.
func migrationCheck(e *gen.Enum) string {
	return "pg_temp." + sqlIdent(naming.Snake(e.Type)+"_migration_check")
}

// writeComment prints the type's new comment, after gate when it is not
// empty.
func writeComment(b *printer.File, e *gen.Enum, gate string) {
	typ, _, _ := sqlNames(e)
	stmt := fmt.Sprintf("COMMENT ON TYPE %s IS NULL;", typ)
	if e.Doc != "" {
		stmt = fmt.Sprintf("COMMENT ON TYPE %s IS %s;", typ, sqlLiteral(e.Doc))
	}
	if gate == "" {
		fmt.Fprintf(b, "%s\n", stmt)
		return
	}
	fmt.Fprintf(b, "%s;\n", doBlock(gate+" "+stmt))
}
