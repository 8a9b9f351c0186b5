package bench

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/taskstatus/taskstatus/internal/bench/plain"
	"github.com/taskstatus/taskstatus/internal/enumertwin"
	"github.com/taskstatus/taskstatus/status"
)

// TestSanity runs every operation the benchmarks time, on the same inputs,
// and checks its result, so that a broken implementation cannot post a
// number.
func TestSanity(t *testing.T) {
	if len(ours) != 13 || len(twins) != 13 || len(plain.Values) != 13 || len(opens) != 13 {
		t.Fatalf("want 13 values each: %d %d %d %d", len(ours), len(twins), len(plain.Values), len(opens))
	}
	for i, name := range names {
		doc := string(jsonDocs[i])
		t.Run(name, func(t *testing.T) {
			o, e, p := ours[i], twins[i], plain.Values[i]
			if o.String() != name || e.String() != name || string(p) != name {
				t.Errorf("String: %q %q %q", o, e, p)
			}
			if got, err := status.ParseStatus(name); got != o || err != nil {
				t.Errorf("statusgen parse: %v %v", got, err)
			}
			if got, err := enumertwin.StatusString(name); got != e || err != nil {
				t.Errorf("enumer parse: %v %v", got, err)
			}
			for impl, v := range map[string]any{"statusgen": oursRecord{"task-1", o}, "enumer": enumerRecord{"task-1", e}, "plain": plainRecord{"task-1", p}, "marshaler-floor": floorRecord{"task-1", floorStatus(i)}, "open": openRecord{"task-1", opens[i]}} {
				if b, err := json.Marshal(v); string(b) != doc || err != nil {
					t.Errorf("%s json.Marshal = %s, %v; want %s", impl, b, err, doc)
				}
			}
			var ro oursRecord
			var re enumerRecord
			var rp plainRecord
			var rn openRecord
			if json.Unmarshal(jsonDocs[i], &rn) != nil || string(rn.Status) != name || !rn.Status.IsKnown() {
				t.Errorf("open json.Unmarshal: %q", rn.Status)
			}
			if json.Unmarshal(jsonDocs[i], &ro) != nil || ro.Status != o ||
				json.Unmarshal(jsonDocs[i], &re) != nil || re.Status != e ||
				json.Unmarshal(jsonDocs[i], &rp) != nil || rp.Status != p {
				t.Errorf("json.Unmarshal: %v %v %v", ro.Status, re.Status, rp.Status)
			}
			if b, _ := o.MarshalText(); string(b) != name {
				t.Errorf("statusgen MarshalText %q", b)
			}
			if b, _ := e.MarshalText(); string(b) != name {
				t.Errorf("enumer MarshalText %q", b)
			}
			if b, _ := o.AppendText([]byte("x")); string(b) != "x"+name {
				t.Errorf("statusgen AppendText %q", b)
			}
			var so, so2, so3 status.Status
			var se, se2, se3 enumertwin.Status = 5, 5, 5
			if so.UnmarshalText(nameBytes[i]) != nil || so != o || se.UnmarshalText(nameBytes[i]) != nil || se != e {
				t.Errorf("UnmarshalText: %v %v", so, se)
			}
			if so2.Scan(boxedNames[i]) != nil || so2 != o || se2.Scan(boxedNames[i]) != nil || se2 != e {
				t.Errorf("Scan(string): %v %v", so2, se2)
			}
			if so3.Scan(boxedBytes[i]) != nil || so3 != o || se3.Scan(boxedBytes[i]) != nil || se3 != e {
				t.Errorf("Scan([]byte): %v %v", so3, se3)
			}
			if v, err := o.Value(); v != name || err != nil {
				t.Errorf("statusgen Value %v %v", v, err)
			}
			if v, err := e.Value(); v != name || err != nil {
				t.Errorf("enumer Value %v %v", v, err)
			}
		})
	}
	// The invalid inputs are invalid for statusgen; enumer accepts the
	// wrong-case ones, which BenchmarkParseInvalid's comment notes.
	for _, kind := range invalidKinds {
		for _, in := range invalid[kind] {
			if _, err := status.ParseStatus(in); err == nil {
				t.Errorf("statusgen accepted %s input %q", kind, in)
			}
			_, err := enumertwin.StatusString(in)
			if accepted := err == nil; accepted != (kind == "wrong-case") {
				t.Errorf("enumer on %s input %q: accepted=%v", kind, in, accepted)
			}
		}
	}
	if !slices.Equal(status.StatusNames(), enumertwin.StatusStrings()) {
		t.Errorf("the twins list different names")
	}
}
