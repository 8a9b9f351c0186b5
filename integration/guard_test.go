package integration

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/status"
)

// dbURL is the URL of db's database, for psql and for other roles.
func dbURL(t *testing.T, db *sql.DB, user string) string {
	t.Helper()
	var name string
	if err := db.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(os.Getenv("TASKSTATUS_PG_DSN"))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	if user != "" {
		u.User = url.User(user)
	}
	return u.String()
}

// loadIn runs ddl in one transaction whose search_path is schema alone, as
// a user who keeps the enum in a schema of its own does.
func loadIn(t *testing.T, db *sql.DB, schema, ddl string) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, stmt := range []string{`SET LOCAL search_path = ` + schema, ddl} {
		if _, err := tx.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", firstLine(stmt), err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// statusDDL is the committed status/status.sql, checked against what
// statuses.yaml generates today.
func statusDDL(t *testing.T) string {
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
	return string(ddl)
}

// createGuardTables creates, in schema, a table with an enum column and one
// with a checked text column, each guarded by <typ>_create_guard.
func createGuardTables(t *testing.T, db *sql.DB, schema, typ string) {
	t.Helper()
	q := schema + "."
	for _, table := range []struct{ name, col string }{{"enum_tasks", q + typ}, {"text_tasks", q + typ + "_text"}} {
		mustExec(t, db, `CREATE TABLE `+q+table.name+` (id int PRIMARY KEY, state `+table.col+`)`)
		var trg string
		if err := db.QueryRow(`SELECT `+q+typ+`_create_guard($1, 'state')`, q+table.name).Scan(&trg); err != nil {
			t.Fatalf("%s_create_guard(%s): %v", typ, table.name, err)
		}
		if want := typ + "_guard_state"; trg != want {
			t.Errorf("%s_create_guard named its trigger %q, want %q", typ, trg, want)
		}
	}
}

// The guard that create_guard makes (a WHEN condition in plain SQL, and a
// function that runs only to refuse) allows exactly what Go allows, for
// every pair of the 13 statuses, in an enum and a checked text column; it
// is idempotent, and it refuses what it cannot guard.
func TestCreateGuard(t *testing.T) {
	db := newDB(t)
	mustExec(t, db, statusDDL(t))
	createGuardTables(t, db, "public", "status")
	checkEveryPair(t, db, "", "status", status.StatusNames(), func(from, to string) bool {
		a, _ := status.ParseStatus(from)
		b, _ := status.ParseStatus(to)
		return a.CanTransitionTo(b)
	})

	// Again, and on a varchar column of another table: one trigger each.
	mustExec(t, db, `CREATE TABLE jobs (id int PRIMARY KEY, s varchar(40), n int)`)
	for range 2 {
		mustExec(t, db, `SELECT status_create_guard('enum_tasks', 'state'), status_create_guard('jobs', 's')`)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('enum_tasks'::regclass, 'jobs'::regclass) AND NOT tgisinternal`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d triggers on enum_tasks and jobs after calling create_guard twice (%v), want 2", n, err)
	}
	mustExec(t, db, `INSERT INTO jobs VALUES (1, 'COMPLETED', 0), (2, 'PENDING', 0)`)
	mustExec(t, db, `UPDATE jobs SET s = 'IN_PROGRESS', n = n + 1 WHERE id = 2`)
	mustExec(t, db, `UPDATE jobs SET n = n + 1`) // another column: no move
	expectRefused(t, db, `UPDATE jobs SET s = 'PENDING' WHERE id = 1`, "cannot move jobs.s from COMPLETED to PENDING: COMPLETED may move to no other value")
	expectRefused(t, db, `UPDATE jobs SET s = 'NOPE' WHERE id = 2`, "cannot move jobs.s from IN_PROGRESS to NOPE:")

	for _, c := range []struct{ query, code string }{
		{`SELECT status_create_guard('jobs', 'n')`, "42804"},       // an int column
		{`SELECT status_create_guard('jobs', 'missing')`, "42703"}, // no such column
	} {
		_, err := db.Exec(c.query)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != c.code {
			t.Errorf("%s: %v, want SQLSTATE %s", c.query, err, c.code)
		}
	}
	// A trigger of the same name that is not a guard is left alone.
	mustExec(t, db, `CREATE FUNCTION mine() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'`)
	mustExec(t, db, `CREATE TABLE other (s status)`)
	mustExec(t, db, `CREATE TRIGGER status_guard_s BEFORE UPDATE ON other FOR EACH ROW EXECUTE FUNCTION mine()`)
	_, err := db.Exec(`SELECT status_create_guard('other', 's')`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "42710" {
		t.Errorf("create_guard over a trigger of its own: %v, want SQLSTATE 42710", err)
	}
}

// expectRefused runs an UPDATE the guard must refuse with 23514 and a
// message starting with msg.
func expectRefused(t *testing.T, db *sql.DB, query, msg string) {
	t.Helper()
	_, err := db.Exec(query)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23514" || !strings.HasPrefix(pgErr.Message, msg) {
		t.Errorf("%s: %v, want SQLSTATE 23514 %q", query, err, msg)
	}
}

// A spec without next (the terminal rule) under create_guard.
func TestCreateGuardTerminalRule(t *testing.T) {
	spec, err := gen.Parse("job.yaml", []byte("type: Job\nvalues:\n  - name: QUEUED\n  - name: RUNNING\n  - name: DONE\n    terminal: true\n  - name: FAILED\n    terminal: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := sqlDDL(spec)
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	mustExec(t, db, string(ddl))
	createGuardTables(t, db, "public", "job")
	terminal := map[string]bool{"DONE": true, "FAILED": true}
	checkEveryPair(t, db, "", "job", []string{"QUEUED", "RUNNING", "DONE", "FAILED"}, func(from, to string) bool { return from == to || !terminal[from] })
}

// The DDL loaded into schema app (SET search_path = app, as teams that keep
// public empty do) works from a session with the default search path, for
// the trigger function and for create_guard's triggers; and a role with
// UPDATE on the tables and a schema of its own, first in its search path,
// cannot answer for a function the guard calls (CVE-2018-1058): moving a
// terminal row back is refused.
func TestGuardInAnySchema(t *testing.T) {
	db := newDB(t)
	mustExec(t, db, `CREATE SCHEMA app`)
	loadIn(t, db, "app", statusDDL(t))
	var path string
	if err := db.QueryRow(`SHOW search_path`).Scan(&path); err != nil || path != `"$user", public` {
		t.Fatalf("search_path %q (%v), want the default", path, err)
	}
	names := status.StatusNames()
	allowed := func(from, to string) bool {
		a, _ := status.ParseStatus(from)
		b, _ := status.ParseStatus(to)
		return a.CanTransitionTo(b)
	}
	// The trigger function, as the comment above it shows.
	for _, table := range []struct{ name, col string }{{"enum_tasks", "app.status"}, {"text_tasks", "app.status_text"}} {
		mustExec(t, db, `CREATE TABLE app.`+table.name+` (id int PRIMARY KEY, state `+table.col+`)`)
		mustExec(t, db, `CREATE TRIGGER guard BEFORE UPDATE OF state ON app.`+table.name+` FOR EACH ROW EXECUTE FUNCTION app.status_transition_guard('state')`)
	}
	checkEveryPair(t, db, "app.", "status", names, allowed)
	mustExec(t, db, `DROP TABLE app.enum_tasks, app.text_tasks`)
	createGuardTables(t, db, "app", "status")
	checkEveryPair(t, db, "app.", "status", names, allowed)

	// mallory: UPDATE on the tables, a schema of its own.
	var dbName string
	if err := db.QueryRow(`SELECT current_database()`).Scan(&dbName); err != nil {
		t.Fatal(err)
	}
	role := "mallory_" + dbName
	mustExec(t, db, `CREATE ROLE `+role+` LOGIN`)
	t.Cleanup(func() {
		db.Exec(`DROP OWNED BY ` + role)
		db.Exec(`DROP ROLE ` + role)
	})
	mustExec(t, db, `CREATE SCHEMA `+role+` AUTHORIZATION `+role)
	mustExec(t, db, `GRANT USAGE ON SCHEMA app TO `+role)
	mustExec(t, db, `CREATE TABLE app.legacy (id int PRIMARY KEY, state app.status)`)
	mustExec(t, db, `CREATE TRIGGER guard BEFORE UPDATE OF state ON app.legacy FOR EACH ROW EXECUTE FUNCTION app.status_transition_guard('state')`)
	tables := []string{"app.enum_tasks", "app.text_tasks", "app.legacy"}
	for _, table := range tables {
		mustExec(t, db, `DELETE FROM `+table)
		mustExec(t, db, `INSERT INTO `+table+` VALUES (1, 'COMPLETED')`)
		mustExec(t, db, `GRANT SELECT, UPDATE ON `+table+` TO `+role)
	}
	mallory, err := sql.Open("pgx", dbURL(t, db, role))
	if err != nil {
		t.Fatal(err)
	}
	defer mallory.Close()
	for _, stmt := range []string{
		`CREATE FUNCTION status_can_transition("from" text, "to" text) RETURNS boolean LANGUAGE sql RETURN true`,
		`CREATE FUNCTION status_can_transition("from" app.status, "to" app.status) RETURNS boolean LANGUAGE sql RETURN true`,
		`CREATE FUNCTION status_guard_condition(col name, text_column boolean) RETURNS text LANGUAGE sql RETURN 'false'`,
		`CREATE FUNCTION to_jsonb(anyelement) RETURNS jsonb LANGUAGE sql AS 'SELECT jsonb_build_object()'`,
	} {
		mustExec(t, mallory, stmt)
	}
	for _, table := range tables {
		expectRefused(t, mallory, `UPDATE `+table+` SET state = 'PENDING' WHERE id = 1`, "cannot move ")
		var now string
		if err := mallory.QueryRow(`SELECT state::text FROM ` + table).Scan(&now); err != nil || now != "COMPLETED" {
			t.Errorf("mallory moved %s to %s (%v)", table, now, err)
		}
	}
	// create_guard run by the table's owner with mallory's schema first in
	// the path still makes a guard that mallory cannot bypass.
	mustExec(t, db, `GRANT USAGE ON SCHEMA `+role+` TO PUBLIC`)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`SET LOCAL search_path = ` + role + `, app, public`, `SELECT app.status_create_guard('app.legacy', 'state')`} {
		if _, err := tx.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	expectRefused(t, mallory, `UPDATE app.legacy SET state = 'PENDING' WHERE id = 1`, "cannot move legacy.state from COMPLETED to PENDING")
}

// A migration that narrows the graph re-creates the guards create_guard
// made, whose WHEN conditions hold the old graph: a move the new graph
// refuses is refused, in an enum and a text column.
func TestMigrationRecreatesGuards(t *testing.T) {
	parse := func(next string) *gen.Spec {
		spec, err := gen.Parse("job.yaml", []byte("type: Job\nvalues:\n  - name: QUEUED\n    next: ["+next+"]\n  - name: RUNNING\n    next: [DONE]\n  - name: DONE\n    terminal: true\n"))
		if err != nil {
			t.Fatal(err)
		}
		return spec
	}
	wide, narrow := parse("RUNNING, DONE"), parse("RUNNING")
	ddl, err := sqlDDL(wide)
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	mustExec(t, db, string(ddl))
	createGuardTables(t, db, "public", "job")
	for _, table := range []string{"enum_tasks", "text_tasks"} {
		mustExec(t, db, `INSERT INTO `+table+` VALUES (1, 'QUEUED'), (2, 'QUEUED')`)
		mustExec(t, db, `UPDATE `+table+` SET state = 'DONE' WHERE id = 1`)
	}
	migration, err := sqlMigration(wide, narrow)
	if err != nil {
		t.Fatal(err)
	}
	applyMigration(t, db, migration)
	for _, table := range []string{"enum_tasks", "text_tasks"} {
		expectRefused(t, db, `UPDATE `+table+` SET state = 'DONE' WHERE id = 2`, "cannot move "+table+".state from QUEUED to DONE: QUEUED may move to RUNNING")
		mustExec(t, db, `UPDATE `+table+` SET state = 'RUNNING' WHERE id = 2`)
	}
}

// Claims: 8 workers under READ COMMITTED race to claim each of 200 PENDING
// tasks with the compare-and-set UPDATE the DDL documents; every task is
// claimed exactly once (without the WHERE, a move to the same status is
// allowed and every worker would claim every task).
func TestClaimsWithSources(t *testing.T) {
	db := newDB(t)
	mustExec(t, db, statusDDL(t))
	mustExec(t, db, `CREATE TABLE claims (id int PRIMARY KEY, s status NOT NULL, t status_text NOT NULL)`)
	mustExec(t, db, `SELECT status_create_guard('claims', 's'), status_create_guard('claims', 't')`)
	const tasks, workers = 200, 8
	mustExec(t, db, `INSERT INTO claims SELECT i, 'PENDING', 'PENDING' FROM generate_series(1, $1) AS i`, tasks)
	db.SetMaxOpenConns(workers + 1)
	for _, column := range []string{"s", "t::status"} {
		col := strings.TrimSuffix(column, "::status")
		mustExec(t, db, `UPDATE claims SET `+col+` = 'PENDING'`) // PENDING to PENDING: allowed
		var mu sync.Mutex
		claimed := make(map[int]int)
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				order := rand.Perm(tasks)
				if w%2 == 0 {
					slices.Sort(order) // half the workers in step, to collide often
				}
				for _, i := range order {
					tx, err := db.BeginTx(context.Background(), &sql.TxOptions{Isolation: sql.LevelReadCommitted})
					if err != nil {
						errs <- err
						return
					}
					var id int
					err = tx.QueryRow(`UPDATE claims SET `+col+` = 'IN_PROGRESS' WHERE id = $1 AND `+column+` = ANY(status_sources('IN_PROGRESS')) RETURNING id`, i+1).Scan(&id)
					if err != nil && !errors.Is(err, sql.ErrNoRows) {
						tx.Rollback()
						errs <- err
						return
					}
					if err := tx.Commit(); err != nil {
						errs <- err
						return
					}
					if id != 0 {
						mu.Lock()
						claimed[id]++
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("%s: a worker failed: %v", column, err)
		}
		for i := 1; i <= tasks; i++ {
			if claimed[i] != 1 {
				t.Errorf("%s: task %d claimed %d times, want once", column, i, claimed[i])
			}
		}
	}
	// The function itself: the values that may move to a value, itself
	// excluded, as Go's Sources says.
	for _, s := range status.StatusValues() {
		var got []string
		rows, err := db.Query(`SELECT unnest(status_sources($1::text))::text`, s.String())
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		rows.Close()
		var want []string
		for _, v := range s.Sources() {
			want = append(want, v.String())
		}
		if !slices.Equal(got, want) {
			t.Errorf("status_sources(%s) = %q, Go's Sources() = %q", s, got, want)
		}
	}
}

// Nothing in a spec can run as SQL: every spec of the hostile corpus that
// statusgen accepts has its DDL, and a migration that adds a value to it,
// loaded with plain psql -f (psql's defaults: no ON_ERROR_STOP, so a
// statement that a spec's text ended early would go on to run what
// follows) into a schema holding a canary table named tasks. Both load
// without an error; the canary keeps its rows; and no object outside the
// schema changes (pg_class, pg_proc, pg_type, pg_namespace, pg_trigger).
func TestHostileCorpusPsql(t *testing.T) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Fatalf("psql is not installed (make integration installs PostgreSQL with it): %v", err)
	}
	db := newDB(t)
	url := dbURL(t, db, "")
	mustExec(t, db, `CREATE TABLE public.tasks (id int PRIMARY KEY, note text)`)
	mustExec(t, db, `INSERT INTO public.tasks VALUES (1, 'canary'), (2, 'canary')`)
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no specs in %s (%v)", corpusDir, err)
	}
	dir := t.TempDir()
	loaded := 0
	for i, file := range files {
		name := filepath.Base(file)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		spec, err := gen.Parse(name, src)
		if err != nil {
			continue
		}
		ddl, err := sqlDDL(spec)
		if err != nil {
			continue
		}
		scripts := [][]byte{ddl}
		if m := addedValueMigration(spec); m != nil {
			scripts = append(scripts, m)
		}
		loaded++
		schema := fmt.Sprintf("psql_%d", i)
		mustExec(t, db, `CREATE SCHEMA `+schema)
		mustExec(t, db, `CREATE TABLE `+schema+`.tasks (id int PRIMARY KEY, note text)`)
		mustExec(t, db, `INSERT INTO `+schema+`.tasks VALUES (1, 'canary'), (2, 'canary')`)
		before := catalogOutside(t, db, schema)
		for k, script := range scripts {
			path := filepath.Join(dir, fmt.Sprintf("%s.%d.sql", name, k))
			if err := os.WriteFile(path, script, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(psql, "-X", "-q", "-d", url, "-f", path)
			cmd.Env = append(os.Environ(), "PGOPTIONS=-c search_path="+schema)
			out, err := cmd.CombinedOutput()
			if err != nil || strings.Contains(string(out), "ERROR") {
				t.Errorf("%s: psql -f of the %s: %v\n%s", name, [...]string{"DDL", "migration"}[k], err, out)
			}
		}
		if after := catalogOutside(t, db, schema); after != before {
			t.Errorf("%s: loading its SQL changed objects outside its schema:\nbefore:\n%s\nafter:\n%s", name, before, after)
		}
		for _, table := range []string{"public.tasks", schema + ".tasks"} {
			var rows string
			if err := db.QueryRow(`SELECT string_agg(id || ':' || note, ',' ORDER BY id) FROM ` + table).Scan(&rows); err != nil || rows != "1:canary,2:canary" {
				t.Errorf("%s: the canary %s holds %q (%v)", name, table, rows, err)
			}
		}
		var procs []string
		rows, err := db.Query(`SELECT proname FROM pg_proc WHERE pronamespace = $1::regnamespace ORDER BY 1`, schema)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p string
			rows.Scan(&p)
			procs = append(procs, p)
		}
		rows.Close()
		if len(procs) != 9 {
			t.Errorf("%s: the schema holds the functions %q, want the 9 the DDL creates", name, procs)
		}
	}
	if loaded < 50 {
		t.Fatalf("only %d corpus specs generate SQL", loaded)
	}
}

// addedValueMigration returns the migration from spec to spec with one
// more value, whose name holds a dollar quote, or nil when that spec does
// not build: the migration's DO blocks then hold every wire name.
func addedValueMigration(spec *gen.Spec) []byte {
	next := *spec
	next.Values = append(slices.Clone(spec.Values), gen.Value{Name: "ADDED$do$", GoName: "AddedDollarDo", Terminal: true, Category: spec.Values[0].Category})
	if spec.Values[len(spec.Values)-1].Number != 0 {
		next.Values[len(next.Values)-1].Number = spec.Values[len(spec.Values)-1].Number + 1000
	}
	m, err := sqlMigration(spec, &next)
	if err != nil {
		return nil
	}
	return m
}

// catalogOutside lists the objects of the database outside schema (and
// pg_toast), one per line, with what could change: names, owners and
// function bodies. A session's temporary schemas (pg_temp_N, where a
// migration defines its check function for that session) are left out:
// PostgreSQL creates them on first use and keeps them for reuse.
func catalogOutside(t *testing.T, db *sql.DB, schema string) string {
	t.Helper()
	var out string
	err := db.QueryRow(`SELECT concat_ws(E'\n',
		(SELECT string_agg(format('class %s %s.%s %s', c.oid, c.relnamespace, c.relname, c.relkind), E'\n' ORDER BY c.oid) FROM pg_class c
			WHERE c.relnamespace NOT IN ($1::regnamespace, 'pg_toast'::regnamespace)),
		(SELECT string_agg(format('proc %s %s.%s %s', p.oid, p.pronamespace, p.proname, md5(coalesce(p.prosrc, ''))), E'\n' ORDER BY p.oid) FROM pg_proc p
			WHERE p.pronamespace <> $1::regnamespace),
		(SELECT string_agg(format('type %s %s.%s', y.oid, y.typnamespace, y.typname), E'\n' ORDER BY y.oid) FROM pg_type y
			WHERE y.typnamespace NOT IN ($1::regnamespace, 'pg_toast'::regnamespace)),
		(SELECT string_agg(format('trigger %s %s %s', g.oid, g.tgrelid, g.tgname), E'\n' ORDER BY g.oid) FROM pg_trigger g
			WHERE g.tgrelid NOT IN (SELECT oid FROM pg_class WHERE relnamespace = $1::regnamespace)),
		(SELECT string_agg(format('namespace %s %s', n.oid, n.nspname), E'\n' ORDER BY n.oid) FROM pg_namespace n
			WHERE n.nspname NOT LIKE 'psql\_%' AND n.nspname NOT LIKE 'pg\_temp\_%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'))`, schema).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Two packages that both say type: Status share one database when their
// specs name the SQL types apart with sql.type; every SQL name of each
// derives from its own.
func TestSQLTypeKey(t *testing.T) {
	db := newDB(t)
	for _, typ := range []string{"payment_intent_status", "refund_status"} {
		spec, err := gen.Parse("spec.yaml", []byte("type: Status\nsql: {type: "+typ+"}\nvalues:\n  - name: PENDING\n    next: [DONE]\n  - name: DONE\n    terminal: true\n"))
		if err != nil {
			t.Fatal(err)
		}
		ddl, err := sqlDDL(spec)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, string(ddl))
		mustExec(t, db, `CREATE TABLE `+typ+`_rows (id int PRIMARY KEY, s `+typ+`, t `+typ+`_text)`)
		mustExec(t, db, `SELECT `+typ+`_create_guard('`+typ+`_rows', 's'), `+typ+`_create_guard('`+typ+`_rows', 't')`)
		mustExec(t, db, `INSERT INTO `+typ+`_rows VALUES (1, 'DONE', 'DONE')`)
		for _, col := range []string{"s", "t"} {
			expectRefused(t, db, `UPDATE `+typ+`_rows SET `+col+` = 'PENDING'`, "cannot move "+typ+"_rows."+col+" from DONE to PENDING")
		}
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_type WHERE typname IN ('status', 'status_text')`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d types named after the Go type (%v), want none", n, err)
	}
}

// A migration that adds a value runs in one transaction (one multi-statement
// query is one): the guards it re-creates cannot compare the new value as
// the enum before COMMIT, so they compare text, which allows and refuses
// the same moves; create_guard after COMMIT gives the enum form again.
func TestMigrationAddsValueUnderGuard(t *testing.T) {
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
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, string(migration))
	whenText := func() bool {
		var def string
		if err := db.QueryRow(`SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'enum_tasks'::regclass AND tgname = 'job_guard_state'`).Scan(&def); err != nil {
			t.Fatal(err)
		}
		return strings.Contains(def, "::text")
	}
	if !whenText() {
		t.Error("the guard re-created in the migration's transaction does not compare text")
	}
	check := func() {
		for _, table := range []string{"enum_tasks", "text_tasks"} {
			mustExec(t, db, `DELETE FROM `+table)
			mustExec(t, db, `INSERT INTO `+table+` VALUES (1, 'RUNNING'), (2, 'DONE')`)
			mustExec(t, db, `UPDATE `+table+` SET state = 'PAUSED' WHERE id = 1`)
			mustExec(t, db, `UPDATE `+table+` SET state = 'RUNNING' WHERE id = 1`)
			expectRefused(t, db, `UPDATE `+table+` SET state = 'PAUSED' WHERE id = 2`, "cannot move "+table+".state from DONE to PAUSED")
			expectRefused(t, db, `UPDATE `+table+` SET state = 'QUEUED' WHERE id = 1`, "cannot move "+table+".state from RUNNING to QUEUED: RUNNING may move to PAUSED, DONE")
		}
	}
	check()
	mustExec(t, db, `SELECT job_create_guard('enum_tasks', 'state')`)
	if whenText() {
		t.Error("create_guard after COMMIT still compares text on an enum column")
	}
	check()
}
