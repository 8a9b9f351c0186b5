package gen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/plainyaml"
	"github.com/taskstatus/taskstatus/internal/specfiles"
)

// A spec read by the plain YAML reader parses to the very Spec and errors
// that yaml.v3's tree gives: the parser reads nothing the two trees differ
// in (comments). Every spec of the module is tried, hostile ones included.
func TestPlainYAMLParsesAsYAMLv3(t *testing.T) {
	all, err := specfiles.All("..")
	if err != nil {
		t.Fatal(err)
	}
	plain := 0
	for path, src := range all {
		if _, ok := plainyaml.Parse(src); !ok {
			continue
		}
		plain++
		spec, err := Parse("spec.yaml", src)
		want, wantErr := parse(&parser{file: "spec.yaml", onlyYAMLv3: true}, src)
		if !reflect.DeepEqual(spec, want) {
			t.Errorf("%s: the plain reader's Spec differs from yaml.v3's\n%s", path, src)
		}
		if errText(err) != errText(wantErr) {
			t.Errorf("%s: the plain reader's errors differ from yaml.v3's:\n%v\nyaml.v3:\n%v", path, err, wantErr)
		}
	}
	if plain < 200 {
		t.Errorf("only %d specs were read as plain YAML", plain)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A long values list, decoded on several CPUs, gives the Spec and the
// errors, in the same order, of one pass over it.
func TestParallelValuesAsOnePass(t *testing.T) {
	var b strings.Builder
	b.WriteString("type: Status\nvalues:\n")
	const n = 3*parallelValues + 17
	for i := range n {
		switch {
		case i%5000 == 1:
			b.WriteString("  - description: no name\n")
		case i%7000 == 2:
			b.WriteString("  - name: [not, a, string]\n")
		case i%6000 == 3:
			fmt.Fprintf(&b, "  - name: V%d\n    terminal: maybe\n    aliases: [A%d, {name: 1}]\n", i, i)
		default:
			fmt.Fprintf(&b, "  - name: V%d\n    aliases: [A%d, B%d]\n    next: [V%d]\n", i, i, i, (i+1)%n)
		}
	}
	src := []byte(b.String())
	spec, err := Parse("spec.yaml", src)
	var errs ErrorList
	if !errors.As(err, &errs) || len(errs) < 10 {
		t.Fatalf("Parse: %v; want the planted errors", err)
	}

	one := &parser{file: "spec.yaml"}
	root, _ := plainyaml.Parse(src)
	list := root.Content[0].Content[3]
	vals := make([]Value, len(list.Content))
	for i, item := range list.Content {
		vals[i] = one.value(item, i)
	}
	if !reflect.DeepEqual(spec.Values, vals) {
		t.Error("the values decoded in parts differ from one pass's")
	}
	oneErrs := append(one.errs, spec.validate()...)
	if errText(err) != errText(oneErrs.Err()) {
		t.Errorf("errors in parts:\n%v\none pass:\n%v", err, oneErrs.Err())
	}
}

// A spec that repeats a mistake a million times gets the first MaxErrors
// errors, by position, and a note that the list stops; it is not built in
// part, so no target checks it.
func TestTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("type: Status\nvalues:\n  - name: A\n    aliases: [")
	for i := range 5000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("a")
	}
	b.WriteString("]\n  - name: A\n")
	spec, enum, err := Load("spec.yaml", []byte(b.String()))
	var errs ErrorList
	if !errors.As(err, &errs) || len(errs) != MaxErrors+1 {
		t.Fatalf("Load: %d errors, want %d and a note: %.500v", len(errs), MaxErrors, err)
	}
	if enum != nil || spec == nil {
		t.Errorf("Load: spec %v, enum %v; want the spec and no enum", spec != nil, enum != nil)
	}
	for i := 1; i < MaxErrors; i++ {
		if a, b := errs[i-1].Pos, errs[i].Pos; a.Line > b.Line || a.Line == b.Line && a.Col >= b.Col {
			t.Fatalf("errors out of order: %v before %v", errs[i-1], errs[i])
		}
	}
	// The value A repeated on line 5 is the spec's first mistake by
	// position after the aliases of line 4, yet the list, cut at 100,
	// stops on line 4.
	want := "spec.yaml:4:"
	if note := errs[MaxErrors]; note.Msg != tooManyErrors || !strings.HasPrefix(note.Error(), want) {
		t.Errorf("last error %q, want the note at %s...", note.Error(), want)
	}
	if got := errs.Err().(ErrorList); len(got) != MaxErrors+1 || got[MaxErrors].Msg != tooManyErrors {
		t.Errorf("Err of a list already cut: %d errors, last %q", len(got), got[len(got)-1].Msg)
	}
	if got := Merge(errs, errs[:3]); len(got) != MaxErrors+1 || got[MaxErrors].Msg != tooManyErrors {
		t.Errorf("Merge: %d errors, last %q", len(got), got[len(got)-1].Msg)
	}
}

// The errors listed past MaxErrors are the first ones by position,
// whichever check finds them and in whatever order the checks run: a
// mistake near the top that a check finds after another filled the list
// is listed, and the note sits at the first error left out.
func TestTooManyErrorsListsTheFirst(t *testing.T) {
	for _, c := range []struct {
		what, src, first string
	}{
		{"fallback after 150 duplicate values", "type: Status\nfallback: NOPE\nvalues:\n" + strings.Repeat("  - name: A\n", 150),
			`spec.yaml:2:11: fallback "NOPE" names no value`},
		{"a value without number after 150 duplicate aliases", "type: Status\nvalues:\n  - name: B\n  - name: A\n    number: 2\n    aliases: [" + strings.Repeat("a, ", 150) + "b]\n",
			`spec.yaml:3:11: value "B" has no number; once one value declares number ("A", line 5), every value must`},
		// Decoding and validation both refuse a nameless value, at one
		// node: one error each is listed.
		{"fallback after 150 nameless values", "type: Status\nfallback: NOPE\nvalues:\n" + strings.Repeat("  - {}\n", 150),
			`spec.yaml:2:11: fallback "NOPE" names no value`},
		{"fallback after nameless values decoded in parts", "type: Status\nfallback: NOPE\nvalues:\n" + strings.Repeat("  - {}\n", 2*parallelValues),
			`spec.yaml:2:11: fallback "NOPE" names no value`},
		{"polling after 150 undeclared categories", "type: Status\npolling: {initial: 2s, max: 1s}\ncategories: [{name: c}]\nvalues:\n" + strings.Repeat("  - {name: A, category: x}\n", 150),
			`spec.yaml:2:20: polling.initial (2s) is longer than polling.max (1s)`},
	} {
		_, err := Parse("spec.yaml", []byte(c.src))
		var errs ErrorList
		if !errors.As(err, &errs) || len(errs) != MaxErrors+1 {
			t.Errorf("%s: %d errors, want %d and a note: %.300v", c.what, len(errs), MaxErrors, err)
			continue
		}
		if got := errs[0].Error(); got != c.first {
			t.Errorf("%s: first error %q, want %q", c.what, got, c.first)
		}
		note, last := errs[MaxErrors], errs[MaxErrors-1]
		if note.Msg != tooManyErrors || note.Pos.Line < last.Pos.Line || note.Pos.Line == last.Pos.Line && note.Pos.Col <= last.Pos.Col {
			t.Errorf("%s: note %q after %q", c.what, note, last)
		}
	}
}

// A list of more values than statusgen supports is refused at the list,
// and only as many are decoded: the memory of a spec's refusal stays
// bounded whatever the list's length.
func TestTooManyValuesAreNotDecoded(t *testing.T) {
	src := "type: Status\nvalues:\n" + strings.Repeat("  - {}\n", MaxValues+10)
	spec, err := Parse("spec.yaml", []byte(src))
	var errs ErrorList
	if !errors.As(err, &errs) || errs[0].Error() != fmt.Sprintf("spec.yaml:3:3: %d values is more than statusgen supports (%d)", MaxValues+10, MaxValues) {
		t.Fatalf("Parse: %.300v", err)
	}
	if len(spec.Values) != MaxValues {
		t.Errorf("%d values decoded, want %d", len(spec.Values), MaxValues)
	}
}

// A spec that repeats a mistake costs memory in proportion to its size,
// and the mistakes past MaxErrors cost no more than as many valid units:
// no check describes them.
func TestMistakesCostPerUnitDoesNotGrow(t *testing.T) {
	distinctValues := func(n int) string {
		var b strings.Builder
		b.WriteString("type: Status\nvalues:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - name: A%d\n", i)
		}
		return b.String()
	}
	for _, m := range []struct {
		what       string
		spec, twin func(n int) string // n mistakes, and n valid units
	}{
		{"duplicate aliases", func(n int) string {
			return "type: Status\nvalues:\n  - name: A\n    aliases: [" + strings.Repeat("a, ", n) + "b]\n"
		}, nil},
		{"moves named twice", func(n int) string {
			return "type: Status\nvalues:\n  - name: A\n    next: [" + strings.Repeat("A, ", n) + "A]\n"
		}, nil},
		{"moves to no value", func(n int) string {
			return "type: Status\nvalues:\n  - name: A\n    next: [" + strings.Repeat("X, ", n) + "A]\n"
		}, nil},
		{"duplicate values", func(n int) string {
			return "type: Status\nvalues:\n" + strings.Repeat("  - name: A\n", n)
		}, distinctValues},
		{"nameless values", func(n int) string {
			return "type: Status\nvalues:\n" + strings.Repeat("  - {}\n", n)
		}, distinctValues},
	} {
		perUnit := func(spec string, n int) (bytes, allocs float64) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			Load("spec.yaml", []byte(spec))
			runtime.ReadMemStats(&after)
			return float64(after.TotalAlloc-before.TotalAlloc) / float64(n), float64(after.Mallocs-before.Mallocs) / float64(n)
		}
		const small, large = 10_000, 40_000 // mistakes, under MaxValues
		smallBytes, _ := perUnit(m.spec(small), small)
		largeBytes, allocs := perUnit(m.spec(large), large)
		valid := 0.0 // a list's items take a part of an allocation each
		if m.twin != nil {
			_, valid = perUnit(m.twin(large), large)
		}
		t.Logf("%s: %.0f bytes a mistake at %d, %.0f and %.2f allocations at %d (valid units: %.2f)", m.what, smallBytes, small, largeBytes, allocs, large, valid)
		if largeBytes > 1.5*smallBytes {
			t.Errorf("%s: bytes allocated a mistake grew from %.0f to %.0f", m.what, smallBytes, largeBytes)
		}
		// Describing a mistake takes several allocations (the message,
		// its arguments).
		if allocs > valid+0.5 {
			t.Errorf("%s: %.2f allocations a mistake against %.2f a valid unit; the mistakes past MaxErrors are described", m.what, allocs, valid)
		}
	}
}

// Add keeps the earliest MaxErrors errors whatever their order, and the
// note at the earliest one left out; join keeps the same of two lists.
func TestAddKeepsTheEarliest(t *testing.T) {
	for _, order := range []string{"ascending", "descending", "shuffled"} {
		lines := make([]int, 300)
		for i := range lines {
			lines[i] = i + 1
		}
		switch order {
		case "descending":
			slices.Reverse(lines)
		case "shuffled":
			rand.New(rand.NewPCG(1, 2)).Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		}
		var a, b ErrorList
		for i, line := range lines {
			l := &a
			if i%3 == 0 {
				l = &b
			}
			l.Add(Pos{File: "f", Line: line}, "e%d", line)
		}
		a.join(b)
		got := a.Err().(ErrorList)
		if len(got) != MaxErrors+1 {
			t.Fatalf("%s: %d errors", order, len(got))
		}
		for i, e := range got[:MaxErrors] {
			if e.Pos.Line != i+1 || e.Msg != fmt.Sprintf("e%d", i+1) {
				t.Errorf("%s: error %d is %v", order, i, e)
			}
		}
		if note := got[MaxErrors]; note.Msg != tooManyErrors || note.Pos.Line != MaxErrors+1 {
			t.Errorf("%s: note %v, want it at line %d", order, note, MaxErrors+1)
		}
	}
}
