package bench

import (
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/aliasenum"
	"github.com/taskstatus/taskstatus/status"
)

var sinkAlias aliasenum.Status

// BenchmarkAliasParse compares the 13 statuses without aliases (package
// status) and with three (internal/aliasenum) on the same inputs: every
// wire name, exactly and in lower case. The aliases add cases to the
// switches; this says what that costs (issue 14 asks for within 1.2x).
func BenchmarkAliasParse(b *testing.B) {
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	b.Run("op=exact/impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				sinkOurs, sinkErr = status.ParseStatus(n)
			}
		}
	})
	b.Run("op=exact/impl=statusgen-aliases", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				sinkAlias, sinkErr = aliasenum.ParseStatus(n)
			}
		}
	})
	// UnmarshalText is never inlined into the loop, so it shows the lookup
	// itself; ParseStatus of package status is inlined (cost 79 of the
	// compiler's budget of 80), and the aliased one is not.
	b.Run("op=text/impl=statusgen", func(b *testing.B) {
		var s status.Status
		for b.Loop() {
			for _, n := range nameBytes {
				sinkErr = s.UnmarshalText(n)
			}
		}
	})
	b.Run("op=text/impl=statusgen-aliases", func(b *testing.B) {
		var s aliasenum.Status
		for b.Loop() {
			for _, n := range nameBytes {
				sinkErr = s.UnmarshalText(n)
			}
		}
	})
	b.Run("op=fold/impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, n := range lower {
				sinkOurs, sinkErr = status.ParseStatusFold(n)
			}
		}
	})
	b.Run("op=fold/impl=statusgen-aliases", func(b *testing.B) {
		for b.Loop() {
			for _, n := range lower {
				sinkAlias, sinkErr = aliasenum.ParseStatusFold(n)
			}
		}
	})
}
