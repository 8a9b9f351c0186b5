package integration

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taskstatus/taskstatus/gen"
)

// A role that lacks what a statement of the migration needs (ownership of a
// table whose default it rewrites, of the transition functions it
// replaces, CREATE on their schema) is refused before anything changes,
// naming what it lacks. Before, PostgreSQL refused that statement after
// the rename had run, statement by statement.
func TestMigrationRefusesWhatTheRoleLacks(t *testing.T) {
	// Every function the DDL creates, which the migration replaces.
	var ownAllFunctions []string
	for _, fn := range []string{"payment_intent_status_can_transition(text, text)", "payment_intent_status_can_transition(payment_intent_status, payment_intent_status)", "payment_intent_status_sources(text)", "payment_intent_status_sources(payment_intent_status)", "payment_intent_status_guard_condition(name, boolean)", "payment_intent_status_transition_guard()", "payment_intent_status_create_guard(regclass, name)", "payment_intent_status_record_move()", "payment_intent_status_create_history(regclass, name, text)"} {
		ownAllFunctions = append(ownAllFunctions, "ALTER FUNCTION "+fn+" OWNER TO %s")
	}
	old, err := gen.Parse("v1.yaml", []byte(paymentV1))
	if err != nil {
		t.Fatal(err)
	}
	new, err := gen.Parse("v2.yaml", []byte(paymentRenamed))
	if err != nil {
		t.Fatal(err)
	}
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		grant []string // what the role gets beyond the type and the domain
		want  string   // in the error
	}{
		{"tables", append([]string{"GRANT CREATE ON SCHEMA public TO %s"}, ownAllFunctions...),
			"needs: ownership of table charges, ownership of table events, ownership of table events_cancelled, ownership of table events_other, ownership of table events_pending"},
		{"functions", []string{"GRANT CREATE ON SCHEMA public TO %s", "ALTER TABLE charges OWNER TO %s", "ALTER TABLE events OWNER TO %s", "ALTER TABLE events_pending OWNER TO %s", "ALTER TABLE events_cancelled OWNER TO %s", "ALTER TABLE events_other OWNER TO %s"},
			"needs: ownership of function payment_intent_status_can_transition(payment_intent_status,payment_intent_status), ownership of function payment_intent_status_can_transition(text,text), ownership of function payment_intent_status_create_guard(regclass,name), ownership of function payment_intent_status_create_history(regclass,name,text), ownership of function payment_intent_status_guard_condition(name,boolean), ownership of function payment_intent_status_record_move(), ownership of function payment_intent_status_sources(payment_intent_status), ownership of function payment_intent_status_sources(text), ownership of function payment_intent_status_transition_guard()"},
		{"schema", append([]string{"ALTER TABLE charges OWNER TO %s", "ALTER TABLE events OWNER TO %s", "ALTER TABLE events_pending OWNER TO %s", "ALTER TABLE events_cancelled OWNER TO %s", "ALTER TABLE events_other OWNER TO %s"}, ownAllFunctions...),
			"needs: CREATE on schema public"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			db.SetMaxOpenConns(1) // SET ROLE holds for the session
			buildRealSchema(t, db, old)
			var dbName string
			if err := db.QueryRow(`SELECT current_database()`).Scan(&dbName); err != nil {
				t.Fatal(err)
			}
			role := dbName + "_migrator"
			mustExec(t, db, `CREATE ROLE `+role)
			t.Cleanup(func() {
				db.Exec(`RESET ROLE`)
				db.Exec(`DROP OWNED BY ` + role)
				db.Exec(`DROP ROLE ` + role)
			})
			// PostgreSQL 15 grants no CREATE on public to PUBLIC.
			mustExec(t, db, `ALTER TYPE payment_intent_status OWNER TO `+role)
			mustExec(t, db, `ALTER DOMAIN payment_intent_status_text OWNER TO `+role)
			for _, g := range c.grant {
				mustExec(t, db, fmt.Sprintf(g, role))
			}
			before := catalogState(t, db)
			for _, mode := range []string{"statements", "continue"} {
				mustExec(t, db, `SET ROLE `+role)
				err = tryScript(db, mode, migration)
				mustExec(t, db, `RESET ROLE`)
				var pgErr *pgconn.PgError
				if !errors.As(err, &pgErr) || pgErr.Code != "42501" || !strings.HasSuffix(pgErr.Message, c.want) {
					t.Fatalf("%s: got %v, want SQLSTATE 42501 ending %q", mode, err, c.want)
				}
				if after := catalogState(t, db); after != before {
					t.Errorf("%s: the refused migration changed the catalog:\nbefore %s\nafter  %s", mode, before, after)
				}
			}
			// With all of it, the same role migrates.
			mustExec(t, db, `GRANT CREATE ON SCHEMA public TO `+role)
			for _, table := range []string{"charges", "events", "events_pending", "events_cancelled", "events_other"} {
				mustExec(t, db, `ALTER TABLE `+table+` OWNER TO `+role)
			}
			for _, own := range ownAllFunctions {
				mustExec(t, db, fmt.Sprintf(own, role))
			}
			mustExec(t, db, `SET ROLE `+role)
			err = tryScript(db, "statements", migration)
			mustExec(t, db, `RESET ROLE`)
			if err != nil {
				t.Fatalf("the role that owns it all: %v", err)
			}
		})
	}
}

// A migration stopped after any of its statements (a lost connection) is
// completed by running it again.
func TestMigrationInterruptedThenRerun(t *testing.T) {
	old, err := gen.Parse("v1.yaml", []byte(paymentV1))
	if err != nil {
		t.Fatal(err)
	}
	new, err := gen.Parse("v2.yaml", []byte(paymentRenamed))
	if err != nil {
		t.Fatal(err)
	}
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	stmts := splitSQL(string(migration))
	complete := newDB(t)
	buildRealSchema(t, complete, old)
	want := readRealSchema(t, complete).renameEnum(map[string]string{"CANCELLED": "CANCELED"})
	runScript(t, complete, "statements", migration)
	wantCatalog := catalogState(t, complete)
	for k := 1; k < len(stmts); k++ {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			db := newDB(t)
			buildRealSchema(t, db, old)
			runScript(t, db, "statements", []byte(strings.Join(stmts[:k], "")))
			runScript(t, db, "statements", migration)
			if got := catalogState(t, db); got != wantCatalog {
				t.Errorf("after %d statements and a rerun:\n got %s\nwant %s", k, got, wantCatalog)
			}
			checkRealSchema(t, db, mustBuildSpec(t, new), want)
		})
	}
}

// Labels that hold the dollar-quote tags the migration uses ($do$, $fn$,
// $check$), quotes and a default's spelling still migrate: every quoted
// body picks a tag its text does not contain.
func TestMigrationHostileLabels(t *testing.T) {
	old, err := gen.Parse("old.yaml", []byte("type: Hostile\nvalues:\n  - name: \"$do$\"\n    go_name: Do\n  - name: \"it's\"\n    go_name: ItIs\n"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := gen.Parse("new.yaml", []byte("type: Hostile\nvalues:\n  - name: \"$do$\"\n    go_name: Do\n  - name: \"$fn$'\"\n    go_name: Fn\n    aliases: [\"it's\"]\n  - name: \"$check$\"\n    go_name: Check\n"))
	if err != nil {
		t.Fatal(err)
	}
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := sqlDDL(old)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"transaction", "statements"} {
		t.Run(mode, func(t *testing.T) {
			db := newDB(t)
			mustExec(t, db, string(ddl))
			mustExec(t, db, `CREATE TABLE t (e hostile, x hostile_text DEFAULT 'it''s', xs hostile_text[] DEFAULT '{"it''s"}')`)
			mustExec(t, db, `INSERT INTO t VALUES ('it''s', 'it''s', '{"it''s","$do$"}')`)
			runScript(t, db, mode, migration)
			runScript(t, db, mode, migration)
			var labels, row, defaults string
			if err := db.QueryRow(`SELECT (SELECT string_agg(enumlabel::text, '|' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'hostile'::regtype),
				(SELECT e::text || '|' || x::text || '|' || xs::text FROM t),
				(SELECT string_agg(pg_get_expr(adbin, adrelid), '|' ORDER BY adnum) FROM pg_attrdef WHERE adrelid = 't'::regclass)`).Scan(&labels, &row, &defaults); err != nil {
				t.Fatal(err)
			}
			if want := `$do$|$fn$'|$check$`; labels != want {
				t.Errorf("labels %s, want %s", labels, want)
			}
			if want := `$fn$'|it's|{it's,$do$}`; row != want {
				t.Errorf("row %s, want %s", row, want)
			}
			if want := `'$fn$'''::text|'{$fn$''}'::hostile_text[]`; defaults != want {
				t.Errorf("defaults %s, want %s", defaults, want)
			}
			mustExec(t, db, `INSERT INTO t DEFAULT VALUES`)
		})
	}
}
