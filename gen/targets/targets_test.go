package gen

import (
	"slices"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// Each archive in testdata/targets holds a spec that Parse accepts and, for
// each target it names, that target's exact refusals (sql.errors for
// CheckSQL, ts.errors for CheckTypeScript; an empty section means the
// target takes the spec). The emitter must refuse with the same errors,
// or succeed when there are none.
func TestTargetErrors(t *testing.T) {
	targets := map[string]struct {
		check    func(*Spec) error
		generate func(*Spec, Options) ([]byte, error)
	}{
		"sql.errors": {CheckSQL, SQL},
		"ts.errors":  {CheckTypeScript, TypeScript},
	}
	forEachArchive(t, "testdata/targets", func(t *testing.T, ar *txtar.Archive) {
		spec, err := Parse("spec.yaml", section(t, ar, "spec.yaml"))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		for _, f := range ar.Files {
			target, ok := targets[f.Name]
			if !ok {
				continue
			}
			refused := target.check(spec)
			var got []byte
			if refused != nil {
				if _, ok := refused.(ErrorList); !ok {
					t.Errorf("%s: check returned %T, want ErrorList", f.Name, refused)
				}
				got = []byte(refused.Error() + "\n")
			}
			compare(t, ar, f.Name, got)
			if _, err := target.generate(spec, Options{}); (err == nil) != (refused == nil) || err != nil && err.Error() != refused.Error() {
				t.Errorf("%s: the emitter says %v, the check %v", f.Name, err, refused)
			}
		}
	})
}

func TestTargetNameTablesAreSorted(t *testing.T) {
	for name, table := range map[string][]string{
		"pgBuiltinTypes": pgBuiltinTypes, "pgKeywords": pgKeywords,
		"tsGlobalsES": tsGlobalsES, "tsGlobalsDOM": tsGlobalsDOM,
	} {
		if !slices.IsSorted(table) || len(slices.Compact(slices.Clone(table))) != len(table) {
			t.Errorf("%s is not sorted and free of duplicates; binary search needs both", name)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		500 * time.Microsecond:     "500µs",
		500 * time.Millisecond:     "500ms",
		time.Second:                "1s",
		1500 * time.Millisecond:    "1.5s",
		30 * time.Second:           "30s",
		90 * time.Second:           "1m30s",
		5 * time.Minute:            "5m",
		time.Hour:                  "1h",
		time.Hour + 30*time.Second: "1h30s",
		90 * time.Minute:           "1h30m",
		2*time.Hour + 45*time.Minute + 10*time.Second + 500*time.Millisecond: "2h45m10.5s",
	} {
		if got := humanDuration(d); got != want {
			t.Errorf("humanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
