package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/gocmd"
)

// minGo is the go line the README promises downstream modules: the oldest
// that can hold a tool directive.
const minGo = "go 1.24.0"

// TestDownstreamGoTool plays a downstream module trying statusgen from a
// local clone, the README's recipe: a replace directive, then go get -tool.
// The module starts at minGo and go get must leave it there (a dependency
// that asks for a newer Go raises it). It then generates two specs of its
// own into one package with go generate and go tool statusgen, and runs a
// program that uses both enums through the standard interfaces.
func TestDownstreamGoTool(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go get, go generate and go run in a scratch module; make test runs it")
	}
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
		"go.mod": "module example.com/downstream\n\n" + minGo + "\n",
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
	goCmd(t, dir, "mod", "edit", "-replace", "github.com/taskstatus/taskstatus="+root)
	goGetOffline(t, dir, sum, "github.com/taskstatus/taskstatus/cmd/statusgen")
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if got := goDirective(mod); got != minGo {
		t.Errorf("go get -tool raised the downstream go line from %q to %q", minGo, got)
	}
	if !slices.Contains(strings.Split(string(mod), "\n"), "tool github.com/taskstatus/taskstatus/cmd/statusgen") {
		t.Errorf("go get -tool wrote no tool directive:\n%s", mod)
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

// goGetOffline runs go get -tool pkg in dir without the network. go get
// reads the go.mod of every module in the graph, and one of them is never
// needed by go test in this module, so a fresh module cache lacks it:
// gopkg.in/check.v1, required by yaml.v3, whose go.mod predates graph
// pruning. A file proxy serves that one-line go.mod; go.sum (copied from
// this module) pins its hash, so the go command refuses it if it is wrong.
func goGetOffline(t *testing.T, dir string, sum []byte, pkg string) {
	t.Helper()
	const check = "gopkg.in/check.v1"
	version := ""
	for line := range strings.SplitSeq(string(sum), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == check {
			version = strings.TrimSuffix(f[1], "/go.mod")
		}
	}
	if version == "" {
		t.Fatalf("go.sum has no %s", check)
	}
	proxy := t.TempDir()
	mod := filepath.Join(proxy, check, "@v", version+".mod")
	if err := os.MkdirAll(filepath.Dir(mod), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mod, []byte("module "+check+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "get", "-tool", pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=file://"+filepath.ToSlash(proxy))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go get -tool %s: %v\n%s", pkg, err, out)
	}
}

// goDirective returns the go line of a go.mod file ("go 1.24.0"), or "".
func goDirective(mod []byte) string {
	for line := range strings.SplitSeq(string(mod), "\n") {
		if strings.HasPrefix(line, "go ") {
			return strings.TrimSpace(line)
		}
	}
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
