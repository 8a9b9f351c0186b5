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

var changeLine = regexp.MustCompile(`^(old|new)\.yaml:(\d+:\d+): ((?:breaking|compatible) for [a-z, ]+): .* \(([a-z-]+)\)$`)

// TestAgainst is the table of statusgen -spec NEW -against OLD: each pair
// of specs, every difference it must report (file:line:col, verdict and
// audience, rule) and the exit code; where the words matter, the message
// of the first line too. Every rule of gen.Rules has a pair of its own.
func TestAgainst(t *testing.T) {
	const categories = "categories:\n  - name: work\n  - name: end\n"
	numbered := specEdit("name: UNKNOWN\n", "name: UNKNOWN\n    number: 1\n", "name: PENDING\n", "name: PENDING\n    number: 2\n", "name: DONE\n", "name: DONE\n    number: 3\n")
	withCats := func(cats, unknown, pending, done string) string {
		return specEdit("values:\n", cats+"values:\n", "name: UNKNOWN\n", "name: UNKNOWN\n    category: "+unknown+"\n", "name: PENDING\n", "name: PENDING\n    category: "+pending+"\n", "name: DONE\n", "name: DONE\n    category: "+done+"\n")
	}
	noFallback := specEdit("fallback: UNKNOWN\n", "")
	open := specEdit("fallback: UNKNOWN\n", "fallback: UNKNOWN\nopen: true\n")
	polling := specEdit("values:\n", "polling:\n  initial: 1s\n  max: 30s\n")
	polling = strings.Replace(polling, "30s\n", "30s\nvalues:\n", 1)
	// A GitLab-like rename: manual became blocked, its Go constant kept as
	// a deprecated alias constant, or not.
	pipeline := "type: Pipeline\nprefix: Pipeline\nvalues:\n  - name: created\n  - name: manual\n  - name: success\n    terminal: true\n"
	renamed := func(alias string) string {
		return strings.Replace(pipeline, "  - name: manual\n", "  - name: blocked\n    aliases: ["+alias+"]\n", 1)
	}
	tests := []struct {
		name     string
		old, new string
		want     []string // "new 1:7 breaking for code, database type-renamed"
		msg      string   // the message of the first line, when it matters
		exit     int
	}{
		{"unchanged", base, base, nil, "", 0},
		{"type-renamed", base, specEdit("Status", "Job"), []string{"new 1:7 breaking for code, database type-renamed"}, "", 1},
		{"package-changed", base, "package: jobs\n" + base, []string{"new 1:10 breaking for code package-changed"},
			"package changed from the output folder's name to jobs: Go code that imports it under its old name no longer compiles", 1},
		{"value-removed", base, specEdit("  - name: DONE\n    terminal: true\n", ""), []string{"old 7:11 breaking for writers, code, database value-removed"}, "", 1},

		// A value added: what readers built from OLD do with it depends
		// on OLD's fallback and open keys.
		{"value-added, OLD has a fallback", base, base + "  - name: ARCHIVED\n", []string{"new 9:11 compatible for readers value-added"},
			"value ARCHIVED added: readers built from OLD decode ARCHIVED as their fallback UNKNOWN", 0},
		{"value-added-no-fallback", noFallback, noFallback + "  - name: PAUSED\n", []string{"new 8:11 breaking for readers value-added-no-fallback"},
			"value PAUSED added: readers built from OLD have no fallback and reject PAUSED, and with it the whole JSON document or row", 1},
		{"value-added, OLD open", open, open + "  - name: PAUSED\n", []string{"new 10:11 compatible for readers value-added"},
			"value PAUSED added: readers built from OLD keep PAUSED (OLD is open)", 0},
		{"value-added, fallback only in NEW", noFallback, base + "  - name: PAUSED\n",
			[]string{"new 2:11 compatible for readers fallback-added", "new 9:11 breaking for readers value-added-no-fallback"}, "", 1},
		// Inserted before others without number: the Go constants move,
		// which no encoding writes, in one line for the lot.
		{"value-renumbered", base, specEdit("  - name: UNKNOWN\n", "  - name: CREATED\n  - name: UNKNOWN\n"),
			[]string{"new 4:11 compatible for readers value-added", "new 5:11 compatible for readers, writers value-renumbered"},
			"value CREATED added: readers built from OLD decode CREATED as their fallback UNKNOWN", 0},
		{"number-changed", numbered, specEdit("name: UNKNOWN\n", "name: UNKNOWN\n    number: 1\n", "name: PENDING\n", "name: PENDING\n    number: 2\n", "name: DONE\n", "name: DONE\n    number: 7\n"),
			[]string{"new 10:13 breaking for readers, writers number-changed"}, "", 1},
		{"number-removed, the integers kept", numbered, base, []string{"new 4:11 compatible for readers, writers number-removed"}, "", 0},
		{"number-removed, an integer changed", numbered, specEdit("  - name: UNKNOWN\n", "  - name: CREATED\n  - name: UNKNOWN\n"),
			[]string{"new 4:11 compatible for readers, writers number-removed", "new 4:11 compatible for readers value-added",
				"new 5:11 breaking for readers, writers number-changed", "new 6:11 breaking for readers, writers number-changed", "new 8:11 breaking for readers, writers number-changed"}, "", 1},
		{"number-added", base, numbered, []string{"new 5:13 compatible for readers, writers number-added"}, "", 0},
		{"go-name-changed", base, specEdit("name: DONE\n", "name: DONE\n    go_name: Finished\n"), []string{"new 8:14 breaking for code go-name-changed"},
			"Go constant Done renamed to Finished: code that uses it no longer compiles; set go_name: Done to keep it", 1},
		{"terminal-changed and transition-removed", base, specEdit("name: UNKNOWN\n", "name: UNKNOWN\n    terminal: true\n"),
			[]string{"new 4:11 breaking for writers transition-removed", "new 5:15 breaking for readers terminal-changed"}, "", 1},
		{"terminal-changed and transition-added", base, specEdit("    terminal: true\n", ""),
			[]string{"new 7:11 breaking for readers terminal-changed", "new 7:11 compatible for writers, database transition-added"}, "", 1},
		{"poll-changed", base, specEdit("    poll: true\n", ""), []string{"new 5:11 breaking for readers poll-changed"}, "", 1},

		// Categories.
		{"category-changed", withCats(categories, "work", "work", "end"), withCats(categories, "work", "end", "end"), []string{"new 10:15 breaking for readers category-changed"}, "", 1},
		{"category-removed", withCats(categories, "work", "work", "work"), withCats("categories:\n  - name: work\n", "work", "work", "work"),
			[]string{"old 5:11 breaking for writers, code category-removed"}, "", 1},
		{"category-added", withCats("categories:\n  - name: work\n", "work", "work", "work"), withCats(categories, "work", "work", "work"),
			[]string{"new 5:11 breaking for readers category-added"}, "", 1},
		{"categories-added to a spec that had none", base, withCats(categories, "work", "work", "end"),
			[]string{"new 4:3 compatible for code categories-added"}, "categories added (work, end): code built from OLD has no category type", 0},
		{"category-renumbered (reordered)", withCats(categories, "work", "work", "end"), withCats("categories:\n  - name: end\n  - name: work\n", "work", "work", "end"),
			[]string{"new 4:11 compatible for readers, writers category-renumbered"},
			"category constants moved (end 2→1, work 1→2): no encoding writes them; StatusCategories lists them in the new order", 0},
		{"category-renumbered (one inserted first)", withCats(categories, "work", "work", "end"), withCats("categories:\n  - name: new\n  - name: work\n  - name: end\n", "work", "work", "end"),
			[]string{"new 4:11 breaking for readers category-added", "new 5:11 compatible for readers, writers category-renumbered"}, "", 1},

		{"fallback-removed", base, noFallback, []string{"old 2:11 compatible for readers fallback-removed"}, "", 0},
		{"fallback-changed", base, specEdit("fallback: UNKNOWN", "fallback: PENDING"), []string{"new 2:11 breaking for readers fallback-changed"}, "", 1},
		{"fallback-added", noFallback, base, []string{"new 2:11 compatible for readers fallback-added"}, "", 0},
		{"enum-opened", base, open, []string{"new 3:7 compatible for readers, writers enum-opened", "new 3:7 breaking for code underlying-type-changed"}, "", 1},
		{"enum-closed", open, base, []string{"old 3:7 breaking for writers enum-closed", "old 3:7 breaking for code underlying-type-changed"},
			"Status is no longer open: writers built from OLD write back names they do not know, which readers built from NEW reject (or decode as their fallback UNKNOWN, losing the name)", 1},

		// Aliases.
		{"alias-removed", specEdit("name: DONE\n", "name: DONE\n    aliases: [FINISHED]\n"), base, []string{"new 7:11 breaking for writers, database alias-removed"}, "", 1},
		{"alias-added", base, specEdit("name: DONE\n", "name: DONE\n    aliases: [FINISHED]\n"), []string{"new 8:15 compatible for readers, writers alias-added"}, "", 0},
		{"alias-moved", specEdit("name: DONE\n", "name: DONE\n    aliases: [OVER]\n"), specEdit("name: PENDING\n", "name: PENDING\n    aliases: [OVER]\n"),
			[]string{"new 6:15 breaking for writers, database alias-moved"},
			"OVER, an alias of DONE, is now an alias of PENDING: readers built from NEW read the rows, documents and GraphQL input that hold it for DONE as PENDING", 1},
		{"value-became-alias, Go name kept", specEdit("DONE", "CANCELLED"), specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n    go_name: Cancelled\n"),
			[]string{"new 8:15 breaking for code ts-literal-removed", "new 8:15 compatible for readers, writers, database value-became-alias"},
			"\"CANCELLED\" leaves the TypeScript union Status, and its key the values object: TypeScript code that spells either no longer compiles", 1},
		{"value-became-alias, Go name changed", specEdit("DONE", "CANCELLED"), specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n"),
			[]string{"new 7:11 breaking for code go-name-changed", "new 8:15 breaking for code ts-literal-removed", "new 8:15 compatible for readers, writers, database value-became-alias"},
			"Go constant Cancelled is gone (CANCELLED is now an alias of CANCELED, whose constant is Canceled): code that uses it no longer compiles; keep it as a deprecated constant with the alias's go_name: aliases: [{name: CANCELLED, go_name: Cancelled}]", 1},
		{"go-name-changed (an alias's)", renamed("{name: manual, go_name: PipelineManual}"), renamed("manual"),
			[]string{"new 5:11 breaking for code go-name-changed"}, "Go constant PipelineManual (an alias of blocked) is gone: code that uses it no longer compiles", 1},
		{"value-became-alias, the alias's Go name advised", pipeline, renamed("manual"),
			[]string{"new 5:11 breaking for code go-name-changed", "new 6:15 breaking for code ts-literal-removed", "new 6:15 breaking for readers value-became-alias-no-fallback"},
			"Go constant PipelineManual is gone (manual is now an alias of blocked, whose constant is PipelineBlocked): code that uses it no longer compiles; keep it as a deprecated constant with the alias's go_name: aliases: [{name: manual, go_name: PipelineManual}]", 1},
		{"value-became-alias, Go code kept by the alias's Go name", pipeline, renamed("{name: manual, go_name: PipelineManual}"),
			[]string{"new 6:22 breaking for code ts-literal-removed", "new 6:22 breaking for readers value-became-alias-no-fallback"},
			"\"manual\" leaves the TypeScript union Pipeline, and its key the values object: TypeScript code that spells either no longer compiles", 1},
		{"value-merged", specEdit("  - name: DONE", "  - name: DONE\n    terminal: true\n  - name: FINISHED"),
			specEdit("name: DONE\n", "name: DONE\n    aliases: [FINISHED]\n"),
			[]string{"new 7:11 breaking for code go-name-changed", "new 8:15 breaking for code ts-literal-removed", "new 8:15 breaking for database value-merged"}, "", 1},
		{"value-became-alias, back to the name it had as an alias", specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n    go_name: Cancelled\n"),
			specEdit("name: DONE\n", "name: CANCELLED\n    aliases: [CANCELED]\n    go_name: Cancelled\n"),
			[]string{"new 8:15 breaking for code ts-literal-removed", "new 8:15 compatible for readers, writers, database value-became-alias"},
			"\"CANCELED\" leaves the TypeScript union Status, and its key the values object: TypeScript code that spells either no longer compiles", 1},
		// A stolen alias: OLD has A with alias B_OLD, and C; NEW renames C
		// to B_OLD, which readers built from OLD decode as A.
		{"alias-reused by a rename", "type: T\nvalues:\n  - name: A\n    aliases: [B_OLD]\n  - name: C\n",
			"type: T\nvalues:\n  - name: A\n  - name: B_OLD\n    aliases: [C]\n    go_name: C\n",
			[]string{"new 4:11 breaking for writers, database alias-moved", "new 5:15 breaking for code ts-literal-removed", "new 5:15 breaking for readers alias-reused"},
			"B_OLD, an alias of A, is now the name of value B_OLD: readers built from NEW read the rows, documents and GraphQL input that hold it for A as B_OLD", 1},
		{"alias-moved from a removed value", specEdit("name: DONE\n", "name: DONE\n    aliases: [OVER]\n"), specEdit("name: DONE\n", "name: ENDED\n    aliases: [OVER]\n"),
			[]string{"new 7:11 compatible for readers value-added", "new 8:15 breaking for writers, database alias-moved", "old 7:11 breaking for writers, code, database value-removed"}, "", 1},
		{"alias-reused by a new value", specEdit("name: DONE\n", "name: DONE\n    aliases: [OVER]\n"), base + "  - name: OVER\n",
			[]string{"new 9:11 breaking for writers, database alias-moved", "new 9:11 breaking for readers alias-reused"}, "", 1},
		{"values-reordered, numbers kept", numbered, "type: Status\nfallback: UNKNOWN\nvalues:\n  - name: UNKNOWN\n    number: 1\n  - name: DONE\n    number: 3\n    terminal: true\n  - name: PENDING\n    number: 2\n    poll: true\n",
			[]string{"new 6:11 breaking for database values-reordered"}, "", 1},
		{"description-changed", base, specEdit("name: DONE\n", "name: DONE\n    description: All done.\n"), []string{"new 8:18 compatible for code description-changed"}, "", 0},
		{"description-changed of a category", withCats(categories, "work", "work", "end"), withCats("categories:\n  - name: work\n  - name: end\n    description: Over.\n", "work", "work", "end"),
			[]string{"new 5:11 compatible for code description-changed"}, "", 0},
		{"doc-changed", base, "doc: Where a task is.\n" + base, []string{"new 1:6 compatible for code, database doc-changed"}, "", 0},
		{"value-deprecated", base, specEdit("name: DONE\n", "name: DONE\n    deprecated: use FINISHED\n"), []string{"new 8:17 compatible for code value-deprecated"}, "", 0},
		{"deprecation-changed (reason)", specEdit("name: DONE\n", "name: DONE\n    deprecated: use FINISHED\n"), specEdit("name: DONE\n", "name: DONE\n    deprecated: use ENDED\n"),
			[]string{"new 8:17 compatible for code deprecation-changed"}, "", 0},
		{"deprecation-changed (undeprecated)", specEdit("name: DONE\n", "name: DONE\n    deprecated: use FINISHED\n"), base,
			[]string{"new 7:11 compatible for code deprecation-changed"}, "", 0},
		{"polling-changed", polling, strings.Replace(polling, "initial: 1s", "initial: 2s", 1), []string{"new 4:12 compatible for readers polling-changed"}, "", 0},
		{"polling-added", base, polling, []string{"new 4:12 compatible for code polling-added"}, "", 0},
		{"polling-removed", polling, base, []string{"old 4:12 breaking for code polling-removed"},
			"polling bounds removed: StatusPollInitial and StatusPollMax (Go) and their TypeScript exports are gone", 1},
		{"compatible and breaking together", base, specEdit("Status", "Job") + "  - name: ARCHIVED\n",
			[]string{"new 1:7 breaking for code, database type-renamed", "new 9:11 compatible for readers value-added"}, "", 1},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg, exit, out := against(t, tt.old, tt.new)
			for _, line := range got {
				seen[line[strings.LastIndex(line, " ")+1:]] = true
			}
			if !slices.Equal(got, tt.want) || exit != tt.exit {
				t.Errorf("exit %d, changes:\n%s\nwant exit %d:\n%s\n%s", exit, strings.Join(got, "\n"), tt.exit, strings.Join(tt.want, "\n"), out)
			}
			if tt.msg != "" && msg != tt.msg {
				t.Errorf("message:\n%s\nwant:\n%s", msg, tt.msg)
			}
		})
	}
	for _, r := range gen.Rules {
		if !seen[r.Name] {
			t.Errorf("no pair shows rule %s", r.Name)
		}
	}
}

// against runs statusgen -spec NEW -against OLD (and any more args) on two
// specs and returns each line as "new|old line:col verdict rule", the
// message of the first line, the exit code, and all that was printed.
func against(t *testing.T, old, new string, args ...string) (lines []string, msg string, exit int, out string) {
	t.Helper()
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.yaml"), filepath.Join(dir, "new.yaml")
	os.WriteFile(oldPath, []byte(old), 0o644)
	os.WriteFile(newPath, []byte(new), 0o644)
	var stdout, stderr bytes.Buffer
	exit = run(append([]string{"-spec", newPath, "-against", oldPath}, args...), &stdout, &stderr)
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		if line == "" {
			continue
		}
		line = strings.ReplaceAll(line, dir+string(filepath.Separator), "")
		m := changeLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("unexpected line %q", line)
		}
		if msg == "" {
			msg = strings.TrimSuffix(strings.SplitN(line, ": ", 3)[2], " ("+m[4]+")")
		}
		lines = append(lines, m[1]+" "+m[2]+" "+m[3]+" "+m[4])
	}
	return lines, msg, exit, "stdout:\n" + stdout.String() + "stderr:\n" + stderr.String()
}

// TestAgainstRename: a rename through an alias, with the Go constant
// kept, breaks only TypeScript code that spells the old name; judged for
// the other audiences it is compatible.
func TestAgainstRename(t *testing.T) {
	for _, tt := range []struct{ old, new string }{
		{specEdit("DONE", "CANCELLED"), specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n    go_name: Cancelled\n")},
		{specEdit("name: DONE\n", "name: CANCELED\n    aliases: [CANCELLED]\n    go_name: Cancelled\n"), specEdit("name: DONE\n", "name: CANCELLED\n    aliases: [CANCELED]\n    go_name: Cancelled\n")},
	} {
		got, _, exit, out := against(t, tt.old, tt.new, "-audiences", "readers,writers,database")
		if want := []string{"new 8:15 compatible for readers, writers, database value-became-alias"}; !slices.Equal(got, want) || exit != 0 {
			t.Errorf("exit %d, changes:\n%s\nwant exit 0:\n%s\n%s", exit, strings.Join(got, "\n"), strings.Join(want, "\n"), out)
		}
	}
}

// TestAgainstAudiences: -audiences restricts the check to some audiences,
// as buf's categories do: a change for none of them is left out, a line
// names only the audiences judged, and the exit code counts only theirs.
func TestAgainstAudiences(t *testing.T) {
	noFallback := specEdit("fallback: UNKNOWN\n", "")
	// PAUSED breaks readers; the type's rename breaks code and the database.
	changed := strings.Replace(noFallback, "Status", "Job", 1) + "  - name: PAUSED\n"
	for _, tt := range []struct {
		audiences string
		want      []string
		exit      int
	}{
		{"", []string{"new 1:7 breaking for code, database type-renamed", "new 8:11 breaking for readers value-added-no-fallback"}, 1},
		{"readers", []string{"new 8:11 breaking for readers value-added-no-fallback"}, 1},
		{"database", []string{"new 1:7 breaking for database type-renamed"}, 1},
		{"writers", nil, 0},
		{" code , writers", []string{"new 1:7 breaking for code type-renamed"}, 1},
	} {
		var args []string
		if tt.audiences != "" {
			args = []string{"-audiences", tt.audiences}
		}
		got, _, exit, out := against(t, noFallback, changed, args...)
		if !slices.Equal(got, tt.want) || exit != tt.exit {
			t.Errorf("-audiences %q: exit %d, changes:\n%s\nwant exit %d:\n%s\n%s", tt.audiences, exit, strings.Join(got, "\n"), tt.exit, strings.Join(tt.want, "\n"), out)
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
		{[]string{"-spec", good, "-against", good, "-out", filepath.Join(dir, "x.go")}, 2, "statusgen: -against takes -spec and -audiences and nothing else\n"},
		{[]string{"-spec", good, "-against", good, "-audiences", "readers,clients"}, 2, "statusgen: -audiences: unknown audience \"clients\"; the audiences are readers, writers, code, database\n"},
		{[]string{"-spec", good, "-against", good, "-audiences", ""}, 2, "statusgen: -audiences: no audience named; name one or more of readers, writers, code, database\n"},
		{[]string{"-spec", good, "-against", good, "-audiences", " , "}, 2, "statusgen: -audiences: unknown audience \"\"; the audiences are readers, writers, code, database\n"},
		{[]string{"-spec", good, "-out", filepath.Join(dir, "x.go"), "-audiences", "code"}, 2, "statusgen: -audiences goes with -against\n"},
		{[]string{"-spec", good, "-out", filepath.Join(dir, "x.go"), "-audiences", ""}, 2, "statusgen: -audiences goes with -against\n"},
	} {
		var stdout, stderr bytes.Buffer
		exit := run(tt.args, &stdout, &stderr)
		if exit != tt.exit || !strings.HasPrefix(stderr.String(), tt.want) || stdout.Len() != 0 {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit %d, stderr starting %q", tt.args, exit, &stderr, &stdout, tt.exit, tt.want)
		}
	}
}

// TestRules: docs/rules.md is generated from gen.Rules, so each rule must
// carry an audience and its reason, and a name -against prints names one
// rule.
func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range gen.Rules {
		if seen[r.Name] || r.Audience == 0 || r.Audience&^gen.AllAudiences != 0 || strings.TrimSpace(r.Why) == "" {
			t.Errorf("rule %+v: a name listed once, an audience and a reason, please", r)
		}
		seen[r.Name] = true
	}
}
