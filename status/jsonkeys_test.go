package status_test

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// Counts keyed by status: encoding/json writes map keys with MarshalText,
// so a map keyed by Status round-trips by wire name with every json
// version. What an unknown key decodes to depends on the version; see
// jsonkeys_legacy_test.go and jsonv2_test.go.
func TestJSONMapKeysRoundTrip(t *testing.T) {
	counts := map[status.Status]int{status.Pending: 2, status.CompletedWithErrors: 1, status.Unknown: 5}
	b, err := json.Marshal(counts)
	if want := `{"COMPLETED_WITH_ERRORS":1,"PENDING":2,"UNKNOWN":5}`; err != nil || string(b) != want {
		t.Fatalf("json.Marshal = %s, %v; want %s", b, err, want)
	}
	var back map[status.Status]int
	if err := json.Unmarshal(b, &back); err != nil || !maps.Equal(back, counts) {
		t.Errorf("round trip = %v, %v", back, err)
	}
	if _, err := json.Marshal(map[status.Status]int{status.Status(42): 1}); err == nil {
		t.Error("json.Marshal wrote an invalid key")
	}
}

// The unset Status is a key MarshalText writes as "": every decoder that
// json packages use for keys (UnmarshalText from Go 1.27, UnmarshalJSON
// before it and in encoding/json/v2) reads "" back as unset, so a map that
// counts unset statuses survives the round trip.
func TestJSONMapKeysUnset(t *testing.T) {
	counts := map[status.Status]int{0: 1, status.Failed: 2}
	b, err := json.Marshal(counts)
	if want := `{"":1,"FAILED":2}`; err != nil || string(b) != want {
		t.Fatalf("json.Marshal = %s, %v; want %s", b, err, want)
	}
	var back map[status.Status]int
	if err := json.Unmarshal(b, &back); err != nil || !maps.Equal(back, counts) {
		t.Errorf("round trip = %v, %v; want %v", back, err, counts)
	}
}
