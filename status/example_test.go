package status_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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
	opts := status.PollOptions{
		Initial: time.Millisecond, // the spec says 1s to 30s; shortened for the example
		Max:     4 * time.Millisecond,
		Retries: 3,
		OnAttempt: func(a status.Attempt) {
			fmt.Println("attempt", a.N, a.Status)
		},
	}
	final, payload, err := status.Poll(context.Background(), opts, fetch)
	fmt.Println(final, payload, err)
	// Output:
	// attempt 1 PENDING
	// attempt 2 PROCESSING
	// attempt 3 COMPLETED_WITH_ERRORS
	// COMPLETED_WITH_ERRORS reply 3 <nil>
}

// A partial success: the result carries what succeeded, what failed and
// why, and the status and success rate those imply.
func ExampleResult() {
	r := status.Result[string]{
		Succeeded: []string{"doc-1", "doc-3"},
		Failed:    []status.ItemError{{Item: "doc-2", Code: "PARSE_ERROR", Message: "unexpected EOF"}},
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	fmt.Println(r.Status(), r.SuccessRate())

	err := json.Unmarshal([]byte(`{"status":"COMPLETED","successful_items":[],"failed_items":[{"item":"x","code":"E","message":"m"}]}`), &r)
	fmt.Println(err)
	// Output:
	// {"status":"COMPLETED_WITH_ERRORS","success_rate":66.67,"successful_items":["doc-1","doc-3"],"failed_items":[{"item":"doc-2","code":"PARSE_ERROR","message":"unexpected EOF"}]}
	// COMPLETED_WITH_ERRORS 66.67
	// status: result says COMPLETED but has 0 succeeded and 1 failed items, which is FAILED
}

// A server refuses to move a task out of a terminal status.
func ExampleTransition() {
	err := status.Transition(status.Canceled, status.InProgress)
	fmt.Println(errors.Is(err, status.ErrTerminal))
	var te *status.TransitionError[status.Status]
	if errors.As(err, &te) {
		fmt.Println(te.From, "→", te.To, "refused:", err)
	}
	fmt.Println(status.Transition(status.Pending, status.InProgress))
	// Output:
	// true
	// CANCELED → IN_PROGRESS refused: status: cannot move a task from CANCELED to IN_PROGRESS: task is in a terminal status
	// <nil>
}

// The same guard in SQL, so the database applies it atomically with the
// update (check RowsAffected: 0 means the task had already ended).
func ExampleSQLList() {
	terminal := status.SQLList(status.Terminal(status.StatusValuesSeq()))
	fmt.Println("UPDATE tasks SET status = $1 WHERE id = $2 AND status NOT IN (" + terminal + ")")
	// Output:
	// UPDATE tasks SET status = $1 WHERE id = $2 AND status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELED')
}
