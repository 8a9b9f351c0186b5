//go:build goexperiment.jsonv2

package status_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// status_jsonv2_gen.go gives Status the methods encoding/json/v2 prefers
// (and encoding/json, which runs on v2 from Go 1.27): MarshalJSONTo and
// UnmarshalJSONFrom. They exist only in this build, so ask for them by name
// rather than through jsontext, which a hand-written file at the module's
// go version may not name on Go 1.27 (see jsonv2_go126_test.go).
func TestJSONv2MethodsExist(t *testing.T) {
	for _, m := range []struct {
		typ  reflect.Type
		name string
	}{{reflect.TypeFor[status.Status](), "MarshalJSONTo"}, {reflect.TypeFor[*status.Status](), "UnmarshalJSONFrom"}} {
		if _, ok := m.typ.MethodByName(m.name); !ok {
			t.Errorf("%v has no %s", m.typ, m.name)
		}
	}
}

// The v2 encoder writes exactly what MarshalJSON writes, and refuses what
// it refuses, for every value, unset and an invalid one.
func TestJSONv2MarshalContract(t *testing.T) {
	for _, s := range append(status.StatusValues(), 0, 14, 42) {
		want, wantErr := s.MarshalJSON()
		got, err := marshalV2(s)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Errorf("jsonv2.Marshal(%v) = %s, %v; MarshalJSON gives %s, %v", s, got, err, want, wantErr)
		}
		doc, err := marshalV2(struct{ ID, S any }{"t", s})
		if wantErr == nil && (err != nil || string(doc) != `{"ID":"t","S":`+string(want)+`}`) {
			t.Errorf("jsonv2.Marshal of a struct holding %v = %s, %v", s, doc, err)
		}
	}
}

// jsonv2Inputs are JSON texts for the decoders: every name, bare and
// spaced, and each kind of token and string the contract names: null and
// "", the fallback, names spelled with escapes, invalid UTF-8 and lone
// surrogates (which encoding/json replaces with U+FFFD), a name with bytes
// around it, and text that is not one JSON value.
func jsonv2Inputs() []string {
	in := []string{"null", " null ", `""`, "42", "true", "{}", `["PENDING"]`, `"pending"`, `"EVICTED"`,
		`"\u0050ENDING"`, `"COMPLETED\u005fWITH_ERRORS"`, `"PENDING\u0000"`, `"\u00e9"`, `"\\"`, `"\/"`,
		`"\ud800"`, `"\udc00PENDING"`, `"\uFFFD"`, "\"\uFFFD\"", "\"\xff\"", "\"PENDING\xff\"", "\"\xed\xa0\x80\"",
		`"PENDING`, `"PENDING""`, `"PENDING" x`, "", " ", `"a\"b"`, "\"\x01\"", "\"PEN\tDING\""}
	for _, n := range status.StatusNames() {
		in = append(in, `"`+n+`"`, " \""+n+"\"\n", `"`+n[:len(n)-1]+`"`, `"`+n+` "`)
	}
	return in
}

// checkJSONv2Decode decodes in through every API that calls
// UnmarshalJSONFrom: encoding/json/v2 as it stands (stricter than v1 about
// invalid UTF-8 and lone surrogates), encoding/json/v2 allowing invalid
// UTF-8, and encoding/json, which runs on v2 in this build. Where the API
// accepts the text as JSON (decoding it into an any), the result and the
// failing agree with UnmarshalJSON's, and a failed decode leaves the
// destination untouched; where it refuses the text, the decode fails.
func checkJSONv2Decode(t *testing.T, in string) {
	t.Helper()
	for _, api := range []struct {
		name      string
		unmarshal func([]byte, any) error
	}{
		{"jsonv2.Unmarshal", unmarshalV2},
		{"jsonv2.Unmarshal with AllowInvalidUTF8", unmarshalV2Lax},
		{"json.Unmarshal", json.Unmarshal},
	} {
		var syntax any
		syntaxErr := api.unmarshal([]byte(in), &syntax)
		got := status.Failed
		err := api.unmarshal([]byte(in), &got)
		if syntaxErr != nil {
			// Not ours to leave untouched: encoding/json/v2 finds trailing
			// text after it has stored the value before it.
			if err == nil {
				t.Fatalf("%s(%q) = %v, nil; it refuses the text as JSON: %v", api.name, in, got, syntaxErr)
			}
			continue
		}
		if err != nil && got != status.Failed {
			t.Fatalf("%s(%q) failed (%v) but changed its destination to %v", api.name, in, err, got)
		}
		want := status.Failed
		wantErr := want.UnmarshalJSON([]byte(strings.Trim(in, " \t\r\n")))
		if (err != nil) != (wantErr != nil) || got != want {
			t.Fatalf("%s(%q) = %v, %v; UnmarshalJSON gives %v, %v", api.name, in, got, err, want, wantErr)
		}
	}
}

func TestJSONv2UnmarshalContract(t *testing.T) {
	for _, in := range jsonv2Inputs() {
		checkJSONv2Decode(t, in)
	}
	// The cases the contract states, spelled out.
	for _, tt := range []struct {
		in   string
		want status.Status
		ok   bool
	}{
		{`"COMPLETED_WITH_ERRORS"`, status.CompletedWithErrors, true},
		{"null", status.Failed, true}, // untouched
		{`""`, 0, true},
		{`"EVICTED"`, status.Unknown, true},
		{"3", status.Failed, false},
	} {
		s := status.Failed
		if err := unmarshalV2([]byte(tt.in), &s); (err == nil) != tt.ok || s != tt.want {
			t.Errorf("jsonv2.Unmarshal(%s) = %v, %v; want %v", tt.in, s, err, tt.want)
		}
		s = status.Failed
		if err := json.Unmarshal([]byte(tt.in), &s); (err == nil) != tt.ok || s != tt.want {
			t.Errorf("json.Unmarshal(%s) = %v, %v; want %v", tt.in, s, err, tt.want)
		}
	}
}

// FuzzStatusUnmarshalJSONFrom runs checkJSONv2Decode on arbitrary text;
// UnmarshalJSON, its oracle, is fuzzed against encoding/json by the
// generated FuzzStatusUnmarshalJSON (which, on Go 1.27, reaches
// UnmarshalJSONFrom too, through encoding/json).
func FuzzStatusUnmarshalJSONFrom(f *testing.F) {
	for _, in := range jsonv2Inputs() {
		f.Add(in)
	}
	f.Fuzz(checkJSONv2Decode)
}
