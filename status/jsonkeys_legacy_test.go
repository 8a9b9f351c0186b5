//go:build !goexperiment.jsonv2

package status_test

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// Before Go 1.27, and without GOEXPERIMENT=jsonv2, encoding/json decodes a
// map key through UnmarshalJSON when the key type has one (literalStore in
// its decode.go), so an unknown key takes the fallback like a value and two
// unknown keys land on one entry: the last count wins. A decoder cannot
// tell a key from a value, so no generated method can prevent it; the
// decoding contract (docs/decoding.md) says so and shows the remedy (decode into
// map[string]V). This test keeps that statement true: if it fails, the
// toolchain changed and docs/decoding.md must too.
func TestJSONMapKeysLegacyCollapse(t *testing.T) {
	var counts map[status.Status]int
	err := json.Unmarshal([]byte(`{"PENDING":2,"EVICTED":1,"GONE":5}`), &counts)
	if want := map[status.Status]int{status.Pending: 2, status.Unknown: 5}; err != nil || !maps.Equal(counts, want) {
		t.Errorf("json.Unmarshal = %v, %v; docs/decoding.md says %v", counts, err, want)
	}
}
