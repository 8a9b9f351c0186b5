package sql

import (
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// The names sql.type chooses are checked like the Go type's, with the
// error at the sql.type key; without the key the names derive from the Go
// type as before.
func TestCheckSQLType(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"type: Status\nsql: {type: timestamp}\nvalues:\n  - name: A\n",
			"spec.yaml:2:13: sql.type timestamp gives the SQL name timestamp, which is PostgreSQL's own type of that name: a column declared timestamp would get PostgreSQL's type, not the enum; choose another sql.type name"},
		{"type: Status\nsql:\n  type: a_name_for_the_payment_intent_status_that_runs_long\nvalues:\n  - name: A\n",
			"spec.yaml:3:9: sql.type a_name_for_the_payment_intent_status_that_runs_long gives SQL names longer than PostgreSQL's 63 bytes (a_name_for_the_payment_intent_status_that_runs_long_transition_guard); use a shorter sql.type"},
		{"type: Record\nsql: {type: payment_record}\nvalues:\n  - name: A\n", ""}, // the Go type's SQL name would be taken; this one is not
		{"type: Record\nvalues:\n  - name: A\n",
			"spec.yaml:1:7: type Record gives the SQL name record, which is PostgreSQL's own type of that name: a column declared record would get PostgreSQL's type, not the enum; name the SQL type with sql: {type: ...}, or choose another type name"},
	} {
		spec, err := gen.Parse("spec.yaml", []byte(c.spec))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		e, err := gen.Build(spec)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if err := Check(e).Err(); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("Check of\n%s\n got %q\nwant %q", c.spec, got, c.want)
		}
	}
}
