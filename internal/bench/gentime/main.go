// Gentime times generating the status enum with the statusgen binary and
// its twin with the enumer binary, as whole processes, interleaved round by
// round so that machine noise hits both alike, and reports the medians and
// their ratio. It also times statusgen on a spec of 10,000 values.
//
// Both binaries are built first, so no round includes a compile. enumer
// type-checks the package it reads (through go/packages, which runs go
// list), which is most of its time; statusgen reads one YAML file. An empty
// Go program is timed alongside: starting any Go binary costs that much, so
// enumer's time divided by it is the best ratio any Go generator can reach.
//
// Usage (from the module root):
//
//	go run ./internal/bench/gentime [-rounds 20]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 20, "interleaved rounds; the report shows medians")
	flag.Parse()
	if err := run(*rounds); err != nil {
		fmt.Fprintln(os.Stderr, "gentime:", err)
		os.Exit(1)
	}
}

func run(rounds int) error {
	dir, err := os.MkdirTemp("", "statusgen-gentime-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	statusgen, enumer := filepath.Join(dir, "statusgen"), filepath.Join(dir, "enumer")
	if err := command("", "go", "build", "-o", statusgen, "./cmd/statusgen"); err != nil {
		return fmt.Errorf("run from the module root: %w", err)
	}
	if err := command("", "go", "build", "-o", enumer, "github.com/dmarkham/enumer"); err != nil {
		return err
	}
	// The floor: an empty Go program, which is what starting any Go
	// binary costs on this machine.
	empty := filepath.Join(dir, "empty")
	if err := writeFiles(filepath.Join(dir, "emptysrc"), map[string]string{"go.mod": "module empty\n\ngo 1.26.0\n", "main.go": "package main\n\nfunc main() {}\n"}); err != nil {
		return err
	}
	if err := command(filepath.Join(dir, "emptysrc"), "go", "build", "-o", empty, "."); err != nil {
		return err
	}

	// enumer needs a module holding the type; statusgen needs the spec.
	twin := filepath.Join(dir, "twin")
	src, err := os.ReadFile("internal/enumertwin/status.go")
	if err != nil {
		return err
	}
	if err := writeFiles(twin, map[string]string{"go.mod": "module twin\n\ngo 1.26.0\n", "status.go": string(src)}); err != nil {
		return err
	}
	big := filepath.Join(dir, "big.yaml")
	var spec strings.Builder
	spec.WriteString("package: big\ntype: Status\nvalues:\n")
	for i := range 10000 {
		fmt.Fprintf(&spec, "  - name: STATUS_%05d\n    description: Value number %d.\n", i, i)
	}
	if err := os.WriteFile(big, []byte(spec.String()), 0o644); err != nil {
		return err
	}

	out := filepath.Join(dir, "status_gen.go")
	jobs := []struct {
		name string
		run  func() error
	}{
		{"statusgen, 13 values", func() error {
			os.Remove(out)
			return command("", statusgen, "-spec", "statuses.yaml", "-out", out, "-package", "status")
		}},
		{"enumer, 13 values", func() error {
			os.Remove(filepath.Join(twin, "status_enumer.go"))
			return command(twin, enumer, "-type=Status", "-json", "-text", "-sql", "-yaml", "-transform=snake-upper", "-output=status_enumer.go")
		}},
		{"empty Go program", func() error {
			return command("", empty)
		}},
		{"statusgen, 10,000 values", func() error {
			os.Remove(out)
			return command("", statusgen, "-spec", big, "-out", out, "-package", "big")
		}},
	}
	times := make([][]time.Duration, len(jobs))
	for range rounds {
		for i, job := range jobs {
			start := time.Now()
			if err := job.run(); err != nil {
				return fmt.Errorf("%s: %w", job.name, err)
			}
			times[i] = append(times[i], time.Since(start))
		}
	}
	med := make([]time.Duration, len(jobs))
	for i, job := range jobs {
		slices.Sort(times[i])
		med[i] = times[i][len(times[i])/2]
		fmt.Printf("%-26s median %10s  (min %s, max %s, %d runs)\n", job.name, med[i].Round(10*time.Microsecond),
			times[i][0].Round(10*time.Microsecond), times[i][len(times[i])-1].Round(10*time.Microsecond), rounds)
	}
	fmt.Printf("enumer / statusgen on the 13 statuses: %.1fx; enumer / empty Go program: %.1fx (the most any Go binary could reach)\n",
		float64(med[1])/float64(med[0]), float64(med[1])/float64(med[2]))
	return nil
}

func writeFiles(dir string, files map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func command(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}
