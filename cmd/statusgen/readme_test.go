package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEExample follows the README's complete example as a newcomer
// would: its install recipe from a local clone, its spec and its
// //go:generate file, copied from the README's own code blocks (each names
// its path on its first line), then go generate, go vet, the README's use
// of the enum compiled as written, a program that checks what the README's
// comments say it does, and its -check line run in jobs/. An edit to the
// README that breaks the example fails here.
func TestREADMEExample(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go get, go generate, go vet and go run in a scratch module; make test runs it")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "\n## Generating your own enum\n")
	if start < 0 {
		t.Fatal("README.md has no section \"Generating your own enum\"")
	}
	section = section[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	blocks := regexp.MustCompile("(?s)```(\\w+)\n(.*?)```").FindAllStringSubmatch(section, -1)
	files := map[string]string{}
	var use string
	for _, b := range blocks {
		lang, body := b[1], b[2]
		first, _, _ := strings.Cut(body, "\n")
		switch {
		case lang == "yaml" && strings.HasPrefix(first, "# jobs/"):
			files[strings.TrimPrefix(first, "# ")] = body
		case lang == "go" && strings.HasPrefix(first, "// jobs/"):
			files[strings.TrimPrefix(first, "// ")] = body
		case lang == "go":
			use = body
		}
	}
	if files["jobs/job_state.yaml"] == "" || files["jobs/doc.go"] == "" || use == "" {
		t.Fatalf("the README's example lacks a block: want jobs/job_state.yaml, jobs/doc.go and a Go block using the enum; found %d files and use %t", len(files), use != "")
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files["go.mod"] = "module example.com/app\n\n" + minGo + "\n"
	files["go.sum"] = string(sum)
	// The README's use, compiled as it is written: only err, which it
	// assigns and leaves to the reader, needs a use.
	files["readme/use.go"] = "package readme\n\nimport (\n\t\"encoding/json\"\n\n\t\"example.com/app/jobs\"\n)\n\nfunc use() {\n" + use + "\t_ = err\n}\n"
	// What the README's comments say, checked.
	files["main.go"] = `package main

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"example.com/app/jobs"
)

func main() {
	var job struct {
		ID    string        ` + "`json:\"id\"`" + `
		State jobs.JobState ` + "`json:\"state\"`" + `
	}
	err := json.Unmarshal([]byte(` + "`" + `{"id":"j1","state":"RUNNING"}` + "`" + `), &job)
	fmt.Println(err, job.State == jobs.JobRunning, job.State.ShouldPoll(), job.State.IsTerminal())
	s, err := jobs.ParseJobState("DONE")
	fmt.Println(s == jobs.JobDone, err)
	_, err = jobs.ParseJobState("DONNE")
	fmt.Println(err)
	err = json.Unmarshal([]byte(` + "`" + `{"state":"PAUSED"}` + "`" + `), &job)
	fmt.Println(err, job.State == jobs.JobUnknown)
	var unset jobs.JobState
	b, err := json.Marshal(unset)
	var v driver.Valuer = unset
	sql, sqlErr := v.Value()
	fmt.Println(string(b), err, sql == nil, sqlErr)
}
`
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
	goCmd(t, dir, "generate", "./...")
	if _, err := os.Stat(filepath.Join(dir, "jobs/job_state_gen.go")); err != nil {
		t.Fatalf("go generate did not write jobs/job_state_gen.go, as the README says it does: %v", err)
	}
	goCmd(t, dir, "vet", "./...")
	goCmd(t, filepath.Join(dir, "jobs"), "tool", "statusgen", "-check", "-spec", "job_state.yaml", "-out", "job_state_gen.go")
	got := goCmd(t, dir, "run", ".")
	want := `<nil> true true false
true <nil>
jobs: invalid JobState "DONNE"; valid names are UNKNOWN, QUEUED, RUNNING, DONE, FAILED
<nil> true
null <nil> true <nil>
`
	if got != want {
		t.Errorf("the README's example:\n%s\nwant\n%s", got, want)
	}
}
