package integration

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/status"
)

// newDB returns a connection to a fresh database, dropped when the test
// ends. Without TASKSTATUS_PG_DSN the test is skipped, except in CI, where
// a test that cannot reach its database fails.
func newDB(t *testing.T) *sql.DB {
	t.Helper()
	dsn := os.Getenv("TASKSTATUS_PG_DSN")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but TASKSTATUS_PG_DSN is not: run the integration tests with make integration")
		}
		t.Skip("no database: run make integration, or set TASKSTATUS_PG_DSN=postgres://user@host:port/db")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if err := admin.Ping(); err != nil {
		t.Fatalf("cannot reach the database at TASKSTATUS_PG_DSN: %v", err)
	}
	name := fmt.Sprintf("taskstatus_%d_%d", os.Getpid(), dbCount.Add(1))
	mustExec(t, admin, "CREATE DATABASE "+name)
	t.Cleanup(func() { admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })

	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var dbCount atomic.Int64

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", firstLine(query), err)
	}
}

func firstLine(s string) string { return strings.SplitN(strings.TrimSpace(s), "\n", 2)[0] }

func statusesSpec(t *testing.T) *gen.Spec {
	t.Helper()
	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := gen.Parse("statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// applyDDL runs the committed status/status.sql, after checking that it is
// what statuses.yaml generates today.
func applyDDL(t *testing.T, db *sql.DB) {
	t.Helper()
	ddl, err := os.ReadFile("../status/status.sql")
	if err != nil {
		t.Fatal(err)
	}
	want, err := sqlDDL(statusesSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	if string(ddl) != string(want) {
		t.Fatal("status/status.sql is out of date with statuses.yaml: run make generate")
	}
	mustExec(t, db, string(ddl))
	mustExec(t, db, `CREATE TABLE tasks (id serial PRIMARY KEY, s status, t status_text)`)
}

// Every status, and NULL, goes into an enum column and a checked text
// column through the generated Value and comes back through Scan.
func TestRoundTrip(t *testing.T) {
	db := newDB(t)
	applyDDL(t, db)
	want := append(status.StatusValues(), 0) // 0 is unset: NULL
	for _, s := range want {
		mustExec(t, db, `INSERT INTO tasks (s, t) VALUES ($1, $2)`, s, s)
	}
	rows, err := db.Query(`SELECT s, t, s IS NULL FROM tasks ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []status.Status
	for rows.Next() {
		var fromEnum, fromText status.Status
		var isNull bool
		if err := rows.Scan(&fromEnum, &fromText, &isNull); err != nil {
			t.Fatal(err)
		}
		if fromEnum != fromText || isNull != (fromEnum == 0) {
			t.Errorf("enum column %v, text column %v, NULL %v", fromEnum, fromText, isNull)
		}
		got = append(got, fromEnum)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("read back %v, want %v", got, want)
	}

	// The database orders the enum as the spec does, and carries its doc.
	if labels := enumLabels(t, db); !slices.Equal(labels, status.StatusNames()) {
		t.Errorf("enum_range = %v, want spec order %v", labels, status.StatusNames())
	}
	var comment string
	if err := db.QueryRow(`SELECT obj_description('status'::regtype, 'pg_type')`).Scan(&comment); err != nil || comment != statusesSpec(t).Doc {
		t.Errorf("COMMENT ON TYPE = %q, %v", comment, err)
	}
	// Sorting by the enum column follows spec order, not the alphabet.
	var first string
	if err := db.QueryRow(`SELECT s::text AS name FROM tasks WHERE s IS NOT NULL ORDER BY s LIMIT 1`).Scan(&first); err != nil || first != "PENDING" {
		t.Errorf("ORDER BY s starts with %q, %v", first, err)
	}
}

func enumLabels(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT unnest(enum_range(NULL::status))::text`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var labels []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		labels = append(labels, l)
	}
	return labels
}

// The database itself refuses a string outside the spec, in either column.
func TestDatabaseRejectsUnknownStrings(t *testing.T) {
	db := newDB(t)
	applyDDL(t, db)
	for _, bad := range []string{"RETRYING", "pending", "", "PENDING "} {
		for _, column := range []string{"s", "t"} {
			_, err := db.Exec(`INSERT INTO tasks (`+column+`) VALUES ($1)`, bad)
			if err == nil {
				t.Errorf("column %s accepted %q", column, bad)
			}
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM tasks`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows got in, %v", n, err)
	}
}

// A database created from an older, smaller spec is migrated with the
// statements statusgen prints: the new values work, the order is the new
// spec's, and existing rows are untouched.
func TestMigration(t *testing.T) {
	full := statusesSpec(t)
	for _, drop := range [][]string{
		{"ACTIVE", "ARCHIVED", "SUSPENDED"},          // added at the end
		{"PENDING", "PROCESSING", "DRAFT", "ACTIVE"}, // added first and in the middle
	} {
		t.Run(strings.Join(drop, "+"), func(t *testing.T) {
			old := *full
			old.Values = slices.DeleteFunc(slices.Clone(full.Values), func(v gen.Value) bool { return slices.Contains(drop, v.Name) })
			for i := range old.Values { // the graph loses the dropped values too
				old.Values[i].Next = slices.DeleteFunc(slices.Clone(old.Values[i].Next), func(n string) bool { return slices.Contains(drop, n) })
			}
			db := newDB(t)
			ddl, err := sqlDDL(&old)
			if err != nil {
				t.Fatal(err)
			}
			mustExec(t, db, string(ddl))
			mustExec(t, db, `CREATE TABLE tasks (id serial PRIMARY KEY, s status, t status_text)`)
			var before []status.Status
			for _, v := range old.Values {
				s, err := status.ParseStatus(v.Name)
				if err != nil {
					t.Fatal(err)
				}
				before = append(before, s)
				mustExec(t, db, `INSERT INTO tasks (s, t) VALUES ($1, $2)`, s, s)
			}
			for _, name := range drop {
				if _, err := db.Exec(`INSERT INTO tasks (s) VALUES ($1)`, name); err == nil {
					t.Fatalf("the old type accepted %s before the migration", name)
				}
			}

			migration, err := sqlMigration(&old, full)
			if err != nil {
				t.Fatal(err)
			}
			applyMigration(t, db, migration)
			applyMigration(t, db, migration) // it runs again

			if labels := enumLabels(t, db); !slices.Equal(labels, status.StatusNames()) {
				t.Errorf("after migration enum_range = %v, want %v", labels, status.StatusNames())
			}
			for _, name := range drop {
				s, _ := status.ParseStatus(name)
				mustExec(t, db, `INSERT INTO tasks (s, t) VALUES ($1, $2)`, s, s)
			}
			rows, err := db.Query(`SELECT s, t FROM tasks ORDER BY id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []status.Status
			for rows.Next() {
				var a, b status.Status
				if err := rows.Scan(&a, &b); err != nil {
					t.Fatal(err)
				}
				if a != b {
					t.Errorf("enum %v, text %v", a, b)
				}
				got = append(got, a)
			}
			if len(got) != len(before)+len(drop) || !slices.Equal(got[:len(before)], before) {
				t.Errorf("rows after migration %v; the first %d must be %v", got, len(before), before)
			}
			if again, err := sqlMigration(full, full); err != nil || len(again) != 0 {
				t.Errorf("migrating an unchanged spec gave %q, %v", again, err)
			}
		})
	}
}

// applyMigration runs a migration as psql runs a file without a wrapping
// transaction: statement by statement, in one session.
func applyMigration(t *testing.T, db *sql.DB, migration []byte) {
	t.Helper()
	runScript(t, db, "statements", migration)
}

// Whatever Go type the driver returns for an enum column (or a text one),
// the generated Scan accepts it.
func TestScanAcceptsWhatTheDriverReturns(t *testing.T) {
	db := newDB(t)
	applyDDL(t, db)
	for _, query := range []string{
		`SELECT 'COMPLETED_WITH_ERRORS'::status`,
		`SELECT 'COMPLETED_WITH_ERRORS'::status_text`,
		`SELECT 'COMPLETED_WITH_ERRORS'::status::text`,
		`SELECT NULL::status`,
	} {
		var raw any
		if err := db.QueryRow(query).Scan(&raw); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		var s status.Status = status.Failed
		if err := s.Scan(raw); err != nil {
			t.Errorf("%s: driver returned %T %v; Scan: %v", query, raw, raw, err)
		}
		want := status.CompletedWithErrors
		if raw == nil {
			want = 0
		}
		if s != want {
			t.Errorf("%s: scanned %v, want %v", query, s, want)
		}
		t.Logf("%s: driver returns %T", query, raw)
	}
	// And a status sent as a parameter comes back as itself.
	var s status.Status
	if err := db.QueryRowContext(context.Background(), `SELECT $1::status`, status.Suspended).Scan(&s); err != nil || s != status.Suspended {
		t.Errorf("parameter round trip: %v, %v", s, err)
	}
}

// TestHostileSpecDDL applies the DDL of a spec written to break out of SQL
// literals, identifiers and comments: the database ends up with exactly one
// enum type and one domain, whose labels and comment are the spec's text.
func TestHostileSpecDDL(t *testing.T) {
	src := "type: Join\n" + // "join" is a keyword (CREATE TYPE join does not parse): the identifier must be quoted; statusgen refuses the reserved ones
		"doc: \"'; DROP TABLE victims; --\\n\\r-- DROP TABLE victims;\\n$$ $tag$ \\\\ \\\" end \\u202Eevil\\u2028 \\U000E0001tag\"\n" + // bidi and tag characters go as E'' escapes
		"values:\n" +
		"  - name: \"it's\"\n    go_name: ItIs\n" +
		"  - name: \"'); DROP TABLE victims; --\"\n    go_name: Injection\n" +
		"  - name: \"$$dollar$$\"\n    go_name: Dollar\n"
	spec, err := gen.Parse("hostile.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := sqlDDL(spec)
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	mustExec(t, db, `CREATE TABLE victims (id int)`)
	mustExec(t, db, string(ddl))

	var types []string
	rows, err := db.Query(`SELECT typname::text || ':' || typtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
		WHERE n.nspname = 'public' AND typtype IN ('e', 'd') ORDER BY typname`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		types = append(types, s)
	}
	rows.Close()
	if want := []string{"join:e", "join_text:d"}; !slices.Equal(types, want) {
		t.Errorf("types created: %v, want %v", types, want)
	}
	var labels []string
	rows, err = db.Query(`SELECT unnest(enum_range(NULL::"join"))::text`)
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
	if want := []string{"it's", "'); DROP TABLE victims; --", "$$dollar$$"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	var comment string
	if err := db.QueryRow(`SELECT obj_description('"join"'::regtype, 'pg_type')`).Scan(&comment); err != nil || comment != spec.Doc {
		t.Errorf("comment %q, %v; want %q", comment, err, spec.Doc)
	}
	var victims int
	if err := db.QueryRow(`SELECT count(*) FROM victims`).Scan(&victims); err != nil {
		t.Errorf("the victims table is gone: %v", err)
	}
	if _, err := db.Exec(`SELECT 'nope'::join_text`); err == nil {
		t.Error("the domain accepted a name outside the spec")
	}
	if _, err := db.Exec(`SELECT $1::join_text`, "it's"); err != nil {
		t.Errorf("the domain refused a name in the spec: %v", err)
	}
}
