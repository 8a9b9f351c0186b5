package integration

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/status"
)

// guardedTables creates a table with an enum column and one with a checked
// text column, each guarded by the generated trigger function.
func guardedTables(t *testing.T, db *sql.DB, typ string) {
	t.Helper()
	for _, table := range []struct{ name, col string }{{"enum_tasks", typ}, {"text_tasks", typ + "_text"}} {
		mustExec(t, db, `CREATE TABLE `+table.name+` (id int PRIMARY KEY, state `+table.col+`)`)
		mustExec(t, db, `CREATE TRIGGER guard BEFORE UPDATE OF state ON `+table.name+` FOR EACH ROW EXECUTE FUNCTION `+typ+`_transition_guard('state')`)
	}
}

// checkEveryPair tries every pair of values as an UPDATE in both tables and
// through <typ>_can_transition: allowed exactly when allowed says so; a
// refused UPDATE raises 23514 naming both values and leaves the row as it
// was. schema ("" or "app.") qualifies the tables, the type and the
// function.
func checkEveryPair(t *testing.T, db *sql.DB, schema, typ string, names []string, allowed func(from, to string) bool) {
	t.Helper()
	typ = schema + typ
	for _, table := range []string{schema + "enum_tasks", schema + "text_tasks"} {
		for _, from := range names {
			for _, to := range names {
				want := allowed(from, to)
				var fnEnum, fnText bool
				if err := db.QueryRow(`SELECT `+typ+`_can_transition($1::`+typ+`, $2::`+typ+`), `+typ+`_can_transition($1::`+typ+`_text, $2::`+typ+`_text)`, from, to).Scan(&fnEnum, &fnText); err != nil {
					t.Fatal(err)
				}
				if fnEnum != want || fnText != want {
					t.Errorf("%s_can_transition(%s, %s) = %v (enum), %v (text); Go says %v", typ, from, to, fnEnum, fnText, want)
				}
				mustExec(t, db, `DELETE FROM `+table)
				mustExec(t, db, `INSERT INTO `+table+` VALUES (1, $1)`, from)
				_, err := db.Exec(`UPDATE `+table+` SET state = $1 WHERE id = 1`, to)
				var now string
				if err := db.QueryRow(`SELECT state::text FROM ` + table).Scan(&now); err != nil {
					t.Fatal(err)
				}
				switch {
				case want && err != nil:
					t.Errorf("%s: %s → %s refused: %v", table, from, to, err)
				case want && now != to:
					t.Errorf("%s: %s → %s left %s", table, from, to, now)
				case !want:
					var pgErr *pgconn.PgError
					if !errors.As(err, &pgErr) || pgErr.Code != "23514" || !strings.Contains(pgErr.Message, " from "+from+" to "+to+":") {
						t.Errorf("%s: %s → %s: got %v, want SQLSTATE 23514 naming both values", table, from, to, err)
					}
					if now != from {
						t.Errorf("%s: refused %s → %s changed the row to %s", table, from, to, now)
					}
				}
			}
		}
	}
}

// Every pair of the 13 statuses, in an enum column and a checked text
// column: the trigger and the function allow exactly what Go allows (the
// table web/testdata/transitions.json holds, which TestTransitionGraph
// checks against the graph).
func TestTransitionTrigger(t *testing.T) {
	db := newDB(t)
	applyDDL(t, db)
	guardedTables(t, db, "status")
	var pairs []struct {
		From, To string
		Allowed  bool
	}
	data, err := os.ReadFile("../web/testdata/transitions.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &pairs); err != nil || len(pairs) != 169 {
		t.Fatalf("transitions.json: %v, %d pairs", err, len(pairs))
	}
	table := map[[2]string]bool{}
	for _, p := range pairs {
		a, _ := status.ParseStatus(p.From)
		b, _ := status.ParseStatus(p.To)
		if a.CanTransitionTo(b) != p.Allowed {
			t.Fatalf("transitions.json is stale for %s → %s", p.From, p.To)
		}
		table[[2]string{p.From, p.To}] = p.Allowed
	}
	checkEveryPair(t, db, "", "status", status.StatusNames(), func(from, to string) bool { return table[[2]string{from, to}] })

	var msg string
	_, err = db.Exec(`UPDATE enum_tasks SET state = 'ACTIVE' WHERE id = 1`) // the row holds SUSPENDED from the last pair
	if err != nil {
		t.Fatalf("SUSPENDED → ACTIVE refused: %v", err)
	}
	_, err = db.Exec(`UPDATE enum_tasks SET state = 'PENDING' WHERE id = 1`)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		msg = pgErr.Message
	}
	if want := "cannot move enum_tasks.state from ACTIVE to PENDING: ACTIVE may move to ARCHIVED, SUSPENDED"; msg != want {
		t.Errorf("message %q, want %q", msg, want)
	}
}

// Two transactions race to move one PENDING row, one to COMPLETED and one
// to CANCELED. Under READ COMMITTED the second UPDATE waits for the first;
// when it commits, PostgreSQL re-reads the row and fires the trigger on the
// new version, so the loser sees COMPLETED → CANCELED (or the reverse),
// which the graph refuses: exactly one wins, the other gets 23514, and the
// row holds the winner.
func TestTransitionRace(t *testing.T) {
	db := newDB(t)
	applyDDL(t, db)
	guardedTables(t, db, "status")
	for round := range 10 {
		mustExec(t, db, `DELETE FROM enum_tasks`)
		mustExec(t, db, `INSERT INTO enum_tasks VALUES (1, 'PENDING')`)
		ctx := context.Background()
		first, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := first.Exec(`UPDATE enum_tasks SET state = 'COMPLETED' WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var secondErr error
		wg.Add(1)
		go func() { // blocks on the row lock until first commits
			defer wg.Done()
			_, secondErr = db.Exec(`UPDATE enum_tasks SET state = 'CANCELED' WHERE id = 1`)
		}()
		waitForLockWait(t, db)
		if err := first.Commit(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		var pgErr *pgconn.PgError
		if !errors.As(secondErr, &pgErr) || pgErr.Code != "23514" || !strings.Contains(pgErr.Message, "from COMPLETED to CANCELED") {
			t.Fatalf("round %d: the loser got %v, want 23514 for COMPLETED → CANCELED", round, secondErr)
		}
		var now string
		if err := db.QueryRow(`SELECT state FROM enum_tasks`).Scan(&now); err != nil || now != "COMPLETED" {
			t.Fatalf("round %d: the row holds %s (%v), want the winner COMPLETED", round, now, err)
		}
	}
}

// waitForLockWait returns once another session waits for a lock, so the
// race is set up the same way every round.
func waitForLockWait(t *testing.T, db *sql.DB) {
	t.Helper()
	// A bound on the wait, not a timing assertion: on a loaded machine the
	// goroutine may take a while to send its UPDATE.
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
	}
	t.Fatal("the second UPDATE never waited for the first")
}

// A spec without next gets the terminal rule in the database too: a value
// that is not terminal moves anywhere, a terminal one only to itself.
func TestTransitionTriggerTerminalRule(t *testing.T) {
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
	guardedTables(t, db, "job")
	terminal := map[string]bool{"DONE": true, "FAILED": true}
	checkEveryPair(t, db, "", "job", []string{"QUEUED", "RUNNING", "DONE", "FAILED"}, func(from, to string) bool { return from == to || !terminal[from] })
}

// A value renamed with its old name kept as an alias, in a spec that
// declares its graph: the migration keeps the text rows' old spelling and
// advises an UPDATE to the new name, which the transition guard refused
// ("cannot move ... from CANCELLED to CANCELED"), since the old name is in
// no next. The guard reads an alias as its value, so the UPDATE is a move
// to the value itself; moves the graph refuses stay refused.
func TestTransitionGuardReadsAliases(t *testing.T) {
	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	oldSpec, err := gen.Parse("old.yaml", []byte(strings.ReplaceAll(string(src), "CANCELED", "CANCELLED")))
	if err != nil {
		t.Fatal(err)
	}
	newSrc := strings.Replace(string(src), "  - name: CANCELED\n", "  - name: CANCELED\n    aliases: [CANCELLED]\n", 1)
	newSpec, err := gen.Parse("new.yaml", []byte(newSrc))
	if err != nil || newSrc == string(src) {
		t.Fatalf("statuses.yaml no longer has a value CANCELED to give an alias (%v)", err)
	}
	ddl, err := sqlDDL(oldSpec)
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	mustExec(t, db, string(ddl))
	guardedTables(t, db, "status")
	mustExec(t, db, `INSERT INTO text_tasks VALUES (1, 'CANCELLED'), (2, 'CANCELLED')`)
	migration, err := sqlMigration(oldSpec, newSpec)
	if err != nil {
		t.Fatal(err)
	}
	applyMigration(t, db, migration)

	mustExec(t, db, `UPDATE text_tasks SET state = 'CANCELED' WHERE state = 'CANCELLED'`)
	var now string
	if err := db.QueryRow(`SELECT state FROM text_tasks WHERE id = 1`).Scan(&now); err != nil || now != "CANCELED" {
		t.Errorf("the renamed row holds %q (%v), want CANCELED", now, err)
	}
	// CANCELED is terminal: the alias does not open a way out of it.
	_, err = db.Exec(`UPDATE text_tasks SET state = 'PENDING' WHERE id = 2`)
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23514" {
		t.Errorf("a row holding the alias CANCELLED moved to PENDING: %v, want 23514", err)
	}
}
