package thirdparty

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/taskstatus/taskstatus/status"
)

// A *Status is a pflag.Value: Type names its argument in the usage text,
// a value is taken in any ASCII case, and a name that is no status fails
// with the valid names.
func TestPflag(t *testing.T) {
	fs := pflag.NewFlagSet("tasks", pflag.ContinueOnError)
	var only, initial status.Status
	initial = status.Pending
	// pflag prints a default unless its text is "", "0", "false" or
	// "<nil>", so the unset Status's String, Status(0), would show as
	// "(default Status(0))": clear the flag's DefValue, as docs/decoding.md shows.
	fs.VarPF(&only, "only", "", "list only tasks in this status").DefValue = ""
	fs.Var(&initial, "initial", "the status of new tasks")
	want := "      --initial status   the status of new tasks (default PENDING)\n" +
		"      --only status      list only tasks in this status\n"
	if got := fs.FlagUsages(); got != want {
		t.Errorf("FlagUsages() =\n%s\nwant\n%s", got, want)
	}
	if err := fs.Parse([]string{"--only=in_progress", "--initial", "Draft"}); err != nil || only != status.InProgress || initial != status.Draft {
		t.Errorf("Parse = %v, %v, %v; want IN_PROGRESS, DRAFT", err, only, initial)
	}
	err := fs.Parse([]string{"--only", "RUNING"})
	if err == nil || !strings.Contains(err.Error(), `invalid Status "RUNING"; valid names are PENDING, IN_PROGRESS,`) || only != status.InProgress {
		t.Errorf("Parse(--only RUNING) = %v, left %v; want the invalid-name error and IN_PROGRESS kept", err, only)
	}
}
