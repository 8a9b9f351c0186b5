package status_test

import (
	"encoding/json"
	"fmt"

	"github.com/taskstatus/taskstatus/status"
)

// A partial success: the result carries what succeeded, what failed and
// why, and the status and success rate those imply.
func ExampleResult() {
	r := status.Result[string]{
		Succeeded: []string{"doc-1", "doc-3"},
		Failed:    []status.ItemError{{Item: "doc-2", Code: "PARSE_ERROR", Message: "unexpected EOF"}},
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	fmt.Println(r.Status(), r.SuccessRate())

	err := json.Unmarshal([]byte(`{"status":"COMPLETED","successful_items":[],"failed_items":[{"item":"x","code":"E","message":"m"}]}`), &r)
	fmt.Println(err)
	// Output:
	// {"status":"COMPLETED_WITH_ERRORS","success_rate":66.67,"successful_items":["doc-1","doc-3"],"failed_items":[{"item":"doc-2","code":"PARSE_ERROR","message":"unexpected EOF"}]}
	// COMPLETED_WITH_ERRORS 66.67
	// status: result says COMPLETED but has 0 succeeded and 1 failed items, which is FAILED
}
