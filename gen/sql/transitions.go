package sql

import (
	"fmt"
	"iter"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// The SQL names of the transition functions, all derived from the type's
// SQL name (sqlBase).
const (
	canTransitionSuffix  = "_can_transition"
	sourcesSuffix        = "_sources"
	guardConditionSuffix = "_guard_condition"
	createGuardSuffix    = "_create_guard"
	transitionGuardSfx   = "_transition_guard"
	createHistorySuffix  = "_create_history"
	recordMoveSuffix     = "_record_move"
)

// transitionFunctions returns the names of the functions writeTransitions
// creates, in the order it creates them, each once: what a migration that
// replaces them must be allowed to replace.
func transitionFunctions(s *gen.Enum) []string {
	base := sqlBase(s)
	return []string{base + canTransitionSuffix, base + sourcesSuffix, base + guardConditionSuffix,
		base + transitionGuardSfx, base + createGuardSuffix, base + recordMoveSuffix, base + createHistorySuffix}
}

// transitionNames returns the quoted names of the transition function and
// the trigger function.
func transitionNames(s *gen.Enum) (can, guard string) {
	base := sqlBase(s)
	return sqlIdent(base + canTransitionSuffix), sqlIdent(base + transitionGuardSfx)
}

// writeTransitions prints the enum's transition relation (gen.Transitions,
// the declared graph or the terminal rule) as functions, every statement
// CREATE OR REPLACE, so that a migration prints them again whenever the
// values or the graph change:
//
//   - <type>_can_transition(from, to), over text (aliases read as their
//     value) and over the enum;
//   - <type>_sources(to), the values that may move to to, for a
//     compare-and-set UPDATE;
//   - <type>_guard_condition(col, text_column), the trigger's WHEN
//     condition for a column, and <type>_create_guard(tbl, col), which puts
//     that trigger on a table;
//   - <type>_transition_guard(), the trigger function, which checks a move
//     and refuses it with SQLSTATE 23514;
//   - <type>_create_history(tbl, col[, history]), which records the moves of
//     a column in a history table (opt-in), and <type>_record_move(), its
//     trigger function.
//
// Two rules keep every session and every spec in its place. The functions
// in SQL (RETURN, BEGIN ATOMIC) are parsed when they are created, so every
// name in them is bound then, and no later search_path changes what they
// call. The PL/pgSQL ones are resolved when they run, so they are created by
// one DO block that reads the schema the DDL is loaded into
// (current_schema()), name their siblings qualified with it, and pin
// search_path to pg_catalog, pg_temp. And no spec text is ever inside a
// dollar quote: wire names and aliases are single-quoted literals of the
// SQL functions, whose quotes are doubled, so a name holding $$ or $tag$
// cannot end a body early.
//
// The relation is written over text, never over enum literals: a migration
// that adds a value in the same transaction cannot use the new label yet
// (unsafe use of new value), but text it can.
func writeTransitions(b *printer.File, s *gen.Enum) {
	typ, domain, _ := sqlNames(s)
	base := sqlBase(s)
	can, guard := transitionNames(s)
	sources := sqlIdent(base + sourcesSuffix)
	condition := sqlIdent(base + guardConditionSuffix)
	create := sqlIdent(base + createGuardSuffix)
	rel := s.Transitions
	next := nextLists(s)

	b.WriteString("\n-- Transitions: ")
	if rel.Declared() {
		b.WriteString("each value may move to the values its next lists in the spec, or to itself.\n")
	} else {
		b.WriteString("the spec declares no next, so a value that is not terminal may move to\n-- any value, and a terminal one only to itself.\n")
	}
	fmt.Fprintf(b, "-- %s(from, to) reports whether a value may move from from to to; it\n", unquote(can))
	fmt.Fprintf(b, "-- takes text (so a %s or text column passes as it is) or %s.\n", unquote(domain), unquote(typ))
	if s.HasAliases {
		b.WriteString("-- In text, an alias (the old name of a value) reads as its value.\n")
	}
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(\"from\" text, \"to\" text) RETURNS boolean\n", can)
	b.WriteString("    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n")
	b.WriteString("    RETURN \"to\" IN (")
	writeLiterals(b, len(s.Lookup), func(i int) string { return s.Lookup[i].Name }, quoting{})
	b.WriteString(")\n        AND (")
	inList := func(b []byte, to string, targets []string) []byte {
		b = append(b, to...)
		b = append(b, " IN ("...)
		for i, n := range targets {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendLiteral(b, n, quoting{})
		}
		return append(b, ')')
	}
	writeGraphCase(b, s, next, true, `"from"`, `"to"`, `"from" = "to"`, quoting{}, inList, "            ")
	b.WriteString(");\n\n")
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(\"from\" %s, \"to\" %s) RETURNS boolean\n", can, typ, typ)
	b.WriteString("    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n")
	fmt.Fprintf(b, "    RETURN %s(\"from\"::text, \"to\"::text);\n\n", can)

	fmt.Fprintf(b, "-- %s(to) returns the values that may move to to, to itself excluded,\n", unquote(sources))
	b.WriteString("-- in the type's order (empty for a name that is no value). The guard lets a\n")
	b.WriteString("-- value move to itself, so that retried updates stay idempotent; to claim a\n")
	b.WriteString("-- row, moving it only if no one else did, compare and set in one UPDATE:\n")
	b.WriteString("--\n")
	fmt.Fprintf(b, "--   UPDATE tasks SET status = 'X' WHERE id = $1 AND status = ANY(%s('X'))\n", unquote(sources))
	b.WriteString("--\n")
	b.WriteString("-- Under READ COMMITTED, a concurrent UPDATE of the row waits and then reads\n")
	b.WriteString("-- the committed row again: of two workers, one updates the row and the other\n")
	fmt.Fprintf(b, "-- updates nothing. For a %s or text column, compare status::%s.\n", unquote(domain), unquote(typ))
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(\"to\" text) RETURNS %s[]\n", sources, typ)
	b.WriteString("    LANGUAGE sql STABLE STRICT PARALLEL SAFE\n")
	fmt.Fprintf(b, "    RETURN ARRAY(SELECT v FROM unnest(enum_range(NULL::%s)) AS v\n", typ)
	b.WriteString("        WHERE v::text <> \"to\" AND \"to\" IN (")
	writeValueList(b, s.Values)
	fmt.Fprintf(b, ") AND %s(v::text, \"to\") ORDER BY v);\n\n", can)
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(\"to\" %s) RETURNS %s[]\n", sources, typ, typ)
	b.WriteString("    LANGUAGE sql STABLE STRICT PARALLEL SAFE\n")
	fmt.Fprintf(b, "    RETURN %s(\"to\"::text);\n\n", sources)

	// The WHEN condition: the move is refused, in plain expressions, so
	// that PostgreSQL evaluates it without entering a function for a move
	// the graph allows. A CASE on the old value reads the column once. An
	// enum column compares enum constants (no conversion to text per row);
	// a text one compares text and reads aliases as their values.
	// Each is written as a literal (format's first argument) holding
	// literals: quoted so, with % doubled for format.
	inner := quoting{format: true, nested: true}
	textOld, textNew := `OLD.%1$I::text`, `NEW.%1$I::text`
	// A list is one array constant, not an IN list: PostgreSQL reads the
	// stored condition again for every statement, and one constant is
	// far fewer nodes to read than one per name.
	anyArray := func(b []byte, to string, targets []string) []byte {
		b = append(b, to...)
		b = append(b, " = ANY ("...)
		b = appendArrayLiteral(b, len(targets), func(i int) string { return targets[i] }, inner)
		return append(b, ')')
	}
	textCond := func() {
		b.WriteString("'NOT (")
		writeGraphCase(b, s, next, true, textOld, textNew, "OLD.%1$I IS NULL OR "+textOld+" = "+textNew, inner, anyArray, "    ")
		b.WriteString(" AND (" + textNew + " = ANY (")
		writeArrayLiteral(b, lookupNames(s), inner)
		b.WriteString(") OR OLD.%1$I IS NULL))'")
	}
	enumCond := func() {
		b.WriteString("'NOT (")
		writeGraphCase(b, s, next, false, `OLD.%1$I`, `NEW.%1$I`, "OLD.%1$I IS NULL OR OLD.%1$I = NEW.%1$I", inner, anyArray, "    ")
		b.WriteString(")'")
	}
	fmt.Fprintf(b, "-- %s(col, text_column) is the WHEN condition of the trigger that\n", unquote(condition))
	fmt.Fprintf(b, "-- %s puts on a column: true for a move the transitions refuse. A\n", unquote(create))
	b.WriteString("-- text column also refuses a new value that is no value of the type.\n")
	fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION %s(col name, text_column boolean) RETURNS text\n", condition)
	b.WriteString("    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE\n")
	b.WriteString("    RETURN format(CASE WHEN text_column THEN ")
	textCond()
	b.WriteString("\n        ELSE ")
	enumCond()
	b.WriteString(" END, col);\n\n")

	fmt.Fprintf(b, "-- %s(tbl, col) guards a column of %s, %s or text: it\n", unquote(create), unquote(typ), unquote(domain))
	fmt.Fprintf(b, "-- creates (or replaces) on tbl the trigger %s_guard_<col>, AFTER UPDATE\n", base)
	fmt.Fprintf(b, "-- OF col, whose WHEN condition holds the transitions in plain expressions, so\n")
	b.WriteString("-- an allowed move costs no function call; its function runs only to refuse,\n")
	b.WriteString("-- which undoes the whole statement. AFTER, not BEFORE: a BEFORE trigger locks\n")
	b.WriteString("-- every row before its WHEN is read, and it could see a value that a later\n")
	b.WriteString("-- BEFORE trigger changes; AFTER reads the row as it is stored.\n")
	b.WriteString("-- It returns the trigger's name, and may run again at any time (the migration\n")
	b.WriteString("-- does, for every guard it finds, when the transitions change):\n")
	b.WriteString("--\n")
	fmt.Fprintf(b, "--   SELECT %s('tasks', 'status');\n", unquote(create))
	b.WriteString("--\n")
	fmt.Fprintf(b, "-- %s() refuses an UPDATE that moves a column where the\n", unquote(guard))
	b.WriteString("-- transitions do not lead, with SQLSTATE 23514 (check_violation) naming both\n")
	b.WriteString("-- values and the allowed ones, so no code path can skip the rule. It takes the\n")
	b.WriteString("-- column's name as its argument. As the function of a trigger without a WHEN\n")
	b.WriteString("-- condition it checks every row (and costs a PL/pgSQL call per row):\n")
	b.WriteString("--\n")
	b.WriteString("--   CREATE TRIGGER tasks_status_transition BEFORE UPDATE OF status ON tasks\n")
	fmt.Fprintf(b, "--       FOR EACH ROW EXECUTE FUNCTION %s('status');\n", guard)
	b.WriteString("--\n")
	b.WriteString("-- NULL is no status: setting a column from or to NULL is not a move. Under\n")
	b.WriteString("-- READ COMMITTED a concurrent UPDATE of the row waits, then checks the move\n")
	b.WriteString("-- from the committed value.\n")
	b.WriteString("--\n")
	fmt.Fprintf(b, "-- %s(tbl, col[, history]) keeps a history of a column's moves (opt-in):\n", unquote(createHistorySuffixed(s)))
	b.WriteString("-- it creates the table history (by default <tbl>_<col>_history, in tbl's schema)\n")
	b.WriteString("-- with tbl's primary key, \"from\", \"to\", \"at\" (now()) and \"by\" (current_user),\n")
	b.WriteString("-- ordered by its identity column move, and on tbl the trigger\n")
	fmt.Fprintf(b, "-- %s_history_<col>, AFTER UPDATE OF col, WHEN the value changed, whose function\n", base)
	fmt.Fprintf(b, "-- %s() inserts the move as the role that made it. A refused move leaves\n", base+recordMoveSuffix)
	b.WriteString("-- no row. It returns the history table, and may run again at any time:\n")
	b.WriteString("--\n")
	fmt.Fprintf(b, "--   SELECT %s('tasks', 'status');   -- tasks_status_history\n", unquote(createHistorySuffixed(s)))
	b.WriteString("--\n")
	b.WriteString("-- These are PL/pgSQL, which looks names up when it runs: this block creates\n")
	b.WriteString("-- them in the schema the DDL is loaded into, names every sibling with it, and\n")
	b.WriteString("-- pins their search_path, so no schema a session puts first can answer for\n")
	b.WriteString("-- them. It then re-creates the guards that exist, for the transitions above.\n")
	writePLpgSQL(b, s, typ, can, condition, create, guard)
}

// createHistorySuffixed is the quoted name of <type>_create_history.
func createHistorySuffixed(s *gen.Enum) string { return sqlIdent(sqlBase(s) + createHistorySuffix) }

// writePLpgSQL prints the DO block that creates the PL/pgSQL functions in
// current_schema(): format fills %1$I with the schema as an identifier and
// %1$L as a literal. The bodies hold no spec text, only the names derived
// from the type (quoted identifiers and literals), and no other %.
func writePLpgSQL(b *printer.File, s *gen.Enum, typ, can, condition, create, guard string) {
	base := sqlBase(s)
	q := func(ident string) string { return "%1$I." + ident } // a sibling, qualified
	lit := func(v string) string { return strings.ReplaceAll(sqlLiteral(v), "%", "%%") }

	var g strings.Builder // the trigger function
	fmt.Fprintf(&g, "CREATE OR REPLACE FUNCTION %s() RETURNS trigger\n", q(guard))
	g.WriteString("    LANGUAGE plpgsql\n    SET search_path = pg_catalog, pg_temp\n    AS $body$\n")
	g.WriteString("DECLARE\n    col text := TG_ARGV[0];\n    old_value text;\n    new_value text;\n    allowed text;\nBEGIN\n")
	g.WriteString("    IF TG_NARGS <> 1 OR NOT to_jsonb(NEW) ? col THEN\n")
	fmt.Fprintf(&g, "        RAISE EXCEPTION USING MESSAGE = TG_NAME || %s || TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME || ' as its one argument';\n",
		lit(": give "+unquote(guard)+" the name of a column of "))
	g.WriteString("    END IF;\n")
	g.WriteString("    old_value := to_jsonb(OLD) ->> col;\n")
	g.WriteString("    new_value := to_jsonb(NEW) ->> col;\n")
	fmt.Fprintf(&g, "    IF old_value IS NULL OR new_value IS NULL OR %s(old_value, new_value) THEN\n", q(can))
	g.WriteString("        RETURN NEW;\n    END IF;\n")
	fmt.Fprintf(&g, "    SELECT string_agg(v::text, ', ' ORDER BY v) INTO allowed FROM unnest(enum_range(NULL::%s)) AS v\n", q(typ))
	fmt.Fprintf(&g, "        WHERE v::text <> old_value AND %s(old_value, v::text);\n", q(can))
	g.WriteString("    RAISE EXCEPTION USING\n")
	g.WriteString("        ERRCODE = 'check_violation',\n")
	g.WriteString("        MESSAGE = 'cannot move ' || quote_ident(TG_TABLE_NAME) || '.' || quote_ident(col) || ' from ' || old_value || ' to ' || new_value || ': '\n")
	g.WriteString("            || CASE WHEN allowed IS NULL THEN old_value || ' may move to no other value'\n")
	g.WriteString("                ELSE old_value || ' may move to ' || allowed END,\n")
	g.WriteString("        SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME, COLUMN = col;\n")
	g.WriteString("END\n$body$")

	var c strings.Builder // create_guard
	fmt.Fprintf(&c, "CREATE OR REPLACE FUNCTION %s(tbl regclass, col name) RETURNS name\n", q(create))
	c.WriteString("    LANGUAGE plpgsql\n    SET search_path = pg_catalog, pg_temp\n    AS $body$\n")
	c.WriteString("DECLARE\n    att pg_attribute;\n    trg name;\n    text_column boolean;\n    head text;\n    tail text;\nBEGIN\n")
	c.WriteString("    SELECT * INTO att FROM pg_attribute WHERE attrelid = tbl AND attname = col AND attnum > 0 AND NOT attisdropped;\n")
	c.WriteString("    IF NOT FOUND THEN\n")
	fmt.Fprintf(&c, "        RAISE EXCEPTION USING ERRCODE = 'undefined_column', MESSAGE = %s || tbl::text || ' has no column ' || quote_ident(col);\n", lit(unquote(create)+": "))
	c.WriteString("    END IF;\n")
	fmt.Fprintf(&c, "    text_column := att.atttypid <> pg_typeof(NULL::%s);\n", q(typ))
	c.WriteString("    IF text_column AND (SELECT typcategory FROM pg_type WHERE oid = att.atttypid) <> 'S' THEN\n")
	fmt.Fprintf(&c, "        RAISE EXCEPTION USING ERRCODE = 'datatype_mismatch', MESSAGE = %s || tbl::text || '.' || quote_ident(col)\n", lit(unquote(create)+": "))
	fmt.Fprintf(&c, "            || ' is of type ' || format_type(att.atttypid, att.atttypmod) || %s;\n", lit(", not "+unquote(typ)+" or text"))
	c.WriteString("    END IF;\n")
	fmt.Fprintf(&c, "    trg := %s || col;\n", lit(base+"_guard_"))
	c.WriteString("    IF octet_length(trg) > 63 THEN\n")
	fmt.Fprintf(&c, "        trg := %s || att.attnum;\n", lit(base+"_guard_#"))
	c.WriteString("    END IF;\n")
	c.WriteString("    IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = tbl AND tgname = trg AND tgfoid NOT IN\n")
	fmt.Fprintf(&c, "            (SELECT oid FROM pg_proc WHERE proname = %s AND pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = %%1$L))) THEN\n", lit(unquote(guard)))
	fmt.Fprintf(&c, "        RAISE EXCEPTION USING ERRCODE = 'duplicate_object', MESSAGE = %s || tbl::text || ' already has a trigger ' || quote_ident(trg) || ' of its own';\n", lit(unquote(create)+": "))
	c.WriteString("    END IF;\n")
	c.WriteString("    head := 'CREATE OR REPLACE TRIGGER ' || quote_ident(trg) || ' AFTER UPDATE OF ' || quote_ident(col) || ' ON ' || tbl::text || ' FOR EACH ROW WHEN (';\n")
	fmt.Fprintf(&c, "    tail := ') EXECUTE FUNCTION ' || quote_ident(%%1$L) || %s || quote_literal(col) || ')';\n", lit("."+guard+"("))
	c.WriteString("    BEGIN\n")
	fmt.Fprintf(&c, "        EXECUTE head || %s(col, text_column) || tail;\n", q(condition))
	c.WriteString("    EXCEPTION WHEN unsafe_new_enum_value_usage THEN\n")
	c.WriteString("        -- A value this transaction added cannot be read as the type until it\n")
	c.WriteString("        -- commits: compare text meanwhile.\n")
	fmt.Fprintf(&c, "        EXECUTE head || %s(col, true) || tail;\n", q(condition))
	fmt.Fprintf(&c, "        RAISE NOTICE USING MESSAGE = %s || tbl::text || '.' || quote_ident(col)\n", lit(unquote(create)+": the guard of "))
	fmt.Fprintf(&c, "            || %s;\n", lit(" compares text, since this transaction added a value to "+unquote(typ)+"; after COMMIT, run "+unquote(create)+" again for the faster guard"))
	c.WriteString("    END;\n")
	c.WriteString("    RETURN trg;\n")
	c.WriteString("END\n$body$")

	var r strings.Builder // the history's trigger function
	record := sqlIdent(base + recordMoveSuffix)
	fmt.Fprintf(&r, "CREATE OR REPLACE FUNCTION %s() RETURNS trigger\n", q(record))
	r.WriteString("    LANGUAGE plpgsql\n    SET search_path = pg_catalog, pg_temp\n    AS $body$\n")
	r.WriteString("DECLARE\n    cols text := '';\n    vals text := '';\nBEGIN\n")
	r.WriteString("    -- TG_ARGV: the history table (qualified), the column, then the key columns.\n")
	r.WriteString("    FOR i IN 2 .. TG_NARGS - 1 LOOP\n")
	r.WriteString("        cols := cols || quote_ident(TG_ARGV[i]) || ', ';\n")
	r.WriteString("        vals := vals || '($2).' || quote_ident(TG_ARGV[i]) || ', ';\n")
	r.WriteString("    END LOOP;\n")
	r.WriteString("    EXECUTE 'INSERT INTO ' || TG_ARGV[0] || ' (' || cols || '\"from\", \"to\") VALUES (' || vals\n")
	r.WriteString("        || '($1).' || quote_ident(TG_ARGV[1]) || ', ($2).' || quote_ident(TG_ARGV[1]) || ')' USING OLD, NEW;\n")
	r.WriteString("    RETURN NULL;\n")
	r.WriteString("END\n$body$")

	var h strings.Builder // create_history
	history := createHistorySuffixed(s)
	msg := lit(unquote(history) + ": ")
	fmt.Fprintf(&h, "CREATE OR REPLACE FUNCTION %s(tbl regclass, col name, history text DEFAULT NULL) RETURNS regclass\n", q(history))
	h.WriteString("    LANGUAGE plpgsql\n    SET search_path = pg_catalog, pg_temp\n    AS $body$\n")
	h.WriteString("DECLARE\n    att pg_attribute;\n    nsp name;\n    hname text;\n    hist regclass;\n    col_type text;\n    keys name[];\n    key_defs text;\n    trg name;\nBEGIN\n")
	h.WriteString("    SELECT * INTO att FROM pg_attribute WHERE attrelid = tbl AND attname = col AND attnum > 0 AND NOT attisdropped;\n")
	h.WriteString("    IF NOT FOUND THEN\n")
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'undefined_column', MESSAGE = %s || tbl::text || ' has no column ' || quote_ident(col);\n", msg)
	h.WriteString("    END IF;\n")
	fmt.Fprintf(&h, "    IF att.atttypid <> pg_typeof(NULL::%s) AND (SELECT typcategory FROM pg_type WHERE oid = att.atttypid) <> 'S' THEN\n", q(typ))
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'datatype_mismatch', MESSAGE = %s || tbl::text || '.' || quote_ident(col)\n", msg)
	fmt.Fprintf(&h, "            || ' is of type ' || format_type(att.atttypid, att.atttypmod) || %s;\n", lit(", not "+unquote(typ)+" or text"))
	h.WriteString("    END IF;\n")
	h.WriteString("    -- The row's key: the table's primary key, in its order.\n")
	h.WriteString("    SELECT array_agg(a.attname ORDER BY k.n), string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) || ' NOT NULL', ', ' ORDER BY k.n)\n")
	h.WriteString("        INTO keys, key_defs\n")
	h.WriteString("        FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)\n")
	h.WriteString("        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum\n")
	h.WriteString("        WHERE i.indrelid = tbl AND i.indisprimary;\n")
	h.WriteString("    IF keys IS NULL THEN\n")
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'invalid_table_definition', MESSAGE = %s || tbl::text || ' has no primary key, which names a row in its history',\n", msg)
	h.WriteString("            HINT = 'Give the table a primary key (ALTER TABLE ... ADD PRIMARY KEY (...)), then run it again.';\n")
	h.WriteString("    END IF;\n")
	h.WriteString("    IF keys && '{move,from,to,at,by}'::name[] THEN\n")
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'invalid_table_definition', MESSAGE = %s || 'a column of the primary key of ' || tbl::text || ' is named move, from, to, at or by, as the history''s own columns are';\n", msg)
	h.WriteString("    END IF;\n")
	h.WriteString("    SELECT n.nspname, c.relname || '_' || col || '_history' INTO nsp, hname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = tbl;\n")
	h.WriteString("    hname := coalesce(history, hname);\n")
	h.WriteString("    IF octet_length(hname) > 63 THEN\n")
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'name_too_long', MESSAGE = %s || 'the history table''s name ' || hname || ' is longer than 63 bytes',\n", msg)
	fmt.Fprintf(&h, "            HINT = %s;\n", lit("Name the history table yourself: SELECT "+unquote(history)+"(tbl, col, 'short_name')."))
	h.WriteString("    END IF;\n")
	h.WriteString("    col_type := format_type(att.atttypid, att.atttypmod);\n")
	h.WriteString("    EXECUTE 'CREATE TABLE IF NOT EXISTS ' || quote_ident(nsp) || '.' || quote_ident(hname) || ' (move bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, '\n")
	h.WriteString("        || key_defs || ', \"from\" ' || col_type || ', \"to\" ' || col_type\n")
	h.WriteString("        || ', \"at\" timestamptz NOT NULL DEFAULT now(), \"by\" text NOT NULL DEFAULT current_user)';\n")
	h.WriteString("    hist := (quote_ident(nsp) || '.' || quote_ident(hname))::regclass;\n")
	h.WriteString("    -- A table of that name that was there before must have the columns the trigger fills.\n")
	h.WriteString("    IF (SELECT count(*) FROM pg_attribute WHERE attrelid = hist AND NOT attisdropped AND attnum > 0\n")
	h.WriteString("            AND attname = ANY (keys || '{from,to}'::name[])) <> cardinality(keys) + 2 THEN\n")
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'duplicate_table', MESSAGE = %s || hist::text || ' exists and is not a history of ' || tbl::text || '.' || quote_ident(col),\n", msg)
	fmt.Fprintf(&h, "            HINT = %s;\n", lit("Name another history table: SELECT "+unquote(history)+"(tbl, col, 'other_name')."))
	h.WriteString("    END IF;\n")
	fmt.Fprintf(&h, "    trg := %s || col;\n", lit(base+"_history_"))
	h.WriteString("    IF octet_length(trg) > 63 THEN\n")
	fmt.Fprintf(&h, "        trg := %s || att.attnum;\n", lit(base+"_history_#"))
	h.WriteString("    END IF;\n")
	h.WriteString("    IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = tbl AND tgname = trg AND tgfoid NOT IN\n")
	fmt.Fprintf(&h, "            (SELECT oid FROM pg_proc WHERE proname = %s AND pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = %%1$L))) THEN\n", lit(unquote(record)))
	fmt.Fprintf(&h, "        RAISE EXCEPTION USING ERRCODE = 'duplicate_object', MESSAGE = %s || tbl::text || ' already has a trigger ' || quote_ident(trg) || ' of its own';\n", msg)
	h.WriteString("    END IF;\n")
	h.WriteString("    EXECUTE 'CREATE OR REPLACE TRIGGER ' || quote_ident(trg) || ' AFTER UPDATE OF ' || quote_ident(col) || ' ON ' || tbl::text\n")
	h.WriteString("        || ' FOR EACH ROW WHEN (OLD.' || quote_ident(col) || ' IS DISTINCT FROM NEW.' || quote_ident(col) || ')'\n")
	fmt.Fprintf(&h, "        || ' EXECUTE FUNCTION ' || quote_ident(%%1$L) || %s || quote_literal(hist::text) || ', ' || quote_literal(col)\n", lit("."+record+"("))
	h.WriteString("        || (SELECT string_agg(', ' || quote_literal(k), '' ORDER BY n) FROM unnest(keys) WITH ORDINALITY AS u(k, n)) || ')';\n")
	h.WriteString("    RETURN hist;\n")
	h.WriteString("END\n$body$")

	fmt.Fprintf(b, "DO $do$\nDECLARE\n    guard record;\nBEGIN\n")
	fmt.Fprintf(b, "    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = %s AND typtype = 'e'\n", sqlLiteral(unquote(typ)))
	b.WriteString("            AND typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())) THEN\n")
	fmt.Fprintf(b, "        RAISE EXCEPTION USING MESSAGE = %s || current_schema()\n", sqlLiteral("the enum type "+unquote(typ)+" is not in schema "))
	b.WriteString("            || ', the first schema of search_path: SET search_path to the schema that holds it';\n")
	b.WriteString("    END IF;\n")
	for _, fn := range []string{g.String(), c.String(), r.String(), h.String()} {
		b.WriteString("    EXECUTE format($fn$\n")
		b.WriteString(fn)
		b.WriteString("\n$fn$, current_schema());\n")
	}
	b.WriteString("    FOR guard IN SELECT t.tgrelid::regclass AS tbl, a.attname AS col\n")
	b.WriteString("        FROM pg_trigger t JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = t.tgattr[0]\n")
	fmt.Fprintf(b, "        WHERE t.tgqual IS NOT NULL AND t.tgfoid = (SELECT p.oid FROM pg_proc p WHERE p.proname = %s\n", sqlLiteral(unquote(guard)))
	b.WriteString("            AND p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))\n")
	b.WriteString("    LOOP\n")
	fmt.Fprintf(b, "        EXECUTE format('SELECT %%I.%%I($1, $2)', current_schema(), %s) USING guard.tbl, guard.col;\n", sqlLiteral(unquote(create)))
	b.WriteString("    END LOOP;\nEND\n$do$;\n")
}

// writeGraphCase writes a CASE on the text expression from, with one WHEN
// for each name (each value, and each alias when aliases is set) that may
// move to another name: true when it may move to every value, else
// whether to is among the names it may move to (its own names too); ELSE
// els, which decides for values that move only to themselves and for
// names that are no value. It writes els alone when no value may move to
// another name. q quotes the names, and member appends whether to is one
// of targets. The CASE ends at the indentation before indent's last four
// spaces. next holds what Transitions.Next returns for each value that
// does not move anywhere (see nextLists).
func writeGraphCase(b *printer.File, s *gen.Enum, next [][]int, aliases bool, from, to, els string, q quoting, member func(b []byte, to string, targets []string) []byte, indent string) {
	rel := s.Transitions
	// names appends every name of value i, the value's own first.
	names := func(targets []string, i int) []string {
		v := &s.Values[i]
		targets = append(targets, v.Name)
		if aliases {
			for _, a := range v.Aliases {
				targets = append(targets, a.Name)
			}
		}
		return targets
	}
	when := func(i int) bool {
		return rel.MovesAnywhere(i) || len(next[i]) > 0 || aliases && len(s.Values[i].Aliases) > 0
	}
	if !anyIndex(len(s.Values), when) {
		b.WriteString(els)
		return
	}
	fmt.Fprintf(b, "CASE %s\n", from)
	var own, targets []string
	var then []byte
	for i := range s.Values {
		if !when(i) {
			continue
		}
		own = names(own[:0], i)
		then = then[:0]
		if rel.MovesAnywhere(i) { // asked before Next, which would list every value
			then = append(then, "true"...)
		} else {
			targets = append(targets[:0], own...)
			for _, j := range next[i] {
				targets = names(targets, j)
			}
			then = member(then, to, targets)
		}
		for _, n := range own {
			b.Append(len(indent)+len(n)+len(then)+64, func(buf []byte) []byte {
				buf = append(buf, indent...)
				buf = append(buf, "WHEN "...)
				buf = appendLiteral(buf, n, q)
				buf = append(buf, " THEN "...)
				buf = append(buf, then...)
				return append(buf, '\n')
			})
		}
	}
	fmt.Fprintf(b, "%sELSE %s\n%sEND", indent, els, indent[:len(indent)-4])
}

// nextLists returns, for each value that does not move anywhere, the
// values it may move to (Transitions.Next, which copies them at every
// call); nil for the others.
func nextLists(s *gen.Enum) [][]int {
	next := make([][]int, len(s.Values))
	for i := range s.Values {
		if !s.Transitions.MovesAnywhere(i) {
			next[i] = s.Transitions.Next(i)
		}
	}
	return next
}

// anyIndex reports whether f holds for any of 0 to n-1.
func anyIndex(n int, f func(int) bool) bool {
	for i := range n {
		if f(i) {
			return true
		}
	}
	return false
}

// writeLiterals writes n names, quoted by q, separated by commas; name
// returns the i-th.
func writeLiterals(b *printer.File, n int, name func(int) string, q quoting) {
	for i := range n {
		s := name(i)
		b.Append(len(s)+16, func(buf []byte) []byte {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			return appendLiteral(buf, s, q)
		})
	}
}

// lookupNames yields every name of e's Lookup, in order.
func lookupNames(e *gen.Enum) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, l := range e.Lookup {
			if !yield(l.Name) {
				return
			}
		}
	}
}

// writeValueList writes the values' names as a list of literals.
func writeValueList(b *printer.File, values []gen.EnumValue) {
	writeLiterals(b, len(values), func(i int) string { return values[i].Name }, quoting{})
}

// unquote is the name inside a quoted identifier, for comments.
func unquote(ident string) string {
	return strings.ReplaceAll(strings.Trim(ident, `"`), `""`, `"`)
}

// writeTransitionsMigration prints the migration between two specs with
// the same values and doc whose transitions differ: the transition
// functions of new again. Their DO block re-creates every guard that
// create_guard made, so their WHEN conditions follow the new graph.
func writeTransitionsMigration(b *printer.File, new *gen.Enum) {
	typ, _, _ := sqlNames(new)
	fmt.Fprintf(b, "-- Migration generated by statusgen: the transitions of %s changed.\n", typ)
	writeTransitions(b, new)
}
