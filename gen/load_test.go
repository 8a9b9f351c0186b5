package gen_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// Load must give what Parse and then Build (or BuildPartial) give.
func TestLoadIsParseThenBuild(t *testing.T) {
	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, enum, err := gen.Load("statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	spec2, err := gen.Parse("statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	enum2, err := gen.Build(spec2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(spec, spec2) || !reflect.DeepEqual(enum, enum2) {
		t.Error("Load's spec or enum differs from Parse and Build's")
	}

	bad := []byte("type: Status\nvalues:\n  - name: A\n  - name: A\n  - name: B\n")
	spec, enum, err = gen.Load("bad.yaml", bad)
	var errs gen.ErrorList
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Pos.Line != 4 {
		t.Fatalf("Load of a duplicate value: %v, want one error at line 4", err)
	}
	if want := gen.BuildPartial(spec, errs); !reflect.DeepEqual(enum, want) {
		t.Errorf("Load's enum of a spec with errors is not BuildPartial's")
	}
	if spec, enum, err = gen.Load("list.yaml", []byte("- a\n")); err == nil || enum != nil {
		t.Errorf("Load of a YAML list: spec %v, enum %v, err %v; want an error and no enum", spec, enum, err)
	}
}
