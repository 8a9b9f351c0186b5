package main

import (
	"fmt"
	"github.com/taskstatus/taskstatus/gen/targets"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// corpusDir is the hostile-spec corpus (see its README and gen's
// TestHostileCorpus, which pins what each spec gets in outcomes.txt).
const corpusDir = "../../gen/testdata/hostile"

// TestHostileCorpusCLI runs the command on every corpus spec with every
// output requested. Either it exits 0 having written all of them, or it
// exits 1 having written nothing, and every line it prints is
// file:line:col: message with the spec's path, as an editor or CI log
// parser expects.
func TestHostileCorpusCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command on every spec of the hostile corpus; make test runs it")
	}
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no specs in %s (%v)", corpusDir, err)
	}
	outcomes, err := os.ReadFile(filepath.Join(corpusDir, "outcomes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := filepath.Base(file)
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// Accepted by every target: one line in outcomes.txt, and no refusal.
		wantOK := strings.Contains(string(outcomes), "\n"+name+": accepted\n") && !strings.Contains(string(outcomes), "\n"+name+": -")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "hostile")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			specPath := filepath.Join(dir, name)
			if err := os.WriteFile(specPath, src, 0o644); err != nil {
				t.Fatal(err)
			}
			// Every target of the registry, each into its own file.
			var outputs []string
			args := []string{"-spec", specPath}
			for _, target := range targets.List {
				file := map[string]string{"out": "enum_gen.go", "fuzz": "enum_fuzz_test.go"}[target.Flag]
				if file == "" {
					file = "enum." + target.Flag
				}
				outputs = append(outputs, file)
				args = append(args, "-"+target.Flag, filepath.Join(dir, file))
			}
			code, stdout, stderr := statusgen(t, args...)

			var problems []string
			switch {
			case code == exitOK && wantOK:
				if got, want := entries(t, dir), append(outputs, name); !sameSet(got, want) {
					problems = append(problems, "exit 0, but the folder holds "+strings.Join(got, ", "))
				}
			case code == exitError && !wantOK:
				if got := entries(t, dir); !slices.Equal(got, []string{name}) {
					problems = append(problems, "refused, but wrote "+strings.Join(got, ", "))
				}
				positioned := regexp.MustCompile(`^` + regexp.QuoteMeta(specPath) + `:\d+:\d+: \S`)
				for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
					if !positioned.MatchString(line) {
						problems = append(problems, "not "+specPath+":line:col: message: "+line)
					}
				}
			default:
				problems = append(problems, fmt.Sprintf("exit %d, but outcomes.txt says every target accepts it: %t\nstdout: %s\nstderr: %s", code, wantOK, stdout, stderr))
			}

			if len(problems) > 0 {
				t.Errorf("cli:\n%s", strings.Join(problems, "\n"))
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// A spec with more mistakes than anyone reads gets the first 100, by
// position, and a note where the list stops.
func TestTooManyErrorsAreCut(t *testing.T) {
	spec := "type: Level\nvalues:\n  - name: A\n    aliases: [" + strings.Repeat("a, ", 300) + "b]\n"
	dir, specPath, _ := workdir(t, spec)
	code, stderr := runWithin(t, "-spec", specPath, "-out", filepath.Join(dir, "level_gen.go"))
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	want := specPath + ":4:15: alias \"a\" of \"A\" differs only in case from value \"A\" (first at line 3); case-insensitive parsing could not tell them apart"
	if code != exitError || len(lines) != 101 || lines[0] != want {
		t.Fatalf("exit %d, %d lines, first %q; want exit 1, 100 errors and a note, first %q", code, len(lines), lines[0], want)
	}
	if want := specPath + ":4:315: too many errors; the first 100 are listed (fix them and run again)"; lines[100] != want {
		t.Errorf("last line %q, want %q", lines[100], want)
	}
}
