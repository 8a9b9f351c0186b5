package status_test

import (
	"bytes"
	"encoding/gob"
	"errors"
	"testing"

	"github.com/taskstatus/taskstatus/status"
)

// encoding/gob ignores text methods, so without MarshalBinary it stored a
// Status as its position in the spec: Status(42) round-tripped with no
// error, and inserting a value in the spec changed what stored data meant.
// With MarshalBinary gob carries the wire name, under the text contract.
// (That gob data keeps its meaning across an inserted value is run in
// gen/testdata/e2e, which generates two versions of one enum.)
func TestGobCarriesTheWireName(t *testing.T) {
	type task struct {
		ID     int
		Status status.Status
	}
	for _, want := range append(status.StatusValues(), 0) {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(task{7, want}); err != nil {
			t.Fatalf("encode %v: %v", want, err)
		}
		if want != 0 && !bytes.Contains(buf.Bytes(), []byte(want.String())) {
			t.Errorf("gob data for %v does not hold its wire name: %q", want, buf.Bytes())
		}
		got := task{Status: status.Failed}
		if want == 0 {
			got.Status = 0 // gob sends no zero field, of any type: it decodes to what the destination held
		}
		if err := gob.NewDecoder(&buf).Decode(&got); err != nil || got.Status != want || got.ID != 7 {
			t.Errorf("gob round trip of %v = %+v, %v", want, got, err)
		}
	}

	if err := gob.NewEncoder(new(bytes.Buffer)).Encode(task{1, status.Status(42)}); err == nil {
		t.Error("gob encoded Status(42)")
	}
	if b, err := status.Status(42).MarshalBinary(); err == nil || b != nil {
		t.Errorf("MarshalBinary(42) = %q, %v", b, err)
	}
	if b, err := status.Failed.AppendBinary([]byte("x:")); err != nil || string(b) != "x:FAILED" {
		t.Errorf("AppendBinary = %q, %v", b, err)
	}

	// A name this build does not know is an error, as in text.
	s := status.Failed
	err := s.UnmarshalBinary([]byte("NEW_IN_V2"))
	var invalid *status.InvalidStatusError
	if !errors.As(err, &invalid) || invalid.Input != "NEW_IN_V2" || s != status.Failed {
		t.Errorf("UnmarshalBinary(NEW_IN_V2) = %v, %v", s, err)
	}
}
