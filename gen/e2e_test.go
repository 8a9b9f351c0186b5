package gen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestEndToEnd generates the specs of testdata/e2e into a temporary module,
// vets and builds it, and runs its program, which checks every generated
// method and interface and prints PASS.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a Go program; skipped with -short")
	}
	ar, err := txtar.ParseFile("testdata/e2e/two-enums.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, lookup := range []string{"switch", "hash"} {
		t.Run(lookup, func(t *testing.T) {
			t.Parallel()
			runEndToEnd(t, ar, Options{Package: "enums", hashLookup: lookup == "hash"})
		})
	}
}

func runEndToEnd(t *testing.T, ar *txtar.Archive, opts Options) {
	dir := t.TempDir()
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
		spec, err := Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		code, err := Generate(spec, opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.TrimSuffix(path, ".yaml")+"_gen.go", code, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, dir, "vet", "./...")
	if out := goCmd(t, dir, "run", "."); strings.TrimSpace(out) != "PASS" {
		t.Errorf("program output:\n%s", out)
	}
}

// goCmd runs the go command offline in dir and returns its output, failing
// the test if it fails.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
