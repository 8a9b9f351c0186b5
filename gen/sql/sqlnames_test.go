package sql

import (
	"slices"
	"testing"
)

func TestNameTablesAreSorted(t *testing.T) {
	for name, table := range map[string][]string{"pgBuiltinTypes": pgBuiltinTypes, "pgKeywords": pgKeywords} {
		if !slices.IsSorted(table) || len(slices.Compact(slices.Clone(table))) != len(table) {
			t.Errorf("%s is not sorted and free of duplicates; binary search needs both", name)
		}
	}
}
