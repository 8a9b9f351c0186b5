package integration

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// producible matches the SQL names a spec's type can give: snake case of an
// exported Go identifier, ASCII here since every name PostgreSQL ships is.
var producible = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// statusgen refuses every type name the server would misread: each type in
// pg_catalog of a fresh database (built-in, pseudo and the system catalogs'
// row types; pg_catalog is searched first, so a column declared with such a
// name gets PostgreSQL's type) and each keyword the grammar does not take
// as a type name (reserved and column-name keywords). This checks the
// sorted tables in gen/sqlnames.go against the server, so a release that
// adds a type or keyword fails here.
func TestSQLRefusesWhatPostgreSQLAlreadyNames(t *testing.T) {
	db := newDB(t)
	var names []string
	for _, query := range []string{
		`SELECT typname FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace ORDER BY typname`,
		`SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'C') ORDER BY word`,
	} {
		rows, err := db.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			if producible.MatchString(name) {
				names = append(names, name)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	if len(names) < 300 {
		t.Fatalf("the server lists %d names; a fresh database has hundreds", len(names))
	}
	for _, name := range names {
		// interval → Interval, event_trigger → Event_trigger: types whose
		// snake case is name.
		typ := strings.ToUpper(name[:1]) + name[1:]
		spec := &gen.Spec{File: "spec.yaml", Type: typ, TypePos: gen.Pos{File: "spec.yaml", Line: 1, Col: 7}, Values: []gen.Value{{Name: "A"}}}
		err := checkSQL(spec)
		if err == nil || !strings.Contains(err.Error(), "the SQL name "+name+",") {
			t.Errorf("type %s (SQL name %s) is not refused (%v), but PostgreSQL already has %s", typ, name, err, name)
		}
	}
}

// A name statusgen refuses really is misread: a column declared with it,
// unquoted, does not get the enum the DDL created (it gets PostgreSQL's
// type, or does not parse). This is the failure the refusal prevents, shown
// on the server for names of each kind.
func TestRefusedNamesAreMisread(t *testing.T) {
	db := newDB(t)
	for i, name := range []string{"interval", "record", "serial", "pg_class", "int", "order", "select"} {
		mustExec(t, db, `CREATE TYPE "`+name+`" AS ENUM ('A')`)
		table := fmt.Sprintf("t%d", i)
		if _, err := db.Exec(`CREATE TABLE ` + table + ` (c ` + name + `)`); err != nil {
			continue // does not parse, or a pseudo-type: refused by the server itself
		}
		var schema string
		err := db.QueryRow(`SELECT n.nspname FROM pg_attribute a
			JOIN pg_type ty ON ty.oid = a.atttypid
			JOIN pg_namespace n ON n.oid = ty.typnamespace
			WHERE a.attrelid = $1::regclass AND a.attname = 'c'`, table).Scan(&schema)
		if err != nil {
			t.Fatal(err)
		}
		if schema != "pg_catalog" {
			t.Errorf("a column declared %s gets the type in %s; the refusal would be needless", name, schema)
		}
	}
}
