package status_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// Every decoder, on input it rejects, leaves its destination as it was.
// (enumer's decoders reset the field to its first value, PENDING, turning
// bad data into a real status.)
func TestFailedDecodeLeavesDestination(t *testing.T) {
	decoders := map[string]func(*status.Status) error{
		"UnmarshalJSON(42)":          func(s *status.Status) error { return s.UnmarshalJSON([]byte(`42`)) },
		"UnmarshalJSON(true)":        func(s *status.Status) error { return s.UnmarshalJSON([]byte(`true`)) },
		"UnmarshalJSON({})":          func(s *status.Status) error { return s.UnmarshalJSON([]byte(`{}`)) },
		"UnmarshalJSON(bad escape)":  func(s *status.Status) error { return s.UnmarshalJSON([]byte(`"\x"`)) },
		"UnmarshalJSON(unquoted)":    func(s *status.Status) error { return s.UnmarshalJSON([]byte(`PENDING`)) },
		"UnmarshalJSON(empty input)": func(s *status.Status) error { return s.UnmarshalJSON(nil) },
		"Scan(int64)":                func(s *status.Status) error { return s.Scan(int64(1)) },
		"Scan(float64)":              func(s *status.Status) error { return s.Scan(1.5) },
		"Scan(bool)":                 func(s *status.Status) error { return s.Scan(true) },
		"json.Unmarshal(number)":     func(s *status.Status) error { return json.Unmarshal([]byte(`7`), s) },
	}
	for name, decode := range decoders {
		for _, start := range []status.Status{0, status.Failed, status.Suspended} {
			s := start
			if err := decode(&s); err == nil {
				t.Errorf("%s accepted bad input", name)
			} else if s != start {
				t.Errorf("%s changed the destination from %v to %v", name, start, s)
			}
		}
	}
}

// The fallback applies where a newer writer may be the source of a name
// this build does not know: JSON values and SQL. Text (flags, YAML, XML)
// and binary (gob) decoding are strict, and so is ParseStatus: there an
// unrecognised name is an *InvalidStatusError naming the input, and the
// destination keeps its value (issue 11: "-phase=Runing" became Unknown).
func TestFallbackOnlyWhereANewerWriterIsTheSource(t *testing.T) {
	for _, in := range []string{"RETRYING", "pending", "PENDING ", "\u00e9", "\xff", "Status(1)"} {
		for name, decode := range map[string]func(*status.Status) error{
			"UnmarshalJSON": func(s *status.Status) error { b, _ := json.Marshal(in); return s.UnmarshalJSON(b) },
			"Scan(string)":  func(s *status.Status) error { return s.Scan(in) },
			"Scan([]byte)":  func(s *status.Status) error { return s.Scan([]byte(in)) },
		} {
			s := status.Failed
			if err := decode(&s); err != nil || s != status.Unknown {
				t.Errorf("%s(%q) = %v, %v; want the fallback %v", name, in, s, err, status.Unknown)
			}
		}
		for name, decode := range map[string]func(*status.Status) error{
			"UnmarshalText":   func(s *status.Status) error { return s.UnmarshalText([]byte(in)) },
			"UnmarshalBinary": func(s *status.Status) error { return s.UnmarshalBinary([]byte(in)) },
			"ParseStatus":     func(s *status.Status) (err error) { *s, err = status.ParseStatus(in); return err },
		} {
			s := status.Failed
			err := decode(&s)
			var invalid *status.InvalidStatusError
			if !errors.As(err, &invalid) || invalid.Input != in {
				t.Errorf("%s(%q) = %v, %v; want an *InvalidStatusError naming the input", name, in, s, err)
			}
			if name != "ParseStatus" && s != status.Failed {
				t.Errorf("%s(%q) failed but changed its destination to %v", name, in, s)
			}
		}
	}
	// The empty string: unset as text and as a JSON string (so that a map
	// key MarshalText wrote for the unset value reads back), an unknown
	// name in SQL.
	s := status.Failed
	if err := s.UnmarshalText(nil); err != nil || s != 0 {
		t.Errorf("empty text = %v, %v; want unset", s, err)
	}
	s = status.Failed
	if err := s.UnmarshalJSON([]byte(`""`)); err != nil || s != 0 {
		t.Errorf(`UnmarshalJSON("") = %v, %v; want unset`, s, err)
	}
	s = status.Failed
	if err := s.Scan(""); err != nil || s != status.Unknown {
		t.Errorf(`Scan("") = %v, %v; want the fallback`, s, err)
	}
	// An escaped name decodes like the plain one.
	if err := s.UnmarshalJSON([]byte(`"COMPLETED\u005fWITH_ERRORS"`)); err != nil || s != status.CompletedWithErrors {
		t.Errorf("escaped name: %v, %v", s, err)
	}
}

// flag.TextVar, the way a command takes a status, refuses a typo instead
// of running with the fallback.
func TestFlagRefusesUnknownName(t *testing.T) {
	fs := flag.NewFlagSet("cmd", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var s status.Status
	fs.TextVar(&s, "status", status.Pending, "the status to wait for")
	err := fs.Parse([]string{"-status=PENDNG"})
	want := `invalid value "PENDNG" for flag -status: status: invalid Status "PENDNG"; valid names are ` + strings.Join(status.StatusNames(), ", ")
	if err == nil || err.Error() != want || s != status.Pending {
		t.Errorf("-status=PENDNG: %v, %v;\nwant %s", s, err, want)
	}
	if err := fs.Parse([]string{"-status=FAILED"}); err != nil || s != status.Failed {
		t.Errorf("-status=FAILED: %v, %v", s, err)
	}
}

// encoding/xml decodes through UnmarshalText: strict too.
func TestXMLRefusesUnknownName(t *testing.T) {
	var doc struct {
		Status status.Status `xml:"status"`
	}
	if err := xml.Unmarshal([]byte(`<task><status>COMPLETED</status></task>`), &doc); err != nil || doc.Status != status.Completed {
		t.Errorf("known name: %v, %v", doc.Status, err)
	}
	err := xml.Unmarshal([]byte(`<task><status>DONE</status></task>`), &doc)
	var invalid *status.InvalidStatusError
	if !errors.As(err, &invalid) || invalid.Input != "DONE" || doc.Status != status.Completed {
		t.Errorf("unknown name: %v, %v; want an *InvalidStatusError", doc.Status, err)
	}
}

// encoding/json base64-decodes a JSON string into a slice whose element
// kind is uint8 without asking the element type, so no generated type is
// uint8: a string for a []Status is an error, and each element of an
// array goes through UnmarshalJSON (issue 11).
func TestSliceIsNeverBase64(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[status.Status](), reflect.TypeFor[status.StatusCategory]()} {
		if typ.Kind() == reflect.Uint8 {
			t.Errorf("%v is uint8", typ)
		}
	}
	statuses := []status.Status{status.Failed}
	if err := json.Unmarshal([]byte(`"AAEqAg=="`), &statuses); err == nil || !slices.Equal(statuses, []status.Status{status.Failed}) {
		t.Errorf("base64 string into []Status = %v, %v; want an error", statuses, err)
	}
	cats := []status.StatusCategory{}
	if err := json.Unmarshal([]byte(`"AQI="`), &cats); err == nil {
		t.Errorf("base64 string into []StatusCategory = %v, nil", cats)
	}
	if err := json.Unmarshal([]byte(`["PENDING","NEW_IN_V2",null]`), &statuses); err != nil ||
		!slices.Equal(statuses, []status.Status{status.Pending, status.Unknown, 0}) {
		t.Errorf("array into []Status = %v, %v", statuses, err)
	}
}

// Encoding a value outside the spec is an error that writes nothing (enumer,
// go-enum and goenums write "Status(42)" with a nil error).
func TestInvalidValueEncodesNothing(t *testing.T) {
	for _, bad := range []status.Status{14, 42, 255} {
		if b, err := bad.MarshalText(); err == nil || b != nil {
			t.Errorf("MarshalText(%d) = %q, %v", bad, b, err)
		}
		prefix := []byte("keep:")
		if b, err := bad.AppendText(prefix); err == nil || !bytes.Equal(b, prefix) {
			t.Errorf("AppendText(%d) = %q, %v", bad, b, err)
		}
		if b, err := bad.MarshalJSON(); err == nil || b != nil {
			t.Errorf("MarshalJSON(%d) = %q, %v", bad, b, err)
		}
		if v, err := bad.Value(); err == nil || v != nil {
			t.Errorf("Value(%d) = %v, %v", bad, v, err)
		}
		if b, err := json.Marshal(struct{ S status.Status }{bad}); err == nil || b != nil {
			t.Errorf("json.Marshal with %d = %q, %v", bad, b, err)
		}
		if err := func() error { _, err := bad.MarshalText(); return err }(); err.Error() != "status: cannot encode invalid Status("+bad.String()[7:] {
			t.Errorf("error text %q", err)
		}
		if bad.IsValid() || bad.IsTerminal() || bad.ShouldPoll() || bad.Category() != 0 || bad.Description() != "" {
			t.Errorf("%d reports metadata", bad)
		}
	}
}

func TestUnsetEncodesAsNothing(t *testing.T) {
	var s status.Status
	if b, err := s.MarshalText(); len(b) != 0 || err != nil {
		t.Errorf("MarshalText = %q, %v", b, err)
	}
	if b, err := s.AppendText([]byte("x")); string(b) != "x" || err != nil {
		t.Errorf("AppendText = %q, %v", b, err)
	}
	if b, err := s.MarshalJSON(); string(b) != "null" || err != nil {
		t.Errorf("MarshalJSON = %q, %v", b, err)
	}
	// JSON null is a no-op, as encoding/json documents for every
	// Unmarshaler, so a field a peer sends as null keeps its value; the
	// unset value still round-trips, since it starts unset.
	d := status.Active
	if err := d.UnmarshalJSON([]byte("null")); err != nil || d != status.Active {
		t.Errorf("null changed Active to %v, %v; want it untouched", d, err)
	}
	doc := struct{ S status.Status }{status.Active}
	if err := json.Unmarshal([]byte(`{"S":null}`), &doc); err != nil || doc.S != status.Active {
		t.Errorf(`{"S":null} changed Active to %v, %v`, doc.S, err)
	}
	d = status.Active
	if err := d.Scan(nil); err != nil || d != 0 {
		t.Errorf("NULL scanned to %v, %v", d, err)
	}
}

func TestParseStatusFold(t *testing.T) {
	for s := range status.StatusValuesSeq() {
		for _, in := range []string{s.String(), strings.ToLower(s.String()), strings.ToUpper(s.String()), strings.ToTitle(strings.ToLower(s.String()))} {
			if got, err := status.ParseStatusFold(in); got != s || err != nil {
				t.Errorf("ParseStatusFold(%q) = %v, %v", in, got, err)
			}
		}
	}
	for _, in := range []string{"", "pendin", "pendingg", strings.Repeat("x", 100), "p\u0130nding"} {
		_, err := status.ParseStatusFold(in)
		var invalid *status.InvalidStatusError
		if !errors.As(err, &invalid) || invalid.Input != in {
			t.Errorf("ParseStatusFold(%q) = %v", in, err)
		}
	}
	long := strings.Repeat("A", 100)
	_, err := status.ParseStatus(long)
	if want := `status: invalid Status "` + long[:64] + `"...; valid names`; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("long input not shortened in the message: %v", err)
	}
}

func TestCategories(t *testing.T) {
	cats := status.StatusCategories()
	if len(cats) != 2 || cats[0].String() != "operation" || cats[1].String() != "lifecycle" {
		t.Fatalf("categories %v", cats)
	}
	var all []status.Status
	for _, c := range cats {
		if c.Description() == "" {
			t.Errorf("%v has no description", c)
		}
		for _, s := range c.Values() {
			if s.Category() != c {
				t.Errorf("%v listed under %v", s, c)
			}
		}
		all = append(all, c.Values()...)
	}
	if !slices.Equal(all, status.StatusValues()) {
		t.Errorf("categories do not partition the values in order: %v", all)
	}
	bad := status.StatusCategory(9)
	if bad.IsValid() || bad.String() != "StatusCategory(9)" || bad.Description() != "" || bad.Values() != nil {
		t.Errorf("invalid category reports %q", bad)
	}
	n := 0
	for range status.StatusValuesSeq() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("StatusValuesSeq ignored break")
	}
}
