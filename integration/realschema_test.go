package integration

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/taskstatus/taskstatus/gen"
)

// realSchema uses the payment_intent_status type and its text domain
// everywhere a real schema does: plain and array columns of both, column
// defaults and the domain's own (some name a value a rename below
// renames), plain
// and GIN indexes, a view and a materialized view over them, and a table
// partitioned by the enum column, one partition bound naming the renamed
// value.
const realSchema = `
ALTER DOMAIN payment_intent_status_text SET DEFAULT 'CANCELLED';
CREATE TABLE charges (
    id int PRIMARY KEY,
    s payment_intent_status NOT NULL DEFAULT 'PENDING',
    t payment_intent_status_text DEFAULT 'CANCELLED',
    ss payment_intent_status[] DEFAULT '{PENDING}',
    seen payment_intent_status_text[] DEFAULT '{PENDING,CANCELLED}'
);
CREATE INDEX charges_s ON charges (s);
CREATE INDEX charges_t ON charges (t);
CREATE INDEX charges_seen ON charges USING gin (seen);
CREATE VIEW charge_view AS SELECT id, s, t, ss, seen FROM charges;
CREATE MATERIALIZED VIEW charge_counts AS SELECT s, t, seen, count(*) AS n FROM charges GROUP BY s, t, seen;
CREATE TABLE events (
    id int,
    s payment_intent_status NOT NULL DEFAULT 'CANCELLED',
    t payment_intent_status_text DEFAULT 'CANCELLED',
    ss payment_intent_status[],
    seen payment_intent_status_text[]
) PARTITION BY LIST (s);
CREATE TABLE events_pending PARTITION OF events FOR VALUES IN ('PENDING');
CREATE TABLE events_cancelled PARTITION OF events FOR VALUES IN ('CANCELLED');
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE INDEX events_t ON events (t);
`

// The specs the migrations run between: the type as first created, and
// what later specs change.
const (
	paymentV1 = `type: PaymentIntentStatus
doc: The state of a payment intent.
values:
  - name: PENDING
  - name: PROCESSING
  - name: SUCCEEDED
    terminal: true
  - name: CANCELLED
    terminal: true
`
	// Values added first, in the middle and at the end.
	paymentAdded = `type: PaymentIntentStatus
doc: The state of a payment intent.
values:
  - name: DRAFT
  - name: PENDING
  - name: REQUIRES_ACTION
  - name: PROCESSING
  - name: SUCCEEDED
    terminal: true
  - name: CANCELLED
    terminal: true
  - name: REFUNDED
    terminal: true
`
	// CANCELLED became an alias of CANCELED (renamed in place), and a
	// value was added after it.
	paymentRenamed = `type: PaymentIntentStatus
doc: The state of a payment intent.
values:
  - name: PENDING
  - name: PROCESSING
  - name: SUCCEEDED
    terminal: true
  - name: CANCELED
    aliases: [CANCELLED]
    terminal: true
  - name: DISPUTED
    terminal: true
`
	// After the rename, while rows still hold CANCELLED: one more value.
	paymentRenamedAdded = `type: PaymentIntentStatus
doc: The state of a payment intent.
values:
  - name: PENDING
  - name: PROCESSING
  - name: SUCCEEDED
    terminal: true
  - name: CANCELED
    aliases: [CANCELLED]
    terminal: true
  - name: DISPUTED
    terminal: true
  - name: EXPIRED
    terminal: true
`
	// Only the doc changed.
	paymentDoc = `type: PaymentIntentStatus
doc: The state of a payment intent, as the processor reports it.
values:
  - name: PENDING
  - name: PROCESSING
  - name: SUCCEEDED
    terminal: true
  - name: CANCELLED
    terminal: true
`
	// Only the transitions changed: PROCESSING became terminal.
	paymentGraph = `type: PaymentIntentStatus
doc: The state of a payment intent.
values:
  - name: PENDING
  - name: PROCESSING
    terminal: true
  - name: SUCCEEDED
    terminal: true
  - name: CANCELLED
    terminal: true
`
)

// A database created from paymentV1 and used by realSchema, filled, is
// migrated through each chain of specs, every migration run twice: once
// in one transaction, once statement by statement as psql runs a script
// without a wrapping transaction, each on a fresh database. Every row of
// every table, view and partition is what it was (enum columns read the
// renamed labels, text columns keep their spelling); the enum and the
// domain, plain and in arrays, accept the new spec's values and refuse the
// rest; defaults, indexes, the view, the materialized view and partition
// routing work. Before, the first migration that added a value failed on
// the array column of the domain: in a transaction nothing happened,
// statement by statement the enum had the new value and the domain not.
func TestMigrationRealSchema(t *testing.T) {
	for _, chain := range []struct {
		name  string
		specs []string
	}{
		{"added", []string{paymentV1, paymentAdded}},
		{"renamed", []string{paymentV1, paymentRenamed}},
		{"renamed-then-added", []string{paymentV1, paymentRenamed, paymentRenamedAdded}},
		{"doc", []string{paymentV1, paymentDoc}},
		{"transitions", []string{paymentV1, paymentGraph}},
	} {
		for _, mode := range []string{"transaction", "statements"} {
			t.Run(chain.name+"/"+mode, func(t *testing.T) {
				specs := make([]*gen.Spec, len(chain.specs))
				for i, src := range chain.specs {
					spec, err := gen.Parse(fmt.Sprintf("v%d.yaml", i+1), []byte(src))
					if err != nil {
						t.Fatal(err)
					}
					specs[i] = spec
				}
				db := newDB(t)
				buildRealSchema(t, db, specs[0])
				want := readRealSchema(t, db)

				renamed := map[string]string{}
				for i := 1; i < len(specs); i++ {
					migration, err := sqlMigration(specs[i-1], specs[i])
					if err != nil {
						t.Fatal(err)
					}
					if len(migration) == 0 {
						t.Fatal("an empty migration")
					}
					runScript(t, db, mode, migration)
					for _, l := range mustBuildSpec(t, specs[i]).Lookup {
						if l.Alias {
							renamed[l.Name] = l.Value.Name
						}
					}
					want = want.renameEnum(renamed)
					checkRealSchema(t, db, mustBuildSpec(t, specs[i]), want)

					// Run twice, it changes nothing.
					before := catalogState(t, db)
					runScript(t, db, mode, migration)
					if after := catalogState(t, db); after != before {
						t.Errorf("the second run changed the catalog:\nbefore %s\nafter  %s", before, after)
					}
					checkRealSchema(t, db, mustBuildSpec(t, specs[i]), want)
				}
			})
		}
	}
}

// After a rename, updating the rows as the migration's comments say and
// running it again validates the domain's constraint wherever PostgreSQL
// can: not while a column is an array of the domain (PostgreSQL refuses
// ALTER DOMAIN ... VALIDATE CONSTRAINT then, which the migration advised
// before), and once it is not.
func TestMigrationRenameValidates(t *testing.T) {
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
	db := newDB(t)
	buildRealSchema(t, db, old)
	runScript(t, db, "statements", migration)
	if validated(t, db) {
		t.Fatal("the constraint is validated while text rows hold CANCELLED")
	}
	for _, table := range []string{"charges", "events"} {
		mustExec(t, db, `UPDATE `+table+` SET t = 'CANCELED' WHERE t = 'CANCELLED'`)
		mustExec(t, db, `UPDATE `+table+` SET seen = array_replace(seen::text[], 'CANCELLED', 'CANCELED')::payment_intent_status_text[] WHERE 'CANCELLED' = ANY(seen)`)
	}
	runScript(t, db, "statements", migration)
	if validated(t, db) {
		t.Fatal("PostgreSQL validated a domain constraint while an array column of the domain exists")
	}
	mustExec(t, db, `DROP MATERIALIZED VIEW charge_counts`)
	mustExec(t, db, `DROP VIEW charge_view`)
	mustExec(t, db, `ALTER TABLE charges DROP COLUMN seen`)
	mustExec(t, db, `ALTER TABLE events DROP COLUMN seen`)
	runScript(t, db, "statements", migration)
	if !validated(t, db) {
		t.Error("running the migration again after the rows were updated left the constraint NOT VALID")
	}
}

// A migration run on a database that is not at its old spec (here one
// value short) refuses before it changes anything, naming what it found,
// statement by statement too, and where the script goes on after the
// error. Before, it ran to the end: the enum lacked SUCCEEDED and the
// domain allowed it.
func TestMigrationRefusesBeforeChanging(t *testing.T) {
	old, err := gen.Parse("v1.yaml", []byte(paymentV1))
	if err != nil {
		t.Fatal(err)
	}
	new, err := gen.Parse("v2.yaml", []byte(paymentRenamed))
	if err != nil {
		t.Fatal(err)
	}
	other, err := gen.Parse("other.yaml", []byte(strings.Replace(paymentV1, "  - name: SUCCEEDED\n    terminal: true\n", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(other.Values) != len(old.Values)-1 {
		t.Fatal("the test's spec lost no value")
	}
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"transaction", "statements", "continue"} {
		t.Run(mode, func(t *testing.T) {
			db := newDB(t)
			buildRealSchema(t, db, other)
			before := catalogState(t, db)
			err := tryScript(db, mode, migration)
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) || pgErr.Code != "55000" || !strings.Contains(pgErr.Message, "PENDING, PROCESSING, CANCELLED") {
				t.Fatalf("got %v, want SQLSTATE 55000 naming the type's values", err)
			}
			if after := catalogState(t, db); after != before {
				t.Errorf("the refused migration changed the catalog:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func mustBuildSpec(t *testing.T, spec *gen.Spec) *gen.Enum {
	t.Helper()
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// buildRealSchema loads spec's DDL and realSchema, and fills the tables:
// a row per value (plain columns, arrays of it and of the first value with
// a NULL element), and a row of defaults.
func buildRealSchema(t *testing.T, db *sql.DB, spec *gen.Spec) {
	t.Helper()
	ddl, err := sqlDDL(spec)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, string(ddl))
	mustExec(t, db, realSchema)
	first := spec.Values[0].Name
	for i, v := range spec.Values {
		for _, table := range []string{"charges", "events"} {
			mustExec(t, db, `INSERT INTO `+table+` (id, s, t, ss, seen) VALUES ($1, $2::text::payment_intent_status, $2::text, ARRAY[$2::text, NULL, $3::text]::payment_intent_status[], ARRAY[$2::text, NULL, $3::text]::payment_intent_status_text[])`, i+1, v.Name, first)
		}
	}
	mustExec(t, db, `INSERT INTO charges (id) VALUES (100)`)
	mustExec(t, db, `INSERT INTO events (id) VALUES (100)`)
	mustExec(t, db, `REFRESH MATERIALIZED VIEW charge_counts`)
}

// schemaRows is every row of realSchema's tables and views, as text
// (NULL as ∅): table name → rows of id, s, t, ss, seen.
type schemaRows map[string][][5]string

const null = "∅"

func readRealSchema(t *testing.T, db *sql.DB) schemaRows {
	t.Helper()
	got := schemaRows{}
	for _, rel := range []string{"charges", "charge_view", "events", "events_pending", "events_cancelled", "events_other"} {
		rows, err := db.Query(`SELECT id::text, s::text, t::text, array_to_json(ss)::text, array_to_json(seen)::text FROM ` + rel + ` ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var cols [5]sql.NullString
			if err := rows.Scan(&cols[0], &cols[1], &cols[2], &cols[3], &cols[4]); err != nil {
				t.Fatal(err)
			}
			var row [5]string
			for i, c := range cols {
				row[i] = null
				if c.Valid {
					row[i] = c.String
				}
			}
			got[rel] = append(got[rel], row)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return got
}

// renameEnum returns the rows as the enum columns (s and ss) read after
// the renames: the text columns keep their spelling.
func (r schemaRows) renameEnum(renamed map[string]string) schemaRows {
	out := schemaRows{}
	for rel, rows := range r {
		for _, row := range rows {
			if to, ok := renamed[row[1]]; ok {
				row[1] = to
			}
			if row[3] != null {
				var elems []*string
				if err := json.Unmarshal([]byte(row[3]), &elems); err != nil {
					panic(err)
				}
				for _, e := range elems {
					if e != nil && renamed[*e] != "" {
						*e = renamed[*e]
					}
				}
				b, _ := json.Marshal(elems)
				row[3] = string(b)
			}
			out[rel] = append(out[rel], row)
		}
	}
	return out
}

// checkRealSchema checks the rows, and what the type and the domain accept
// and refuse after a migration to e, in a transaction it rolls back.
func checkRealSchema(t *testing.T, db *sql.DB, e *gen.Enum, want schemaRows) {
	t.Helper()
	got := readRealSchema(t, db)
	for rel, rows := range want {
		if !slices.Equal(got[rel], rows) {
			t.Errorf("%s after the migration:\n got %q\nwant %q", rel, got[rel], rows)
		}
	}
	if labels := labelsOf(t, db); !slices.Equal(labels, e.Names()) {
		t.Errorf("enum_range = %v, want %v", labels, e.Names())
	}
	mustExec(t, db, `REFRESH MATERIALIZED VIEW charge_counts`)

	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	try := func(query string, args ...any) error {
		if _, err := tx.Exec(`SAVEPOINT try`); err != nil {
			t.Fatal(err)
		}
		_, err := tx.Exec(query, args...)
		if err != nil {
			if _, err := tx.Exec(`ROLLBACK TO SAVEPOINT try`); err != nil {
				t.Fatal(err)
			}
		}
		return err
	}
	for i, name := range e.Names() {
		for _, table := range []string{"charges", "events"} {
			if err := try(`INSERT INTO `+table+` (id, s, t, ss, seen) VALUES ($1, $2::text::payment_intent_status, $2::text, ARRAY[$2::text]::payment_intent_status[], ARRAY[$2::text]::payment_intent_status_text[])`, 1000+i, name); err != nil {
				t.Errorf("%s refused %s in every column: %v", table, name, err)
			}
		}
	}
	var refused []string
	for _, l := range e.Lookup {
		if l.Alias {
			refused = append(refused, l.Name)
		}
	}
	refused = append(refused, "NOPE", "pending", "")
	for _, bad := range refused {
		for _, col := range []string{"s", "t", "ss", "seen"} {
			value := any(bad)
			if col == "ss" || col == "seen" {
				value = "{" + bad + "}"
				if bad == "" {
					value = `{""}`
				}
			}
			if err := try(`INSERT INTO charges (id, `+col+`) VALUES (2000, $1)`, value); err == nil {
				t.Errorf("charges.%s accepted %q", col, bad)
			}
		}
	}
	// The defaults make a row the domain accepts (a default that named a
	// renamed value names the new one), and the indexes find the rows.
	if err := try(`INSERT INTO charges (id) VALUES (3000)`); err != nil {
		t.Errorf("a row of defaults: %v", err)
	}
	if err := try(`INSERT INTO events (id) VALUES (3000)`); err != nil {
		t.Errorf("a row of defaults in the partitioned table: %v", err)
	}
	cancelled := "CANCELLED" // the defaults' value, under its name in e
	for _, l := range e.Lookup {
		if l.Name == cancelled {
			cancelled = l.Value.Name
		}
	}
	if _, err := tx.Exec(`CREATE TEMP TABLE domain_default (x payment_intent_status_text) ON COMMIT DROP`); err != nil {
		t.Fatal(err)
	}
	if err := try(`INSERT INTO domain_default DEFAULT VALUES`); err != nil {
		t.Errorf("a row of the domain's default: %v", err)
	}
	var domainDefault string
	if err := tx.QueryRow(`SELECT coalesce((SELECT x::text FROM domain_default), 'no row')`).Scan(&domainDefault); err != nil || domainDefault != cancelled {
		t.Errorf("the domain's default gave %s, %v; want %s", domainDefault, err, cancelled)
	}
	var chargeT, chargeSeen, eventS, eventT string
	if err := tx.QueryRow(`SELECT (SELECT t::text FROM charges WHERE id = 3000), (SELECT array_to_json(seen)::text FROM charges WHERE id = 3000), (SELECT s::text FROM events WHERE id = 3000), (SELECT t::text FROM events WHERE id = 3000)`).Scan(&chargeT, &chargeSeen, &eventS, &eventT); err != nil {
		t.Fatal(err)
	}
	if wantSeen := `["PENDING","` + cancelled + `"]`; chargeT != cancelled || chargeSeen != wantSeen || eventS != cancelled || eventT != cancelled {
		t.Errorf("the defaults gave charges.t %s, charges.seen %s, events.s %s, events.t %s; want %s and %s", chargeT, chargeSeen, eventS, eventT, cancelled, wantSeen)
	}
	if _, err := tx.Exec(`SET LOCAL enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	for _, name := range e.Names() {
		var byIndex, byScan int
		if err := tx.QueryRow(`SELECT count(*) FROM charges WHERE s = $1`, name).Scan(&byIndex); err != nil {
			t.Fatal(err)
		}
		if err := tx.QueryRow(`SELECT count(*) FROM charges WHERE s::text || '' = $1`, name).Scan(&byScan); err != nil {
			t.Fatal(err)
		}
		if byIndex != byScan || byIndex == 0 {
			t.Errorf("charges with s = %s: %d through the index, %d by a scan", name, byIndex, byScan)
		}
	}
}

func labelsOf(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var labels []string
	rows, err := db.Query(`SELECT enumlabel::text FROM pg_enum WHERE enumtypid = 'payment_intent_status'::regtype ORDER BY enumsortorder`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		labels = append(labels, l)
	}
	return labels
}

// catalogState is what a migration changes, as one string: the enum's
// labels, the domain's constraints, the type's comment, every column
// default and the functions' definitions.
func catalogState(t *testing.T, db *sql.DB) string {
	t.Helper()
	var s string
	err := db.QueryRow(`SELECT concat_ws(' | ',
		(SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'payment_intent_status'::regtype),
		(SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated, ',' ORDER BY conname) FROM pg_constraint WHERE contypid = 'payment_intent_status_text'::regtype),
		obj_description('payment_intent_status'::regtype, 'pg_type'),
		(SELECT string_agg(adrelid::regclass || '.' || adnum || '=' || pg_get_expr(adbin, adrelid), ',' ORDER BY adrelid::regclass::text, adnum) FROM pg_attrdef),
		(SELECT md5(string_agg(pg_get_functiondef(p.oid), ',' ORDER BY p.oid)) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validated(t *testing.T, db *sql.DB) bool {
	t.Helper()
	var v bool
	if err := db.QueryRow(`SELECT convalidated FROM pg_constraint WHERE contypid = 'payment_intent_status_text'::regtype`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
