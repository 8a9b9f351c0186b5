package status_test

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// The interfaces of the libraries the integrations target, as they declare
// them: the standard flag.Value, spf13/pflag's Value (flag.Value and Type)
// and gqlgen's graphql.Marshaler and Unmarshaler.
var (
	_ flag.Value = (*status.Status)(nil)
	_ interface {
		flag.Value
		Type() string
	} = (*status.Status)(nil)
	_ interface{ MarshalGQL(io.Writer) }   = status.Status(0)
	_ interface{ UnmarshalGQL(any) error } = (*status.Status)(nil)
)

// Set is what a person types after -status: the case of ASCII letters does
// not matter, but anything that names no status, even one the fallback
// would take in JSON, is an error that lists the valid names, and the
// destination keeps its value. The fallback's own name is accepted, as
// ParseStatus accepts it: rows hold UNKNOWN, and -status=unknown finds them.
func TestSetIsStrictAndIgnoresASCIICase(t *testing.T) {
	for in, want := range map[string]status.Status{
		"PENDING": status.Pending, "pending": status.Pending, "In_Progress": status.InProgress,
		"completed_with_errors": status.CompletedWithErrors, "unknown": status.Unknown,
	} {
		s := status.Failed
		if err := s.Set(in); err != nil || s != want {
			t.Errorf("Set(%q) = %v, %v; want %v", in, s, err, want)
		}
	}
	for _, in := range []string{"", "RETRYING", "PENDING ", "PENDİNG", "Status(1)", "1"} {
		s := status.Failed
		err := s.Set(in)
		var invalid *status.InvalidStatusError
		if !errors.As(err, &invalid) || invalid.Input != in {
			t.Errorf("Set(%q) = %v; want an *InvalidStatusError naming the input", in, err)
		}
		if err != nil && !strings.Contains(err.Error(), strings.Join(status.StatusNames(), ", ")) {
			t.Errorf("Set(%q)'s error does not list the valid names: %v", in, err)
		}
		if s != status.Failed {
			t.Errorf("Set(%q) failed but changed its destination to %v", in, s)
		}
	}
	if got := status.Status(0).Type(); got != "status" {
		t.Errorf("Type() = %q, want \"status\"", got)
	}
}

// The flag package prints a default only when the flag's value at Var
// differs from a new zero value's String (flag.isZeroValue): an unset
// status shows none, a preset one shows its wire name; a bad value makes
// Parse fail with the valid names.
func TestStatusFlag(t *testing.T) {
	var out bytes.Buffer
	fs := flag.NewFlagSet("cmd", flag.ContinueOnError)
	fs.SetOutput(&out)
	var only, initial status.Status
	initial = status.Pending
	fs.Var(&only, "only", "list tasks in this `status`")
	fs.Var(&initial, "initial", "the `status` of new tasks")
	fs.PrintDefaults()
	want := "  -initial status\n    \tthe status of new tasks (default PENDING)\n" +
		"  -only status\n    \tlist tasks in this status\n"
	if out.String() != want {
		t.Errorf("PrintDefaults printed\n%s\nwant\n%s", out.String(), want)
	}
	if err := fs.Parse([]string{"-only", "failed", "-initial=Draft"}); err != nil || only != status.Failed || initial != status.Draft {
		t.Errorf("Parse = %v, %v, %v; want FAILED, DRAFT", err, only, initial)
	}
	out.Reset()
	err := fs.Parse([]string{"-only", "FIALED"})
	if err == nil || !strings.Contains(err.Error(), `invalid Status "FIALED"; valid names are PENDING,`) || only != status.Failed {
		t.Errorf("Parse(-only FIALED) = %v, left %v; want the invalid-name error and FAILED kept", err, only)
	}
}

// MarshalGQL writes what MarshalJSON writes for a valid value and null
// for the unset one; it cannot fail, so an invalid value writes null too.
func TestMarshalGQL(t *testing.T) {
	for s := range status.StatusValuesSeq() {
		var w bytes.Buffer
		s.MarshalGQL(&w)
		if want, _ := s.MarshalJSON(); !bytes.Equal(w.Bytes(), want) {
			t.Errorf("%v.MarshalGQL wrote %s, want %s", s, w.Bytes(), want)
		}
	}
	for _, s := range []status.Status{0, 99} {
		var w bytes.Buffer
		s.MarshalGQL(&w)
		if w.String() != "null" {
			t.Errorf("%v.MarshalGQL wrote %s, want null", s, w.Bytes())
		}
	}
}

// UnmarshalGQL has JSON's contract for what gqlgen passes an enum: a
// string (of a literal or a variable) decodes as a JSON string would, the
// fallback included; nil (null) leaves the destination as it was, and the
// empty string is unset; anything else is an error and the destination
// keeps its value.
func TestUnmarshalGQL(t *testing.T) {
	for in, want := range map[any]status.Status{
		"PENDING": status.Pending, "SUSPENDED": status.Suspended,
		"RETRYING": status.Unknown, "pending": status.Unknown, // the fallback, as in JSON
		"": 0, nil: status.Failed,
	} {
		s := status.Failed
		if err := s.UnmarshalGQL(in); err != nil || s != want {
			t.Errorf("UnmarshalGQL(%#v) = %v, %v; want %v", in, s, err, want)
		}
	}
	for _, in := range []any{1, int64(2), 1.5, true, []byte("PENDING"), []any{"PENDING"}, map[string]any{"PENDING": true}, status.Pending} {
		s := status.Failed
		if err := s.UnmarshalGQL(in); err == nil || s != status.Failed {
			t.Errorf("UnmarshalGQL(%#v) = %v, %v; want an error and FAILED kept", in, s, err)
		}
	}
}
