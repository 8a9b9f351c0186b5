package taskstatus_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/taskstatus/taskstatus"
	"github.com/taskstatus/taskstatus/status"
)

// Poll a task until it ends. Here fetch plays the API; in a client it is an
// HTTP GET that decodes the task's JSON.
func ExamplePoll() {
	replies := []status.Status{status.Pending, status.Processing, status.CompletedWithErrors}
	n := 0
	fetch := func(ctx context.Context) (status.Status, string, error) {
		n++
		return replies[n-1], fmt.Sprintf("reply %d", n), nil
	}
	opts := taskstatus.PollOptions{
		Initial: time.Millisecond, // the spec says 1s to 30s; shortened for the example
		Max:     4 * time.Millisecond,
		Retries: 3,
		OnAttempt: func(a taskstatus.Attempt) {
			fmt.Println("attempt", a.N, a.Status)
		},
	}
	final, payload, err := taskstatus.Poll(context.Background(), opts, fetch)
	fmt.Println(final, payload, err)
	// Output:
	// attempt 1 PENDING
	// attempt 2 PROCESSING
	// attempt 3 COMPLETED_WITH_ERRORS
	// COMPLETED_WITH_ERRORS reply 3 <nil>
}

// A server refuses to move a task out of a terminal status.
func ExampleTransition() {
	err := taskstatus.Transition(status.Canceled, status.InProgress)
	fmt.Println(errors.Is(err, taskstatus.ErrTerminal))
	var te *taskstatus.TransitionError[status.Status]
	if errors.As(err, &te) {
		fmt.Println(te.From, "→", te.To, "refused:", err)
	}
	fmt.Println(taskstatus.Transition(status.Pending, status.InProgress))
	// Output:
	// true
	// CANCELED → IN_PROGRESS refused: taskstatus: cannot move a task from CANCELED to IN_PROGRESS: task is in a terminal status
	// <nil>
}

// The same guard in SQL, so the database applies it atomically with the
// update (check RowsAffected: 0 means the task had already ended).
func ExampleSQLList() {
	terminal := taskstatus.SQLList(taskstatus.Terminal(status.StatusValuesSeq()))
	fmt.Println("UPDATE tasks SET status = $1 WHERE id = $2 AND status NOT IN (" + terminal + ")")
	// Output:
	// UPDATE tasks SET status = $1 WHERE id = $2 AND status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELED')
}
