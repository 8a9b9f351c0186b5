package printer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// encodeJSON is how the JSON outputs wrote a string before
// AppendJSONString: encoding/json's Encoder without HTML escaping, then
// JSONEscapeHidden. An invalid byte (no spec holds one: specs are UTF-8)
// is written \ufffd, as encoding/json did before Go 1.27; on encoding/json
// v2 it writes U+FFFD itself, so the valid runs alone go through it.
func encodeJSON(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			r, size := utf8.DecodeRuneInString(s[n:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			n += size
		}
		if n == 0 {
			b.WriteString(`\ufffd`)
			s = s[1:]
			continue
		}
		var run bytes.Buffer
		enc := json.NewEncoder(&run)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s[:n]); err != nil {
			panic(err)
		}
		b.Write(bytes.TrimSuffix(bytes.TrimPrefix(bytes.TrimSuffix(run.Bytes(), []byte("\n")), []byte(`"`)), []byte(`"`)))
		s = s[n:]
	}
	b.WriteByte('"')
	return string(JSONEscapeHidden(b.Bytes()))
}

// jsonSamples hold every kind of character the escaping tells apart.
var jsonSamples = []string{
	"", "plain", `quote " and backslash \`, "<html> & 'x'", "\x00\x01\b\f\n\r\t\x1f\x7f",
	"bidi \u202e override \u2066", "line\u2028para\u2029", "bom \ufeff", "tag \U000E0041 char",
	"invalid \xff\xfe bytes", "truncated \xe2\x82", "replacement \ufffd", "emoji 😀 é ß",
	"soft\u00adhyphen", "zero\u200bwidth", "nbsp\u00a0", "\u0085next line",
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonSamples {
		if got, want := string(AppendJSONString(nil, s)), encodeJSON(s); got != want {
			t.Errorf("AppendJSONString(%q) = %s, encoding/json and JSONEscapeHidden write %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := AppendJSONString([]byte("prefix"), s)
		if want := "prefix" + encodeJSON(s); string(got) != want {
			t.Fatalf("AppendJSONString(%q) = %s, encoding/json and JSONEscapeHidden write %s", s, got[6:], want[6:])
		}
		if !utf8.Valid(got) {
			t.Fatalf("AppendJSONString(%q) = %q, not UTF-8", s, got)
		}
		for _, r := range string(got) {
			if !Visible(r) {
				t.Fatalf("AppendJSONString(%q) = %q holds %U, which does not show", s, got, r)
			}
		}
	})
}

// printSample prints text of every kind a File takes, in pieces of many
// sizes: some longer than Stream's buffer, and Appends whose estimate is
// too small, too large, or larger than the buffer. sampleText is the text.
func printSample(f *File) {
	xs, ys, long := strings.Repeat("x", 300), strings.Repeat("y", 5000), strings.Repeat("z", streamBuffer+1000)
	for i := range 3000 {
		if i%100 == 0 {
			f.P("line ", i, " of ", int64(-i), " ", true, " ", 1.5)
			fmt.Fprintf(f, "%03d\n", i%1000)
		}
		f.Line("line ", xs[:i%300])
		f.WriteByte('|')
		f.Write([]byte("bytes"))
		f.Append(4000, func(b []byte) []byte { return append(b, ys[:i%5000]...) })
		if i%1000 == 999 {
			f.WriteString(long)
			f.Write([]byte(long))
			f.Append(2*streamBuffer, func(b []byte) []byte { return append(b, long...) })
		}
	}
}

func sampleText() []byte {
	ys, long := strings.Repeat("y", 5000), strings.Repeat("z", streamBuffer+1000)
	var want bytes.Buffer
	for i := range 3000 {
		if i%100 == 0 {
			fmt.Fprint(&want, "line ", i, " of ", int64(-i), " ", true, " ", 1.5, "\n")
			fmt.Fprintf(&want, "%03d\n", i%1000)
		}
		want.WriteString("line " + strings.Repeat("x", i%300) + "\n")
		want.WriteByte('|')
		want.WriteString("bytes")
		want.WriteString(ys[:i%5000])
		if i%1000 == 999 {
			want.WriteString(long + long + long)
		}
	}
	return want.Bytes()
}

// A File must print the same text however it is split into chunks, and
// Render the same text as printing into a File.
func TestFile(t *testing.T) {
	print := printSample
	want := bytes.NewBuffer(sampleText())
	var f File
	print(&f)
	if f.Len() != want.Len() {
		t.Fatalf("Len() = %d, want %d", f.Len(), want.Len())
	}
	if !bytes.Equal(f.Bytes(), want.Bytes()) {
		t.Fatal("File printed other text than bytes.Buffer")
	}
	f.P("more")
	if got := f.String(); got != want.String()+"more\n" {
		t.Fatal("File printed after Bytes lost text")
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rendered := Render(print)
	runtime.ReadMemStats(&after)
	// The text, and the scratch of the first pass: no chunks, no copy.
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > uint64(len(rendered))+1<<20 {
		t.Errorf("Render allocated %d bytes for %d bytes of text, want it allocated once", allocated, len(rendered))
	}
	if !bytes.Equal(rendered, want.Bytes()) {
		t.Fatal("Render printed other text than bytes.Buffer")
	}
	if cap(rendered) != len(rendered) {
		t.Errorf("Render returned %d bytes in a slice of capacity %d, want exactly its size", len(rendered), cap(rendered))
	}
}

// checkWriter takes text that should be want, checking each write against
// it as it comes rather than keeping it, and records the size of every
// write. It fails the write that would take it past failAt bytes (when
// failAt > 0), writing the part before.
type checkWriter struct {
	want   []byte
	n      int // bytes written
	differ bool
	writes []int
	failAt int
	failed bool
}

var errFull = errors.New("disk full")

func (w *checkWriter) Write(p []byte) (int, error) {
	if w.failed {
		return 0, errors.New("written to after an error")
	}
	w.writes = append(w.writes, len(p))
	var err error
	if w.failAt > 0 && w.n+len(p) > w.failAt {
		p, err = p[:w.failAt-w.n], errFull
		w.failed = true
	}
	if w.n+len(p) > len(w.want) || !bytes.Equal(p, w.want[w.n:w.n+len(p)]) {
		w.differ = true
	}
	w.n += len(p)
	return len(p), err
}

// wrote reports whether the writer got want's first n bytes.
func (w *checkWriter) wrote(n int) bool { return !w.differ && w.n == n }

// Stream writes what Render returns, through its fixed buffer: a write a
// buffer, or text too long for it passed on as it is, and the text is
// never held whole.
func TestStream(t *testing.T) {
	want := sampleText()
	if rendered := Render(printSample); !bytes.Equal(rendered, want) {
		t.Fatal("Render printed other text than bytes.Buffer")
	}
	w := checkWriter{want: want}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := Stream(&w, printSample)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !w.wrote(len(want)) {
		t.Fatalf("Stream wrote %d bytes, other than the %d Render returns", w.n, len(want))
	}
	// A buffer or two (one grown for the large Append estimate) and what
	// fmt needs, against a text of 5 MB.
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 1<<20 {
		t.Errorf("Stream allocated %d bytes for %d bytes of text, want a fixed buffer", allocated, len(want))
	}
	// A write a buffer, plus one partial buffer before each of the nine
	// texts longer than the buffer and the text itself.
	if most := len(want)/streamBuffer + 2*9 + 1; len(w.writes) > most || len(w.writes) < 2 {
		t.Errorf("Stream wrote %d bytes in %d writes, want at most %d and more than one", len(want), len(w.writes), most)
	}
}

// A writer that fails midway stops the writing: Stream returns its error,
// writes nothing more, and what was written is the start of the text.
func TestStreamFails(t *testing.T) {
	want := sampleText()
	for _, failAt := range []int{1, streamBuffer, streamBuffer + 1, len(want) / 2, len(want) - 1} {
		w := checkWriter{want: want, failAt: failAt}
		if err := Stream(&w, printSample); err != errFull {
			t.Errorf("writer failing at byte %d: Stream returned %v, want its error", failAt, err)
		}
		if !w.wrote(failAt) {
			t.Errorf("writer failing at byte %d: got %d bytes, not the text's first %d", failAt, w.n, failAt)
		}
	}
	w := checkWriter{want: want, failAt: len(want)}
	if err := Stream(&w, printSample); err != nil || !w.wrote(len(want)) {
		t.Errorf("writer with room for the text exactly: %v", err)
	}
}

// CommentSafe and CommentLines take a shortcut for a plain line; it must
// give what the whole rule gives.
func FuzzCommentShortcut(f *testing.F) {
	for _, s := range append(jsonSamples, "trailing  \t", "\ttab", " ", "a\r\nb\n\n") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CommentSafe(s), escapeComment(s); got != want {
			t.Fatalf("CommentSafe(%q) = %q, want %q", s, got, want)
		}
		if got, want := CommentLines(s), splitComment(s); !slices.Equal(got, want) {
			t.Fatalf("CommentLines(%q) = %q, want %q", s, got, want)
		}
	})
}
