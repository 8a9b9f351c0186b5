package gen

import (
	"fmt"
	"strings"
	"testing"
)

// trapSpec builds a spec of n values, V0 to V(n-1), every one polled. Each
// moves to every value after it, which makes n(n-1)/2 moves, and the last
// moves back to the one before it, so that none can stop Poll; with
// exit, V0 may also move to the terminal value DONE, and only V0 escapes.
func trapSpec(n int, exit bool) *Spec {
	spec := &Spec{File: "trap.yaml", Type: "T", Package: "p"}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("V%d", i)
	}
	for i := range n {
		v := Value{Name: names[i], Poll: true, HasNext: true, Next: names[i+1:]}
		if i == n-1 {
			v.Next = names[n-2 : n-1]
		}
		if i == 0 && exit {
			v.Next = append([]string{"DONE"}, v.Next...)
		}
		spec.Values = append(spec.Values, v)
	}
	spec.Values = append(spec.Values, Value{Name: "DONE", Terminal: true})
	return spec
}

// Every trapped value of a dense graph is refused, each with the path its
// first moves take, and the one value with a way out is not; in a large
// one, the first MaxErrors are, and a note says the list stops.
func TestPollTrapsDense(t *testing.T) {
	const n = 60
	_, err := Build(trapSpec(n, true))
	list, ok := err.(ErrorList)
	if !ok || len(list) != n-1 {
		t.Fatalf("Build: %d errors, want %d (V1 to V%d): %.300v", len(list), n-1, n-1, err)
	}
	want := `trap.yaml: value "V1" is polled but every move from it leads only to polled values (V1 → V2 → V3 → V4 → V5 → V6 → … → V58, 59 moves in all); Poll would never end: let one of them move to a value that is not polled (a terminal one), or remove poll from one of them`
	if got := list[0].Error(); got != want {
		t.Errorf("first error:\n%s\nwant\n%s", got, want)
	}
	want = `trap.yaml: value "V59" is polled but every move from it leads only to polled values (V59 → V58 → V59); Poll would never end: let one of them move to a value that is not polled (a terminal one), or remove poll from one of them`
	if got := list[len(list)-1].Error(); got != want {
		t.Errorf("last error:\n%s\nwant\n%s", got, want)
	}
	for _, e := range list {
		if strings.Contains(e.Msg, `"V0"`) {
			t.Errorf("V0 may move to DONE, yet: %v", e)
		}
	}

	_, err = Build(trapSpec(1000, true))
	list, _ = err.(ErrorList)
	if len(list) != MaxErrors+1 || !strings.Contains(list[MaxErrors-1].Msg, `"V100"`) || list[MaxErrors].Msg != tooManyErrors {
		t.Fatalf("Build of 999 traps: %d errors, want V1 to V100 and a note that the list stops: %.300v", len(list), err)
	}
}

// The check is one pass backwards over the moves, linear in their number;
// a search from each value would be quadratic. Compare the sizes side by
// side: go test ./gen -run '^$' -bench PollTraps.
func BenchmarkPollTraps(b *testing.B) {
	for _, n := range []int{512, 1024, 2048} {
		spec := trapSpec(n, true)
		byName := make(map[string]*Value, len(spec.Values))
		for i := range spec.Values {
			byName[spec.Values[i].Name] = &spec.Values[i]
		}
		b.Run(fmt.Sprintf("values=%d/moves=%d", n, n*(n-1)/2), func(b *testing.B) {
			for b.Loop() {
				if errs := spec.pollTraps(byName); len(errs) != n-1 {
					b.Fatalf("%d errors", len(errs))
				}
			}
		})
	}
}
