package sql

import (
	"slices"
	"testing"
)

// The migration's check must cover every function the migration replaces,
// whatever the DDL names them: plain, quoted with a quote inside, or
// schema-qualified, each once.
func TestCreatedFunctions(t *testing.T) {
	ddl := `-- CREATE OR REPLACE FUNCTION "in_a_comment"() is no statement
CREATE OR REPLACE FUNCTION "a_can_transition"("from" text, "to" text) RETURNS boolean
CREATE OR REPLACE FUNCTION "a_can_transition"("from" "a", "to" "a") RETURNS boolean
CREATE OR REPLACE FUNCTION "app"."a_guard"() RETURNS trigger
CREATE OR REPLACE FUNCTION "we""ird"() RETURNS void
`
	want := []string{"a_can_transition", "a_guard", `we"ird`}
	if got := createdFunctions(ddl); !slices.Equal(got, want) {
		t.Errorf("createdFunctions = %q, want %q", got, want)
	}
}
