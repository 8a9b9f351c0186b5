package targets

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"golang.org/x/tools/txtar"
)

// throwaway is a target that exists only in this test: the wire names in
// lower case, one a line. Its Check refuses a name longer than 40 bytes.
func throwaway(calls *int) Target {
	return Target{
		Flag: "lower", Help: "write the lower-case names to `FILE`", Golden: "want.lower",
		Check: func(e *gen.Enum) gen.ErrorList {
			var errs gen.ErrorList
			for _, v := range e.Values {
				if len(v.Name) > 40 {
					errs.Add(v.NamePos, "value %q is longer than the lower target's 40 bytes", v.Name)
				}
			}
			return errs
		},
		Generate: func(e *gen.Enum, _ Options) ([]byte, error) {
			*calls++
			if err := throwaway(calls).Check(e).Err(); err != nil {
				return nil, err
			}
			var b bytes.Buffer
			for _, v := range e.Values {
				b.WriteString(strings.ToLower(v.Name) + "\n")
			}
			return b.Bytes(), nil
		},
	}
}

// Register registers t for the rest of the test, as a new output's one
// registry line would.
func Register(tb testing.TB, t Target) {
	saved := List
	List = append(slices.Clone(List), t)
	tb.Cleanup(func() { List = saved })
}

// A new target is one registry line: with the throwaway registered (and no
// other change), the golden test generates its file, FuzzGenerate's
// checks run it and hold it to its Check, and the error tests run its
// Check beside the spec's own errors. The CLI's flag is proved in
// cmd/statusgen (TestThrowawayTargetFlag).
func TestThrowawayTarget(t *testing.T) {
	var calls int
	Register(t, throwaway(&calls))
	spec, err := gen.Parse("spec.yaml", []byte("type: T\npackage: p\nvalues:\n  - name: PENDING\n  - name: DONE\n"))
	if err != nil {
		t.Fatal(err)
	}

	// Golden: the registry gives the file name and the bytes.
	ar := &txtar.Archive{Files: []txtar.File{{Name: "spec.yaml"}}}
	var got []byte
	for _, g := range goldenOutputs(t, spec, ar) {
		if g.file == "want.lower" {
			got = g.out
		}
	}
	if string(got) != "pending\ndone\n" {
		t.Errorf("golden file want.lower = %q, want the lower-case names", got)
	}

	// Fuzz: checkOtherArtifacts, which FuzzGenerate runs on every accepted
	// input, generates every registered target.
	before := calls
	checkOtherArtifacts(t, spec)
	if calls == before {
		t.Error("FuzzGenerate's checks did not run the registered target")
	}

	// Errors: the target's Check comes out beside the spec's own errors.
	long := strings.Repeat("X", 41)
	spec, err = gen.Parse("spec.yaml", []byte("type: T\nbogus: 1\nvalues:\n  - name: "+long+"\n"))
	specErrs, _ := err.(gen.ErrorList)
	all := Check(gen.BuildPartial(spec, specErrs), specErrs, []*Target{Lookup("lower")})
	want := "spec.yaml:2:1: unknown key \"bogus\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
		"spec.yaml:4:11: value \"" + long + "\" is longer than the lower target's 40 bytes"
	if all.Error() != want {
		t.Errorf("errors:\n%s\nwant:\n%s", all.Error(), want)
	}
}
