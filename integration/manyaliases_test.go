package integration

import (
	"fmt"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// manyAliasesSpec is a spec of 100 values with 50 aliases each (5,000
// aliases), then CANCELLED, or CANCELED with the alias CANCELLED and a
// value after it when renamed is set.
func manyAliasesSpec(renamed bool) string {
	var b strings.Builder
	b.WriteString("type: Status\nvalues:\n")
	for i := range 100 {
		fmt.Fprintf(&b, "  - name: S%03d\n    aliases: [", i)
		for j := range 50 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "A%05d", i*50+j)
		}
		b.WriteString("]\n")
	}
	if renamed {
		b.WriteString("  - name: CANCELED\n    aliases: [CANCELLED]\n  - name: DISPUTED\n")
	} else {
		b.WriteString("  - name: CANCELLED\n")
	}
	return b.String()
}

// A spec with thousands of aliases migrates in one transaction and
// statement by statement, twice: the defaults that name aliases, a
// column's, the domain's own and array constants (with a NULL element,
// repeated aliases, and two dimensions with their own bounds), get the
// values' names, and a default written as another expression is left as
// it is. Before, the migration nested array_replace once per alias, which
// PostgreSQL refuses ("stack depth limit exceeded" from about 4,100,
// "memory exhausted" in the parser from 5,000).
func TestMigrationManyAliases(t *testing.T) {
	old, err := gen.Parse("old.yaml", []byte(manyAliasesSpec(false)))
	if err != nil {
		t.Fatal(err)
	}
	new, err := gen.Parse("new.yaml", []byte(manyAliasesSpec(true)))
	if err != nil {
		t.Fatal(err)
	}
	ddl, err := sqlDDL(old)
	if err != nil {
		t.Fatal(err)
	}
	migration, err := sqlMigration(old, new)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"transaction", "statements"} {
		t.Run(mode, func(t *testing.T) {
			db := newDB(t)
			mustExec(t, db, string(ddl))
			// Defaults that name aliases, as a database has them after
			// values were renamed (the domain refuses them as new
			// defaults: its constraint is dropped while they are set; the
			// migration adds it back).
			mustExec(t, db, `ALTER DOMAIN status_text DROP CONSTRAINT status_text_check`)
			mustExec(t, db, `ALTER DOMAIN status_text SET DEFAULT 'A00120'`)
			mustExec(t, db, `CREATE TABLE tasks (
    id int PRIMARY KEY,
    s status DEFAULT 'CANCELLED',
    t status_text DEFAULT 'A04999',
    u status_text DEFAULT 'S007',
    c status_text DEFAULT 'CANCELLED',
    seen status_text[] DEFAULT '{A00000,S001,NULL,CANCELLED,A00000,A04999}',
    grid status_text[] DEFAULT '[0:1][1:2]={{A00001,NULL},{S002,A00050}}',
    expr status_text[] DEFAULT ARRAY['A00002']::status_text[]
)`)
			for run := 1; run <= 2; run++ {
				runScript(t, db, mode, migration)
				want := map[string]string{
					"s":    `'CANCELED'::status`,
					"t":    `'S099'::text`,
					"u":    `'S007'::text`,
					"c":    `'CANCELED'::text`,
					"seen": `'{S000,S001,NULL,CANCELED,S000,S099}'::status_text[]`,
					"grid": `'[0:1][1:2]={{S000,NULL},{S002,S001}}'::status_text[]`,
					"expr": `ARRAY[('A00002'::text)::status_text]`,
				}
				rows, err := db.Query(`SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'tasks'::regclass`)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]string{}
				for rows.Next() {
					var col, expr string
					if err := rows.Scan(&col, &expr); err != nil {
						t.Fatal(err)
					}
					got[col] = expr
				}
				if err := rows.Close(); err != nil {
					t.Fatal(err)
				}
				for col, w := range want {
					if got[col] != w {
						t.Errorf("run %d: the default of tasks.%s is %s, want %s", run, col, got[col], w)
					}
				}
				var domainDefault string
				if err := db.QueryRow(`SELECT pg_get_expr(typdefaultbin, 0) FROM pg_type WHERE oid = 'status_text'::regtype`).Scan(&domainDefault); err != nil || domainDefault != `'S002'::text` {
					t.Errorf("run %d: the domain's default is %s, %v; want 'S002'::text", run, domainDefault, err)
				}
			}
			// The defaults that are values make rows the domain accepts.
			mustExec(t, db, `INSERT INTO tasks (id, expr) VALUES (1, NULL)`)
			if _, err := db.Exec(`INSERT INTO tasks (id, t) VALUES (2, 'A00003')`); err == nil {
				t.Error("the domain accepts the alias A00003 in a new row after the migration")
			}
		})
	}
}
