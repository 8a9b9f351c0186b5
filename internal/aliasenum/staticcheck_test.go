package aliasenum_test

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestStaticcheckDeprecated runs the pinned staticcheck (the Makefile's
// STATICCHECK, passed in TASKSTATUS_STATICCHECK by make lint, which CI
// runs) on a downstream file that uses the deprecated ARCHIVED, the
// current SUSPENDED, and Cancelled, the constant the alias CANCELLED keeps:
// the generated Deprecated: paragraphs must make SA1019 flag exactly
// Archived and Cancelled. Without the variable it skips: fetching and
// building staticcheck is too slow for go test.
func TestStaticcheckDeprecated(t *testing.T) {
	staticcheck := os.Getenv("TASKSTATUS_STATICCHECK")
	if staticcheck == "" {
		t.Skip("set TASKSTATUS_STATICCHECK to staticcheck's package@version (make lint does)")
	}
	cmd := exec.Command("go", "run", staticcheck, "-checks", "SA1019", ".")
	cmd.Dir = "testdata/downstream"
	out, err := cmd.CombinedOutput()
	if _, failed := err.(*exec.ExitError); !failed {
		t.Fatalf("staticcheck found nothing (err %v):\n%s", err, out)
	}
	// go run adds its own "exit status 1"; the findings are the rest.
	var got []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(line, ")") {
			got = append(got, line)
		}
	}
	want := []string{
		"downstream.go:11:10: github.com/taskstatus/taskstatus/internal/aliasenum.Archived is deprecated: use SUSPENDED  (SA1019)",
		"downstream.go:19:14: github.com/taskstatus/taskstatus/internal/aliasenum.Cancelled is deprecated: use Canceled.  (SA1019)",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("staticcheck said:\n%s\nwant exactly:\n%s", out, strings.Join(want, "\n"))
	}
}
