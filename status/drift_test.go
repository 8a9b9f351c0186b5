package status_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
	"github.com/taskstatus/taskstatus/internal/textdiff"
)

// TestGeneratedCodeMatchesSpec fails when status_gen.go is not what
// statuses.yaml generates today: the spec was edited without regenerating,
// or the generated file was edited by hand.
func TestGeneratedCodeMatchesSpec(t *testing.T) {
	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := gen.Parse("../statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := generateGo(spec, golang.Options{GQLGen: true, PFlag: true}) // as status/doc.go generates it
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("status_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("status_gen.go is out of date with statuses.yaml; run make generate.\n%s",
			textdiff.Unified("status/status_gen.go", "generated from statuses.yaml", got, want))
	}
}

// generateGo builds the enum of a parsed spec and generates its Go file.
func generateGo(spec *gen.Spec, opts golang.Options) ([]byte, error) {
	e, err := gen.Build(spec)
	if err != nil {
		return nil, err
	}
	return golang.Generate(e, opts)
}
