package aliasenum_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/aliasenum"
	"github.com/taskstatus/taskstatus/internal/enumertwin"
	"github.com/taskstatus/taskstatus/status"
)

// aliases are the spec's aliases, written out here rather than read from
// the generated code.
var aliases = map[string]string{"CANCELLED": "CANCELED", "RUNNING": "IN_PROGRESS", "SUCCEEDED": "COMPLETED"}

// corpus holds every name and alias, case variants, one-byte edits of each,
// and random bytes.
func corpus() []string {
	var in []string
	names := status.StatusNames()
	for a := range aliases {
		names = append(names, a)
	}
	for _, name := range names {
		in = append(in, name, strings.ToLower(name), " "+name, name+"\x00", `"`+name+`"`)
		for i := 0; i <= len(name); i++ {
			for _, c := range []byte{'A', 'a', '_', 0, 0xff} {
				in = append(in, name[:i]+string([]byte{c})+name[i:])
			}
			if i < len(name) {
				in = append(in, name[:i]+name[i+1:])
			}
		}
	}
	rng := rand.New(rand.NewPCG(14, 14))
	for range 2000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		in = append(in, string(b))
	}
	return append(in, "")
}

// result is a decode's outcome by wire name, so two types compare.
func result(v interface{ String() string }, err error) string {
	if err != nil {
		return "error"
	}
	return v.String()
}

// TestAliasesDifferential: every decoder of the aliased enum agrees with
// package status (which TestDifferential compares with enumer) on every
// input, except that an alias decodes to its value: nothing else newly
// decodes, and nothing that decoded changes. Exact aliases are also checked
// against the enumer twin, which knows the canonical names only.
func TestAliasesDifferential(t *testing.T) {
	fold := func(s string) string { return strings.ToLower(s) }
	for _, in := range corpus() {
		aliasOf, isAlias := aliases[in]
		foldAlias := ""
		for a, v := range aliases {
			if fold(a) == fold(in) {
				foldAlias = v
			}
		}
		jsonAlias := ""
		if len(in) >= 2 && in[0] == '"' && in[len(in)-1] == '"' {
			jsonAlias = aliases[in[1:len(in)-1]]
		}
		check := func(op, want, got string) {
			t.Helper()
			if got != want {
				t.Errorf("%s(%q) = %s, want %s", op, in, got, want)
			}
		}
		decoders := []struct {
			op         string
			ours, base func() string
			alias      string // what an alias must decode to; "" when in is none
		}{
			{"ParseStatus", func() string { return result(aliasenum.ParseStatus(in)) }, func() string { return result(status.ParseStatus(in)) }, aliasOf},
			{"ParseStatusFold", func() string { return result(aliasenum.ParseStatusFold(in)) }, func() string { return result(status.ParseStatusFold(in)) }, foldAlias},
			{"UnmarshalText", func() string { var s aliasenum.Status; return result(s, s.UnmarshalText([]byte(in))) },
				func() string { var s status.Status; return result(s, s.UnmarshalText([]byte(in))) }, aliasOf},
			{"Scan", func() string { var s aliasenum.Status; return result(s, s.Scan([]byte(in))) },
				func() string { var s status.Status; return result(s, s.Scan([]byte(in))) }, aliasOf},
			{"json.Unmarshal", func() string { var s aliasenum.Status; return result(s, json.Unmarshal([]byte(in), &s)) },
				func() string { var s status.Status; return result(s, json.Unmarshal([]byte(in), &s)) }, jsonAlias},
		}
		for _, d := range decoders {
			if d.alias != "" {
				check(d.op, d.alias, d.ours())
				continue
			}
			check(d.op, d.base(), d.ours())
		}
		// JSON: the input as a JSON string names an alias exactly when in does.
		quoted, _ := json.Marshal(in)
		var ours aliasenum.Status
		var base status.Status
		gotOurs, gotBase := result(ours, json.Unmarshal(quoted, &ours)), result(base, json.Unmarshal(quoted, &base))
		if isAlias {
			check("json.Unmarshal(string)", aliasOf, gotOurs)
		} else {
			check("json.Unmarshal(string)", gotBase, gotOurs)
		}
		if isAlias {
			if _, err := enumertwin.StatusString(in); err == nil {
				t.Errorf("the enumer twin accepts alias %q: the test's premise is gone", in)
			}
		} else if twin, err := enumertwin.StatusString(in); err == nil && result(aliasenum.ParseStatusFold(in)) != twin.String() {
			// enumer accepts exact and lower-case names, which the fold
			// parser accepts too.
			t.Errorf("ParseStatusFold(%q) differs from enumer's %s", in, twin)
		}
	}
}

// TestAliasesEncodeCanonical: a decoded alias encodes as its value's name.
func TestAliasesEncodeCanonical(t *testing.T) {
	var s aliasenum.Status
	if err := json.Unmarshal([]byte(`"CANCELLED"`), &s); err != nil || s != aliasenum.Canceled {
		t.Fatalf("CANCELLED decoded to %v, %v", s, err)
	}
	out, err := json.Marshal(s)
	if err != nil || string(out) != `"CANCELED"` {
		t.Fatalf("Canceled encodes as %s, %v", out, err)
	}
	if !aliasenum.Archived.IsDeprecated() || aliasenum.Suspended.IsDeprecated() || aliasenum.Status(0).IsDeprecated() {
		t.Fatal("IsDeprecated: want ARCHIVED only")
	}
}

// TestAliasLookupsDoNotAllocate: the lookups with aliases stay
// allocation-free for string and []byte input, aliases included.
func TestAliasLookupsDoNotAllocate(t *testing.T) {
	text, jsonText := []byte("CANCELLED"), []byte(`"CANCELLED"`)
	var src any = text // boxed once: the conversion to any is the caller's
	var s aliasenum.Status
	for name, f := range map[string]func(){
		"ParseStatus":     func() { aliasenum.ParseStatus("CANCELLED") },
		"ParseStatusFold": func() { aliasenum.ParseStatusFold("cancelled") },
		"UnmarshalText":   func() { s.UnmarshalText(text) },
		"UnmarshalJSON":   func() { s.UnmarshalJSON(jsonText) },
		"Scan":            func() { s.Scan(src) },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times per alias lookup", name, n)
		}
	}
}
