package status_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/taskstatus/taskstatus/status"
)

// What issue #2 and the original description say of the 13 statuses.
var (
	wantOrder = []string{
		"PENDING", "IN_PROGRESS", "PROCESSING", "COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED",
		"CANCELED", "UNKNOWN", "SKIPPED", "DRAFT", "ACTIVE", "ARCHIVED", "SUSPENDED",
	}
	wantTerminal  = []status.Status{status.Completed, status.CompletedWithErrors, status.Failed, status.Canceled}
	wantPoll      = []status.Status{status.Pending, status.InProgress, status.Processing}
	wantLifecycle = []status.Status{status.Active, status.Archived, status.Suspended}
)

func TestTheThirteenStatuses(t *testing.T) {
	if got := status.StatusNames(); !slices.Equal(got, wantOrder) {
		t.Fatalf("StatusNames() = %v\nwant %v", got, wantOrder)
	}
	for s := range status.StatusValuesSeq() {
		if got, want := s.IsTerminal(), slices.Contains(wantTerminal, s); got != want {
			t.Errorf("%v.IsTerminal() = %v", s, got)
		}
		if got, want := s.ShouldPoll(), slices.Contains(wantPoll, s); got != want {
			t.Errorf("%v.ShouldPoll() = %v", s, got)
		}
		wantCat := status.StatusCategoryOperation
		if slices.Contains(wantLifecycle, s) {
			wantCat = status.StatusCategoryLifecycle
		}
		if s.Category() != wantCat {
			t.Errorf("%v.Category() = %v, want %v", s, s.Category(), wantCat)
		}
		if s.Description() == "" {
			t.Errorf("%v has no description", s)
		}
	}
	if got := status.CompletedWithErrors.Description(); got != "Task finished but some items failed (partial success)" {
		t.Errorf("description = %q", got)
	}
	if status.StatusPollInitial != time.Second || status.StatusPollMax != 30*time.Second {
		t.Errorf("polling bounds %v..%v, want 1s..30s", status.StatusPollInitial, status.StatusPollMax)
	}
	if got := status.StatusCategoryLifecycle.Values(); !slices.Equal(got, wantLifecycle) {
		t.Errorf("lifecycle values = %v", got)
	}
}

func TestZeroValueIsUnset(t *testing.T) {
	var s status.Status
	if s.IsValid() || s.String() != "Status(0)" || s.IsTerminal() || s.ShouldPoll() || s.Category() != 0 {
		t.Errorf("zero Status: valid=%v string=%q", s.IsValid(), s.String())
	}
	b, err := json.Marshal(struct{ S status.Status }{})
	if string(b) != `{"S":null}` || err != nil {
		t.Errorf("zero Status marshals to %s, %v", b, err)
	}
	if v, err := s.Value(); v != nil || err != nil {
		t.Errorf("zero Status Value() = %v, %v", v, err)
	}
}

// The fallback keeps a client decoding when the server adds a status, while
// ParseStatus still reports the unknown name.
func TestFallbackToUnknown(t *testing.T) {
	var task struct{ Status status.Status }
	if err := json.Unmarshal([]byte(`{"Status":"RETRYING"}`), &task); err != nil || task.Status != status.Unknown {
		t.Errorf("unknown JSON name decoded to %v, %v; want UNKNOWN", task.Status, err)
	}
	var s status.Status
	if err := s.Scan("RETRYING"); err != nil || s != status.Unknown {
		t.Errorf("unknown SQL name scanned to %v, %v", s, err)
	}
	_, err := status.ParseStatus("RETRYING")
	var invalid *status.InvalidStatusError
	if !errors.As(err, &invalid) || invalid.Input != "RETRYING" {
		t.Errorf("ParseStatus(RETRYING) error = %v", err)
	}
	want := `status: invalid Status "RETRYING"; valid names are PENDING, IN_PROGRESS, PROCESSING, COMPLETED, ` +
		`COMPLETED_WITH_ERRORS, FAILED, CANCELED, UNKNOWN, SKIPPED, DRAFT, ACTIVE, ARCHIVED, SUSPENDED`
	if err.Error() != want {
		t.Errorf("error text:\n got %s\nwant %s", err, want)
	}
	// A non-string token is still an error, and leaves the field alone.
	task.Status = status.Failed
	if err := json.Unmarshal([]byte(`{"Status":3}`), &task); err == nil || task.Status != status.Failed {
		t.Errorf("number decoded to %v, %v", task.Status, err)
	}
}

// yaml.v3 uses the text interfaces: the spec's wire names in YAML config.
func TestYAMLThroughTextInterfaces(t *testing.T) {
	type config struct {
		Initial status.Status   `yaml:"initial"`
		Allowed []status.Status `yaml:"allowed"`
	}
	in := config{Initial: status.Draft, Allowed: []status.Status{status.Pending, status.CompletedWithErrors}}
	out, err := yaml.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := "initial: DRAFT\nallowed:\n    - PENDING\n    - COMPLETED_WITH_ERRORS\n"; string(out) != want {
		t.Errorf("yaml.Marshal:\n%s\nwant\n%s", out, want)
	}
	var back config
	if err := yaml.Unmarshal(out, &back); err != nil || back.Initial != in.Initial || !slices.Equal(back.Allowed, in.Allowed) {
		t.Errorf("yaml round trip = %+v, %v", back, err)
	}
	// Config is written by hand: a typo is an error, never the fallback.
	err = yaml.Unmarshal([]byte("initial: pending\n"), &back)
	var invalid *status.InvalidStatusError
	if !errors.As(err, &invalid) || invalid.Input != "pending" || back.Initial != in.Initial {
		t.Errorf("wrong-case YAML name decoded to %v, %v; want an *InvalidStatusError", back.Initial, err)
	}
}
