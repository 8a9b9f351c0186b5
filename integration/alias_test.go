package integration

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/internal/aliasenum"
)

// TestAliasMigration: a database created from a spec that spells CANCELLED,
// migrated to one where CANCELED has the alias CANCELLED (the aliasenum
// spec): the type's label is renamed in place, so enum rows read back as
// CANCELED through Scan; the text domain's rows keep the old spelling,
// which Scan reads through the alias; every other row is unchanged; and a
// Go decoder built from the new spec reads CANCELLED in JSON as Canceled.
func TestAliasMigration(t *testing.T) {
	src, err := os.ReadFile("../internal/aliasenum/aliases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	newSpec, err := gen.Parse("aliases.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	oldSrc := strings.Replace(string(src), "  - name: CANCELED\n    aliases: [{name: CANCELLED, go_name: Cancelled}]\n", "  - name: CANCELLED\n", 1)
	if oldSrc == string(src) {
		t.Fatal("aliases.yaml no longer gives CANCELED the alias CANCELLED")
	}
	oldSpec, err := gen.Parse("old.yaml", []byte(oldSrc))
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(t)
	ddl, err := sqlDDL(oldSpec)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, string(ddl))
	mustExec(t, db, `CREATE TABLE tasks (id serial PRIMARY KEY, s status, t status_text)`)
	var oldNames []string
	for _, v := range oldSpec.Values {
		oldNames = append(oldNames, v.Name)
		mustExec(t, db, `INSERT INTO tasks (s, t) VALUES ($1, $2)`, v.Name, v.Name)
	}

	migration, err := sqlMigration(oldSpec, newSpec)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(migration), `ALTER TYPE "status" RENAME VALUE 'CANCELLED' TO 'CANCELED';`) {
		t.Fatalf("the migration does not rename CANCELLED:\n%s", migration)
	}
	applyMigration(t, db, migration)

	if labels := enumLabels(t, db); !slices.Equal(labels, aliasenum.StatusNames()) {
		t.Errorf("after migration enum_range = %v, want %v", labels, aliasenum.StatusNames())
	}
	rows, err := db.Query(`SELECT s, t, t::text FROM tasks ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var s, text aliasenum.Status
		var raw string
		if err := rows.Scan(&s, &text, &raw); err != nil {
			t.Fatal(err)
		}
		want, wantRaw := oldNames[i], oldNames[i]
		if want == "CANCELLED" {
			want = "CANCELED"
		}
		if s.String() != want || text.String() != want || raw != wantRaw {
			t.Errorf("row %d: enum %v, text %v (stored %q); want %s, %s (stored %q)", i+1, s, text, raw, want, want, wantRaw)
		}
	}
	if i != len(oldNames) {
		t.Errorf("%d rows, want %d", i, len(oldNames))
	}
	// New rows take the new name only.
	mustExec(t, db, `INSERT INTO tasks (s, t) VALUES ($1, $2)`, aliasenum.Canceled, aliasenum.Canceled)
	if _, err := db.Exec(`INSERT INTO tasks (t) VALUES ('CANCELLED')`); err == nil {
		t.Error("the domain accepts CANCELLED in a new row after the migration")
	}

	// The migration runs again as a no-op: RENAME VALUE has no IF EXISTS,
	// so statusgen guards it.
	applyMigration(t, db, migration)
	if labels := enumLabels(t, db); !slices.Equal(labels, aliasenum.StatusNames()) {
		t.Errorf("after running the migration twice enum_range = %v, want %v", labels, aliasenum.StatusNames())
	}

	// The next migration, while text rows still hold CANCELLED, succeeds
	// and leaves the domain checked: its constraint was re-added without
	// NOT VALID and failed after the drop, leaving the domain open.
	nextSpec, err := gen.Parse("next.yaml", append(src, "  - name: RETIRED\n    description: Added after the rename.\n    category: lifecycle\n    terminal: true\n"...))
	if err != nil {
		t.Fatal(err)
	}
	if len(nextSpec.Values) != len(newSpec.Values)+1 {
		t.Fatal("aliases.yaml changed: appending RETIRED no longer adds a value")
	}
	next, err := sqlMigration(newSpec, nextSpec)
	if err != nil {
		t.Fatal(err)
	}
	applyMigration(t, db, next)
	mustExec(t, db, `INSERT INTO tasks (s, t) VALUES ('RETIRED', 'RETIRED')`)
	if _, err := db.Exec(`INSERT INTO tasks (t) VALUES ('garbage')`); err == nil {
		t.Error("after the next migration the domain accepts garbage")
	}

	var fromJSON aliasenum.Status
	if err := json.Unmarshal([]byte(`"CANCELLED"`), &fromJSON); err != nil || fromJSON != aliasenum.Canceled {
		t.Errorf(`JSON "CANCELLED" decoded to %v, %v; want Canceled`, fromJSON, err)
	}
}
