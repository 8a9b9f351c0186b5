package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// base is the OLD spec most cases of TestAgainst change one thing of.
const base = `type: Status
fallback: UNKNOWN
values:
  - name: UNKNOWN
  - name: PENDING
    poll: true
  - name: DONE
    terminal: true
`

// specEdit returns base with each old string replaced by its new one, once.
func specEdit(pairs ...string) string {
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			panic("specEdit: " + pairs[i] + " not in base")
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

var changeLine = regexp.MustCompile(`^(old|new)\.yaml:(\d+:\d+): (breaking|compatible): .* \(([a-z-]+)\)$`)

// TestAgainst is the table of statusgen -spec NEW -against OLD: each pair
// of specs, every difference it must report (file:line:col, class, rule)
// and the exit code. Every rule of gen.Rules has a pair of its own.
func TestAgainst(t *testing.T) {
	const categories = "categories:\n  - name: work\n  - name: end\n"
	numbered := specEdit("name: UNKNOWN\n", "name: UNKNOWN\n    number: 1\n", "name: PENDING\n", "name: PENDING\n    number: 2\n", "name: DONE\n", "name: DONE\n    number: 3\n")
	withCats := func(unknown, pending, done string) string {
		return specEdit("values:\n", categories+"values:\n", "name: UNKNOWN\n", "name: UNKNOWN\n    category: "+unknown+"\n", "name: PENDING\n", "name: PENDING\n    category: "+pending+"\n", "name: DONE\n", "name: DONE\n    category: "+done+"\n")
	}
	tests := []struct {
		name     string
		old, new string
		want     []string // "new 1:7 breaking type-renamed"
		exit     int
	}{
		{"unchanged", base, base, nil, 0},
		{"type-renamed", base, specEdit("Status", "Job"), []string{"new 1:7 breaking type-renamed"}, 1},
		{"value-removed", base, specEdit("  - name: DONE\n    terminal: true\n", ""), []string{"old 7:11 breaking value-removed"}, 1},
		{"number-changed by position", base, specEdit("  - name: DONE", "  - name: RUNNING\n  - name: DONE"),
			[]string{"new 7:11 compatible value-added", "new 8:11 breaking number-changed"}, 1},
		{"number-changed by number", numbered, specEdit("name: UNKNOWN\n", "name: UNKNOWN\n    number: 1\n", "name: PENDING\n", "name: PENDING\n    number: 2\n", "name: DONE\n", "name: DONE\n    number: 7\n"),
			[]string{"new 10:13 breaking number-changed"}, 1},
		{"number-removed", numbered, base,
			[]string{"new 4:11 breaking number-removed", "new 5:11 breaking number-removed", "new 7:11 breaking number-removed"}, 1},
		{"number-added", base, numbered, []string{"new 5:13 compatible number-added"}, 0},
		{"go-name-changed", base, specEdit("name: DONE\n", "name: DONE\n    go_name: Finished\n"), []string{"new 8:14 breaking go-name-changed"}, 1},
		{"terminal-changed and transition-removed", base, specEdit("name: UNKNOWN\n", "name: UNKNOWN\n    terminal: true\n"),
			[]string{"new 4:11 breaking transition-removed", "new 5:15 breaking terminal-changed"}, 1},
		{"terminal-changed and transition-added", base, specEdit("    terminal: true\n", ""),
			[]string{"new 7:11 breaking terminal-changed", "new 7:11 compatible transition-added"}, 1},
		{"poll-changed", base, specEdit("    poll: true\n", ""), []string{"new 5:11 breaking poll-changed"}, 1},
		{"category-changed", withCats("work", "work", "end"), withCats("work", "end", "end"), []string{"new 10:15 breaking category-changed"}, 1},
		{"category-removed", withCats("work", "work", "work"), strings.Replace(withCats("work", "work", "work"), "  - name: end\n", "", 1),
			[]string{"old 5:11 breaking category-removed"}, 1},
		{"category-added", strings.Replace(withCats("work", "work", "work"), "  - name: end\n", "", 1), withCats("work", "work", "work"),
			[]string{"new 5:11 compatible category-added"}, 0},
		{"fallback-removed", base, specEdit("fallback: UNKNOWN\n", ""), []string{"old 2:11 breaking fallback-removed"}, 1},
		{"fallback-changed", base, specEdit("fallback: UNKNOWN", "fallback: PENDING"), []string{"new 2:11 breaking fallback-changed"}, 1},
		{"fallback-added", specEdit("fallback: UNKNOWN\n", ""), base, []string{"new 2:11 compatible fallback-added"}, 0},
		{"alias-removed", specEdit("name: DONE\n", "name: DONE\n    aliases: [FINISHED]\n"), base, []string{"new 7:11 breaking alias-removed"}, 1},
		{"alias-added", base, specEdit("name: DONE\n", "name: DONE\n    aliases: [FINISHED]\n"), []string{"new 8:15 compatible alias-added"}, 0},
		{"value-became-alias, Go name kept", specEdit("DONE", "CANCELLED"), specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n    go_name: Cancelled\n"),
			[]string{"new 8:15 compatible value-became-alias"}, 0},
		{"value-became-alias, Go name changed", specEdit("DONE", "CANCELLED"), specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n"),
			[]string{"new 7:11 breaking go-name-changed", "new 8:15 compatible value-became-alias"}, 1},
		{"value-became-alias of a value that was there", specEdit("  - name: DONE", "  - name: DONE\n    terminal: true\n  - name: FINISHED"),
			specEdit("name: DONE\n", "name: DONE\n    aliases: [FINISHED]\n"),
			[]string{"new 7:11 breaking go-name-changed", "new 8:15 compatible value-became-alias"}, 1},
		{"value-became-alias, back to the name it had as an alias", specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n    go_name: Cancelled\n"),
			specEdit("name: DONE\n", "name: CANCELLED\n    aliases: [CANCELED]\n    go_name: Cancelled\n"),
			[]string{"new 8:15 compatible value-became-alias"}, 0},
		{"values-reordered, numbers kept", numbered, "type: Status\nfallback: UNKNOWN\nvalues:\n  - name: UNKNOWN\n    number: 1\n  - name: DONE\n    number: 3\n    terminal: true\n  - name: PENDING\n    number: 2\n    poll: true\n",
			[]string{"new 6:11 breaking values-reordered"}, 1},
		{"value-added", base, base + "  - name: ARCHIVED\n", []string{"new 9:11 compatible value-added"}, 0},
		{"description-changed", base, specEdit("name: DONE\n", "name: DONE\n    description: All done.\n"), []string{"new 8:18 compatible description-changed"}, 0},
		{"description-changed of a category", withCats("work", "work", "end"), strings.Replace(withCats("work", "work", "end"), "name: end\n", "name: end\n    description: Over.\n", 1),
			[]string{"new 5:11 compatible description-changed"}, 0},
		{"doc-changed", base, "doc: Where a task is.\n" + base, []string{"new 1:6 compatible doc-changed"}, 0},
		{"value-deprecated", base, specEdit("name: DONE\n", "name: DONE\n    deprecated: use FINISHED\n"), []string{"new 8:17 compatible value-deprecated"}, 0},
		{"deprecation-changed (reason)", specEdit("name: DONE\n", "name: DONE\n    deprecated: use FINISHED\n"), specEdit("name: DONE\n", "name: DONE\n    deprecated: use ENDED\n"),
			[]string{"new 8:17 compatible deprecation-changed"}, 0},
		{"deprecation-changed (undeprecated)", specEdit("name: DONE\n", "name: DONE\n    deprecated: use FINISHED\n"), base,
			[]string{"new 7:11 compatible deprecation-changed"}, 0},
		{"polling-changed", specEdit("values:\n", "polling:\n  initial: 1s\n  max: 30s\nvalues:\n"), specEdit("values:\n", "polling:\n  initial: 2s\n  max: 30s\nvalues:\n"),
			[]string{"new 4:12 compatible polling-changed"}, 0},
		{"polling-changed (added)", base, specEdit("values:\n", "polling:\n  initial: 2s\n  max: 30s\nvalues:\n"),
			[]string{"new 4:12 compatible polling-changed"}, 0},
		{"compatible and breaking together", base, specEdit("Status", "Job") + "  - name: ARCHIVED\n",
			[]string{"new 1:7 breaking type-renamed", "new 9:11 compatible value-added"}, 1},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			oldPath, newPath := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml")
			os.WriteFile(oldPath, []byte(tt.old), 0o644)
			os.WriteFile(newPath, []byte(tt.new), 0o644)
			var stdout, stderr bytes.Buffer
			exit := run([]string{"-spec", newPath, "-against", oldPath}, &stdout, &stderr)
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
				if line == "" {
					continue
				}
				m := changeLine.FindStringSubmatch(strings.ReplaceAll(line, dir+string(filepath.Separator), ""))
				if m == nil {
					t.Fatalf("unexpected line %q", line)
				}
				got = append(got, m[1]+" "+m[2]+" "+m[3]+" "+m[4])
				seen[m[4]] = true
			}
			if !slices.Equal(got, tt.want) || exit != tt.exit {
				t.Errorf("exit %d, changes:\n%s\nwant exit %d:\n%s\nstdout:\n%s\nstderr:\n%s", exit, strings.Join(got, "\n"), tt.exit, strings.Join(tt.want, "\n"), &stdout, &stderr)
			}
		})
	}
	for _, r := range gen.Rules {
		if !seen[r.Name] {
			t.Errorf("no pair shows rule %s", r.Name)
		}
	}
}

// TestAgainstErrors: a broken spec on either side is reported like any
// spec error, both sides in one run, exit 1; -against with an output is
// bad usage, exit 2.
func TestAgainstErrors(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.yaml"), filepath.Join(dir, "bad.yaml")
	os.WriteFile(good, []byte(base), 0o644)
	os.WriteFile(bad, []byte("type: Status\nvalues:\n  - name: A\n    number: 0\n"), 0o644)
	for _, tt := range []struct {
		args []string
		exit int
		want string
	}{
		{[]string{"-spec", bad, "-against", good}, 1, bad + ":4:13: number of \"A\" must be a positive integer\n"},
		{[]string{"-spec", good, "-against", bad}, 1, bad + ":4:13: number of \"A\" must be a positive integer\n"},
		{[]string{"-spec", good, "-against", good, "-out", filepath.Join(dir, "x.go")}, 2, "statusgen: -against takes -spec and nothing else\n"},
	} {
		var stdout, stderr bytes.Buffer
		exit := run(tt.args, &stdout, &stderr)
		if exit != tt.exit || !strings.HasPrefix(stderr.String(), tt.want) || stdout.Len() != 0 {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit %d, stderr starting %q", tt.args, exit, &stderr, &stdout, tt.exit, tt.want)
		}
	}
}

// TestRulesSayWhy: docs/rules.md is generated from gen.Rules, so each rule
// must carry its reason, and a name -against prints names one rule.
func TestRulesSayWhy(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range gen.Rules {
		if strings.TrimSpace(r.Why) == "" {
			t.Errorf("rule %s has no Why", r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule %s is listed twice", r.Name)
		}
		seen[r.Name] = true
	}
}
