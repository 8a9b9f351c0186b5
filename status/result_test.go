package status_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/golden"
	"github.com/taskstatus/taskstatus/status"
)

// TestResultJSONShape pins the wire form of results in testdata/result.golden
// (go test ./status -update rewrites it).
func TestResultJSONShape(t *testing.T) {
	cases := []struct {
		name string
		r    status.Result[string]
	}{
		{"partial", status.Result[string]{Succeeded: []string{"a", "c"}, Failed: []status.ItemError{{"b", "TOO_LARGE", `object "b" exceeds 5 MiB`}}}},
		{"all succeeded", status.Result[string]{Succeeded: []string{"a"}}},
		{"all failed", status.Result[string]{Failed: []status.ItemError{{"a", "E", "x"}, {"b", "E", "y"}, {"c", "E", "z"}}}},
		{"empty batch", status.Result[string]{}},
	}
	var got strings.Builder
	for _, c := range cases {
		b, err := json.Marshal(c.r)
		if err != nil {
			t.Fatal(err)
		}
		got.WriteString(c.name + ": " + string(b) + "\n")
		var back status.Result[string]
		if err := json.Unmarshal(b, &back); err != nil || back.Status() != c.r.Status() || len(back.Failed) != len(c.r.Failed) {
			t.Errorf("%s: round trip gave %+v, %v", c.name, back, err)
		}
	}
	golden.File(t, "testdata/result.golden", []byte(got.String()))
}

func TestResultStatusAndRate(t *testing.T) {
	for _, tt := range []struct {
		ok, failed int
		want       status.Status
		rate       float64
	}{
		{0, 0, status.Completed, 100},
		{3, 0, status.Completed, 100},
		{2, 1, status.CompletedWithErrors, 66.67},
		{1, 2, status.CompletedWithErrors, 33.33},
		{1, 999, status.CompletedWithErrors, 0.1},
		{0, 4, status.Failed, 0},
		// Mixed results never read 100 or 0, which would contradict the
		// status: nearest is 100.00 and 0.00, toward the truth is this.
		{199999, 1, status.CompletedWithErrors, 99.99},
		{1, 199999, status.CompletedWithErrors, 0.01},
		{19999, 1, status.CompletedWithErrors, 99.99},
		{1, 19999, status.CompletedWithErrors, 0.01},
	} {
		r := status.Result[int]{Succeeded: make([]int, tt.ok), Failed: make([]status.ItemError, tt.failed)}
		if r.Status() != tt.want || r.SuccessRate() != tt.rate {
			t.Errorf("%d ok, %d failed: %v %v; want %v %v", tt.ok, tt.failed, r.Status(), r.SuccessRate(), tt.want, tt.rate)
		}
		if !r.Status().IsTerminal() {
			t.Errorf("a result's status must be terminal, got %v", r.Status())
		}
	}
}

func TestResultRejectsContradictions(t *testing.T) {
	keep := status.Result[string]{Succeeded: []string{"kept"}}
	for _, doc := range []string{
		`{"status":"COMPLETED","successful_items":["a"],"failed_items":[{"item":"b","code":"E","message":"m"}]}`,
		`{"status":"FAILED","successful_items":["a"],"failed_items":[]}`,
		`{"status":"PENDING","successful_items":[],"failed_items":[]}`,
		`{"success_rate":50,"successful_items":["a","b","c"],"failed_items":[{"item":"d","code":"E","message":"m"}]}`,
		`{"status":"COMPLETED","successful_items":"a"}`,
	} {
		r := keep
		if err := json.Unmarshal([]byte(doc), &r); err == nil {
			t.Errorf("accepted %s", doc)
		} else if len(r.Succeeded) != 1 || r.Succeeded[0] != "kept" {
			t.Errorf("a failed decode changed the result: %+v", r)
		}
	}
	var r status.Result[string]
	doc := `{"successful_items":["a","b"],"failed_items":[{"item":"c","code":"E","message":"m"}]}`
	if err := json.Unmarshal([]byte(doc), &r); err != nil || r.Status() != status.CompletedWithErrors {
		t.Errorf("status and rate are optional when decoding: %v, %v", r.Status(), err)
	}
	doc = `{"status":"COMPLETED_WITH_ERRORS","success_rate":66.67,"successful_items":["a","b"],"failed_items":[{"item":"c","code":"E","message":"m"}]}`
	if err := json.Unmarshal([]byte(doc), &r); err != nil {
		t.Errorf("consistent result rejected: %v", err)
	}
}

// resultDoc is a result's JSON with the given counts of items and the given
// status and success_rate members (omitted when empty).
func resultDoc(ok, failed int, stated, rate string) string {
	var b strings.Builder
	b.WriteString("{")
	if stated != "" {
		b.WriteString(`"status":` + stated + ",")
	}
	if rate != "" {
		b.WriteString(`"success_rate":` + rate + ",")
	}
	b.WriteString(`"successful_items":[` + strings.TrimSuffix(strings.Repeat(`"ok",`, ok), ",") + `],"failed_items":[`)
	b.WriteString(strings.TrimSuffix(strings.Repeat(`{"item":"x","code":"E","message":"m"},`, failed), ","))
	b.WriteString("]}")
	return b.String()
}

// A peer may round the rate either way to two decimals (66.66 or 66.67
// for 2 of 3); anything further from the truth is a contradiction.
func TestResultAcceptsRatesRoundedEitherWay(t *testing.T) {
	for _, tt := range []struct {
		ok, failed int
		accept     []string
		reject     []string
	}{
		{2, 1, []string{"66.67", "66.66", "66.666", "66.66000000000001"}, []string{"66.65", "66.68", "67", "66"}},
		{1, 2, []string{"33.33", "33.34"}, []string{"33.32", "33.35"}},
		{1, 1, []string{"50", "50.00"}, []string{"49.99", "50.01"}},
		{19999, 1, []string{"99.99", "100"}, []string{"99.98"}},
		{1, 19999, []string{"0.01", "0"}, []string{"0.02"}},
		{0, 0, []string{"100"}, []string{"99.99", "0"}},
		{0, 3, []string{"0"}, []string{"0.01", "-0.01"}},
	} {
		for _, rate := range tt.accept {
			var r status.Result[string]
			if err := json.Unmarshal([]byte(resultDoc(tt.ok, tt.failed, "", rate)), &r); err != nil {
				t.Errorf("%d of %d at %s%%: rejected: %v", tt.ok, tt.ok+tt.failed, rate, err)
			}
		}
		for _, rate := range tt.reject {
			var r status.Result[string]
			if err := json.Unmarshal([]byte(resultDoc(tt.ok, tt.failed, "", rate)), &r); err == nil {
				t.Errorf("%d of %d at %s%%: accepted", tt.ok, tt.ok+tt.failed, rate)
			}
		}
	}
	var r status.Result[string]
	err := json.Unmarshal([]byte(resultDoc(2, 1, "", "66.65")), &r)
	if want := "status: result says success rate 66.65% but its items give 66.67% (2 of 3)"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

// What a Result encodes, it decodes: mixed results at the edges included.
func TestResultRoundTripsAtTheEdges(t *testing.T) {
	for _, n := range [][2]int{{199999, 1}, {1, 19999}, {2, 1}, {0, 0}} {
		in := status.Result[int]{Succeeded: make([]int, n[0]), Failed: make([]status.ItemError, n[1])}
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		var out status.Result[int]
		if err := json.Unmarshal(b, &out); err != nil || len(out.Succeeded) != n[0] || len(out.Failed) != n[1] {
			t.Errorf("%v: round trip gave %d, %d, %v", n, len(out.Succeeded), len(out.Failed), err)
		}
	}
}

// JSON null leaves a Result as it was, as it leaves an enum: a peer that
// writes "result": null has said nothing about the items.
func TestResultNullLeavesItUntouched(t *testing.T) {
	filled := func() status.Result[string] {
		return status.Result[string]{Succeeded: []string{"a"}, Failed: []status.ItemError{{"b", "E", "m"}}}
	}
	r := filled()
	if err := r.UnmarshalJSON([]byte("null")); err != nil || r.Status() != status.CompletedWithErrors || len(r.Succeeded) != 1 || len(r.Failed) != 1 {
		t.Errorf("UnmarshalJSON(null) = %v, left %+v", err, r)
	}
	var doc struct {
		Result status.Result[string] `json:"result"`
		Status status.Status         `json:"status"`
	}
	doc.Result, doc.Status = filled(), status.Failed
	if err := json.Unmarshal([]byte(`{"result": null, "status": null}`), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Result.Succeeded) != 1 || len(doc.Result.Failed) != 1 {
		t.Errorf(`{"result": null} changed the result to %+v`, doc.Result)
	}
}

// A status that names no Status is reported as the peer wrote it, not as
// the fallback UNKNOWN it would decode to.
func TestResultNamesAnUnknownStatus(t *testing.T) {
	keep := status.Result[string]{Succeeded: []string{"kept"}}
	r := keep
	err := json.Unmarshal([]byte(resultDoc(1, 0, `"BOGUS"`, "")), &r)
	if want := `status: result says status "BOGUS", which is not a Status`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if len(r.Succeeded) != 1 || r.Succeeded[0] != "kept" {
		t.Errorf("a failed decode changed the result: %+v", r)
	}
	err = json.Unmarshal([]byte(resultDoc(1, 0, `"UNKNOWN"`, "")), &r)
	if want := "status: result says UNKNOWN but has 1 succeeded and 0 failed items, which is COMPLETED"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

func TestItemErrorIsAnError(t *testing.T) {
	var err error = status.ItemError{Item: "doc-2", Code: "PARSE_ERROR", Message: "unexpected EOF"}
	if err.Error() != "item doc-2: PARSE_ERROR: unexpected EOF" {
		t.Errorf("got %q", err)
	}
}
