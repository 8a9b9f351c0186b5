package taskstatus

import (
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Transitionable is what Transition needs of a status; every enum
// statusgen generates satisfies it.
type Transitionable[S any] interface {
	comparable
	fmt.Stringer
	IsValid() bool
	IsTerminal() bool
	CanTransitionTo(next S) bool
}

// Errors a TransitionError matches with errors.Is.
var (
	// ErrTerminal: the task is in a terminal status, which never changes.
	ErrTerminal = errors.New("status: task is in a terminal status")
	// ErrInvalidStatus: one side of the transition is not a valid status.
	ErrInvalidStatus = errors.New("status: not a valid status")
)

// TransitionError reports an update that the spec forbids.
type TransitionError[S fmt.Stringer] struct {
	From, To S
	reason   error // ErrTerminal or ErrInvalidStatus
}

func (e *TransitionError[S]) Error() string {
	return fmt.Sprintf("status: cannot move a task from %v to %v: %v", e.From, e.To, strings.TrimPrefix(e.reason.Error(), "status: "))
}

// Unwrap makes errors.Is(err, ErrTerminal) and errors.Is(err,
// ErrInvalidStatus) work.
func (e *TransitionError[S]) Unwrap() error { return e.reason }

// Transition returns nil if a task may move from from to to, and a
// *TransitionError otherwise: when either is not valid, or when from is
// terminal and to is another status. A server calls it before every status
// update; moving a terminal task to its own status is allowed, so retried
// updates stay idempotent.
func Transition[S Transitionable[S]](from, to S) error {
	switch {
	case from.CanTransitionTo(to):
		return nil
	case !from.IsValid() || !to.IsValid():
		return &TransitionError[S]{from, to, ErrInvalidStatus}
	default:
		return &TransitionError[S]{from, to, ErrTerminal}
	}
}

// Terminal returns the terminal values of seq, in its order: pass an enum's
// generated TValuesSeq.
func Terminal[S interface{ IsTerminal() bool }](seq iter.Seq[S]) []S {
	var out []S
	for s := range seq {
		if s.IsTerminal() {
			out = append(out, s)
		}
	}
	return out
}

// SQLList returns values as a list of SQL string literals, for a guard
// such as
//
//	UPDATE tasks SET status = $1 WHERE id = $2 AND status NOT IN (<list>)
//
// that a database checks atomically with the update. Quotes are doubled, so
// any wire name is a safe literal.
func SQLList[S fmt.Stringer](values []S) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "'" + strings.ReplaceAll(v.String(), "'", "''") + "'"
	}
	return strings.Join(quoted, ", ")
}
