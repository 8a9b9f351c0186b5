package textdiff

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
)

// memoryLimit is what one diff may allocate in all, whatever its inputs.
// The quadratic-memory diff this package had allocated 13 GiB for the
// first case below and 3.6 GB for the second.
const memoryLimit = 100 << 20

// allocated returns the bytes f allocates, garbage included.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// generated returns the Go output of a spec of n values named prefix_00000
// and up.
func generated(t testing.TB, prefix string, n int) []byte {
	var b strings.Builder
	b.WriteString("type: Status\npackage: status\nvalues:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: %s_%05d\n", prefix, i)
	}
	spec, err := gen.Parse("big.yaml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	out, err := generateGo(spec, golang.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// ourOutput is the Go file statuses.yaml generates: another spec's output.
func ourOutput(t testing.TB) []byte {
	src, err := os.ReadFile("../../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := gen.Parse("statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	out, err := generateGo(spec, golang.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// editedFile returns a file of n lines and a copy with about changes of
// them replaced, inserted or deleted, at random places.
func editedFile(n, changes int) (old, new []byte) {
	rng := rand.New(rand.NewPCG(5, 6))
	var a, b strings.Builder
	for i := range n {
		line := fmt.Sprintf("\tline %d: %x\n", i, rng.Uint64())
		a.WriteString(line)
		switch r := rng.IntN(n); {
		case r < changes/3:
			fmt.Fprintf(&b, "\tchanged %d\n", i)
		case r < 2*changes/3:
			b.WriteString(line)
			fmt.Fprintf(&b, "\tinserted %d\n", i)
		case r < changes:
		default:
			b.WriteString(line)
		}
	}
	return []byte(a.String()), []byte(b.String())
}

// memoryCases are the inputs that exhausted memory: a 10,000-value output
// checked against another spec's output (ours, and another 10,000-value
// spec with other names, where every line but the structure differs), and
// a 40,000-line file with about 1,500 changed lines.
func memoryCases(t testing.TB) []struct {
	name     string
	old, new []byte
} {
	big := generated(t, "STATUS", 10000)
	other := generated(t, "STATE", 10000)
	old, new := editedFile(40000, 1500)
	return []struct {
		name     string
		old, new []byte
	}{
		{"10000 values vs statuses.yaml", big, ourOutput(t)},
		{"10000 values vs 10000 others", big, other},
		{"40000 lines, 1500 changed", old, new},
	}
}

func TestUnifiedMemoryIsBounded(t *testing.T) {
	if raceEnabled {
		// The diff runs on one goroutine: the race detector has nothing
		// to find, and go test ./... runs this test without it.
		t.Skip("allocation is measured without the race detector")
	}
	if testing.Short() {
		t.Skip("diffs files of 10,000 values and 40,000 lines; make test runs it")
	}
	for _, c := range memoryCases(t) {
		t.Run(c.name, func(t *testing.T) {
			var out string
			n := allocated(func() { out = Unified("old", "new", c.old, c.new) })
			if n > memoryLimit {
				t.Errorf("allocated %d MB, limit %d MB", n>>20, memoryLimit>>20)
			}
			// The diff must still be the diff: applying it gives new.
			if got := apply(t, c.old, out); got != string(c.new) {
				t.Errorf("the diff does not turn old into new")
			}
			t.Logf("%d and %d lines: allocated %d MB, diff of %d lines", strings.Count(string(c.old), "\n"), strings.Count(string(c.new), "\n"), n>>20, strings.Count(out, "\n"))
		})
	}
}

// apply applies a unified diff made by Unified to old.
func apply(t *testing.T, old []byte, diff string) string {
	t.Helper()
	a := splitLines(string(old))
	lines := splitLines(diff)[2:]
	var out strings.Builder
	next := 0 // index into a of the first line not yet copied
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "@@") {
			var oldStart, oldN, newStart, newN int
			if _, err := fmt.Sscanf(l, "@@ -%d,%d +%d,%d @@", &oldStart, &oldN, &newStart, &newN); err != nil {
				t.Fatalf("bad hunk header %q: %v", l, err)
			}
			for ; next < oldStart-1; next++ {
				out.WriteString(a[next])
			}
			continue
		}
		text := l[1:]
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`) {
			text = strings.TrimSuffix(text, "\n")
			i++
		}
		switch l[0] {
		case ' ', '-':
			if a[next] != text {
				t.Fatalf("diff line %d: %q does not match old line %d %q", i+3, l, next+1, a[next])
			}
			if l[0] == ' ' {
				out.WriteString(text)
			}
			next++
		case '+':
			out.WriteString(text)
		}
	}
	for ; next < len(a); next++ {
		out.WriteString(a[next])
	}
	return out.String()
}

func BenchmarkUnified(b *testing.B) {
	for _, c := range memoryCases(b) {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Unified("old", "new", c.old, c.new)
			}
		})
	}
}

// generateGo builds the enum of a parsed spec and generates its Go file.
func generateGo(spec *gen.Spec, opts golang.Options) ([]byte, error) {
	e, err := gen.Build(spec)
	if err != nil {
		return nil, err
	}
	return golang.Generate(e, opts)
}
