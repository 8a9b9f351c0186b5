package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/targets"
	"github.com/taskstatus/taskstatus/internal/specshape"
)

// The whole run, for a spec of each shape (many values, many aliases, many
// next moves), costs the same per unit at two sizes: generating every
// output, comparing with the older spec (-against) and migrating from it
// (-sql-migrate-from), and where the shape allows (no next list names its
// last value), the same two from the spec without its last value, so that
// both sides are large. Time on a shared machine is too noisy to judge, so
// the test counts what the run allocates, in objects and in bytes, per unit
// of the shape; a run whose cost grows with the square of the spec (a slice
// of every name built for each alias, a map per next list that grows with
// the list) allocates four times as much per unit at four times the size.
// `make bench-scale` shows the times.
func TestCostPerUnitDoesNotGrow(t *testing.T) {
	if testing.Short() {
		t.Skip("generates every output of specs of up to 200 kB")
	}
	const small, large = 50_000, 200_000
	for _, shape := range specshape.Shapes {
		t.Run(shape.Name, func(t *testing.T) {
			a := runCost(t, shape, small)
			b := runCost(t, shape, large)
			for _, c := range []struct {
				what         string
				small, large float64
			}{
				{"allocations", a.allocs, b.allocs},
				{"bytes allocated", a.bytes, b.bytes},
			} {
				t.Logf("%s per %s: %.1f at %d bytes, %.1f at %d bytes", c.what, shape.Unit, c.small, small, c.large, large)
				// Fixed costs spread over more units make the larger spec
				// cheaper per unit; some slack is for maps and slices,
				// which grow by doubling.
				if c.large > 1.5*c.small {
					t.Errorf("%s per %s grew from %.1f to %.1f when the spec grew from %d to %d bytes: some step costs more than linear time", c.what, shape.Unit, c.small, c.large, small, large)
				}
			}
		})
	}
}

// A unitCost is what one spec's runs allocated per unit of its shape.
type unitCost struct{ allocs, bytes float64 }

// runCost runs statusgen on a spec of the shape of about size bytes:
// generating every output, -against and -sql-migrate-from its older
// version.
func runCost(t *testing.T, shape specshape.Shape, size int) unitCost {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "shape")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	src, units := shape.Spec(size)
	specPath, oldPath := filepath.Join(dir, "spec.yaml"), filepath.Join(dir, "old.yaml")
	if err := os.WriteFile(specPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(oldPath, shape.Old(size), 0o644); err != nil {
		t.Fatal(err)
	}
	generate := []string{"-spec", specPath}
	for _, target := range targets.List {
		name := "shape." + target.Flag
		switch {
		case target.Flag == "fuzz":
			name = "shape_fuzz_test.go"
		case target.GoFile:
			name = "shape_" + target.Flag + "_gen.go"
		}
		generate = append(generate, "-"+target.Flag, filepath.Join(dir, name))
	}
	runs := [][]string{generate, {"-spec", specPath, "-against", oldPath}, {"-spec", specPath, "-sql-migrate-from", oldPath}}
	// The spec without its last value: a migration that adds one value to
	// a spec as large, aliases and all.
	prevPath := filepath.Join(dir, "prev.yaml")
	prev := src[:bytes.LastIndex(src, []byte("\n  - name: "))+1]
	if _, _, err := gen.Load(prevPath, prev); err == nil {
		if err := os.WriteFile(prevPath, prev, 0o644); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, []string{"-spec", specPath, "-against", prevPath}, []string{"-spec", specPath, "-sql-migrate-from", prevPath})
	} else if shape.Name != "edges" {
		t.Fatalf("the %s spec without its last value: %v", shape.Name, err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, args := range runs {
		if code := run(args, io.Discard, io.Discard); code != exitOK && args[2] != "-against" {
			t.Fatalf("statusgen %v: exit %d", args, code)
		}
	}
	runtime.ReadMemStats(&after)
	return unitCost{
		allocs: float64(after.Mallocs-before.Mallocs) / float64(units),
		bytes:  float64(after.TotalAlloc-before.TotalAlloc) / float64(units),
	}
}
