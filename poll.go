package taskstatus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"
)

// Pollable is what Poll needs of a status: whether it is one at all,
// whether it ends the task, whether to ask again, the backoff its spec
// declares, and a name for progress reports. Every enum statusgen
// generates satisfies it.
type Pollable interface {
	comparable
	fmt.Stringer
	IsValid() bool
	IsTerminal() bool
	ShouldPoll() bool
	// PollBounds returns the spec's backoff bounds, the same for every
	// value; zeros when the spec declares none.
	PollBounds() (initial, max time.Duration)
}

// The backoff bounds Poll uses for an enum whose spec declares no polling
// (its PollBounds returns zeros) when PollOptions sets none: the bounds of
// this module's own statuses.yaml, which suit an HTTP status endpoint.
const (
	DefaultPollInitial = 1 * time.Second
	DefaultPollMax     = 30 * time.Second
)

// PollOptions tunes Poll. The zero value polls with the backoff of the
// polled enum's spec, equal jitter, no retries of failed fetches and the
// real clock.
type PollOptions struct {
	// Initial is the wait after the first poll; each later wait doubles,
	// up to Max. Zero (or less) means the polled enum's PollBounds, and
	// for an enum whose spec declares no polling, DefaultPollInitial and
	// DefaultPollMax.
	Initial, Max time.Duration

	// Jitter turns a nominal wait into the one Poll sleeps. Nil means
	// EqualJitter; NoJitter keeps waits exact.
	Jitter func(time.Duration) time.Duration

	// Retries is how many failed fetches in a row Poll retries, with the
	// same backoff, before it returns the last error. Errors of the
	// context are never retried.
	Retries int

	// OnAttempt, if set, is called after every fetch, for progress reports
	// or logs; Attempt is an slog.LogValuer.
	OnAttempt func(Attempt)

	// Clock is the time Poll waits on; nil means the real one. Tests set it
	// to run without sleeping.
	Clock Clock

	// UntilTerminal makes Poll go on until the status is terminal
	// (IsTerminal), through every other value: one that does not ask to be
	// polled, the unset value (a response whose status is null or
	// missing), one this build does not know (it answers IsTerminal as the
	// spec's fallback does, so only a terminal fallback ends Poll), and one
	// that is not valid. Each is reported to OnAttempt as a status, not an
	// error. Set it when a client may be older than the server it polls,
	// or when the server sends no status before a task starts; give ctx a
	// deadline, since a task that never ends keeps Poll waiting until ctx
	// is done. False (the default) stops at the first status that does not
	// ask to be polled; see Poll.
	UntilTerminal bool
}

// Clock sleeps for Poll.
type Clock interface {
	// Sleep waits for d or until ctx is done, and returns ctx.Err() in the
	// second case.
	Sleep(ctx context.Context, d time.Duration) error
}

// Attempt describes one fetch of a Poll.
type Attempt struct {
	N      int           // 1 for the first fetch
	Status fmt.Stringer  // the status fetched; nil when Err is set
	Err    error         // the fetch's error, if it failed
	Wait   time.Duration // the wait before the next fetch; 0 when Poll is done
}

// LogValue lets Attempt be logged with log/slog as a group.
func (a Attempt) LogValue() slog.Value {
	attrs := []slog.Attr{slog.Int("n", a.N), slog.Duration("wait", a.Wait)}
	if a.Status != nil {
		attrs = append(attrs, slog.String("status", a.Status.String()))
	}
	if a.Err != nil {
		attrs = append(attrs, slog.String("error", a.Err.Error()))
	}
	return slog.GroupValue(attrs...)
}

// EqualJitter returns a wait drawn uniformly from [d/2, d]. Clients that
// started together drift apart instead of polling the server in step, yet
// no client ever polls sooner than half the nominal wait, which keeps the
// load a status endpoint sees bounded ("full" jitter, drawn from [0, d],
// spreads clients further but lets some poll almost at once). A wait of
// zero or less is no wait: EqualJitter returns 0.
func EqualJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// NoJitter returns d unchanged: waits follow the backoff exactly.
func NoJitter(d time.Duration) time.Duration { return d }

// Poll calls fetch until the status it returns says to stop, waiting
// between calls with exponential backoff, and returns that status and the
// payload fetch returned with it. A fetch error is retried up to
// opts.Retries times in a row; past that, or when ctx is done, Poll returns
// the last status and payload it had with the error. Poll starts no
// goroutine and never busy-waits.
//
// Which status stops Poll depends on opts.UntilTerminal:
//
//   - By default, the first one that does not ask to be polled
//     (ShouldPoll is false): a terminal one, but also one the spec marks
//     neither polled nor terminal, such as a draft. A value this build
//     does not know stops Poll too when it decodes to a fallback that is
//     not polled (an UNKNOWN fallback, typically), with no error, though
//     the task may still run. A status that is not valid is a failed
//     fetch: the unset value (what a response with a null or missing
//     status decodes to) or an out-of-range one neither ends nor continues
//     a task, so Poll retries it like any failed fetch and then returns an
//     error that names the value and matches ErrInvalidStatus.
//   - With UntilTerminal, only a terminal one (IsTerminal). Every other
//     value, unset, unknown or not polled, is one more status to wait
//     through: reported to OnAttempt, never an error, never counted
//     against opts.Retries. A task that never ends keeps Poll waiting
//     until ctx is done (or fetches fail more than opts.Retries times in
//     a row).
func Poll[S Pollable, T any](ctx context.Context, opts PollOptions, fetch func(context.Context) (S, T, error)) (S, T, error) {
	initial, maxWait := pollBounds[S](opts)
	jitter := opts.Jitter
	if jitter == nil {
		jitter = EqualJitter
	}
	clock := opts.Clock
	if clock == nil {
		clock = realClock{}
	}

	var (
		last    S
		payload T
		failed  int // fetch errors in a row
	)
	wait := initial
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return last, payload, fmt.Errorf("taskstatus: polling stopped before attempt %d: %w", n, err)
		}
		s, p, err := fetch(ctx)
		if err == nil && !opts.UntilTerminal && !s.IsValid() {
			err = invalidStatus(s)
		}
		attempt := Attempt{N: n, Err: err}
		switch {
		case err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || failed >= opts.Retries):
			report(opts, attempt)
			return last, payload, err
		case err != nil:
			failed++
		default:
			failed = 0
			last, payload = s, p
			attempt.Status = s
			done := !s.ShouldPoll()
			if opts.UntilTerminal {
				done = s.IsTerminal()
			}
			if done {
				report(opts, attempt)
				return last, payload, nil
			}
		}
		attempt.Wait = max(jitter(wait), 0)
		report(opts, attempt)
		if err := clock.Sleep(ctx, attempt.Wait); err != nil {
			return last, payload, fmt.Errorf("taskstatus: polling stopped after attempt %d: %w", n, err)
		}
		if wait > maxWait/2 {
			wait = maxWait // doubling would pass the cap (or overflow)
		} else {
			wait *= 2
		}
	}
}

// pollBounds resolves the backoff bounds: the options, else the polled
// enum's spec, else (for a spec without polling) the defaults.
func pollBounds[S Pollable](opts PollOptions) (initial, maxWait time.Duration) {
	var zero S
	specInitial, specMax := zero.PollBounds()
	initial = firstPositive(opts.Initial, specInitial, DefaultPollInitial)
	maxWait = firstPositive(opts.Max, specMax, DefaultPollMax)
	return initial, max(maxWait, initial)
}

func firstPositive(ds ...time.Duration) time.Duration {
	for _, d := range ds {
		if d > 0 {
			return d
		}
	}
	return 0
}

// invalidStatus is the error of a fetch that returned s, not a valid status.
func invalidStatus[S Pollable](s S) error {
	var zero S
	if s == zero {
		return fmt.Errorf("%w: fetch returned %v, the zero value (did the response carry no status?)", ErrInvalidStatus, s)
	}
	return fmt.Errorf("%w: fetch returned %v", ErrInvalidStatus, s)
}

func report(opts PollOptions, a Attempt) {
	if opts.OnAttempt != nil {
		opts.OnAttempt(a)
	}
}

type realClock struct{}

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
