package status

import (
	"encoding/json"
	"fmt"
	"math"
)

// A Result is the outcome of a batch task: the items that succeeded, and
// the items that failed with why. COMPLETED_WITH_ERRORS means a Result with
// both; Status says which status a Result implies.
//
// Its JSON form is stable:
//
//	{"status":"COMPLETED_WITH_ERRORS","success_rate":66.67,
//	 "successful_items":[...],"failed_items":[{"item":"b","code":"E1","message":"..."}]}
//
// status and success_rate are computed when encoding; when decoding they
// are optional, and a stated value that contradicts the items is an error,
// so a client never acts on a self-contradictory result.
type Result[T any] struct {
	Succeeded []T
	Failed    []ItemError
}

// ItemError says why one item of a batch failed.
type ItemError struct {
	Item    string `json:"item"`    // which item: its ID or key
	Code    string `json:"code"`    // a machine-readable error code
	Message string `json:"message"` // for people
}

func (e ItemError) Error() string {
	return fmt.Sprintf("item %s: %s: %s", e.Item, e.Code, e.Message)
}

// SuccessRate is the percentage of items that succeeded, rounded to two
// decimals. An empty batch has nothing that failed: its rate is 100.
func (r Result[T]) SuccessRate() float64 {
	total := len(r.Succeeded) + len(r.Failed)
	if total == 0 {
		return 100
	}
	return math.Round(10000*float64(len(r.Succeeded))/float64(total)) / 100
}

// Status is the terminal status the items imply: Completed when none
// failed (an empty batch included: it finished with no errors),
// CompletedWithErrors when some did, Failed when all did.
func (r Result[T]) Status() Status {
	switch {
	case len(r.Failed) == 0:
		return Completed
	case len(r.Succeeded) == 0:
		return Failed
	default:
		return CompletedWithErrors
	}
}

// resultJSON is the wire form; pointers tell absent fields from zero ones.
type resultJSON[T any] struct {
	Status      *Status     `json:"status,omitempty"`
	SuccessRate *float64    `json:"success_rate,omitempty"`
	Succeeded   []T         `json:"successful_items"`
	Failed      []ItemError `json:"failed_items"`
}

// MarshalJSON writes the items with the status and success rate they
// imply. Empty lists are written as [], never null.
func (r Result[T]) MarshalJSON() ([]byte, error) {
	s, rate := r.Status(), r.SuccessRate()
	w := resultJSON[T]{Status: &s, SuccessRate: &rate, Succeeded: r.Succeeded, Failed: r.Failed}
	if w.Succeeded == nil {
		w.Succeeded = []T{}
	}
	if w.Failed == nil {
		w.Failed = []ItemError{}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a result and checks the stated status and success
// rate, when present, against the items. On error r is left as it was.
func (r *Result[T]) UnmarshalJSON(data []byte) error {
	var w resultJSON[T]
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	got := Result[T]{Succeeded: w.Succeeded, Failed: w.Failed}
	if w.Status != nil && *w.Status != got.Status() {
		return fmt.Errorf("status: result says %v but has %d succeeded and %d failed items, which is %v",
			*w.Status, len(got.Succeeded), len(got.Failed), got.Status())
	}
	if w.SuccessRate != nil && math.Abs(*w.SuccessRate-got.SuccessRate()) > 0.005 {
		return fmt.Errorf("status: result says success rate %v%% but its items give %v%%", *w.SuccessRate, got.SuccessRate())
	}
	*r = got
	return nil
}
