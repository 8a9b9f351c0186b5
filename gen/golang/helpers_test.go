package golang

import (
	"go/types"
	"sync"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"golang.org/x/tools/txtar"
)

// generateSpec builds the enum of spec and generates its Go file, as the
// tests before the reshape called Generate on a Spec.
func generateSpec(spec *gen.Spec, opts Options) ([]byte, error) {
	e, err := gen.Build(spec)
	if err != nil {
		return nil, err
	}
	return Generate(e, opts)
}

// generateFuzzSpec is generateSpec for the fuzz file.
func generateFuzzSpec(spec *gen.Spec, opts Options) ([]byte, error) {
	e, err := gen.Build(spec)
	if err != nil {
		return nil, err
	}
	return GenerateFuzz(e, opts)
}

func section(t *testing.T, ar *txtar.Archive, name string) []byte {
	t.Helper()
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("archive has no %s section", name)
	return nil
}

// The importer type-checks the standard library once per test binary.
var (
	checkOnce sync.Once
	checkConf types.Config
)
