package status_test

import (
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// The allocation budget of the generated methods (issue #3). Allocation
// counts are deterministic, unlike times, so they are asserted here; the
// speed is measured by make bench.
func TestAllocations(t *testing.T) {
	var (
		s           = status.CompletedWithErrors
		dst         status.Status
		buf             = make([]byte, 0, 64)
		name            = "COMPLETED_WITH_ERRORS"
		text            = []byte(name)
		json            = []byte(`"COMPLETED_WITH_ERRORS"`)
		newer           = []byte(`"NEW_IN_V2"`)
		boxed       any = name
		bytes       any = text
		unseen          = newer[1 : len(newer)-1]
		boxedUnseen any = unseen
	)
	for _, tt := range []struct {
		op   string
		max  float64
		call func()
	}{
		{"String", 0, func() { _ = s.String() }},
		{"ParseStatus (valid)", 0, func() { dst, _ = status.ParseStatus(name) }},
		{"ParseStatusFold (valid)", 0, func() { dst, _ = status.ParseStatusFold("completed_with_errors") }},
		{"AppendText", 0, func() { buf, _ = s.AppendText(buf[:0]) }},
		{"UnmarshalText", 0, func() { _ = dst.UnmarshalText(text) }},
		{"UnmarshalBinary", 0, func() { _ = dst.UnmarshalBinary(text) }},
		{"AppendBinary", 0, func() { buf, _ = s.AppendBinary(buf[:0]) }},
		{"UnmarshalJSON", 0, func() { _ = dst.UnmarshalJSON(json) }},
		{"UnmarshalJSON (fallback)", 0, func() { _ = dst.UnmarshalJSON(newer) }},
		{"Scan(string)", 0, func() { _ = dst.Scan(boxed) }},
		{"Scan([]byte)", 0, func() { _ = dst.Scan(bytes) }},
		{"Scan (fallback)", 0, func() { _ = dst.Scan(boxedUnseen) }},
		{"Value", 0, func() { _, _ = s.Value() }},
		{"IsTerminal/ShouldPoll/Category", 0, func() { _ = s.IsTerminal() && s.ShouldPoll() && s.Category().IsValid() }},
		{"MarshalText", 1, func() { _, _ = s.MarshalText() }},
		{"MarshalJSON", 1, func() { _, _ = s.MarshalJSON() }},
		{"ParseStatus (invalid)", 1, func() { _, _ = status.ParseStatus("COMPLETED_WITH_ERROR") }},
		{"UnmarshalText (unknown name)", 2, func() { _ = dst.UnmarshalText(unseen) }}, // the error and its copy of the input
		{"ParseStatus (40 bytes of garbage)", 1, func() { _, _ = status.ParseStatus("\x00\xff<script>alert(1)</script>;DROP TABLE x") }},
	} {
		if got := testing.AllocsPerRun(100, tt.call); got > tt.max {
			t.Errorf("%s: %v allocations, budget %v", tt.op, got, tt.max)
		}
	}
}
