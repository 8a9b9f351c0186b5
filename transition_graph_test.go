package taskstatus_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/taskstatus/taskstatus"
	"github.com/taskstatus/taskstatus/internal/golden"
	"github.com/taskstatus/taskstatus/status"
)

// issueGraph is the state machine issue 13 asks statuses.yaml to declare,
// written out by hand so that the generated code is checked against it.
var issueGraph = map[string][]string{
	"DRAFT":       {"PENDING", "CANCELED"},
	"PENDING":     {"IN_PROGRESS", "PROCESSING", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELED", "SKIPPED"},
	"IN_PROGRESS": {"PROCESSING", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELED"},
	"PROCESSING":  {"IN_PROGRESS", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELED"},
	"UNKNOWN":     {"PENDING", "IN_PROGRESS", "PROCESSING", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELED", "SKIPPED", "DRAFT"},
	"SKIPPED":     {"PENDING"},
	"ACTIVE":      {"SUSPENDED", "ARCHIVED"},
	"SUSPENDED":   {"ACTIVE", "ARCHIVED"},
	"ARCHIVED":    {"ACTIVE"},
}

// TestTransitionGraph checks every one of the 169 pairs: CanTransitionTo,
// Transition, Next and StatusTransitions agree with each other and with the
// issue's graph, and web/testdata/transitions.json (the same 169 answers,
// which the TypeScript test under Node and the PostgreSQL integration test
// compare their own answers with) holds exactly them. Run go test . -update
// to rewrite the file after changing the graph.
func TestTransitionGraph(t *testing.T) {
	type pair struct {
		From    string `json:"from"`
		To      string `json:"to"`
		Allowed bool   `json:"allowed"`
	}
	var pairs []pair
	edges := map[[2]status.Status]bool{}
	for from, to := range status.StatusTransitions() {
		edges[[2]status.Status{from, to}] = true
	}
	for _, from := range status.StatusValues() {
		next := map[status.Status]bool{}
		for _, to := range from.Next() {
			next[to] = true
		}
		for _, to := range status.StatusValues() {
			want := from == to
			for _, name := range issueGraph[from.String()] {
				want = want || name == to.String()
			}
			got := from.CanTransitionTo(to)
			err := taskstatus.Transition(from, to)
			if got != want || (err == nil) != want || next[to] != (want && from != to) || edges[[2]status.Status{from, to}] != (want && from != to) {
				t.Errorf("%v → %v: CanTransitionTo %v, Transition %v, in Next %v, in StatusTransitions %v; the graph says %v", from, to, got, err, next[to], edges[[2]status.Status{from, to}], want)
			}
			if !want && !errors.Is(err, taskstatus.ErrNotAllowed) && !errors.Is(err, taskstatus.ErrTerminal) {
				t.Errorf("%v → %v: %v is neither ErrNotAllowed nor ErrTerminal", from, to, err)
			}
			pairs = append(pairs, pair{from.String(), to.String(), got})
		}
	}
	if len(pairs) != 169 {
		t.Fatalf("%d pairs, want 169", len(pairs))
	}
	data, err := json.MarshalIndent(pairs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	golden.File(t, "web/testdata/transitions.json", data)
}

// A refused move names both values and what From may move to instead.
func TestTransitionNotAllowedMessage(t *testing.T) {
	err := taskstatus.Transition(status.Pending, status.Active)
	want := "taskstatus: cannot move a task from PENDING to ACTIVE: the spec does not allow this move; PENDING may move to IN_PROGRESS, PROCESSING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELED, SKIPPED"
	if err == nil || err.Error() != want || !errors.Is(err, taskstatus.ErrNotAllowed) {
		t.Errorf("got %v, want %s", err, want)
	}
	var te *taskstatus.TransitionError[status.Status]
	if !errors.As(err, &te) || len(te.Allowed) != 7 {
		t.Errorf("Allowed = %v", te)
	}
}
