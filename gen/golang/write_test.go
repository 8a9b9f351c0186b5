package golang

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/internal/specshape"
	"github.com/taskstatus/taskstatus/internal/textdiff"
)

// shapeEnum returns the enum of a specshape spec of about size bytes.
func shapeEnum(t *testing.T, shape specshape.Shape, size int) *gen.Enum {
	t.Helper()
	src, _ := shape.Spec(size)
	_, e, err := gen.Load(shape.Name+".yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// pieceWriter records each write it is given.
type pieceWriter struct {
	buf    bytes.Buffer
	writes int
	failAt int // fail the write that would pass this many bytes; 0 never
	failed int // writes asked for after the failure
}

var errFull = errors.New("disk full")

func (w *pieceWriter) Write(p []byte) (int, error) {
	if w.failAt > 0 && w.buf.Len()+len(p) > w.failAt {
		w.failed++
		return 0, errFull
	}
	w.writes++
	return w.buf.Write(p)
}

// Write prints the hash tables' rows in pieces, side by side, and writes
// them in order: what it writes is what Generate returns, for specs whose
// tables span many pieces.
func TestWriteMatchesGenerate(t *testing.T) {
	for _, shape := range specshape.Shapes {
		e := shapeEnum(t, shape, 100_000)
		for _, opts := range []Options{{Package: "shape"}, {Package: "shape", HashLookup: true}} {
			want, err := Generate(e, opts)
			if err != nil {
				t.Fatal(err)
			}
			var w pieceWriter
			if err := Write(&w, e, opts); err != nil {
				t.Fatalf("%s %+v: %v", shape.Name, opts, err)
			}
			if !bytes.Equal(w.buf.Bytes(), want) {
				t.Errorf("%s %+v: Write wrote other bytes than Generate returns:\n%s", shape.Name, opts, textdiff.Unified("Generate", "Write", want, w.buf.Bytes()))
			}
			if m := newModel(e, "shape", true, false); opts.HashLookup && w.writes < 2*len(m.Exact.Slots)/rowChunk {
				t.Errorf("%s: %d writes for tables of %d slots, want one a piece of %d", shape.Name, w.writes, len(m.Exact.Slots), rowChunk)
			}
		}
	}
}

// A failed write ends Write with its error, and nothing more is written:
// in the text before the rows, in the rows, and after them.
func TestWriteStopsAtFirstError(t *testing.T) {
	e := shapeEnum(t, specshape.Shapes[1], 100_000)
	opts := Options{Package: "shape"}
	want, err := Generate(e, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{10, len(want) / 2, len(want) - 10} {
		w := pieceWriter{failAt: at}
		if err := Write(&w, e, opts); err != errFull {
			t.Errorf("failing at byte %d: Write returned %v, want %v", at, err, errFull)
		}
		if w.failed != 1 || !bytes.HasPrefix(want, w.buf.Bytes()) {
			t.Errorf("failing at byte %d: %d writes after the failure and %d bytes written, want none after it and a prefix of the file", at, w.failed-1, w.buf.Len())
		}
	}
}

// appendHex writes what strconv.AppendUint writes in base 16.
func TestAppendHex(t *testing.T) {
	for _, x := range []uint64{0, 1, 15, 16, 255, 256, 0xabcdef, 1 << 63, math.MaxUint64 - 1, math.MaxUint64} {
		if got, want := string(appendHex([]byte("x"), x)), string(strconv.AppendUint([]byte("x"), x, 16)); got != want {
			t.Errorf("appendHex(%#x) = %s, want %s", x, got, want)
		}
	}
}
