package integration

import (
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/sql"
)

// These helpers take the *gen.Spec the tests build or parse, as gen's SQL
// functions did before each target became a package of its own reading
// gen.Enum.

func sqlDDL(spec *gen.Spec) ([]byte, error) {
	e, err := gen.Build(spec)
	if err != nil {
		return nil, err
	}
	return sql.Generate(e)
}

func sqlMigration(old, new *gen.Spec) ([]byte, error) {
	o, err := gen.Build(old)
	if err != nil {
		return nil, err
	}
	n, err := gen.Build(new)
	if err != nil {
		return nil, err
	}
	return sql.Migration(o, n)
}

// checkSQL runs the SQL target's check on a hand-built spec (which may be
// invalid in ways the check does not look at).
func checkSQL(spec *gen.Spec) error {
	return sql.Check(gen.BuildPartial(spec, nil)).Err()
}
