package enumertwin_test

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/enumertwin"
	"github.com/taskstatus/taskstatus/status"
)

// corpus returns every wire name, case variants of each (including ones
// that only Unicode case mapping relates to a name), every one-byte edit of
// each (substitution, deletion, insertion), and random byte strings.
func corpus() []string {
	var in []string
	edits := []byte{0, 'A', 'Z', 'a', 'z', '_', '-', ' ', '0', '"', '\\', 0x7f, 0x80, 0xff}
	for _, name := range status.StatusNames() {
		in = append(in, name, strings.ToLower(name), strings.ToTitle(strings.ToLower(name)),
			alternate(name), strings.ReplaceAll(name, "K", "\u212a"), strings.ReplaceAll(strings.ToLower(name), "i", "\u0130"),
			" "+name, name+" ", name+"\x00")
		for i := 0; i <= len(name); i++ {
			for _, c := range edits {
				in = append(in, name[:i]+string([]byte{c})+name[i:])
				if i < len(name) {
					in = append(in, name[:i]+string([]byte{c})+name[i+1:])
				}
			}
			if i < len(name) {
				in = append(in, name[:i]+name[i+1:])
			}
		}
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	for range 5000 {
		b := make([]byte, rng.IntN(48))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		in = append(in, string(b))
	}
	return append(in, "", "Status(1)", "0", "1")
}

func alternate(s string) string {
	b := []byte(s)
	for i := range b {
		if i%2 == 1 && 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// name is what each implementation decoded, by wire name, since the two
// number their values differently (enumer from 0, statusgen from 1).
func oursName(s status.Status, err error) string {
	if err != nil {
		return "error"
	}
	return s.String()
}

func twinName(s enumertwin.Status, err error) string {
	if err != nil {
		return "error"
	}
	return s.String()
}

func isName(s string) bool {
	for _, n := range status.StatusNames() {
		if n == s {
			return true
		}
	}
	return false
}

// twinAcceptsFold is enumer's rule: its second map is keyed by the names
// in lower case, and it looks up strings.ToLower of the input (which is
// not strings.EqualFold: the two relate different strings).
func twinAcceptsFold(s string) bool {
	lower := strings.ToLower(s)
	for _, key := range twinLowerKeys {
		if lower == key {
			return true
		}
	}
	return false
}

var twinLowerKeys = func() (keys []string) {
	for _, n := range status.StatusNames() {
		keys = append(keys, strings.ToLower(n))
	}
	return keys
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestDifferential compares the two over the corpus. Where their contracts
// coincide they must agree exactly; each difference by design is a row of
// the table in docs/enumer.md (linked from the README) and is asserted here.
func TestDifferential(t *testing.T) {
	inputs := corpus()
	compared := 0
	for _, in := range inputs {
		ours, oursErr := status.ParseStatus(in)
		twin, twinErr := enumertwin.StatusString(in)
		fold, foldErr := status.ParseStatusFold(in)
		compared++
		switch {
		case isName(in):
			// Agreement: both accept exactly the wire names.
			if oursName(ours, oursErr) != in || twinName(twin, twinErr) != in {
				t.Errorf("name %q: statusgen %s, enumer %s", in, oursName(ours, oursErr), twinName(twin, twinErr))
			}
		case twinAcceptsFold(in):
			// Row "case": enumer accepts any case variant; ParseStatus
			// rejects it, ParseStatusFold accepts it when the variant is
			// ASCII (row "Unicode case" otherwise).
			if oursErr == nil || twinErr != nil {
				t.Errorf("case variant %q: statusgen %s, enumer %s", in, oursName(ours, oursErr), twinName(twin, twinErr))
			}
			if isASCII(in) != (foldErr == nil) || foldErr == nil && fold.String() != twin.String() {
				t.Errorf("case variant %q: ParseStatusFold %s, enumer %s", in, oursName(fold, foldErr), twinName(twin, twinErr))
			}
		default:
			// Agreement: both reject everything else, and so does
			// ParseStatusFold (ASCII folding relates fewer strings than
			// Unicode lower-casing).
			if oursErr == nil || foldErr == nil {
				t.Errorf("non-name %q: statusgen %s, fold %s, enumer %s", in, oursName(ours, oursErr), oursName(fold, foldErr), twinName(twin, twinErr))
			}
			if twinErr == nil {
				t.Errorf("non-name %q: enumer accepted it as %v", in, twin)
			}
		}

		// Text, which flags, YAML and XML use: both accept exactly the
		// names and reject everything else (statusgen with an error naming
		// the input, its destination untouched; enumer resetting it to
		// PENDING, row "failed decode"), except case variants, which
		// enumer accepts (row "case variant").
		var o status.Status = status.Failed
		oErr := o.UnmarshalText([]byte(in))
		var e enumertwin.Status = enumertwin.Failed
		eErr := e.UnmarshalText([]byte(in))
		compared++
		var invalid *status.InvalidStatusError
		oRejected := errors.As(oErr, &invalid) && invalid.Input == in && o == status.Failed
		switch {
		case in == "":
			// Row "empty text".
			if oErr != nil || o != 0 || eErr == nil {
				t.Errorf("empty text: statusgen %v %v, enumer %v %v", o, oErr, e, eErr)
			}
		case isName(in):
			if o.String() != in || e.String() != in || oErr != nil || eErr != nil {
				t.Errorf("UnmarshalText(%q): statusgen %v, enumer %v", in, o, e)
			}
		case twinAcceptsFold(in):
			if !oRejected || eErr != nil {
				t.Errorf("UnmarshalText(%q) case variant: statusgen %v %v, enumer %v %v", in, o, oErr, e, eErr)
			}
		default:
			if !oRejected || eErr == nil || e != enumertwin.Pending {
				t.Errorf("UnmarshalText(%q): statusgen %v %v, enumer %v %v", in, o, oErr, e, eErr)
			}
		}

		// SQL and JSON values, where a newer writer may be the source: on
		// names they agree; on anything else statusgen applies its fallback
		// (row "unknown name in JSON and SQL") and enumer fails.
		for _, src := range []any{in, []byte(in)} {
			var o status.Status = status.Failed
			var e enumertwin.Status = enumertwin.Failed
			oErr, eErr := o.Scan(src), e.Scan(src)
			compared++
			if isName(in) && (o.String() != in || e.String() != in || oErr != nil || eErr != nil) {
				t.Errorf("Scan(%q): statusgen %v, enumer %v", in, o, e)
			}
			if !isName(in) && !twinAcceptsFold(in) && (o != status.Unknown || eErr == nil) {
				t.Errorf("Scan(%q): statusgen %v %v, enumer %v %v", in, o, oErr, e, eErr)
			}
		}

		doc, _ := json.Marshal(in)
		var oj struct{ S status.Status }
		var ej struct{ S enumertwin.Status }
		oj.S, ej.S = status.Failed, enumertwin.Failed
		ojErr := json.Unmarshal([]byte(`{"S":`+string(doc)+`}`), &oj)
		ejErr := json.Unmarshal([]byte(`{"S":`+string(doc)+`}`), &ej)
		compared++
		switch {
		case in == "":
			// Row "JSON empty string": unset for statusgen (as empty
			// text, so a map key of the unset value reads back), an error
			// for enumer.
			if oj.S != 0 || ojErr != nil || ejErr == nil {
				t.Errorf("JSON %s: statusgen %v %v, enumer %v %v", doc, oj.S, ojErr, ej.S, ejErr)
			}
		case isName(strings.ToValidUTF8(in, "\uFFFD")):
			if oj.S.String() != ej.S.String() || ojErr != nil || ejErr != nil {
				t.Errorf("JSON %s: statusgen %v %v, enumer %v %v", doc, oj.S, ojErr, ej.S, ejErr)
			}
		case !twinAcceptsFold(strings.ToValidUTF8(in, "\uFFFD")):
			if oj.S != status.Unknown || ojErr != nil || ejErr == nil || ej.S != enumertwin.Pending {
				t.Errorf("JSON %s: statusgen %v %v, enumer %v %v", doc, oj.S, ojErr, ej.S, ejErr)
			}
		}
	}
	t.Logf("%d inputs, %d comparisons", len(inputs), compared)
}

// The differences that do not depend on an input string.
func TestDifferencesByDesign(t *testing.T) {
	t.Run("zero value", func(t *testing.T) {
		var o status.Status
		var e enumertwin.Status
		if o.IsValid() || o.String() != "Status(0)" || e.String() != "PENDING" {
			t.Errorf("zero: statusgen %v (valid %v), enumer %v", o, o.IsValid(), e)
		}
	})
	t.Run("out-of-range value", func(t *testing.T) {
		o, e := status.Status(42), enumertwin.Status(42)
		ob, oErr := json.Marshal(o)
		eb, eErr := json.Marshal(e)
		if oErr == nil || ob != nil || eErr != nil || string(eb) != `"Status(42)"` {
			t.Errorf("statusgen %s %v, enumer %s %v", ob, oErr, eb, eErr)
		}
		ov, oErr := o.Value()
		ev, eErr := e.Value()
		if oErr == nil || ov != nil || eErr != nil || ev != "Status(42)" {
			t.Errorf("Value: statusgen %v %v, enumer %v %v", ov, oErr, ev, eErr)
		}
		if ot, err := o.MarshalText(); err == nil || ot != nil {
			t.Errorf("MarshalText: statusgen %q", ot)
		}
	})
	t.Run("JSON null", func(t *testing.T) {
		o, e := status.Failed, enumertwin.Failed
		oErr, eErr := json.Unmarshal([]byte("null"), &o), e.UnmarshalJSON([]byte("null"))
		// statusgen leaves the destination untouched, the no-op
		// encoding/json asks of every Unmarshaler; enumer fails and resets
		// it to its first value.
		if oErr != nil || o != status.Failed || eErr == nil || e != enumertwin.Pending {
			t.Errorf("statusgen %v %v, enumer %v %v", o, oErr, e, eErr)
		}
	})
	t.Run("JSON non-string", func(t *testing.T) {
		o, e := status.Failed, enumertwin.Failed
		oErr, eErr := o.UnmarshalJSON([]byte("3")), e.UnmarshalJSON([]byte("3"))
		if oErr == nil || o != status.Failed || eErr == nil {
			t.Errorf("statusgen %v %v, enumer %v %v", o, oErr, e, eErr)
		}
	})
	t.Run("SQL NULL", func(t *testing.T) {
		o, e := status.Failed, enumertwin.Failed
		oErr, eErr := o.Scan(nil), e.Scan(nil)
		if oErr != nil || o != 0 || eErr != nil || e != enumertwin.Failed {
			t.Errorf("statusgen %v %v, enumer %v %v", o, oErr, e, eErr)
		}
		if v, _ := status.Status(0).Value(); v != nil {
			t.Errorf("unset Value = %v, want NULL", v)
		}
	})
	t.Run("Scan of a Stringer", func(t *testing.T) {
		o, e := status.Failed, enumertwin.Failed
		oErr, eErr := o.Scan(enumertwin.Completed), e.Scan(status.Completed)
		if oErr == nil || o != status.Failed || eErr != nil || e != enumertwin.Completed {
			t.Errorf("statusgen %v %v, enumer %v %v", o, oErr, e, eErr)
		}
	})
	t.Run("gob", func(t *testing.T) {
		// enumer has no binary methods, so gob stores the number: an
		// out-of-range value round-trips and an inserted value shifts the
		// meaning of stored data. statusgen's gob carries the wire name.
		var ob, eb bytes.Buffer
		oErr := gob.NewEncoder(&ob).Encode(status.Status(42))
		eErr := gob.NewEncoder(&eb).Encode(enumertwin.Status(42))
		var e enumertwin.Status
		if oErr == nil || eErr != nil || gob.NewDecoder(&eb).Decode(&e) != nil || e != 42 {
			t.Errorf("gob of 42: statusgen %v, enumer %v %v", oErr, eErr, e)
		}
		ob.Reset()
		if err := gob.NewEncoder(&ob).Encode(status.Completed); err != nil || !bytes.Contains(ob.Bytes(), []byte("COMPLETED")) {
			t.Errorf("statusgen gob of COMPLETED = %q, %v", ob.Bytes(), err)
		}
	})
	t.Run("unknown JSON map key", func(t *testing.T) {
		// enumer's UnmarshalJSON is strict, so an unknown key is an error
		// whichever method encoding/json calls for keys. statusgen's map
		// keys are strict where encoding/json decodes them with
		// UnmarshalText (Go 1.27, GOEXPERIMENT=jsonv2); before that they
		// take the fallback like values (see status/jsonkeys_legacy_test.go).
		var e map[enumertwin.Status]int
		if err := json.Unmarshal([]byte(`{"PENDING":2,"EVICTED":1}`), &e); err == nil {
			t.Errorf("enumer accepted an unknown key: %v", e)
		}
	})
	t.Run("values slice", func(t *testing.T) {
		ov, ev := status.StatusValues(), enumertwin.StatusValues()
		ov[0], ev[0] = status.Failed, enumertwin.Failed
		if status.StatusValues()[0] != status.Pending || enumertwin.StatusValues()[0] != enumertwin.Failed {
			t.Errorf("statusgen returns a copy, enumer its table: %v %v", status.StatusValues()[0], enumertwin.StatusValues()[0])
		}
		ev[0] = enumertwin.Pending // put enumer's table back for other tests
	})
}
