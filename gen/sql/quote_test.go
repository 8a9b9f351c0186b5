package sql

import (
	"fmt"
	"strings"
	"testing"
)

// The quoting as it was written before appendLiteral, one layer at a
// time: the oracle that appendLiteral and appendArrayLiteral must match.

func layeredLiteral(s string) string {
	s = strings.ReplaceAll(s, "\x00", `\0`)
	if !strings.ContainsFunc(s, sqlHidden) {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	var b strings.Builder
	b.WriteString("E'")
	for _, r := range s {
		switch {
		case r == '\'':
			b.WriteString("''")
		case r == '\\':
			b.WriteString(`\\`)
		case !sqlHidden(r):
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteString("'")
	return b.String()
}

func layeredArray(names []string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		strings.NewReplacer(`\`, `\\`, `"`, `\"`).WriteString(&b, n)
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return layeredLiteral(b.String())
}

// layered applies q's outer layers to a literal: % doubled for format,
// then the literal quoted inside another (plain) literal.
func layered(lit string, q quoting) string {
	if q.format {
		lit = strings.ReplaceAll(lit, "%", "%%")
	}
	if q.nested {
		outer := layeredLiteral(lit)
		if !strings.HasPrefix(outer, "'") {
			panic("an inner literal left something that does not show: " + outer)
		}
		lit = outer[1 : len(outer)-1]
	}
	return lit
}

var quoteSamples = []string{
	"", "PLAIN", "it's", `back\slash`, `"quoted"`, "100%", "%1$I", "nul\x00byte", "tab\tnew\nline",
	"bidi\u202eover", "bom\ufeff", "tag\U000E0041", "bad\xffutf8", "bad\xe2\x82", "\ufffd", "del\x7f", "é😀",
	"mixed ' \\ \" % \x00 \u2028 \xff",
}

func checkQuoting(t *testing.T, names []string) {
	for _, q := range []quoting{{}, {format: true}, {nested: true}, {format: true, nested: true}} {
		for _, s := range names {
			if got, want := string(appendLiteral(nil, s, q)), layered(layeredLiteral(s), q); got != want {
				t.Fatalf("appendLiteral(%q, %+v) = %s, want %s", s, q, got, want)
			}
		}
		got := string(appendArrayLiteral(nil, len(names), func(i int) string { return names[i] }, q))
		if want := layered(layeredArray(names), q); got != want {
			t.Fatalf("appendArrayLiteral(%q, %+v) = %s, want %s", names, q, got, want)
		}
	}
	if got, want := sqlLiteral(strings.Join(names, "")), layeredLiteral(strings.Join(names, "")); got != want {
		t.Fatalf("sqlLiteral(%q) = %s, want %s", strings.Join(names, ""), got, want)
	}
}

func TestQuoting(t *testing.T) {
	checkQuoting(t, quoteSamples)
	for _, s := range quoteSamples {
		checkQuoting(t, []string{s})
		checkQuoting(t, []string{"A", s})
	}
}

func FuzzQuoting(f *testing.F) {
	for _, s := range quoteSamples {
		f.Add(s, "B")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkQuoting(t, []string{a, b})
	})
}

// holdsTag must answer what the concatenation dollarQuote used to test.
func FuzzHoldsTag(f *testing.F) {
	for _, s := range []string{"", "$", "$fn", "$fn$", "x$f", "$do$do", "$do1$", "body $fn"} {
		f.Add(s, "fn")
		f.Add(s, "do")
	}
	f.Fuzz(func(t *testing.T, body, name string) {
		tag := "$" + name + "$"
		if got, want := holdsTag(body, tag), strings.Contains(body+tag[:len(tag)-1], tag); got != want {
			t.Fatalf("holdsTag(%q, %q) = %v, want %v", body, tag, got, want)
		}
	})
}
