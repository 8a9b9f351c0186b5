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
// spaced, and each kind of token and string the contract names.
func jsonv2Inputs() []string {
	in := []string{"null", " null ", `""`, "42", "true", "{}", `["PENDING"]`, `"pending"`, `"EVICTED"`,
		`"\u0050ENDING"`, `"COMPLETED\u005fWITH_ERRORS"`, `"\ud800"`, `"\uFFFD"`, "\"\xff\"", `"PENDING`, "", " ", `"a\"b"`, "\"\x01\""}
	for _, n := range status.StatusNames() {
		in = append(in, `"`+n+`"`, " \""+n+"\"\n")
	}
	return in
}

// checkJSONv2Decode decodes in through encoding/json/v2, which calls
// UnmarshalJSONFrom, and through UnmarshalJSON: where v2 accepts the text
// as JSON (it is stricter than v1 about invalid UTF-8 and lone surrogates),
// the two agree on the value and on failing; where it refuses the text, the
// decode fails. A failed decode leaves the destination untouched either way.
func checkJSONv2Decode(t *testing.T, in string) {
	t.Helper()
	var syntax any
	syntaxErr := unmarshalV2([]byte(in), &syntax)
	got := status.Failed
	err := unmarshalV2([]byte(in), &got)
	if err != nil && got != status.Failed {
		t.Fatalf("jsonv2.Unmarshal(%q) failed (%v) but changed its destination to %v", in, err, got)
	}
	if syntaxErr != nil {
		if err == nil {
			t.Fatalf("jsonv2.Unmarshal(%q) = %v, nil; v2 refuses it as JSON: %v", in, got, syntaxErr)
		}
		return
	}
	want := status.Failed
	wantErr := want.UnmarshalJSON([]byte(strings.Trim(in, " \t\r\n")))
	if (err != nil) != (wantErr != nil) || got != want {
		t.Fatalf("jsonv2.Unmarshal(%q) = %v, %v; UnmarshalJSON gives %v, %v", in, got, err, want, wantErr)
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
