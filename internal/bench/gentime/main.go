// Gentime times generating the status enum with the statusgen binary and
// its twin with the enumer binary, as whole processes, interleaved round by
// round so that machine noise hits both alike, and reports the medians and
// their ratio. It also times statusgen on a spec of 10,000 values. Beside
// wall time it reports CPU time (user and system, the process's own and
// its children's: enumer runs go list), which a busy machine disturbs
// less.
//
// Both binaries are built first, so no round includes a compile. enumer
// type-checks the package it reads (through go/packages, which runs go
// list), which is most of its time; statusgen reads one YAML file. enumer
// runs twice: where its go:generate line runs it, in this module's
// internal/enumertwin (go list then loads a real module's graph, as it does
// in any user's repository), and in a module of its own with nothing but
// the type (its best case). An empty Go program is timed alongside:
// starting any Go binary costs that much, so enumer's time divided by it
// is the best ratio any Go generator can reach.
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
	// enumer's flags as internal/enumertwin's go:generate line gives them;
	// in this module it writes beside the temporary files, not over the
	// committed twin.
	enumerArgs := []string{"-type=Status", "-json", "-text", "-sql", "-yaml", "-transform=snake-upper"}
	inModule := filepath.Join(dir, "status_enumer.go")
	jobs := []struct {
		name string
		run  func() (time.Duration, error) // returns the CPU time used
	}{
		{"statusgen, 13 values", func() (time.Duration, error) {
			os.Remove(out)
			return timed("", statusgen, "-spec", "statuses.yaml", "-out", out, "-package", "status")
		}},
		{"enumer, in this module", func() (time.Duration, error) {
			os.Remove(inModule)
			return timed("internal/enumertwin", enumer, append(enumerArgs, "-output="+inModule)...)
		}},
		{"enumer, bare module", func() (time.Duration, error) {
			os.Remove(filepath.Join(twin, "status_enumer.go"))
			return timed(twin, enumer, append(enumerArgs, "-output=status_enumer.go")...)
		}},
		{"empty Go program", func() (time.Duration, error) {
			return timed("", empty)
		}},
		{"statusgen, 10,000 values", func() (time.Duration, error) {
			os.Remove(out)
			return timed("", statusgen, "-spec", big, "-out", out, "-package", "big")
		}},
	}
	times := make([][]time.Duration, len(jobs))
	cpu := make([][]time.Duration, len(jobs))
	for range rounds {
		for i, job := range jobs {
			start := time.Now()
			used, err := job.run()
			if err != nil {
				return fmt.Errorf("%s: %w", job.name, err)
			}
			times[i] = append(times[i], time.Since(start))
			cpu[i] = append(cpu[i], used)
		}
	}
	med, medCPU := make([]time.Duration, len(jobs)), make([]time.Duration, len(jobs))
	for i, job := range jobs {
		slices.Sort(times[i])
		slices.Sort(cpu[i])
		med[i], medCPU[i] = times[i][len(times[i])/2], cpu[i][len(cpu[i])/2]
		fmt.Printf("%-26s median %10s  (min %s, max %s, %d runs); CPU median %s\n", job.name, med[i].Round(10*time.Microsecond),
			times[i][0].Round(10*time.Microsecond), times[i][len(times[i])-1].Round(10*time.Microsecond), rounds, medCPU[i].Round(10*time.Microsecond))
	}
	for _, e := range []struct {
		i    int
		name string
	}{{1, "enumer in this module"}, {2, "enumer in a bare module"}} {
		fmt.Printf("%s / statusgen on the 13 statuses: %.1fx wall, %.1fx CPU; / empty Go program (the most any Go binary could reach): %.1fx wall, %.1fx CPU\n",
			e.name, float64(med[e.i])/float64(med[0]), float64(medCPU[e.i])/float64(medCPU[0]),
			float64(med[e.i])/float64(med[3]), float64(medCPU[e.i])/float64(medCPU[3]))
	}
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

// timed runs a command and returns the CPU time it used, its own and that
// of the children it waited for.
func timed(dir, name string, args ...string) (time.Duration, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
}

func command(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}
