package taskstatus_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taskstatus/taskstatus"
	"github.com/taskstatus/taskstatus/internal/batchstatus"
	"github.com/taskstatus/taskstatus/internal/testenum"
	"github.com/taskstatus/taskstatus/status"
)

// fakeClock records every wait instead of sleeping. cancel, if set, is
// called on the wait numbered cancelAt (1-based), to play a caller giving
// up mid-wait.
type fakeClock struct {
	waits    []time.Duration
	cancel   context.CancelFunc
	cancelAt int
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.waits = append(c.waits, d)
	if c.cancel != nil && len(c.waits) == c.cancelAt {
		c.cancel()
	}
	return ctx.Err()
}

// sequence returns a fetch that yields the given statuses in order, with
// the attempt number as payload, and then the last one forever.
func sequence(ss ...status.Status) func(context.Context) (status.Status, int, error) {
	n := 0
	return func(context.Context) (status.Status, int, error) {
		n++
		return ss[min(n, len(ss))-1], n, nil
	}
}

func TestPollBackoffSequence(t *testing.T) {
	clock := &fakeClock{}
	ss := slices.Repeat([]status.Status{status.Pending}, 8)
	got, attempts, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Jitter: taskstatus.NoJitter, Clock: clock},
		sequence(append(ss, status.Completed)...))
	if got != status.Completed || attempts != 9 || err != nil {
		t.Fatalf("Poll = %v, %d, %v; want COMPLETED after 9 attempts", got, attempts, err)
	}
	s := time.Second
	want := []time.Duration{1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s, 30 * s}
	if !slices.Equal(clock.waits, want) {
		t.Errorf("waits %v, want %v", clock.waits, want)
	}
}

func TestPollCustomBoundsAndEqualJitter(t *testing.T) {
	clock := &fakeClock{}
	opts := taskstatus.PollOptions{Initial: 100 * time.Millisecond, Max: 250 * time.Millisecond, Clock: clock}
	_, _, err := taskstatus.Poll(context.Background(), opts, sequence(status.Pending, status.InProgress, status.Processing, status.Processing, status.Failed))
	if err != nil {
		t.Fatal(err)
	}
	nominal := []time.Duration{100, 200, 250, 250}
	if len(clock.waits) != len(nominal) {
		t.Fatalf("waits %v", clock.waits)
	}
	for i, w := range clock.waits {
		d := nominal[i] * time.Millisecond
		if w < d/2 || w > d {
			t.Errorf("wait %d = %v, want within [%v, %v]", i, w, d/2, d)
		}
	}
}

// Poll follows the spec of the enum it polls: BatchStatus declares 5s
// doubling to 1m, and its waits are those, not the statuses' 1s to 30s.
// Options still win over the spec, and an enum whose spec declares no
// polling (testenum.Sample) gets DefaultPollInitial and DefaultPollMax.
func TestPollFollowsTheEnumsBounds(t *testing.T) {
	s := time.Second
	batches := func() func(context.Context) (batchstatus.BatchStatus, int, error) {
		ss := []batchstatus.BatchStatus{batchstatus.Validating, batchstatus.InProgress, batchstatus.InProgress,
			batchstatus.InProgress, batchstatus.Finalizing, batchstatus.Finalizing, batchstatus.Completed}
		n := 0
		return func(context.Context) (batchstatus.BatchStatus, int, error) {
			n++
			return ss[n-1], n, nil
		}
	}
	for _, tt := range []struct {
		name string
		opts taskstatus.PollOptions
		want []time.Duration
	}{
		{"spec bounds", taskstatus.PollOptions{}, []time.Duration{5 * s, 10 * s, 20 * s, 40 * s, 60 * s, 60 * s}},
		{"initial set", taskstatus.PollOptions{Initial: 20 * s}, []time.Duration{20 * s, 40 * s, 60 * s, 60 * s, 60 * s, 60 * s}},
		{"max set", taskstatus.PollOptions{Max: 15 * s}, []time.Duration{5 * s, 10 * s, 15 * s, 15 * s, 15 * s, 15 * s}},
	} {
		clock := &fakeClock{}
		tt.opts.Jitter, tt.opts.Clock = taskstatus.NoJitter, clock
		got, n, err := taskstatus.Poll(context.Background(), tt.opts, batches())
		if got != batchstatus.Completed || n != 7 || err != nil {
			t.Errorf("%s: Poll = %v, %d, %v; want completed after 7 attempts", tt.name, got, n, err)
		}
		if !slices.Equal(clock.waits, tt.want) {
			t.Errorf("%s: waits %v, want %v", tt.name, clock.waits, tt.want)
		}
	}

	clock := &fakeClock{}
	n := 0
	_, _, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Jitter: taskstatus.NoJitter, Clock: clock},
		func(context.Context) (testenum.Sample, int, error) {
			n++
			if n < 7 {
				return testenum.Mid005, n, nil
			}
			return testenum.S0, n, nil
		})
	if want := []time.Duration{1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s}; err != nil || !slices.Equal(clock.waits, want) {
		t.Errorf("a spec without polling: waits %v, %v; want the defaults %v", clock.waits, err, want)
	}
}

// DefaultPollInitial's doc comment says the defaults are the bounds of this
// module's statuses.yaml; this keeps it true when the spec changes.
func TestDefaultPollBoundsAreTheStatuses(t *testing.T) {
	if taskstatus.DefaultPollInitial != status.StatusPollInitial || taskstatus.DefaultPollMax != status.StatusPollMax {
		t.Errorf("defaults %v..%v, statuses.yaml says %v..%v", taskstatus.DefaultPollInitial, taskstatus.DefaultPollMax,
			status.StatusPollInitial, status.StatusPollMax)
	}
}

// A status that is not valid is no answer: a response without a status
// field decodes to the zero value, which neither polls nor ends. Poll
// treats it as a failed fetch, retried like one and then returned as an
// error naming the value.
func TestPollRejectsInvalidStatus(t *testing.T) {
	var task struct {
		ID     string                  `json:"id"`
		Status batchstatus.BatchStatus `json:"status"`
	}
	fetches := 0
	got, _, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Clock: &fakeClock{}}, func(context.Context) (batchstatus.BatchStatus, string, error) {
		fetches++
		if err := json.Unmarshal([]byte(`{"id":"batch_abc"}`), &task); err != nil {
			return 0, "", err
		}
		return task.Status, task.ID, nil
	})
	const wantErr = "taskstatus: not a valid status: fetch returned BatchStatus(0), the zero value (did the response carry no status?)"
	if err == nil || err.Error() != wantErr || !errors.Is(err, taskstatus.ErrInvalidStatus) || got != 0 || fetches != 1 {
		t.Errorf("no status in the response: Poll = %v, %v after %d fetches; want the error %q", got, err, fetches, wantErr)
	}

	// Out of range: retried like a failed fetch, then returned with the
	// last valid status.
	clock := &fakeClock{}
	var attempts []taskstatus.Attempt
	opts := taskstatus.PollOptions{Retries: 1, Jitter: taskstatus.NoJitter, Clock: clock, OnAttempt: func(a taskstatus.Attempt) { attempts = append(attempts, a) }}
	last, n, err := taskstatus.Poll(context.Background(), opts, sequence(status.Pending, status.Status(200), status.Status(200), status.Completed))
	const wantErr200 = "taskstatus: not a valid status: fetch returned Status(200)"
	if err == nil || err.Error() != wantErr200 || !errors.Is(err, taskstatus.ErrInvalidStatus) || last != status.Pending || n != 1 {
		t.Errorf("Status(200) twice, one retry: Poll = %v, %d, %v; want PENDING, 1, %q", last, n, err, wantErr200)
	}
	if len(attempts) != 3 || attempts[1].Status != nil || attempts[1].Err == nil || len(clock.waits) != 2 {
		t.Errorf("attempts %+v, waits %v; want 3 attempts, the invalid ones with an error and no status, 2 waits", attempts, clock.waits)
	}
	opts = taskstatus.PollOptions{Retries: 2, Clock: &fakeClock{}}
	last, n, err = taskstatus.Poll(context.Background(), opts, sequence(status.Pending, status.Status(200), status.Status(200), status.Completed))
	if last != status.Completed || n != 4 || err != nil {
		t.Errorf("Status(200) twice, two retries: Poll = %v, %d, %v; want COMPLETED after 4 fetches", last, n, err)
	}
}

// EqualJitter of a wait of zero or less is no wait, never a panic; Poll
// never reports a negative wait even when a custom Jitter returns one.
func TestJitterOfNonPositiveWaits(t *testing.T) {
	for _, d := range []time.Duration{0, -1, -time.Second, math.MinInt64} {
		if j := taskstatus.EqualJitter(d); j != 0 {
			t.Errorf("EqualJitter(%v) = %v, want 0", d, j)
		}
	}
	if j := taskstatus.EqualJitter(math.MaxInt64); j < math.MaxInt64/2 {
		t.Errorf("EqualJitter(MaxInt64) = %v", j)
	}
	clock := &fakeClock{}
	opts := taskstatus.PollOptions{Clock: clock, Jitter: func(time.Duration) time.Duration { return -time.Second }}
	if _, _, err := taskstatus.Poll(context.Background(), opts, sequence(status.Pending, status.Pending, status.Completed)); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{0, 0}; !slices.Equal(clock.waits, want) {
		t.Errorf("a negative jitter: waits %v, want %v", clock.waits, want)
	}
}

func TestEqualJitterBounds(t *testing.T) {
	for _, d := range []time.Duration{0, 1, 2, 3, time.Second, 30 * time.Second} {
		for range 1000 {
			if j := taskstatus.EqualJitter(d); j < d/2 || j > d {
				t.Fatalf("EqualJitter(%v) = %v", d, j)
			}
		}
	}
}

// A status that neither ends nor asks to be polled (UNKNOWN, DRAFT, the
// lifecycle statuses) stops polling too.
func TestPollStopsWhenNotPolling(t *testing.T) {
	clock := &fakeClock{}
	got, n, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Clock: clock}, sequence(status.Pending, status.Unknown))
	if got != status.Unknown || n != 2 || err != nil || len(clock.waits) != 1 {
		t.Errorf("Poll = %v, %d, %v after %d waits", got, n, err, len(clock.waits))
	}
}

func TestPollRetriesTransientErrors(t *testing.T) {
	errFlaky := errors.New("503 service unavailable")
	flaky := func(failures int) func(context.Context) (status.Status, string, error) {
		n := 0
		return func(context.Context) (status.Status, string, error) {
			n++
			switch {
			case n == 1:
				return status.InProgress, "first", nil
			case n <= 1+failures:
				return 0, "", errFlaky
			}
			return status.Completed, "done", nil
		}
	}
	clock := &fakeClock{}
	got, payload, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Retries: 2, Jitter: taskstatus.NoJitter, Clock: clock}, flaky(2))
	if got != status.Completed || payload != "done" || err != nil {
		t.Errorf("two failures, two retries: %v %q %v", got, payload, err)
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !slices.Equal(clock.waits, want) {
		t.Errorf("errors should back off like polls: waits %v, want %v", clock.waits, want)
	}
	got, payload, err = taskstatus.Poll(context.Background(), taskstatus.PollOptions{Retries: 1, Clock: &fakeClock{}}, flaky(2))
	if !errors.Is(err, errFlaky) || got != status.InProgress || payload != "first" {
		t.Errorf("two failures, one retry: want the last status and the error, got %v %q %v", got, payload, err)
	}
	_, _, err = taskstatus.Poll(context.Background(), taskstatus.PollOptions{Clock: &fakeClock{}}, flaky(1))
	if !errors.Is(err, errFlaky) {
		t.Errorf("no retries by default: got %v", err)
	}
}

func TestPollHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	clock := &fakeClock{cancel: cancel, cancelAt: 2}
	got, n, err := taskstatus.Poll(ctx, taskstatus.PollOptions{Clock: clock}, sequence(status.Pending, status.Processing, status.Completed))
	if !errors.Is(err, context.Canceled) || got != status.Processing || n != 2 {
		t.Errorf("cancelled in the second wait: got %v, %d, %v", got, n, err)
	}

	// A context done before the first fetch: no fetch at all.
	calls := 0
	_, _, err = taskstatus.Poll(ctx, taskstatus.PollOptions{}, func(context.Context) (status.Status, int, error) {
		calls++
		return status.Pending, 0, nil
	})
	if !errors.Is(err, context.Canceled) || calls != 0 {
		t.Errorf("done context: %d fetches, %v", calls, err)
	}

	// A fetch that fails with the context's error is not retried.
	calls = 0
	_, _, err = taskstatus.Poll(context.Background(), taskstatus.PollOptions{Retries: 5, Clock: &fakeClock{}}, func(context.Context) (status.Status, int, error) {
		calls++
		return 0, 0, context.DeadlineExceeded
	})
	if !errors.Is(err, context.DeadlineExceeded) || calls != 1 {
		t.Errorf("context error from fetch: %d fetches, %v", calls, err)
	}
}

// The real clock gives up waiting when the deadline passes: with an hour
// between polls, Poll returns only because it honours the deadline.
func TestPollHonoursDeadlineWithRealClock(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	got, _, err := taskstatus.Poll(ctx, taskstatus.PollOptions{Initial: time.Hour}, sequence(status.Pending))
	if !errors.Is(err, context.DeadlineExceeded) || got != status.Pending {
		t.Errorf("got %v, %v", got, err)
	}
}

func TestAttemptLogsItsError(t *testing.T) {
	a := taskstatus.Attempt{N: 3, Err: errors.New("503"), Wait: 4 * time.Second}
	if got := a.LogValue().String(); got != "[n=3 wait=4s error=503]" {
		t.Errorf("LogValue = %s", got)
	}
}

// Poll starts no goroutine: after many polls ended by deadlines and
// cancellations mid-wait, none is left behind.
func TestPollLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	for i := range 50 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i%3)*time.Millisecond)
		if i%2 == 0 {
			cancel()
		}
		taskstatus.Poll(ctx, taskstatus.PollOptions{Initial: time.Hour}, sequence(status.Pending))
		cancel()
	}
	// Timers and contexts have no goroutines of their own; give the
	// runtime a moment to retire any exiting ones before counting.
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("%d goroutines before, %d after", before, runtime.NumGoroutine())
}

func TestPollReportsAttempts(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	var seen []string
	opts := taskstatus.PollOptions{Jitter: taskstatus.NoJitter, Clock: &fakeClock{}, OnAttempt: func(a taskstatus.Attempt) {
		seen = append(seen, a.Status.String())
		logger.Info("poll", "attempt", a)
	}}
	if _, _, err := taskstatus.Poll(context.Background(), opts, sequence(status.Pending, status.InProgress, status.Completed)); err != nil {
		t.Fatal(err)
	}
	if want := []string{"PENDING", "IN_PROGRESS", "COMPLETED"}; !slices.Equal(seen, want) {
		t.Errorf("OnAttempt saw %v, want %v", seen, want)
	}
	want := `level=INFO msg=poll attempt.n=1 attempt.wait=1s attempt.status=PENDING
level=INFO msg=poll attempt.n=2 attempt.wait=2s attempt.status=IN_PROGRESS
level=INFO msg=poll attempt.n=3 attempt.wait=0s attempt.status=COMPLETED
`
	if buf.String() != want {
		t.Errorf("slog output:\n%s\nwant\n%s", buf.String(), want)
	}
}

// Poll is generic: any type with the methods of Pollable works.
type phase int

func (p phase) IsValid() bool                            { return p >= 0 }
func (p phase) ShouldPoll() bool                         { return p < 2 }
func (p phase) IsTerminal() bool                         { return p >= 2 }
func (p phase) PollBounds() (initial, max time.Duration) { return 0, 0 }
func (p phase) String() string                           { return strings.Repeat("*", int(p)) }

func TestPollOtherEnum(t *testing.T) {
	n := 0
	got, _, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Clock: &fakeClock{}}, func(context.Context) (phase, struct{}, error) {
		n++
		return phase(n - 1), struct{}{}, nil
	})
	if got != 2 || err != nil {
		t.Errorf("got %v, %v", got, err)
	}
}

// decodeTask is a fetch over a server's successive JSON responses, decoded
// as a client does, into a fresh struct each time; the payload is the
// number of the fetch. Past the last response it repeats the last one.
func decodeTask(responses ...string) func(context.Context) (status.Status, int, error) {
	n := 0
	return func(context.Context) (status.Status, int, error) {
		n++
		var task struct {
			State status.Status `json:"state"`
		}
		err := json.Unmarshal([]byte(responses[min(n, len(responses))-1]), &task)
		return task.State, n, err
	}
}

// A status this build does not know decodes to the spec's fallback
// (UNKNOWN), which neither ends a task nor asks to be polled: by default
// Poll stops there and reports success while the task still runs. With
// UntilTerminal it goes on through it to the end, and OnAttempt sees it.
func TestPollUntilTerminalThroughUnknownValues(t *testing.T) {
	responses := []string{`{"state":"PENDING"}`, `{"state":"RETRYING"}`, `{"state":"RETRYING"}`, `{"state":"COMPLETED"}`}

	got, n, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Clock: &fakeClock{}}, decodeTask(responses...))
	if got != status.Unknown || n != 2 || err != nil {
		t.Errorf("default mode: Poll = %v, %d, %v; want UNKNOWN after 2 fetches, no error (the documented stop on a value that does not poll)", got, n, err)
	}

	var seen []string
	clock := &fakeClock{}
	opts := taskstatus.PollOptions{UntilTerminal: true, Jitter: taskstatus.NoJitter, Clock: clock,
		OnAttempt: func(a taskstatus.Attempt) { seen = append(seen, a.Status.String()) }}
	got, n, err = taskstatus.Poll(context.Background(), opts, decodeTask(responses...))
	if got != status.Completed || n != 4 || err != nil {
		t.Errorf("UntilTerminal: Poll = %v, %d, %v; want COMPLETED after 4 fetches", got, n, err)
	}
	if want := []string{"PENDING", "UNKNOWN", "UNKNOWN", "COMPLETED"}; !slices.Equal(seen, want) {
		t.Errorf("UntilTerminal: OnAttempt saw %v, want %v", seen, want)
	}
	s := time.Second
	if want := []time.Duration{1 * s, 2 * s, 4 * s}; !slices.Equal(clock.waits, want) {
		t.Errorf("UntilTerminal: waits %v, want the backoff %v", clock.waits, want)
	}
}

// A task with no state yet: a server that sends "state": null (as
// Airflow does for a task instance not yet scheduled) gives the unset
// value. By default that is an invalid status, an error once retries run
// out; with UntilTerminal it is one more value to wait through.
func TestPollUntilTerminalThroughUnsetValues(t *testing.T) {
	responses := []string{`{"state":null}`, `{"state":null}`, `{"state":"IN_PROGRESS"}`, `{}`, `{"state":"FAILED"}`}

	got, n, err := taskstatus.Poll(context.Background(), taskstatus.PollOptions{Clock: &fakeClock{}}, decodeTask(responses...))
	if !errors.Is(err, taskstatus.ErrInvalidStatus) || got != 0 || n != 0 {
		t.Errorf("default mode: Poll = %v, %d, %v; want the unset value and ErrInvalidStatus after the first fetch", got, n, err)
	}

	var attempts []taskstatus.Attempt
	opts := taskstatus.PollOptions{UntilTerminal: true, Clock: &fakeClock{},
		OnAttempt: func(a taskstatus.Attempt) { attempts = append(attempts, a) }}
	got, n, err = taskstatus.Poll(context.Background(), opts, decodeTask(responses...))
	if got != status.Failed || n != 5 || err != nil {
		t.Errorf("UntilTerminal: Poll = %v, %d, %v; want FAILED after 5 fetches", got, n, err)
	}
	var seen []string
	for _, a := range attempts {
		if a.Err != nil || a.Status == nil {
			t.Errorf("UntilTerminal: attempt %d reported %v, %v; want its status and no error", a.N, a.Status, a.Err)
			continue
		}
		seen = append(seen, a.Status.String())
	}
	if want := []string{"Status(0)", "Status(0)", "IN_PROGRESS", "Status(0)", "FAILED"}; !slices.Equal(seen, want) {
		t.Errorf("UntilTerminal: OnAttempt saw %v, want %v", seen, want)
	}
}

// UntilTerminal waits through a value that is not valid and one the spec
// neither polls nor ends (SUSPENDED) for as long as they last: only the
// context ends a task that never reaches a terminal status. Fetch errors
// are still retried only opts.Retries times.
func TestPollUntilTerminalEndsOnlyWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := &fakeClock{cancel: cancel, cancelAt: 6}
	var seen []string
	opts := taskstatus.PollOptions{UntilTerminal: true, Clock: clock, OnAttempt: func(a taskstatus.Attempt) { seen = append(seen, a.Status.String()) }}
	got, n, err := taskstatus.Poll(ctx, opts, sequence(status.Draft, status.Status(200), status.Active, status.Suspended))
	if got != status.Suspended || n != 6 || !errors.Is(err, context.Canceled) {
		t.Errorf("Poll = %v, %d, %v; want SUSPENDED after 6 fetches and the context's error", got, n, err)
	}
	if want := []string{"DRAFT", "Status(200)", "ACTIVE", "SUSPENDED", "SUSPENDED", "SUSPENDED"}; !slices.Equal(seen, want) {
		t.Errorf("OnAttempt saw %v, want %v", seen, want)
	}

	errFlaky := errors.New("503 service unavailable")
	fetches := 0
	opts = taskstatus.PollOptions{UntilTerminal: true, Retries: 1, Clock: &fakeClock{}}
	got, n, err = taskstatus.Poll(context.Background(), opts, func(context.Context) (status.Status, int, error) {
		fetches++
		if fetches == 1 {
			return status.Unknown, fetches, nil
		}
		return 0, 0, errFlaky
	})
	if got != status.Unknown || n != 1 || !errors.Is(err, errFlaky) || fetches != 3 {
		t.Errorf("two failures, one retry: Poll = %v, %d, %v after %d fetches; want UNKNOWN, 1 and the error after 3", got, n, err, fetches)
	}
}
