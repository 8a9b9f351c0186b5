package taskstatus_test

import (
	"context"
	"encoding/json"
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

// Poll a server that may be newer than the client, or that sends no status
// before a task starts: a null status decodes to the unset value and a
// name this build does not know to the fallback UNKNOWN, neither of which
// ends the task. UntilTerminal waits through both.
func ExamplePoll_untilTerminal() {
	replies := []string{`{"status":null}`, `{"status":"PENDING"}`, `{"status":"RETRYING"}`, `{"status":"COMPLETED"}`}
	n := 0
	fetch := func(ctx context.Context) (status.Status, int, error) {
		var task struct {
			Status status.Status `json:"status"`
		}
		n++
		err := json.Unmarshal([]byte(replies[n-1]), &task)
		return task.Status, n, err
	}
	opts := taskstatus.PollOptions{
		UntilTerminal: true,
		Initial:       time.Millisecond, // shortened for the example
		OnAttempt: func(a taskstatus.Attempt) {
			fmt.Println("attempt", a.N, a.Status)
		},
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a task may never end
	defer cancel()
	final, fetches, err := taskstatus.Poll(ctx, opts, fetch)
	fmt.Println(final, fetches, err)
	// Output:
	// attempt 1 Status(0)
	// attempt 2 PENDING
	// attempt 3 UNKNOWN
	// attempt 4 COMPLETED
	// COMPLETED 4 <nil>
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
