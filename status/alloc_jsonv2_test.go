//go:build goexperiment.jsonv2

package status_test

import (
	"encoding/json"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// The allocation budget of UnmarshalJSONFrom, which encoding/json/v2 and,
// in this build, encoding/json call: a record with a Status decodes with
// no allocation at all, for a wire name and for the fallback, through
// either API. (A plain string field allocates its string.) A name spelled
// with escapes is rare and goes through UnmarshalJSON's slow path.
func TestJSONv2Allocations(t *testing.T) {
	type record struct {
		ID     string
		Status status.Status
	}
	var r record
	for _, tt := range []struct {
		op   string
		doc  string
		max  float64
		call func([]byte, any) error
	}{
		{"jsonv2.Unmarshal", `{"ID":"","Status":"COMPLETED_WITH_ERRORS"}`, 0, unmarshalV2},
		{"jsonv2.Unmarshal (fallback)", `{"ID":"","Status":"NEW_IN_V2"}`, 0, unmarshalV2},
		{"jsonv2.Unmarshal (null)", `{"ID":"","Status":null}`, 0, unmarshalV2},
		{"json.Unmarshal", `{"ID":"","Status":"COMPLETED_WITH_ERRORS"}`, 0, json.Unmarshal},
		{"json.Unmarshal (fallback)", `{"ID":"","Status":"NEW_IN_V2"}`, 0, json.Unmarshal},
		{"jsonv2.Unmarshal (escaped name)", `{"ID":"","Status":"\u0050ENDING"}`, 2, unmarshalV2},
	} {
		doc := []byte(tt.doc)
		if err := tt.call(doc, &r); err != nil {
			t.Fatalf("%s(%s): %v", tt.op, doc, err)
		}
		got := testing.AllocsPerRun(100, func() { _ = tt.call(doc, &r) })
		if got > tt.max {
			t.Errorf("%s: %v allocations, budget %v", tt.op, got, tt.max)
		}
	}
}
