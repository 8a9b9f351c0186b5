package taskstatus_test

// This file is what a downstream module writes: its own enum (here
// BatchStatus, generated from internal/batchstatus/batch.yaml) with this
// package's helpers, and no import of the status package.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taskstatus/taskstatus"
	"github.com/taskstatus/taskstatus/internal/batchstatus"
	"github.com/taskstatus/taskstatus/internal/gocmd"
)

// A downstream enum polled and guarded with this package alone.
func Example_downstreamEnum() {
	replies := []batchstatus.BatchStatus{batchstatus.Validating, batchstatus.InProgress, batchstatus.Completed}
	n := 0
	fetch := func(ctx context.Context) (batchstatus.BatchStatus, int, error) {
		n++
		return replies[n-1], n, nil
	}
	opts := taskstatus.PollOptions{Initial: time.Millisecond, Max: 2 * time.Millisecond} // batch.yaml says 5s to 1m
	final, fetches, err := taskstatus.Poll(context.Background(), opts, fetch)
	fmt.Println(final, fetches, err)

	err = taskstatus.Transition(final, batchstatus.Cancelling)
	fmt.Println(errors.Is(err, taskstatus.ErrTerminal), err)
	fmt.Println(taskstatus.SQLList(taskstatus.Terminal(batchstatus.BatchStatusValuesSeq())))
	// Output:
	// completed 3 <nil>
	// true taskstatus: cannot move a task from completed to cancelling: task is in a terminal status
	// 'completed', 'failed', 'expired', 'cancelled'
}

// TestNoStatusDependency is the point of this package: neither it nor a
// generated enum depends on the status package, so a downstream module
// that polls its own enum compiles none of our statuses. go list -deps
// reads the packages' non-test imports, transitively.
func TestNoStatusDependency(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list -deps; make test runs it")
	}
	const module = "github.com/taskstatus/taskstatus"
	out, err := gocmd.Run(".", true, "list", "-deps", module, module+"/internal/batchstatus")
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, pkg := range strings.Fields(out) {
		if pkg == module || strings.HasPrefix(pkg, module+"/") {
			ours = append(ours, pkg)
		}
	}
	slices.Sort(ours)
	// Only the two packages listed: any other package of this module among
	// their dependencies (status above all) fails the test.
	if want := []string{module, module + "/internal/batchstatus"}; !slices.Equal(ours, want) {
		t.Errorf("packages of this module among the dependencies: %v, want only %v", ours, want)
	}
}
