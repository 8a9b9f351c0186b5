package gen

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// Cases that a txtar archive cannot hold well: raw bytes, and sizes.
func TestParseBytes(t *testing.T) {
	const ok = "type: Status\nvalues:\n  - name: A\n"
	bomb := "type: Status\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'j'; i++ {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	bomb += "values: *j\n"
	var big strings.Builder
	big.WriteString("type: Status\nvalues:\n")
	for i := range 40000 {
		fmt.Fprintf(&big, "  - name: VALUE_%05d\n    description: %s\n", i, strings.Repeat("x", 60))
	}
	bigLines := strings.Count(big.String(), "\n")
	big.WriteString("  - name: VALUE_00007\n")

	tests := []struct {
		name, src string
		want      string // the exact error text, or "" when the spec is valid
	}{
		{"invalid UTF-8", "type: Sta\xfftus\n", "spec.yaml:1:10: invalid UTF-8; a spec must be UTF-8 text"},
		{"invalid UTF-8 on a later line", ok + "  - name: \xc3(\n", "spec.yaml:4:11: invalid UTF-8; a spec must be UTF-8 text"},
		{"byte-order mark", "\uFEFF" + ok, ""},
		{"byte-order mark and an error", "\uFEFFtype: Status\nvalues:\n  - name: A\n  - name: A\n", "spec.yaml:4:11: duplicate value \"A\" (first at line 3)"},
		{"CRLF line ends", strings.ReplaceAll(ok, "\n", "\r\n"), ""},
		{"NUL byte", "type: Status\x00\n", "spec.yaml:1:13: YAML syntax: control characters are not allowed"},
		{"alias bomb", bomb, "spec.yaml:2:1: unknown key \"a\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:3:1: unknown key \"b\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:4:1: unknown key \"c\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:5:1: unknown key \"d\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:6:1: unknown key \"e\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:7:1: unknown key \"f\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:8:1: unknown key \"g\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:9:1: unknown key \"h\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:10:1: unknown key \"i\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:11:1: unknown key \"j\" in the spec; known keys are package, type, doc, prefix, open, fallback, polling, categories, values\n" +
			"spec.yaml:12:9: values is an alias (*j); aliases are not supported in a spec, write the value out"},
		{"several megabytes, one mistake at the end", big.String(), fmt.Sprintf("spec.yaml:%d:11: duplicate value \"VALUE_00007\" (first at line 17)", bigLines+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && len(tt.src) > 1<<20 {
				t.Skip("parses several megabytes; make test runs it")
			}
			start := time.Now()
			_, err := Parse("spec.yaml", []byte(tt.src))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Parse error:\n got %s\nwant %s", got, tt.want)
			}
			t.Logf("%d bytes in %v", len(tt.src), time.Since(start))
		})
	}
}

func TestParseKeepsSpecOrderAndText(t *testing.T) {
	src := "type: Status\ndoc: \"a\\nb\"\nvalues:\n  - name: B\n    description: \"x `y` */\"\n    terminal: true\n  - name: A\n    poll: true\n"
	spec, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if spec.Doc != "a\nb" || len(spec.Values) != 2 || spec.Values[0].Name != "B" || spec.Values[1].Name != "A" {
		t.Fatalf("got %+v", spec)
	}
	if v := spec.Values[0]; v.Description != "x `y` */" || !v.Terminal || v.Poll {
		t.Errorf("value B: got %+v", v)
	}
	if v := spec.Values[1]; v.Terminal || !v.Poll {
		t.Errorf("value A: got %+v", v)
	}
	if p := spec.Values[0].NamePos; p != (Pos{"s.yaml", 4, 11}) {
		t.Errorf("NamePos = %v, want s.yaml:4:11", p)
	}
}

// Build, which every emitter's input comes from, validates a hand-built
// Spec exactly as Parse does (negative polling bounds used to pass); with
// no positions, an error names the spec's File when it has one, else it is
// the message alone.
func TestBuildValidatesHandBuiltSpec(t *testing.T) {
	for _, tt := range []struct {
		file    string
		polling *Polling
		values  []Value
		want    string
	}{
		{"", nil, []Value{{Name: "A"}, {Name: "A"}}, `duplicate value "A" (first earlier in the spec)`},
		{"hand.yaml", nil, []Value{{Name: "A"}, {Name: "A"}}, `hand.yaml: duplicate value "A" (first earlier in the spec)`},
		{"", &Polling{Initial: -time.Second, Max: time.Second}, []Value{{Name: "A"}}, "polling.initial must be positive, found -1s"},
		{"", &Polling{Initial: 0, Max: -time.Second}, []Value{{Name: "A"}},
			"polling.initial must be positive, found 0s\npolling.max must be positive, found -1s"},
		{"", &Polling{Initial: 2 * time.Second, Max: time.Second}, []Value{{Name: "A"}}, "polling.initial (2s) is longer than polling.max (1s)"},
	} {
		spec := &Spec{File: tt.file, Package: "p", Type: "T", Polling: tt.polling, Values: tt.values}
		if _, err := Build(spec); err == nil || err.Error() != tt.want {
			t.Errorf("got %v, want %s", err, tt.want)
		}
	}
}

// Err returns a sorted copy and leaves the caller's list as it was.
func TestErrLeavesTheListAlone(t *testing.T) {
	l := ErrorList{{Pos: Pos{"s.yaml", 3, 1}, Msg: "c"}, {Pos: Pos{"s.yaml", 1, 1}, Msg: "a"}, {Pos: Pos{"s.yaml", 1, 1}, Msg: "again"}}
	before := slices.Clone(l)
	if got := l.Err().Error(); got != "s.yaml:1:1: a\ns.yaml:3:1: c" {
		t.Errorf("Err() = %q", got)
	}
	if !slices.Equal(l, before) {
		t.Errorf("Err reordered the caller's list: %v", l)
	}
}

// A spec that declares next may have at most MaxGraphValues values (the Go
// output's bit table grows with the square of the count); one more is a
// positioned error at the first next, and the same count without next is
// accepted (the terminal rule needs no table).
func TestGraphValueLimit(t *testing.T) {
	spec := func(n int, graph bool) []byte {
		var b strings.Builder
		b.WriteString("type: Status\nvalues:\n")
		for i := range n {
			fmt.Fprintf(&b, "  - name: V%d\n", i)
			if graph {
				b.WriteString("    next: []\n")
			}
		}
		return []byte(b.String())
	}
	if _, err := Parse("graph.yaml", spec(MaxGraphValues, true)); err != nil {
		t.Fatalf("%d values with next: %v", MaxGraphValues, err)
	}
	_, err := Parse("graph.yaml", spec(MaxGraphValues+1, true))
	want := fmt.Sprintf("graph.yaml:4:11: a spec that declares next may have at most %d values (it has %d): the Go output's transition table grows with the square of the count", MaxGraphValues, MaxGraphValues+1)
	if err == nil || err.Error() != want {
		t.Errorf("%d values with next: %v\nwant %s", MaxGraphValues+1, err, want)
	}
	if _, err := Parse("graph.yaml", spec(MaxGraphValues+1, false)); err != nil {
		t.Errorf("%d values without next: %v", MaxGraphValues+1, err)
	}
}

// The documented limit of 65,534 values (docs/spec.md): the Go type (uint16) must hold every
// value and one past the last, so that loops over them end.
func TestValueLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a spec of 65,535 values; make test runs it")
	}
	spec := &Spec{File: "big.yaml", Type: "T", Package: "p"}
	for i := range MaxValues + 1 {
		spec.Values = append(spec.Values, Value{Name: fmt.Sprintf("V%d", i)})
	}
	if _, err := Build(spec); err == nil || err.Error() != "big.yaml: 65535 values is more than statusgen supports (65534)" {
		t.Errorf("%d values: %v, want the limit named", MaxValues+1, err)
	}
	spec.Values = spec.Values[:MaxValues]
	if _, err := Build(spec); err != nil {
		t.Errorf("%d values: %v", MaxValues, err)
	}
}
