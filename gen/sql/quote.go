package sql

import (
	"iter"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// A quoting says how a literal is written where it stands in the DDL:
// sqlLiteral's own rules, then optionally format's % doubled (for a
// literal inside a format string) and the whole literal's single quotes
// doubled (for a literal inside another literal). appendLiteral writes a
// literal so in one pass, where building the inner literal and quoting it
// again would copy every large list of names three times.
//
// The outer literal itself is always a plain one: the only spec text in it
// is inside inner literals, which leave nothing that does not show (see
// sqlLiteral), so doubling its single quotes is all it does.
type quoting struct {
	format bool // % doubled
	nested bool // inside another literal: ' doubled
}

// sqlLiteral single-quotes a string, doubling any quote inside it; with
// standard_conforming_strings (the default since PostgreSQL 9.1)
// backslashes are plain characters. PostgreSQL text cannot hold NUL, so a
// NUL is written as the two characters \0. Text with characters that do not
// show (a bidirectional override, a line separator) is an escape string,
// E'...', so that the DDL shows them as \u escapes while the database
// stores the text itself; there backslashes are doubled too.
func sqlLiteral(s string) string {
	return string(appendLiteral(make([]byte, 0, len(s)+2), s, quoting{}))
}

// appendLiteral appends s as sqlLiteral writes it, quoted by q.
func appendLiteral(b []byte, s string, q quoting) []byte {
	if plain(s) {
		return q.close(append(q.open(b, false), s...))
	}
	escape := hasHidden(s)
	b = q.open(b, escape)
	b = q.appendText(b, s, escape, false)
	return q.close(b)
}

// appendArrayLiteral appends the array constant of n names, {"A","B"},
// each element double-quoted (a name may hold a comma, a brace or a space)
// with any quote or backslash escaped, as a literal quoted by q; name
// returns the i-th.
func appendArrayLiteral(b []byte, n int, name func(int) string, q quoting) []byte {
	escape := anyHidden(n, name)
	b = q.openArray(b, escape)
	for i := range n {
		b = q.appendElement(b, i, name(i), escape)
	}
	return q.closeArray(b)
}

// writeArrayLiteral writes what appendArrayLiteral appends for the
// names, for a list too large to append in one piece.
func writeArrayLiteral(f *printer.File, names iter.Seq[string], q quoting) {
	escape := false
	for s := range names {
		if escape = !plain(s) && hasHidden(s); escape {
			break
		}
	}
	f.Append(4, func(b []byte) []byte { return q.openArray(b, escape) })
	i := 0
	for s := range names {
		f.Append(len(s)+16, func(b []byte) []byte { return q.appendElement(b, i, s, escape) })
		i++
	}
	f.Append(4, q.closeArray)
}

// anyHidden reports whether any of n names holds what hasHidden looks for.
func anyHidden(n int, name func(int) string) bool {
	for i := range n {
		if s := name(i); !plain(s) && hasHidden(s) {
			return true
		}
	}
	return false
}

func (q quoting) openArray(b []byte, escape bool) []byte { return append(q.open(b, escape), '{') }

func (q quoting) closeArray(b []byte) []byte { return q.close(append(b, '}')) }

// appendElement appends the i-th element of an array constant.
func (q quoting) appendElement(b []byte, i int, s string, escape bool) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = append(b, '"')
	if plain(s) {
		b = append(b, s...)
	} else {
		b = q.appendText(b, s, escape, true)
	}
	return append(b, '"')
}

// plain reports whether s is printable ASCII without a quote, a backslash
// or %: what a literal, an array element and a format string all hold as
// it is, in an escape string too. Most names are; appendLiteral and
// appendElement copy them, and ask appendText only of the others.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return true
}

// plainByte tells the bytes of plain text (see plain).
var plainByte = func() (t [256]bool) {
	for c := ' '; c < 0x7f; c++ {
		t[c] = c != '\'' && c != '\\' && c != '"' && c != '%'
	}
	return t
}()

// hasHidden reports whether s holds a character that a literal shows as
// an escape (sqlHidden); a NUL does not count, since it is written as \0.
func hasHidden(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c != 0 && c != '\n' && c != '\t' && (c < ' ' || c == 0x7f) {
				return true // what sqlHidden says of ASCII, without its tables
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if sqlHidden(r) {
			return true
		}
		i += size
	}
	return false
}

// sqlHidden reports whether r is a character an SQL literal shows as an
// escape: one that is not visible, but for the newline and tab of a
// multi-line comment.
func sqlHidden(r rune) bool {
	return r != '\n' && r != '\t' && !printer.Visible(r)
}

func (q quoting) quote(b []byte) []byte {
	if q.nested {
		return append(b, '\'', '\'')
	}
	return append(b, '\'')
}

func (q quoting) open(b []byte, escape bool) []byte {
	if escape {
		b = append(b, 'E')
	}
	return q.quote(b)
}

func (q quoting) close(b []byte) []byte { return q.quote(b) }

// appendText appends s inside a literal: an escape string's when escape
// is set, and inside an array element's double quotes when element is.
func (q quoting) appendText(b []byte, s string, escape, element bool) []byte {
	start := 0 // s[start:i] is yet to be written, as it is
	for i := 0; i < len(s); {
		c := s[i]
		if c >= ' ' && c < utf8.RuneSelf && c != '\'' && c != '\\' && c != '"' && c != '%' && c != 0x7f {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !escape || (r != utf8.RuneError || size != 1) && !sqlHidden(r) {
				i += size // as it is
				continue
			}
		}
		b = append(b, s[start:i]...)
		i += size
		start = i
		switch {
		case element && (r == '\\' || r == '"'):
			b = q.appendChar(b, '\\', escape)
			b = q.appendChar(b, r, escape)
		case r == 0:
			b = q.appendChar(b, '\\', escape)
			b = append(b, '0')
		case r == utf8.RuneError && size == 1:
			b = utf8.AppendRune(b, utf8.RuneError) // an escape string reads text, not bytes
		default:
			b = q.appendChar(b, r, escape)
		}
	}
	return append(b, s[start:]...)
}

// appendChar appends r inside a literal.
func (q quoting) appendChar(b []byte, r rune, escape bool) []byte {
	const hex = "0123456789abcdef"
	switch {
	case r == '\'':
		b = q.quote(q.quote(b))
	case r == '\\' && escape:
		b = append(b, '\\', '\\')
	case r == '%' && q.format:
		b = append(b, '%', '%')
	case escape && sqlHidden(r) && r <= 0xFFFF:
		b = append(b, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
	case escape && sqlHidden(r):
		b = append(b, '\\', 'U')
		for shift := 28; shift >= 0; shift -= 4 {
			b = append(b, hex[r>>shift&0xF])
		}
	default:
		b = utf8.AppendRune(b, r)
	}
	return b
}
