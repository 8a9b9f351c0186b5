package bench

import (
	"testing"
)

// handTable is the hand-written lookup CanTransitionTo is measured against:
// the graph as a [13][13]bool indexed by spec position, each value
// allowed to itself. The test below checks it equals the generated method.
var handTable = func() (t [13][13]bool) {
	edges := map[int][]int{ // by spec position: PENDING 0 … SUSPENDED 12
		0: {1, 2, 3, 4, 5, 6, 8}, 1: {2, 3, 4, 5, 6}, 2: {1, 3, 4, 5, 6},
		7: {0, 1, 2, 3, 4, 5, 6, 8, 9}, 8: {0}, 9: {0, 6},
		10: {11, 12}, 11: {10}, 12: {10, 11},
	}
	for i := range t {
		t[i][i] = true
		for _, j := range edges[i] {
			t[i][j] = true
		}
	}
	return t
}()

var sink bool

// BenchmarkCanTransitionTo asks every one of the 169 pairs per iteration:
// impl=statusgen is the generated bit table, impl=hand-table the hand-written
// [13][13]bool.
func BenchmarkCanTransitionTo(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		b.ReportAllocs()
		var ok bool
		for range b.N {
			for _, from := range ours {
				for _, to := range ours {
					ok = ok != from.CanTransitionTo(to)
				}
			}
		}
		sink = ok
	})
	b.Run("impl=hand-table", func(b *testing.B) {
		b.ReportAllocs()
		var ok bool
		for range b.N {
			for _, from := range ours {
				for _, to := range ours {
					ok = ok != handTable[from-1][to-1]
				}
			}
		}
		sink = ok
	})
}

// The hand table is the generated relation, and asking it allocates
// nothing.
func TestCanTransitionToTableAndAllocs(t *testing.T) {
	for _, from := range ours {
		for _, to := range ours {
			if from.CanTransitionTo(to) != handTable[from-1][to-1] {
				t.Errorf("%v → %v: generated %v, hand table %v", from, to, from.CanTransitionTo(to), handTable[from-1][to-1])
			}
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, from := range ours {
			for _, to := range ours {
				sink = from.CanTransitionTo(to)
			}
		}
	})
	if allocs != 0 {
		t.Errorf("CanTransitionTo allocates %v times per 169 pairs", allocs)
	}
}
