package status_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

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

// A *Status is a flag.Value: the flag takes a wire name in any ASCII case,
// and refuses anything else.
func ExampleStatus_Set() {
	fs := flag.NewFlagSet("tasks", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var only status.Status
	fs.Var(&only, "status", "list only tasks in this `status`")
	fmt.Println(fs.Parse([]string{"-status", "in_progress"}), only)
	fmt.Println(fs.Parse([]string{"-status", "RUNING"}) != nil, only)
	// Output:
	// <nil> IN_PROGRESS
	// true IN_PROGRESS
}
