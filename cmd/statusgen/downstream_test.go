package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/taskstatus/taskstatus/internal/gocmd"
)

// TestDownstreamGoTool plays a downstream module: it adds statusgen with a
// tool directive (what go get -tool writes), generates two specs of its own
// into one package with go generate and go tool statusgen, and runs a
// program that uses both enums through the standard interfaces.
func TestDownstreamGoTool(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/downstream\n\ngo 1.26.0\n\n" +
			"require github.com/taskstatus/taskstatus v0.0.0\n\n" +
			"require gopkg.in/yaml.v3 " + depVersion(t, "gopkg.in/yaml.v3") + " // indirect\n\n" +
			"replace github.com/taskstatus/taskstatus => " + root + "\n\n" +
			"tool github.com/taskstatus/taskstatus/cmd/statusgen\n",
		"go.sum": string(sum),
		"enums/generate.go": "package enums\n\n" +
			"//go:generate go tool statusgen -spec job.yaml -out job_gen.go -package enums\n" +
			"//go:generate go tool statusgen -spec phase.yaml -out phase_gen.go -package enums\n",
		"enums/job.yaml":   "type: JobState\nfallback: OTHER\nvalues:\n  - name: QUEUED\n    poll: true\n  - name: DONE\n    terminal: true\n  - name: OTHER\n",
		"enums/phase.yaml": "type: Phase\nvalues:\n  - name: alpha\n  - name: beta\n",
		"main.go": `package main

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"example.com/downstream/enums"
)

type record struct {
	Job   enums.JobState ` + "`json:\"job\"`" + `
	Phase enums.Phase    ` + "`json:\"phase\"`" + `
}

func main() {
	b, err := json.Marshal(record{enums.Done, enums.Beta})
	fmt.Println(string(b), err)
	var r record
	err = json.Unmarshal([]byte(` + "`" + `{"job":"NEW_IN_V2","phase":"alpha"}` + "`" + `), &r)
	fmt.Println(r.Job, r.Phase, err)
	var v driver.Valuer = enums.Queued
	val, err := v.Value()
	fmt.Println(val, err, enums.Queued.ShouldPoll(), enums.Done.IsTerminal())
	err = r.Phase.Scan("gamma")
	fmt.Println(r.Phase, err)
	err = r.Job.UnmarshalText([]byte("NEW_IN_V2")) // text is strict, even with a fallback
	fmt.Println(r.Job, err)
}
`,
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, dir, "generate", "./...")
	for _, f := range []string{"enums/job_gen.go", "enums/phase_gen.go"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("go generate did not write %s", f)
		}
	}
	goCmd(t, dir, "tool", "statusgen", "-spec", "enums/job.yaml", "-out", "enums/job_gen.go", "-package", "enums", "-check")
	got := goCmd(t, dir, "run", ".")
	want := `{"job":"DONE","phase":"beta"} <nil>
OTHER alpha <nil>
QUEUED <nil> true true
alpha enums: invalid Phase "gamma"; valid names are alpha, beta
OTHER enums: invalid JobState "NEW_IN_V2"; valid names are QUEUED, DONE, OTHER
`
	if got != want {
		t.Errorf("program output:\n%s\nwant\n%s", got, want)
	}
}

// depVersion returns the version of module path that this test binary was
// built with, which is the one go.mod selects.
func depVersion(t *testing.T, path string) string {
	info, ok := debug.ReadBuildInfo()
	if ok {
		for _, dep := range info.Deps {
			if dep.Path == path {
				return dep.Version
			}
		}
	}
	t.Fatalf("test binary has no build info for %s", path)
	return ""
}

// goCmd runs the go command offline in dir and returns its output, failing
// the test if it fails.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gocmd.Run(dir, true, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
