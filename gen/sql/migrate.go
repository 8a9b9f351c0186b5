package sql

import (
	"fmt"
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

// preflight returns the body of that check: it refuses, before anything
// changes, a database whose enum holds labels
// that neither old nor new has, or lacks one of old's (under its new name
// or its old), so that an ADD VALUE ... AFTER or a rename cannot fail half
// way; and a role that does not own every object the migration alters
// (PostgreSQL would refuse it at that object's statement, after the
// earlier ones changed the database): functions names those the migration
// creates or replaces.
func preflight(old, new *gen.Enum, renamed map[string]string, functions []string, defaults string) string {
	typ, domain, _ := sqlNames(new)
	oldNames, newNames := old.Names(), new.Names()
	known, isKnown := slices.Clone(oldNames), nameSet(oldNames)
	for _, n := range newNames {
		if !isKnown[n] {
			known, isKnown[n] = append(known, n), true
		}
	}
	after := make([]string, len(oldNames))
	for i, n := range oldNames {
		after[i] = n
		if to, ok := renamed[n]; ok {
			after[i] = to
		}
	}
	labels := fmt.Sprintf("(SELECT string_agg(enumlabel::text, ', ' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = %s::regtype)", sqlLiteral(typ))
	var b strings.Builder
	fmt.Fprintf(&b, "IF EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = %s::regtype AND enumlabel <> ALL (%s))", sqlLiteral(typ), sqlArray(known))
	fmt.Fprintf(&b, " OR EXISTS (SELECT 1 FROM unnest(%s, %s) AS v(old, new) WHERE NOT EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = %s::regtype AND enumlabel IN (v.old, v.new)))",
		sqlArray(oldNames), sqlArray(after), sqlLiteral(typ))
	fmt.Fprintf(&b, " THEN RAISE EXCEPTION USING ERRCODE = 'object_not_in_prerequisite_state', MESSAGE = format('type %%s has the values %%s; this migration goes from %%s to %%s', %s::regtype, %s, %s, %s),",
		sqlLiteral(typ), labels, sqlLiteral(strings.Join(oldNames, ", ")), sqlLiteral(strings.Join(newNames, ", ")))
	b.WriteString(" HINT = 'Generate the migration from the spec the database was created with or last migrated to.'; END IF;")
	// What the statements after it alter, and must own: the type, the
	// domain, the transition functions (CREATE OR REPLACE, which also
	// needs CREATE on their schema) and the tables whose defaults change.
	schema := fmt.Sprintf("(SELECT typnamespace FROM pg_type WHERE oid = %s::regtype)", sqlLiteral(typ))
	lacks := fmt.Sprintf("SELECT format('ownership of type %%s', oid::regtype) FROM pg_type WHERE oid IN (%s::regtype, %s::regtype) AND NOT pg_has_role(typowner, 'USAGE')",
		sqlLiteral(typ), sqlLiteral(domain))
	lacks += fmt.Sprintf(" UNION SELECT format('ownership of function %%s', oid::regprocedure) FROM pg_proc WHERE pronamespace = %s AND proname = ANY (%s) AND NOT pg_has_role(proowner, 'USAGE')",
		schema, sqlArray(functions))
	lacks += fmt.Sprintf(" UNION SELECT format('CREATE on schema %%s', oid::regnamespace) FROM pg_namespace WHERE oid = %s AND NOT has_schema_privilege(oid, 'CREATE')", schema)
	if defaults != "" {
		lacks += " UNION SELECT format('ownership of table %s', q.rel) FROM (" + defaults + ") AS q WHERE NOT pg_has_role(q.owner, 'USAGE')"
	}
	fmt.Fprintf(&b, " DECLARE lacking text; BEGIN SELECT string_agg(l, ', ' ORDER BY l) INTO lacking FROM (%s) AS x(l);", lacks)
	b.WriteString(" IF lacking IS NOT NULL THEN RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format('role %s lacks what this migration needs: %s', current_user, lacking), HINT = 'Run it as the owner of the type, the domain, their functions and the tables named.'; END IF; END;")
	return b.String()
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
// would keep writing old names.
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
	var s strings.Builder
	fmt.Fprintf(&s, "%s ALTER DOMAIN %s DROP CONSTRAINT IF EXISTS %s; ALTER DOMAIN %s ADD CONSTRAINT %s CHECK (VALUE IN (%s)) NOT VALID;",
		gate, domain, constraint, domain, constraint, sqlValueList(new.Values))
	if defaults != "" {
		fmt.Fprintf(&s, " DECLARE r record; BEGIN FOR r IN %s LOOP EXECUTE format('ALTER TABLE ONLY %%s ALTER COLUMN %%I SET DEFAULT %%L', r.rel, r.attname, r.value); END LOOP;", defaults)
		fmt.Fprintf(&s, " FOR r IN SELECT v.value FROM %s LOOP EXECUTE format('ALTER DOMAIN %%s SET DEFAULT %%L', %s::regtype, r.value); END LOOP; END;", aliasDomainDefault(new), sqlLiteral(domain))
	}
	fmt.Fprintf(&s, " BEGIN ALTER DOMAIN %s VALIDATE CONSTRAINT %s; EXCEPTION WHEN check_violation OR feature_not_supported THEN RAISE NOTICE 'constraint %% of domain %% stays NOT VALID, and checks every value written: %%', %s, %s::regtype, SQLERRM; END;",
		domain, constraint, sqlLiteral(unquote(constraint)), sqlLiteral(domain))
	fmt.Fprintf(b, "%s;\n", doBlock(s.String()))
}

// aliasDefaults returns, when the enum has aliases, a query for the column
// defaults (of tables, partitions, views and foreign tables) that name an
// alias, with what each becomes: rel, the relation; owner, its owner;
// attname, the column; value, the new default. A column of the domain
// whose default is an alias as a constant gets the value's name; an
// array column of the domain whose default is an array constant holding
// aliases gets the array with their values' names. Without aliases it
// returns "".
func aliasDefaults(e *gen.Enum) string {
	aliases := aliasPairs(e)
	if aliases == "" {
		return ""
	}
	_, domain, _ := sqlNames(e)
	columns := "SELECT k.oid::regclass AS rel, k.relowner AS owner, a.attname, %s AS value" +
		" FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum" +
		" JOIN pg_class k ON k.oid = a.attrelid AND k.relkind IN ('r', 'p', 'v', 'f')"
	plain := fmt.Sprintf(columns, "v.value") + " CROSS JOIN " + aliases +
		fmt.Sprintf(" WHERE a.atttypid = %s::regtype AND NOT a.attisdropped AND ", sqlLiteral(domain)) +
		isAliasExpr(e, "pg_get_expr(d.adbin, d.adrelid)")
	// An array constant prints as '{...}'::type[]: its literal, quotes
	// undoubled, is read as text[], never as the domain's array, which
	// would check the elements against the new constraint.
	// array_replace(array_replace(x.arr, 'A', 'V'), 'B', 'W'): written
	// from the inside out, in one pass (nesting the string built so far
	// in the next call would copy it once per alias).
	var names []string
	var replacements []byte
	for _, l := range e.Lookup {
		if l.Alias {
			replacements = appendLiteral(append(replacements, ", "...), l.Name, quoting{})
			replacements = appendLiteral(append(replacements, ", "...), l.Value.Name, quoting{})
			replacements = append(replacements, ')')
			names = append(names, l.Name)
		}
	}
	replaced := strings.Repeat("array_replace(", len(names)) + "x.arr" + string(replacements)
	literal := "replace(substring(pg_get_expr(d.adbin, d.adrelid) FROM " + sqlLiteral(`^'(.*)'::[^']*$`) + "), " + sqlLiteral("''") + ", " + sqlLiteral("'") + ")::text[]"
	// The CASE keeps PostgreSQL from reading any other default so.
	arrayType := fmt.Sprintf("(SELECT typarray FROM pg_type WHERE oid = %s::regtype)", sqlLiteral(domain))
	array := fmt.Sprintf(columns, replaced+"::text") +
		" CROSS JOIN LATERAL (SELECT CASE WHEN a.atttypid = " + arrayType + " AND d.adbin::text LIKE '{CONST %' THEN " + literal + " END AS arr) AS x" +
		fmt.Sprintf(" WHERE NOT a.attisdropped AND x.arr && %s", sqlArray(names))
	return plain + " UNION ALL " + array
}

// aliasDomainDefault returns, when the enum has aliases, the FROM list and
// WHERE clause of a query that finds the domain's own default (ALTER
// DOMAIN ... SET DEFAULT) when it is an alias, reading v.value.
func aliasDomainDefault(e *gen.Enum) string {
	aliases := aliasPairs(e)
	if aliases == "" {
		return ""
	}
	_, domain, _ := sqlNames(e)
	return fmt.Sprintf("pg_type t CROSS JOIN %s WHERE t.oid = %s::regtype AND %s",
		aliases, sqlLiteral(domain), isAliasExpr(e, "pg_get_expr(t.typdefaultbin, 0)"))
}

// aliasPairs is a FROM item of the enum's aliases, each as PostgreSQL
// prints it in an expression (v.alias, a quoted literal), with its value's
// name (v.value); "" when the enum has none.
func aliasPairs(e *gen.Enum) string {
	var aliases, values []string
	for _, l := range e.Lookup {
		if l.Alias {
			aliases = append(aliases, sqlLiteral(l.Name))
			values = append(values, l.Value.Name)
		}
	}
	if len(aliases) == 0 {
		return ""
	}
	return fmt.Sprintf("unnest(%s, %s) AS v(alias, value)", sqlArray(aliases), sqlArray(values))
}

// isAliasExpr is a condition: the printed expression expr is the alias
// v.alias as a constant of the domain, in either form PostgreSQL prints:
// 'OLD'::text, or ('OLD'::text)::domain where the default casts.
func isAliasExpr(e *gen.Enum, expr string) string {
	_, domain, _ := sqlNames(e)
	return fmt.Sprintf("%s IN (v.alias || '::text', '(' || v.alias || '::text)::' || %s::regtype::text)", expr, sqlLiteral(domain))
}

// sqlArray is a text array literal of the strings.
func sqlArray(ss []string) string {
	size := 16
	for _, s := range ss {
		size += len(s) + 4
	}
	b := append(make([]byte, 0, size), "ARRAY["...)
	for i, s := range ss {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendLiteral(b, s, quoting{})
	}
	return string(append(b, "]::text[]"...))
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

// createdFunctions returns the names of the functions that CREATE OR
// REPLACE FUNCTION statements in ddl create, in order, each once: the
// last part of a quoted, possibly schema-qualified name.
func createdFunctions(ddl string) []string {
	var names []string
	const create = "CREATE OR REPLACE FUNCTION "
	for line := range strings.SplitSeq(ddl, "\n") {
		rest, ok := strings.CutPrefix(line, create)
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, "(")
		// Qualified: "schema"."name", or %1$I."name" in the DDL that
		// creates the PL/pgSQL functions in the loading schema.
		if i := strings.LastIndex(name, `."`); i >= 0 {
			name = name[i+1:]
		}
		if name = unquote(name); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}
