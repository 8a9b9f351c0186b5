package taskstatus_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/taskstatus/taskstatus"
	"github.com/taskstatus/taskstatus/status"
)

// task is the async-task API's response body.
type task struct {
	ID     string                 `json:"id"`
	Status status.Status          `json:"status"`
	Result *status.Result[string] `json:"result,omitempty"`
}

// TestPollAgainstServer plays an async-task API on a real HTTP server: the
// task moves PENDING → IN_PROGRESS → PROCESSING → COMPLETED_WITH_ERRORS over
// successive requests, and the client decodes every response through the
// generated JSON methods and polls with the spec's backoff.
func TestPollAgainstServer(t *testing.T) {
	steps := []status.Status{status.Pending, status.InProgress, status.Processing, status.CompletedWithErrors}
	var mu sync.Mutex
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/tasks/42" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		s := steps[min(requests, len(steps)-1)]
		requests++
		mu.Unlock()
		body := task{ID: "42", Status: s}
		if s.IsTerminal() {
			body.Result = &status.Result[string]{
				Succeeded: []string{"doc-1", "doc-3"},
				Failed:    []status.ItemError{{Item: "doc-2", Code: "PARSE_ERROR", Message: "unexpected EOF"}},
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(body)
	}))
	defer srv.Close()

	fetch := func(ctx context.Context) (status.Status, *task, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/tasks/42", nil)
		if err != nil {
			return 0, nil, err
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return 0, nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return 0, nil, fmt.Errorf("GET %s: %s", req.URL, resp.Status)
		}
		var tk task
		if err := json.NewDecoder(resp.Body).Decode(&tk); err != nil {
			return 0, nil, err
		}
		return tk.Status, &tk, nil
	}

	clock := &fakeClock{}
	var seen []status.Status
	opts := taskstatus.PollOptions{Jitter: taskstatus.NoJitter, Clock: clock, OnAttempt: func(a taskstatus.Attempt) {
		seen = append(seen, a.Status.(status.Status))
	}}
	final, tk, err := taskstatus.Poll(context.Background(), opts, fetch)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, steps) {
		t.Errorf("client saw %v, want %v", seen, steps)
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !slices.Equal(clock.waits, want) {
		t.Errorf("waits %v, want %v", clock.waits, want)
	}
	if final != status.CompletedWithErrors || tk.Result == nil {
		t.Fatalf("final %v, result %v", final, tk.Result)
	}
	if r := tk.Result; r.Status() != final || r.SuccessRate() != 66.67 || len(r.Failed) != 1 || r.Failed[0].Code != "PARSE_ERROR" {
		t.Errorf("result %+v: status %v, rate %v", r, r.Status(), r.SuccessRate())
	}
}
