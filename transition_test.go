package taskstatus_test

import (
	"errors"
	"testing"

	"github.com/taskstatus/taskstatus"
	"github.com/taskstatus/taskstatus/status"
)

func TestTransition(t *testing.T) {
	all := append(status.StatusValues(), 0, 99)
	for _, from := range all {
		for _, to := range all {
			err := taskstatus.Transition(from, to)
			if (err == nil) != from.CanTransitionTo(to) {
				t.Errorf("Transition(%v, %v) = %v, but CanTransitionTo says %v", from, to, err, from.CanTransitionTo(to))
			}
			if err == nil {
				continue
			}
			var te *taskstatus.TransitionError[status.Status]
			if !errors.As(err, &te) || te.From != from || te.To != to {
				t.Errorf("Transition(%v, %v): error %T %v", from, to, err, err)
			}
			valid := from.IsValid() && to.IsValid()
			if errors.Is(err, taskstatus.ErrTerminal) != (valid && from.IsTerminal()) || errors.Is(err, taskstatus.ErrInvalidStatus) == valid {
				t.Errorf("Transition(%v, %v): wrong sentinel in %v", from, to, err)
			}
		}
	}
	err := taskstatus.Transition(status.Completed, status.Pending)
	if want := "taskstatus: cannot move a task from COMPLETED to PENDING: task is in a terminal status"; err == nil || err.Error() != want {
		t.Errorf("error text %q, want %q", err, want)
	}
	if err := taskstatus.Transition(status.Failed, status.Failed); err != nil {
		t.Errorf("re-applying a terminal status must be allowed (idempotent retries): %v", err)
	}
}

type quoted string

func (q quoted) String() string { return string(q) }

func TestTerminalSQL(t *testing.T) {
	got := taskstatus.SQLList(taskstatus.Terminal(status.StatusValuesSeq()))
	if want := "'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELED'"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := taskstatus.SQLList([]quoted{"it's", "x"}); got != "'it''s', 'x'" {
		t.Errorf("quotes not doubled: %s", got)
	}
}
