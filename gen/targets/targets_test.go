package targets

import (
	"fmt"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// Each archive in testdata/targets holds a spec that gen.Parse accepts and,
// for each target it names, that target's exact refusals (a section named
// after the target's flag: sql.errors for -sql, ts.errors for -ts; an empty
// section means the target takes the spec). The emitter must refuse with
// the same errors, or succeed when there are none.
func TestTargetErrors(t *testing.T) {
	forEachArchive(t, "../testdata/targets", func(t *testing.T, ar *txtar.Archive) {
		spec, err := gen.Parse("spec.yaml", section(t, ar, "spec.yaml"))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		e := mustBuild(t, spec)
		for _, f := range ar.Files {
			target := Lookup(strings.TrimSuffix(f.Name, ".errors"))
			if !strings.HasSuffix(f.Name, ".errors") || target == nil {
				continue
			}
			if target.Check == nil {
				t.Fatalf("%s: target -%s has no Check", f.Name, target.Flag)
			}
			refused := target.Check(e).Err()
			var got []byte
			if refused != nil {
				got = []byte(refused.Error() + "\n")
			}
			compare(t, ar, f.Name, got)
			if _, err := target.Generate(e, Options{Go: golang.Options{Package: "p"}}); fmt.Sprint(err) != fmt.Sprint(refused) {
				t.Errorf("%s: the emitter says %v, the check %v", f.Name, err, refused)
			}
		}
	})
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		500 * time.Microsecond:     "500µs",
		500 * time.Millisecond:     "500ms",
		time.Second:                "1s",
		1500 * time.Millisecond:    "1.5s",
		30 * time.Second:           "30s",
		90 * time.Second:           "1m30s",
		5 * time.Minute:            "5m",
		time.Hour:                  "1h",
		time.Hour + 30*time.Second: "1h30s",
		90 * time.Minute:           "1h30m",
		2*time.Hour + 45*time.Minute + 10*time.Second + 500*time.Millisecond: "2h45m10.5s",
	} {
		if got := printer.HumanDuration(d); got != want {
			t.Errorf("printer.HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
