//go:build goexperiment.jsonv2

package status_test

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// From Go 1.27 (and with GOEXPERIMENT=jsonv2), encoding/json decodes map
// keys with UnmarshalText, as its documentation always said, so an
// unknown key is an *InvalidStatusError naming it: nothing collapses.
func TestJSONMapKeysStrict(t *testing.T) {
	var counts map[status.Status]int
	err := json.Unmarshal([]byte(`{"PENDING":2,"EVICTED":1,"GONE":5}`), &counts)
	var invalid *status.InvalidStatusError
	if !errors.As(err, &invalid) || invalid.Input != "EVICTED" {
		t.Errorf("json.Unmarshal = %v, %v; want an *InvalidStatusError naming EVICTED", counts, err)
	}
	// Values still take the fallback.
	var byID map[string]status.Status
	if err := json.Unmarshal([]byte(`{"a":"PENDING","b":"EVICTED"}`), &byID); err != nil ||
		!maps.Equal(byID, map[string]status.Status{"a": status.Pending, "b": status.Unknown}) {
		t.Errorf("values = %v, %v", byID, err)
	}
}

// encoding/json/v2 decodes keys with UnmarshalJSON, so one unknown key
// takes the fallback like a value, but it refuses a key that decodes to
// one already present: two unknown keys, or an unknown key and UNKNOWN,
// are an error, never a lost count.
func TestJSONv2MapKeys(t *testing.T) {
	var counts map[status.Status]int
	err := unmarshalV2([]byte(`{"PENDING":2,"EVICTED":1}`), &counts)
	if want := map[status.Status]int{status.Pending: 2, status.Unknown: 1}; err != nil || !maps.Equal(counts, want) {
		t.Errorf("one unknown key: %v, %v; want %v", counts, err, want)
	}
	for _, in := range []string{`{"PENDING":2,"EVICTED":1,"GONE":5}`, `{"UNKNOWN":3,"EVICTED":1}`} {
		counts = nil
		if err := unmarshalV2([]byte(in), &counts); err == nil {
			t.Errorf("jsonv2.Unmarshal(%s) = %v, nil; want a duplicate-name error", in, counts)
		}
	}
}

// encoding/json/v2 takes a JSON string for a []Status no more than v1 does.
func TestJSONv2SliceIsNeverBase64(t *testing.T) {
	statuses := []status.Status{status.Failed}
	if err := unmarshalV2([]byte(`"AAEqAg=="`), &statuses); err == nil || !slices.Equal(statuses, []status.Status{status.Failed}) {
		t.Errorf("base64 string into []Status = %v, %v; want an error", statuses, err)
	}
	if err := unmarshalV2([]byte(`["PENDING","NEW_IN_V2"]`), &statuses); err != nil ||
		!slices.Equal(statuses, []status.Status{status.Pending, status.Unknown}) {
		t.Errorf("array into []Status = %v, %v", statuses, err)
	}
}

// The encoding/json/v2 API writes a map key through MarshalJSONTo, which
// wrote null for the unset value: an object name must be a string, so the
// map could not be marshaled at all. An unset key is "" there too, as
// encoding/json writes it through MarshalText, and it comes back unset;
// an unset value is still null.
func TestJSONv2MapKeysUnset(t *testing.T) {
	counts := map[status.Status]int{0: 1, status.Failed: 2}
	b, err := marshalV2(counts)
	var names map[string]int // v2 writes map members in no set order
	if err != nil || json.Unmarshal(b, &names) != nil || !maps.Equal(names, map[string]int{"": 1, "FAILED": 2}) {
		t.Fatalf(`jsonv2.Marshal = %s, %v; want the members "": 1 and "FAILED": 2`, b, err)
	}
	var back map[status.Status]int
	if err := unmarshalV2(b, &back); err != nil || !maps.Equal(back, counts) {
		t.Errorf("round trip = %v, %v; want %v", back, err, counts)
	}
	byKey := map[string]status.Status{"a": 0}
	if b, err := marshalV2(byKey); err != nil || string(b) != `{"a":null}` {
		t.Errorf("an unset value = %s, %v; want null", b, err)
	}
}
