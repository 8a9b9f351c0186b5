package status_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// The interfaces of the libraries the integrations target, as they declare
// them: the standard flag.Value, spf13/pflag's Value (flag.Value and Type)
// and gqlgen's graphql.ContextMarshaler and ContextUnmarshaler.
var (
	_ flag.Value = (*status.Status)(nil)
	_ interface {
		flag.Value
		Type() string
	} = (*status.Status)(nil)
	_ interface {
		MarshalGQLContext(context.Context, io.Writer) error
	} = status.Status(0)
	_ interface {
		UnmarshalGQLContext(context.Context, any) error
	} = (*status.Status)(nil)
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

// MarshalGQLContext writes what MarshalJSON writes for a valid value; the
// unset value and an invalid one are errors (which gqlgen reports at the
// field's path), never a null in a field the schema says is non-null.
func TestMarshalGQLContext(t *testing.T) {
	ctx := context.Background()
	for s := range status.StatusValuesSeq() {
		var w bytes.Buffer
		if err := s.MarshalGQLContext(ctx, &w); err != nil {
			t.Errorf("%v.MarshalGQLContext: %v", s, err)
		}
		if want, _ := s.MarshalJSON(); !bytes.Equal(w.Bytes(), want) {
			t.Errorf("%v.MarshalGQLContext wrote %s, want %s", s, w.Bytes(), want)
		}
	}
	for s, want := range map[status.Status]string{0: "cannot encode the unset Status", 99: "cannot encode invalid Status(99)"} {
		var w bytes.Buffer
		err := s.MarshalGQLContext(ctx, &w)
		if err == nil || !strings.Contains(err.Error(), want) || w.Len() != 0 {
			t.Errorf("%v.MarshalGQLContext = %v, wrote %q; want an error saying %q and nothing written", s, err, w.Bytes(), want)
		}
	}
}

// UnmarshalGQLContext reads what a client sends (the string of a literal or
// a variable) strictly, as ParseStatus does: a name the build does not know
// is an error, never the fallback, which names itself only; nil (null)
// leaves the destination as it was; anything else is an error and the
// destination keeps its value.
func TestUnmarshalGQLContext(t *testing.T) {
	ctx := context.Background()
	for in, want := range map[any]status.Status{
		"PENDING": status.Pending, "SUSPENDED": status.Suspended, "UNKNOWN": status.Unknown, nil: status.Failed,
	} {
		s := status.Failed
		if err := s.UnmarshalGQLContext(ctx, in); err != nil || s != want {
			t.Errorf("UnmarshalGQLContext(%#v) = %v, %v; want %v", in, s, err, want)
		}
	}
	for _, in := range []any{"RETRYING", "pending", "", 1, int64(2), 1.5, true, []byte("PENDING"), []any{"PENDING"}, map[string]any{"PENDING": true}, status.Pending} {
		s := status.Failed
		err := s.UnmarshalGQLContext(ctx, in)
		if err == nil || s != status.Failed {
			t.Errorf("UnmarshalGQLContext(%#v) = %v, %v; want an error and FAILED kept", in, s, err)
		}
		var invalid *status.InvalidStatusError
		if str, isString := in.(string); isString && (!errors.As(err, &invalid) || invalid.Input != str) {
			t.Errorf("UnmarshalGQLContext(%q) = %v; want an *InvalidStatusError naming the input", str, err)
		}
	}
}
