package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/taskstatus/taskstatus/gen/targets"
	"github.com/taskstatus/taskstatus/internal/specshape"
)

// A cost is what one statusgen process took: wall and CPU time (user and
// system), and its peak resident memory.
type cost struct {
	wall, cpu time.Duration
	peak      int64 // bytes; 0 where the system does not say
}

func (c cost) String() string {
	peak := "-"
	if c.peak > 0 {
		peak = fmt.Sprintf("%d MiB", c.peak>>20)
	}
	return fmt.Sprintf("%7s %7s %8s", seconds(c.wall), seconds(c.cpu), peak)
}

func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s" }

// shapes runs the statusgen binary on a spec of each shape and size (in
// MB, 10^6 bytes): generating every output, comparing it with its older
// version (-against) and migrating from it (-sql-migrate-from), and prints
// a table of what each run cost.
func shapes(sizes []float64) error {
	dir, err := os.MkdirTemp("", "statusgen-shapes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	statusgen := filepath.Join(dir, "statusgen")
	if out, err := exec.Command("go", "build", "-o", statusgen, "./cmd/statusgen").CombinedOutput(); err != nil {
		return fmt.Errorf("run from the module root: go build: %v\n%s", err, out)
	}
	pkg := filepath.Join(dir, "shape")
	if err := os.Mkdir(pkg, 0o755); err != nil {
		return err
	}
	specPath, oldPath := filepath.Join(dir, "spec.yaml"), filepath.Join(dir, "old.yaml")
	generate := []string{"-spec", specPath, "-package", "shape"}
	for _, t := range targets.List {
		name := "shape." + t.Flag
		switch {
		case t.Flag == "fuzz":
			name = "shape_fuzz_test.go"
		case t.GoFile:
			name = "shape_" + t.Flag + "_gen.go"
		}
		generate = append(generate, "-"+t.Flag, filepath.Join(pkg, name))
	}

	fmt.Printf("%-8s %8s %10s | %-25s | %-25s | %-25s\n", "", "", "", "generate every output", "-against the older spec", "-sql-migrate-from it")
	fmt.Printf("%-8s %8s %10s | %7s %7s %8s  | %7s %7s %8s  | %7s %7s %8s\n", "shape", "spec", "units", "time", "cpu", "peak", "time", "cpu", "peak", "time", "cpu", "peak")
	for _, shape := range specshape.Shapes {
		for _, mb := range sizes {
			size := int(mb * 1e6)
			src, units := shape.Spec(size)
			if err := os.WriteFile(specPath, src, 0o644); err != nil {
				return err
			}
			if err := os.WriteFile(oldPath, shape.Old(size), 0o644); err != nil {
				return err
			}
			gen, err := measureRun(statusgen, generate, 0)
			if err != nil {
				return fmt.Errorf("%s, %.1f MB: %w", shape.Name, mb, err)
			}
			// -against exits 1 when a change breaks clients, as removing
			// the moves of the terminal rule does.
			against, err := measureRun(statusgen, []string{"-spec", specPath, "-against", oldPath}, 1)
			if err != nil {
				return fmt.Errorf("%s, %.1f MB, -against: %w", shape.Name, mb, err)
			}
			migrate, err := measureRun(statusgen, []string{"-spec", specPath, "-sql-migrate-from", oldPath}, 0)
			if err != nil {
				return fmt.Errorf("%s, %.1f MB, -sql-migrate-from: %w", shape.Name, mb, err)
			}
			fmt.Printf("%-8s %6.1fMB %10s | %s | %s | %s\n", shape.Name, float64(len(src))/1e6, fmt.Sprintf("%d %s", units, abbreviate(shape.Unit)), gen, against, migrate)
		}
	}
	return nil
}

func abbreviate(unit string) string { return unit[:1] }

// measureRun runs statusgen with args and returns its cost; an exit code
// other than 0 is an error, but okExit when not 0 after -against's count
// of breaking changes.
func measureRun(statusgen string, args []string, okExit int) (cost, error) {
	cmd := exec.Command(statusgen, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	// -against exits 1 for a breaking change too, after its count.
	breaking := okExit != 0 && cmd.ProcessState != nil && cmd.ProcessState.ExitCode() == okExit && strings.Contains(stderr.String(), " breaking, ")
	if err != nil && !breaking {
		msg := stderr.String()
		if lines := strings.SplitN(msg, "\n", 6); len(lines) > 5 {
			msg = strings.Join(lines[:5], "\n") + "\n…"
		}
		return cost{}, fmt.Errorf("statusgen %s: %v\n%s", strings.Join(args, " "), err, msg)
	}
	st := cmd.ProcessState
	return cost{wall: wall, cpu: st.UserTime() + st.SystemTime(), peak: peakMemory(st)}, nil
}
