// Scale measures how statusgen and its output grow with the size of a spec,
// in two tables.
//
// The first times statusgen itself on specs of each shape of
// internal/specshape (many values, many aliases, many next moves) at each
// size of -mb: one process generating every output, one comparing the spec
// with its older version (-against: the same values without aliases or
// next) and one migrating from it (-sql-migrate-from), each with its wall
// time, CPU time (user and system) and peak resident memory. Time and
// memory should grow in proportion to the size, whatever the shape.
//
// The second measures how the generated parse and the compile time grow
// with the size of an enum. It generates statuses.yaml (13 values) and
// specs of 10, 100, 1,000 and 10,000 values into packages of a temporary
// module, times compiling each package's test binary, checks that every
// probe parses, runs a parse benchmark over 13 names spread across each
// enum, and prints a table with the ratio of each parse time to the
// 13-value one. The synthetic names (STATUS_00042) all have the same
// length, the worst case for the length-first switch the compiler builds.
//
// Usage (from the module root):
//
//	go run ./internal/bench/scale [-mb 1,2,5,10] [-compile=false] [-benchtime 1s] [-count 5]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
	"github.com/taskstatus/taskstatus/internal/gocmd"
)

func main() {
	benchtime := flag.String("benchtime", "1s", "go test -benchtime for each parse benchmark")
	count := flag.Int("count", 5, "go test -count for each parse benchmark; the table shows the median")
	compile := flag.Bool("compile", true, "print the second table, of the generated parse and compile times")
	mb := flag.String("mb", "1,2,5,10", "comma-separated spec sizes in MB (10^6 bytes) for the table of shapes; empty for none")
	flag.Parse()
	var sizes []float64
	for _, f := range strings.Split(*mb, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		size, err := strconv.ParseFloat(f, 64)
		if err != nil || size <= 0 {
			fmt.Fprintf(os.Stderr, "scale: -mb: %q is not a size in MB\n", f)
			os.Exit(2)
		}
		sizes = append(sizes, size)
	}
	if len(sizes) > 0 {
		if err := shapes(sizes); err != nil {
			fmt.Fprintln(os.Stderr, "scale:", err)
			os.Exit(1)
		}
		fmt.Println()
	}
	if !*compile {
		return
	}
	if err := run(*benchtime, *count); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

type result struct {
	values, lines int
	compile       time.Duration
	nsPerParse    float64
}

func run(benchtime string, count int) error {
	dir, err := os.MkdirTemp("", "statusgen-scale-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module scale\n\ngo 1.26.0\n"), 0o644); err != nil {
		return err
	}
	statuses, err := os.ReadFile("statuses.yaml")
	if err != nil {
		return fmt.Errorf("run from the module root: %w", err)
	}
	specs := []struct {
		pkg string
		src []byte
	}{{"s13", statuses}}
	for _, n := range []int{10, 100, 1000, 10000} {
		specs = append(specs, struct {
			pkg string
			src []byte
		}{fmt.Sprintf("s%d", n), syntheticSpec(n)})
	}

	// Warm the build cache with the standard library, so compile times
	// are the generated package's own.
	if _, err := goCmd(dir, "build", "std"); err != nil {
		return err
	}
	var results []result
	for _, s := range specs {
		r, err := measure(dir, s.pkg, s.src, benchtime, count)
		if err != nil {
			return fmt.Errorf("%s: %w", s.pkg, err)
		}
		results = append(results, r)
	}
	fmt.Printf("%-8s %10s %14s %16s %10s\n", "values", "gen lines", "compile", "ns/parse (med)", "vs 13")
	for _, r := range results {
		fmt.Printf("%-8d %10d %14s %16.2f %9.2fx\n", r.values, r.lines, r.compile.Round(10*time.Millisecond), r.nsPerParse, r.nsPerParse/results[0].nsPerParse)
	}
	return nil
}

func syntheticSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("type: Status\nvalues:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: STATUS_%05d\n", i)
	}
	return []byte(b.String())
}

func measure(dir, pkg string, src []byte, benchtime string, count int) (result, error) {
	spec, err := gen.Parse(pkg+".yaml", src)
	if err != nil {
		return result{}, err
	}
	code, err := generateGo(spec, golang.Options{Package: pkg})
	if err != nil {
		return result{}, err
	}
	pkgDir := filepath.Join(dir, pkg)
	if err := os.MkdirAll(pkgDir, 0o755); err != nil {
		return result{}, err
	}
	if err := os.WriteFile(filepath.Join(pkgDir, "status_gen.go"), code, 0o644); err != nil {
		return result{}, err
	}
	var probes []string
	for i := range 13 {
		probes = append(probes, strconv.Quote(spec.Values[i*len(spec.Values)/13].Name))
	}
	test := fmt.Sprintf(`package %s

import "testing"

var probes = []string{%s}

var sink Status

func TestProbesParse(t *testing.T) {
	for _, p := range probes {
		if s, err := ParseStatus(p); err != nil || s.String() != p {
			t.Fatalf("ParseStatus(%%q) = %%v, %%v", p, s, err)
		}
	}
}

// BenchmarkParse parses 13 names per iteration; the table divides by 13.
func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		for _, p := range probes {
			sink, _ = ParseStatus(p)
		}
	}
}
`, pkg, strings.Join(probes, ", "))
	if err := os.WriteFile(filepath.Join(pkgDir, "parse_test.go"), []byte(test), 0o644); err != nil {
		return result{}, err
	}
	start := time.Now()
	if _, err := goCmd(dir, "test", "-c", "-o", os.DevNull, "./"+pkg); err != nil {
		return result{}, err
	}
	compile := time.Since(start)
	out, err := goCmd(dir, "test", "-run", "TestProbesParse", "-bench", "BenchmarkParse",
		"-benchtime", benchtime, "-count", strconv.Itoa(count), "./"+pkg)
	if err != nil {
		return result{}, err
	}
	var ns []float64
	for _, m := range nsPerOp.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		ns = append(ns, v/13)
	}
	if len(ns) == 0 {
		return result{}, fmt.Errorf("no benchmark results in:\n%s", out)
	}
	slices.Sort(ns)
	return result{len(spec.Values), strings.Count(string(code), "\n"), compile, ns[len(ns)/2]}, nil
}

var nsPerOp = regexp.MustCompile(`BenchmarkParse\S*\s+\d+\s+([0-9.]+) ns/op`)

func goCmd(dir string, args ...string) (string, error) { return gocmd.Run(dir, false, args...) }

// generateGo builds the enum of a parsed spec and generates its Go file.
func generateGo(spec *gen.Spec, opts golang.Options) ([]byte, error) {
	e, err := gen.Build(spec)
	if err != nil {
		return nil, err
	}
	return golang.Generate(e, opts)
}
