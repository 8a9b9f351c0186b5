package typescript

import (
	"slices"
	"testing"
)

func TestNameTablesAreSorted(t *testing.T) {
	for name, table := range map[string][]string{"tsGlobalsES": tsGlobalsES, "tsGlobalsDOM": tsGlobalsDOM} {
		if !slices.IsSorted(table) || len(slices.Compact(slices.Clone(table))) != len(table) {
			t.Errorf("%s is not sorted and free of duplicates; binary search needs both", name)
		}
	}
}
