package status_test

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

var update = flag.Bool("update", false, "rewrite testdata/result.golden")

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
	if *update {
		if err := os.WriteFile("testdata/result.golden", []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/result.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("JSON shape changed (go test ./status -update if intended):\n got:\n%s\nwant:\n%s", got.String(), want)
	}
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

func TestItemErrorIsAnError(t *testing.T) {
	var err error = status.ItemError{Item: "doc-2", Code: "PARSE_ERROR", Message: "unexpected EOF"}
	if err.Error() != "item doc-2: PARSE_ERROR: unexpected EOF" {
		t.Errorf("got %q", err)
	}
}
