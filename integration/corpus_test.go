package integration

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// corpusDir is the hostile-spec corpus: specs written to break statusgen,
// each of which must be refused with positioned errors (go test ./gen
// checks that) or generate DDL that PostgreSQL accepts and that carries
// every value exactly.
const corpusDir = "../gen/testdata/hostile"

// TestHostileCorpus loads the SQL of every spec of the corpus that statusgen
// accepts into a schema of its own, and sends every value through the enum
// type and the text domain and back.
func TestHostileCorpus(t *testing.T) {
	db := newDB(t)
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no specs in %s (%v)", corpusDir, err)
	}
	for i, file := range files {
		name := filepath.Base(file)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		spec, err := gen.Parse(name, src)
		if err != nil {
			continue // refused: go test ./gen pins the errors
		}
		ddl, err := sqlDDL(spec)
		if err != nil {
			continue // the SQL target refused it: go test ./gen pins the errors
		}
		t.Run(name, func(t *testing.T) {
			problems := loadCorpusSpec(t, db, fmt.Sprintf("corpus_%d", i), spec, string(ddl))
			if len(problems) > 0 {
				t.Errorf("pg:\n%s\nDDL:\n%s", strings.Join(problems, "\n"), ddl)
			}
		})
	}
}

// loadCorpusSpec runs ddl in a new schema on one connection and returns
// what went wrong: the DDL must create exactly one enum type, ordered as
// the spec, and one text domain, and carry each value both ways.
func loadCorpusSpec(t *testing.T, db *sql.DB, schema string, spec *gen.Spec, ddl string) []string {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, stmt := range []string{"CREATE SCHEMA " + schema, "SET search_path TO " + schema} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	defer conn.ExecContext(ctx, "RESET search_path")
	if _, err := conn.ExecContext(ctx, ddl); err != nil {
		return []string{fmt.Sprintf("the DDL does not load: %v", err)}
	}

	var problems []string
	// The types the DDL made, as quoted identifiers PostgreSQL itself wrote.
	// Every statement below names the schema: the driver caches prepared
	// statements by their text, across schemas.
	var enums, domains []string
	rows, err := conn.QueryContext(ctx, `SELECT format('%I.%I', nspname, typname), typtype::text FROM pg_type t
		JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND typtype IN ('e', 'd') ORDER BY typname`, schema)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name, kind string
		if err := rows.Scan(&name, &kind); err != nil {
			t.Fatal(err)
		}
		if kind == "e" {
			enums = append(enums, name)
		} else {
			domains = append(domains, name)
		}
	}
	rows.Close()
	if len(enums) != 1 || len(domains) != 1 {
		return append(problems, fmt.Sprintf("the DDL made enum types %q and domains %q, want one of each", enums, domains))
	}
	enum, domain := enums[0], domains[0]

	var names []string
	for _, v := range spec.Values {
		names = append(names, v.Name)
	}
	var labels []string
	rows, err = conn.QueryContext(ctx, `SELECT unnest(enum_range(NULL::`+enum+`))::text`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		labels = append(labels, l)
	}
	rows.Close()
	if !slices.Equal(labels, names) {
		problems = append(problems, fmt.Sprintf("enum_range = %q, want the spec's %q", labels, names))
	}

	// The type's comment is the spec's doc, exactly; PostgreSQL text cannot
	// hold NUL, so a doc with one is left to the generator's choice.
	var comment sql.NullString
	if err := conn.QueryRowContext(ctx, `SELECT obj_description('`+strings.ReplaceAll(enum, "'", "''")+`'::regtype, 'pg_type')`).Scan(&comment); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(spec.Doc, "\x00") && comment.String != spec.Doc {
		problems = append(problems, fmt.Sprintf("COMMENT ON TYPE = %q, want the spec's doc %q", comment.String, spec.Doc))
	}

	if _, err := conn.ExecContext(ctx, `CREATE TABLE `+schema+`.rt (id serial PRIMARY KEY, e `+enum+`, d `+domain+`)`); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if _, err := conn.ExecContext(ctx, `INSERT INTO `+schema+`.rt (e, d) VALUES ($1, $2)`, name, name); err != nil {
			problems = append(problems, fmt.Sprintf("insert %q: %v", name, err))
		}
	}
	var got []string
	rows, err = conn.QueryContext(ctx, `SELECT e::text, d FROM `+schema+`.rt ORDER BY rt.e`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var e, d string
		if err := rows.Scan(&e, &d); err != nil {
			t.Fatal(err)
		}
		if e != d {
			problems = append(problems, fmt.Sprintf("enum column %q, domain column %q", e, d))
		}
		got = append(got, e)
	}
	rows.Close()
	if !slices.Equal(got, names) {
		problems = append(problems, fmt.Sprintf("read back, ordered by the enum: %q, want %q", got, names))
	}
	// Nothing outside the spec gets into either column.
	for _, bad := range []string{"", names[0] + "x", strings.ToLower(names[0]) + "_", " " + names[0]} {
		if slices.Contains(names, bad) {
			continue
		}
		for _, column := range []string{"e", "d"} {
			if _, err := conn.ExecContext(ctx, `INSERT INTO `+schema+`.rt (`+column+`) VALUES ($1)`, bad); err == nil {
				problems = append(problems, fmt.Sprintf("column %s accepted %q", column, bad))
			}
		}
	}
	return problems
}
