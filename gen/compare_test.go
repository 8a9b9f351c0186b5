package gen_test

import (
	"reflect"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// CompareOnly keeps exactly the changes of Compare under its rules, in
// Compare's order.
func TestCompareOnlyFiltersCompare(t *testing.T) {
	load := func(name, src string) *gen.Enum {
		t.Helper()
		_, e, err := gen.Load(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	old := load("old.yaml", "type: Job\nvalues:\n  - name: QUEUED\n  - name: RUNNING\n  - name: DONE\n    terminal: true\n")
	new := load("new.yaml", "type: Job\ndoc: Where a job is.\nvalues:\n  - name: PENDING\n    aliases: [QUEUED]\n  - name: RUNNING\n    aliases: [STARTED, GOING]\n  - name: DONE\n    terminal: true\n  - name: FAILED\n    terminal: true\n")
	all := gen.Compare(old, new, nil)
	rules := []gen.Rule{gen.RuleBecameAlias, gen.RuleBecameAliasNoFallback, gen.RuleAliasAdded}
	var want []gen.Change
	for _, c := range all {
		for _, r := range rules {
			if c.Rule == r {
				want = append(want, c)
			}
		}
	}
	if len(want) < 3 || len(want) == len(all) {
		t.Fatalf("the specs make %d changes, %d under the rules; the test needs some of each:\n%v", len(all), len(want), all)
	}
	if got := gen.CompareOnly(old, new, nil, rules...); !reflect.DeepEqual(got, want) {
		t.Errorf("CompareOnly:\n%v\nwant:\n%v", got, want)
	}
	if got := gen.CompareOnly(old, new, nil); len(got) != 0 {
		t.Errorf("CompareOnly with no rules: %v, want none", got)
	}
}
