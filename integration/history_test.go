package integration

import (
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taskstatus/taskstatus/gen"
)

// move is one row of a history table, key and values as text.
type move struct{ key, from, to string }

// readHistory returns the rows of a history table in the order of its
// move column, and checks that every row was made by the current user.
func readHistory(t *testing.T, db *sql.DB, hist, key string) []move {
	t.Helper()
	rows, err := db.Query(`SELECT ` + key + `::text, coalesce("from"::text, 'NULL'), coalesce("to"::text, 'NULL'), "by" = current_user, "at" IS NOT NULL FROM ` + hist + ` ORDER BY move`)
	if err != nil {
		t.Fatalf("%s: %v", hist, err)
	}
	defer rows.Close()
	var out []move
	for rows.Next() {
		var m move
		var byMe, at bool
		if err := rows.Scan(&m.key, &m.from, &m.to, &byMe, &at); err != nil {
			t.Fatal(err)
		}
		if !byMe || !at {
			t.Errorf("%s: a row with by = current_user %v, at set %v", hist, byMe, at)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// expectCode runs a query that must fail with SQLSTATE code.
func expectCode(t *testing.T, db *sql.DB, query, code string) {
	t.Helper()
	_, err := db.Exec(query)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != code {
		t.Errorf("%s: %v, want SQLSTATE %s", query, err, code)
	}
}

// create_history on an enum and a checked text column of tables in schema
// app, used from a session with the default search path, next to the
// guard: moves are recorded in order (several in one transaction too), a
// same-value update, an update of another column and a refused move
// record nothing; running it again changes nothing; a composite primary
// key and a name of the user's own work; and what it cannot do it refuses.
func TestHistory(t *testing.T) {
	db := newDB(t)
	mustExec(t, db, `CREATE SCHEMA app`)
	loadIn(t, db, "app", statusDDL(t))
	for _, table := range []struct{ name, col string }{{"enum_tasks", "app.status"}, {"text_tasks", "app.status_text"}} {
		mustExec(t, db, `CREATE TABLE app.`+table.name+` (id int PRIMARY KEY, state `+table.col+`, n int NOT NULL DEFAULT 0)`)
		mustExec(t, db, `SELECT app.status_create_guard('app.`+table.name+`', 'state')`)
		for range 2 { // idempotent
			var hist string
			if err := db.QueryRow(`SELECT app.status_create_history('app.` + table.name + `', 'state')::text`).Scan(&hist); err != nil {
				t.Fatalf("status_create_history(app.%s): %v", table.name, err)
			}
			if want := "app." + table.name + "_state_history"; hist != want {
				t.Errorf("status_create_history(app.%s) returned %s, want %s", table.name, hist, want)
			}
		}
		q := `app.` + table.name
		mustExec(t, db, `INSERT INTO `+q+` (id, state) VALUES (1, 'PENDING'), (2, 'PENDING'), (3, NULL)`)
		mustExec(t, db, `UPDATE `+q+` SET state = 'IN_PROGRESS' WHERE id = 1`)
		mustExec(t, db, `UPDATE `+q+` SET state = 'IN_PROGRESS' WHERE id = 1`) // the same value
		mustExec(t, db, `UPDATE `+q+` SET n = n + 1`)                          // another column
		expectRefused(t, db, `UPDATE `+q+` SET state = 'ACTIVE' WHERE id = 1`, "cannot move "+table.name+".state from IN_PROGRESS to ACTIVE")
		mustExec(t, db, `BEGIN; UPDATE `+q+` SET state = 'PROCESSING' WHERE id = 1; UPDATE `+q+` SET state = 'COMPLETED' WHERE id = 1; UPDATE `+q+` SET state = 'CANCELED' WHERE id = 2; COMMIT`)
		expectRefused(t, db, `UPDATE `+q+` SET state = 'PENDING'`, "cannot move ") // all or nothing
		mustExec(t, db, `UPDATE `+q+` SET state = 'DRAFT' WHERE id = 3`)           // from NULL
		// Running it again with rows in the history keeps them.
		mustExec(t, db, `SELECT app.status_create_history('app.`+table.name+`', 'state')`)
		got := readHistory(t, db, q+"_state_history", "id")
		want := []move{{"1", "PENDING", "IN_PROGRESS"}, {"1", "IN_PROGRESS", "PROCESSING"}, {"1", "PROCESSING", "COMPLETED"}, {"2", "PENDING", "CANCELED"}, {"3", "NULL", "DRAFT"}}
		if !slices.Equal(got, want) {
			t.Errorf("app.%s's history:\n got %v\nwant %v", table.name, got, want)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pg_trigger WHERE tgrelid = '` + q + `'::regclass AND NOT tgisinternal`).Scan(&n); err != nil || n != 2 {
			t.Errorf("%d triggers on %s (%v), want 2: the guard and the history", n, q, err)
		}
	}

	// Another role that may update the table writes the history as
	// itself: refused without INSERT on the history table, recorded with.
	var dbName string
	if err := db.QueryRow(`SELECT current_database()`).Scan(&dbName); err != nil {
		t.Fatal(err)
	}
	role := "worker_" + dbName
	mustExec(t, db, `CREATE ROLE `+role+` LOGIN`)
	t.Cleanup(func() {
		db.Exec(`DROP OWNED BY ` + role)
		db.Exec(`DROP ROLE ` + role)
	})
	mustExec(t, db, `GRANT USAGE ON SCHEMA app TO `+role)
	mustExec(t, db, `GRANT SELECT, UPDATE ON app.enum_tasks TO `+role)
	worker, err := sql.Open("pgx", dbURL(t, db, role))
	if err != nil {
		t.Fatal(err)
	}
	defer worker.Close()
	expectCode(t, worker, `UPDATE app.enum_tasks SET state = 'PENDING' WHERE id = 3`, "42501")
	mustExec(t, db, `GRANT INSERT ON app.enum_tasks_state_history TO `+role)
	mustExec(t, worker, `UPDATE app.enum_tasks SET state = 'PENDING' WHERE id = 3`)
	var by, last string
	if err := db.QueryRow(`SELECT "by", "to"::text FROM app.enum_tasks_state_history ORDER BY move DESC LIMIT 1`).Scan(&by, &last); err != nil || by != role || last != "PENDING" {
		t.Errorf("the worker's move was recorded as by %q to %q (%v), want by %s to PENDING", by, last, err, role)
	}

	// A composite key, and a history table named by the user.
	mustExec(t, db, `CREATE TABLE app.runs (job text, attempt int, state app.status, PRIMARY KEY (job, attempt))`)
	var hist string
	if err := db.QueryRow(`SELECT app.status_create_history('app.runs', 'state', 'run_moves')::text`).Scan(&hist); err != nil || hist != "app.run_moves" {
		t.Fatalf("status_create_history(app.runs, state, run_moves) = %q, %v; want app.run_moves", hist, err)
	}
	mustExec(t, db, `INSERT INTO app.runs VALUES ('a', 1, 'PENDING'), ('a', 2, 'PENDING')`)
	mustExec(t, db, `UPDATE app.runs SET state = 'FAILED' WHERE attempt = 2`)
	if got, want := readHistory(t, db, "app.run_moves", "job || '/' || attempt"), []move{{"a/2", "PENDING", "FAILED"}}; !slices.Equal(got, want) {
		t.Errorf("app.run_moves: got %v, want %v", got, want)
	}

	mustExec(t, db, `CREATE TABLE app.keyless (state app.status, n int)`)
	mustExec(t, db, `CREATE TABLE app.clash ("from" int PRIMARY KEY, state app.status)`)
	mustExec(t, db, `CREATE TABLE app.taken (x int)`)
	for _, c := range []struct{ query, code string }{
		{`SELECT app.status_create_history('app.keyless', 'state')`, "42P16"},               // no primary key
		{`SELECT app.status_create_history('app.clash', 'state')`, "42P16"},                 // a key column named like the history's
		{`SELECT app.status_create_history('app.runs', 'attempt')`, "42804"},                // an int column
		{`SELECT app.status_create_history('app.runs', 'missing')`, "42703"},                // no such column
		{`SELECT app.status_create_history('app.runs', 'state', 'taken')`, "42P07"},         // a table of another shape
		{`SELECT app.status_create_history('app.runs', 'state', repeat('h', 64))`, "42622"}, // too long a name
	} {
		expectCode(t, db, c.query, c.code)
	}
	var msg string
	_, err = db.Exec(`SELECT app.status_create_history('app.keyless', 'state')`)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		msg = pgErr.Message + " / " + pgErr.Hint
	}
	if want := "status_create_history: app.keyless has no primary key, which names a row in its history / Give the table a primary key"; !strings.HasPrefix(msg, want) {
		t.Errorf("create_history on a table without a key: %q, want %q...", msg, want)
	}
}

// A migration that adds a value and changes the graph replaces the
// history's functions: the history keeps recording, the new value too.
func TestHistoryAfterMigration(t *testing.T) {
	parse := func(src string) *gen.Spec {
		spec, err := gen.Parse("job.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return spec
	}
	old := parse("type: Job\nvalues:\n  - name: QUEUED\n    next: [RUNNING]\n  - name: RUNNING\n    next: [DONE]\n  - name: DONE\n    terminal: true\n")
	new := parse("type: Job\nvalues:\n  - name: QUEUED\n    next: [RUNNING]\n  - name: RUNNING\n    next: [PAUSED, DONE]\n  - name: PAUSED\n    next: [RUNNING]\n  - name: DONE\n    terminal: true\n")
	ddl, err := sqlDDL(old)
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	mustExec(t, db, string(ddl))
	createGuardTables(t, db, "public", "job")
	for _, table := range []string{"enum_tasks", "text_tasks"} {
		mustExec(t, db, `SELECT job_create_history('`+table+`', 'state')`)
		mustExec(t, db, `INSERT INTO `+table+` VALUES (1, 'QUEUED')`)
		mustExec(t, db, `UPDATE `+table+` SET state = 'RUNNING'`)
	}
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	applyMigration(t, db, migration)
	applyMigration(t, db, migration) // again: nothing changes
	for _, table := range []string{"enum_tasks", "text_tasks"} {
		mustExec(t, db, `UPDATE `+table+` SET state = 'PAUSED'`)
		mustExec(t, db, `UPDATE `+table+` SET state = 'RUNNING'`)
		expectRefused(t, db, `UPDATE `+table+` SET state = 'QUEUED'`, "cannot move "+table+".state from RUNNING to QUEUED")
		mustExec(t, db, `SELECT job_create_history('`+table+`', 'state')`) // after the migration too
		mustExec(t, db, `UPDATE `+table+` SET state = 'DONE'`)
		got := readHistory(t, db, table+"_state_history", "id")
		want := []move{{"1", "QUEUED", "RUNNING"}, {"1", "RUNNING", "PAUSED"}, {"1", "PAUSED", "RUNNING"}, {"1", "RUNNING", "DONE"}}
		if !slices.Equal(got, want) {
			t.Errorf("%s's history after the migration:\n got %v\nwant %v", table, got, want)
		}
	}
}
