package status

import (
	"bytes"
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
// so a client never acts on a self-contradictory result. A stated rate is
// accepted when it is the exact rate rounded to two decimals either way
// (66.66 or 66.67 for 2 of 3), so peers that truncate or round up agree.
// JSON null leaves a Result as it was, as it does an enum.
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
// decimals, except that a mixed result never reads 100 or 0: where the
// nearest value would, it is rounded toward the truth instead, to 99.99
// (199,999 of 200,000) or 0.01 (1 of 200,000), so the rate never
// contradicts the status. An empty batch has nothing that failed: its rate
// is 100.
func (r Result[T]) SuccessRate() float64 {
	ok, total := len(r.Succeeded), len(r.Succeeded)+len(r.Failed)
	if total == 0 {
		return 100
	}
	rate := math.Round(10000*float64(ok)/float64(total)) / 100
	if ok > 0 && ok < total {
		rate = min(max(rate, 0.01), 99.99)
	}
	return rate
}

// rateBounds returns the exact success rate rounded down and up to two
// decimals: the range of rates a peer may state for these items. Integer
// arithmetic, so the bounds are exact.
func (r Result[T]) rateBounds() (lo, hi float64) {
	ok, total := len(r.Succeeded), len(r.Succeeded)+len(r.Failed)
	if total == 0 {
		return 100, 100
	}
	basisPoints := ok * 10000 / total
	lo, hi = float64(basisPoints)/100, float64(basisPoints)/100
	if ok*10000%total != 0 {
		hi = float64(basisPoints+1) / 100
	}
	return lo, hi
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
// The status is a string, not a Status, so that decoding sees what the
// peer wrote rather than the fallback it would decode to.
type resultJSON[T any] struct {
	Status      *string     `json:"status,omitempty"`
	SuccessRate *float64    `json:"success_rate,omitempty"`
	Succeeded   []T         `json:"successful_items"`
	Failed      []ItemError `json:"failed_items"`
}

// MarshalJSON writes the items with the status and success rate they
// imply. Empty lists are written as [], never null.
func (r Result[T]) MarshalJSON() ([]byte, error) {
	s, rate := r.Status().String(), r.SuccessRate()
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
// rate, when present, against the items. On error r is left as it was, and
// JSON null leaves it as it was too.
func (r *Result[T]) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	var w resultJSON[T]
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	got := Result[T]{Succeeded: w.Succeeded, Failed: w.Failed}
	if w.Status != nil {
		stated, err := ParseStatus(*w.Status)
		if err != nil {
			return fmt.Errorf("status: result says status %q, which is not a Status", *w.Status)
		}
		if stated != got.Status() {
			return fmt.Errorf("status: result says %v but has %d succeeded and %d failed items, which is %v",
				stated, len(got.Succeeded), len(got.Failed), got.Status())
		}
	}
	if w.SuccessRate != nil {
		// A float parsed from "66.66" and 6666/100 are the same float64;
		// the margin absorbs a peer whose arithmetic lands a hair off
		// (66.66000000000001).
		const margin = 1e-9
		if lo, hi := got.rateBounds(); *w.SuccessRate < lo-margin || *w.SuccessRate > hi+margin {
			return fmt.Errorf("status: result says success rate %v%% but its items give %v%% (%d of %d)",
				*w.SuccessRate, got.SuccessRate(), len(got.Succeeded), len(got.Succeeded)+len(got.Failed))
		}
	}
	*r = got
	return nil
}
