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
	Next() []S
}

// Errors a TransitionError matches with errors.Is.
var (
	// ErrTerminal: the task is in a terminal status, which never changes.
	ErrTerminal = errors.New("taskstatus: task is in a terminal status")
	// ErrInvalidStatus: one side of the transition is not a valid status.
	ErrInvalidStatus = errors.New("taskstatus: not a valid status")
	// ErrNotAllowed: both are valid and from is not terminal, but the
	// spec's next for from does not list to.
	ErrNotAllowed = errors.New("taskstatus: the spec does not allow this move")
)

// TransitionError reports an update that the spec forbids.
type TransitionError[S fmt.Stringer] struct {
	From, To S
	// Allowed is what From may move to besides itself (From.Next()), in
	// spec order; empty when From is terminal or not valid.
	Allowed []S
	reason  error // ErrTerminal, ErrInvalidStatus or ErrNotAllowed
}

// Error names both values and the reason; a move the graph refuses lists
// the values From may move to, so the message says what to do instead.
func (e *TransitionError[S]) Error() string {
	msg := fmt.Sprintf("taskstatus: cannot move a task from %v to %v: %v", e.From, e.To, strings.TrimPrefix(e.reason.Error(), "taskstatus: "))
	if e.reason != ErrNotAllowed {
		return msg
	}
	if len(e.Allowed) == 0 {
		return msg + fmt.Sprintf("; %v may move to no other status", e.From)
	}
	names := make([]string, len(e.Allowed))
	for i, s := range e.Allowed {
		names[i] = s.String()
	}
	return msg + fmt.Sprintf("; %v may move to %s", e.From, strings.Join(names, ", "))
}

// Unwrap makes errors.Is(err, ErrTerminal), errors.Is(err,
// ErrInvalidStatus) and errors.Is(err, ErrNotAllowed) work.
func (e *TransitionError[S]) Unwrap() error { return e.reason }

// Transition returns nil if a task may move from from to to, and a
// *TransitionError otherwise: when either is not valid (ErrInvalidStatus),
// when from is terminal and to is another status (ErrTerminal), or when the
// spec's transitions do not lead from from to to (ErrNotAllowed). It asks
// CanTransitionTo, so it enforces exactly the generated relation. A server
// calls it before every status update; moving a task to its own status is
// allowed, so retried updates stay idempotent.
func Transition[S Transitionable[S]](from, to S) error {
	switch {
	case from.CanTransitionTo(to):
		return nil
	case !from.IsValid() || !to.IsValid():
		return &TransitionError[S]{From: from, To: to, reason: ErrInvalidStatus}
	case from.IsTerminal():
		return &TransitionError[S]{From: from, To: to, reason: ErrTerminal}
	default:
		return &TransitionError[S]{From: from, To: to, Allowed: from.Next(), reason: ErrNotAllowed}
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
