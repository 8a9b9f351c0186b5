package golang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"golang.org/x/tools/txtar"
)

// TestEndToEndOpen generates the open specs of testdata/e2e/open.txtar, with
// their fuzz files, into a temporary module, with switch and with hash
// lookups; vets it, runs its program, which checks every lookup and how
// names the build does not know behave and round-trip, and runs the fuzz
// targets' seeds.
func TestEndToEndOpen(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	ar, err := txtar.ParseFile("../testdata/e2e/open.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, lookup := range []string{"switch", "hash"} {
		t.Run(lookup, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			opts := Options{Package: "enums", HashLookup: lookup == "hash"}
			for _, f := range ar.Files {
				path := filepath.Join(dir, f.Name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				if !strings.HasSuffix(f.Name, ".yaml") {
					continue
				}
				spec, err := gen.Parse(f.Name, f.Data)
				if err != nil {
					t.Fatal(err)
				}
				base := strings.TrimSuffix(path, ".yaml")
				for suffix, generate := range map[string]func(*gen.Spec, Options) ([]byte, error){"_gen.go": generateSpec, "_fuzz_test.go": generateFuzzSpec} {
					code, err := generate(spec, opts)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(base+suffix, code, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			goCmd(t, dir, "vet", "./...")
			if out := goCmd(t, dir, "run", "."); strings.TrimSpace(out) != "PASS" {
				t.Errorf("program output:\n%s", out)
			}
			goCmd(t, dir, "test", "./enums")
		})
	}
}
