package printer

import (
	"bytes"
	"encoding/json"
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

// A File must print the same text however it is split into chunks, and
// Render the same text as printing into a File.
func TestFile(t *testing.T) {
	xs, ys := strings.Repeat("x", 300), strings.Repeat("y", 5000)
	print := func(f *File) {
		for i := range 3000 {
			if i%100 == 0 {
				f.P("line ", i, " of ", int64(-i), " ", true, " ", 1.5)
				fmt.Fprintf(f, "%03d\n", i%1000)
			}
			f.Line("line ", xs[:i%300])
			f.WriteByte('|')
			f.Write([]byte("bytes"))
			f.Append(4000, func(b []byte) []byte { return append(b, ys[:i%5000]...) })
		}
	}
	var want bytes.Buffer
	for i := range 3000 {
		if i%100 == 0 {
			fmt.Fprint(&want, "line ", i, " of ", int64(-i), " ", true, " ", 1.5, "\n")
			fmt.Fprintf(&want, "%03d\n", i%1000)
		}
		want.WriteString("line " + xs[:i%300] + "\n")
		want.WriteByte('|')
		want.WriteString("bytes")
		want.WriteString(ys[:i%5000])
	}
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
