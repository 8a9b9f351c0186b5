package status_test

import (
	"os"
	"slices"
	"testing"

	"github.com/taskstatus/taskstatus/status"
	"gopkg.in/yaml.v3"
)

// The API table of docs/decoding.md promises that StatusValues, StatusNames,
// StatusCategories and a category's Values return the caller's own copies:
// writing into one must not change what the next call returns (enumer
// returns its table, which a caller can corrupt).
func TestSlicesAreTheCallersCopies(t *testing.T) {
	values := status.StatusValues()
	values[0] = status.Suspended
	if got := status.StatusValues()[0]; got != status.Pending {
		t.Errorf("after writing into StatusValues(), StatusValues()[0] = %v, want PENDING", got)
	}
	names := status.StatusNames()
	names[0] = "CLOBBERED"
	if got := status.StatusNames()[0]; got != "PENDING" {
		t.Errorf("after writing into StatusNames(), StatusNames()[0] = %q, want PENDING", got)
	}
	cats := status.StatusCategories()
	first := cats[0]
	cats[0] = cats[len(cats)-1] + 1
	if got := status.StatusCategories()[0]; got != first {
		t.Errorf("after writing into StatusCategories(), StatusCategories()[0] = %v, want %v", got, first)
	}
	inCat := first.Values()
	head := inCat[0]
	inCat[0] = status.Suspended
	if got := first.Values()[0]; got != head {
		t.Errorf("after writing into %v.Values(), its first value is %v, want %v", first, got, head)
	}
}

// Next lists the moves statuses.yaml declares for a value, besides the
// value itself, in spec order, as a new slice each call, and nil for
// terminal and invalid values; CanTransitionTo is false for invalid values
// on either side, even to themselves. The expected moves are read from the
// spec itself, not derived from the generated tables.
func TestNextAndCanTransitionToEdges(t *testing.T) {
	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Values []struct {
			Name string   `yaml:"name"`
			Next []string `yaml:"next"`
		} `yaml:"values"`
	}
	if err := yaml.Unmarshal(src, &spec); err != nil {
		t.Fatal(err)
	}
	declared := map[string][]string{}
	for _, v := range spec.Values {
		declared[v.Name] = v.Next
	}
	for _, from := range status.StatusValues() {
		next := from.Next()
		if from.IsTerminal() {
			if next != nil {
				t.Errorf("%v.Next() = %v, want nil for a terminal value", from, next)
			}
			continue
		}
		var want []status.Status
		for _, name := range declared[from.String()] {
			if to, err := status.ParseStatus(name); err != nil {
				t.Fatalf("statuses.yaml: %s's next names %q: %v", from, name, err)
			} else if to != from {
				want = append(want, to)
			}
		}
		slices.SortFunc(want, func(a, b status.Status) int {
			return slices.Index(status.StatusValues(), a) - slices.Index(status.StatusValues(), b)
		})
		if !slices.Equal(next, want) {
			t.Errorf("%v.Next() = %v, want %v (statuses.yaml's next, in spec order)", from, next, want)
		}
		for _, to := range status.StatusValues() {
			if got := from.CanTransitionTo(to); got != (to == from || slices.Contains(want, to)) {
				t.Errorf("%v.CanTransitionTo(%v) = %v, but statuses.yaml's next for %v is %v", from, to, got, from, declared[from.String()])
			}
		}
		if len(next) > 0 {
			keep := next[0]
			next[0] = 0
			if got := from.Next()[0]; got != keep {
				t.Errorf("writing into %v.Next() changed the next call's result to %v", from, got)
			}
		}
	}
	for _, bad := range []status.Status{0, status.Status(len(status.StatusValues()) + 1), 65535} {
		if next := bad.Next(); next != nil {
			t.Errorf("%v.Next() = %v, want nil for an invalid value", bad, next)
		}
		if bad.CanTransitionTo(bad) || bad.CanTransitionTo(status.Pending) || status.Pending.CanTransitionTo(bad) {
			t.Errorf("CanTransitionTo allows a move from or to the invalid %v", bad)
		}
	}
}

// Sources is the reverse of Next: from is among to.Sources() exactly when
// to is among from.Next(); the graph pins one list, and an invalid
// value has none.
func TestSourcesReversesNext(t *testing.T) {
	for _, to := range status.StatusValues() {
		var want []status.Status
		for _, from := range status.StatusValues() {
			if slices.Contains(from.Next(), to) {
				want = append(want, from)
			}
		}
		if got := to.Sources(); !slices.Equal(got, want) {
			t.Errorf("%v.Sources() = %v, want %v (spec order)", to, got, want)
		}
	}
	if got, want := status.InProgress.Sources(), []status.Status{status.Pending, status.Processing, status.Unknown}; !slices.Equal(got, want) {
		t.Errorf("InProgress.Sources() = %v, want %v", got, want)
	}
	if got := status.Status(0).Sources(); got != nil {
		t.Errorf("Status(0).Sources() = %v, want nil", got)
	}
}

// IsKnown is on every generated type, closed ones too, so code that
// handles open and closed enums alike can ask it; a closed Status knows
// exactly its valid values.
func TestIsKnownOnAClosedEnum(t *testing.T) {
	for s := range status.StatusValuesSeq() {
		if !s.IsKnown() {
			t.Errorf("%v: IsKnown false", s)
		}
	}
	for _, s := range []status.Status{0, status.Status(len(status.StatusValues()) + 1), 65535} {
		if s.IsKnown() {
			t.Errorf("%d: IsKnown true", s)
		}
	}
}
