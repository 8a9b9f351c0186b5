package plainyaml

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// blockScalar reads a literal (|) or folded (>) scalar, the value of a key
// of a block mapping whose keys sit at column ind, from its indicator at
// the current position; it leaves the position on the line the scalar
// ends before, past at most its indentation. It follows libyaml's
// yaml_parser_scan_block_scalar, for the scalars this reader takes: no
// indentation indicator, and text on the line after the header.
func (r *reader) blockScalar(ind int) *Node {
	n := r.node()
	literal := r.src[r.pos] == '|'
	*n = Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.FoldedStyle, Line: int32(r.line), Column: int32(r.column(r.pos))}
	if literal {
		n.Style = yaml.LiteralStyle
	}
	r.pos++
	var chomp byte // '-' strips the final line break, '+' keeps the empty lines after it
	if r.pos < r.lineEnd && (r.src[r.pos] == '-' || r.src[r.pos] == '+') {
		chomp = r.src[r.pos]
		r.pos++
	}
	if !r.atLineEnd() || !r.advanceLine() {
		r.fail()
	}
	r.skipSpaces()
	indent := r.indent()
	if r.pos == r.lineEnd || indent <= ind {
		r.fail() // empty lines first, or no text: left to yaml.v3
	}
	var b []byte
	leadingBreak, trailingBreaks := 0, 0 // line breaks not yet added
	leadingBlank := false
	for {
		// A line of the scalar, its indentation skipped.
		trailingBlank := r.src[r.pos] == ' '
		if !literal && !leadingBlank && !trailingBlank && leadingBreak > 0 {
			if trailingBreaks == 0 {
				b = append(b, ' ') // folded: a line break between two lines is a space
			}
		} else {
			b = appendBreaks(b, leadingBreak)
		}
		b = appendBreaks(b, trailingBreaks)
		leadingBreak, trailingBreaks = 0, 0
		leadingBlank = trailingBlank
		b = append(b, r.src[r.pos:r.lineEnd]...)
		if !r.advanceLine() {
			break
		}
		leadingBreak = 1
		// Empty lines, and the indentation of the next.
		for {
			for r.pos < r.lineEnd && r.indent() < indent && r.src[r.pos] == ' ' {
				r.pos++
			}
			if r.pos < r.lineEnd || r.lineEnd == len(r.src) {
				break
			}
			trailingBreaks++
			r.advanceLine()
		}
		if r.pos == r.lineEnd || r.indent() != indent {
			break
		}
	}
	if chomp != '-' {
		b = appendBreaks(b, leadingBreak)
	}
	if chomp == '+' {
		b = appendBreaks(b, trailingBreaks)
	}
	n.Value = string(b)
	return n
}

func appendBreaks(b []byte, n int) []byte {
	for range n {
		b = append(b, '\n')
	}
	return b
}

// scalar reads a plain or quoted scalar on the current line; in flow
// context, a plain one ends at a flow indicator.
func (r *reader) scalar(flow bool) *Node {
	n := r.node()
	*n = Node{Kind: yaml.ScalarNode, Line: int32(r.line), Column: int32(r.column(r.pos))}
	switch r.src[r.pos] {
	case '\'':
		n.Style, n.Tag, n.Value = yaml.SingleQuotedStyle, "!!str", r.singleQuoted()
	case '"':
		n.Style, n.Tag, n.Value = yaml.DoubleQuotedStyle, "!!str", r.doubleQuoted()
	default:
		n.Value = r.plain(flow)
		n.Tag = resolve(n.Value)
	}
	return n
}

// plain reads a plain scalar: up to the end of the line, a comment, a ':'
// and a space (which end a key), or in flow context a flow indicator;
// trailing spaces are not part of it. It fails on what YAML does not let
// start a plain scalar here, and on a ':' in flow context that yaml.v3
// may read as a key's.
func (r *reader) plain(flow bool) string {
	switch r.src[r.pos] {
	case '-':
		if r.blank(r.pos + 1) {
			r.fail()
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		r.fail()
	}
	start, end := r.pos, r.pos
	for p := r.pos; p < r.lineEnd; p++ {
		switch c := r.src[p]; c {
		case ' ':
			continue
		case '#':
			if r.src[p-1] == ' ' {
				r.pos = end
				return r.src[start:end]
			}
		case ':':
			if r.blank(p + 1) {
				r.pos = end
				return r.src[start:end]
			}
			if flow {
				r.fail()
			}
		case '?':
			if flow {
				r.fail() // yaml.v3 ends the scalar here, where YAML does not
			}
		case ',', '[', ']', '{', '}':
			if flow {
				r.pos = end
				return r.src[start:end]
			}
		}
		end = p + 1
	}
	r.pos = end
	return r.src[start:end]
}

// singleQuoted reads a single-quoted scalar that ends on its line.
func (r *reader) singleQuoted() string {
	start := r.pos + 1
	var b []byte // only when the scalar has a doubled quote
	for p := start; p < r.lineEnd; p++ {
		if r.src[p] != '\'' {
			continue
		}
		if p+1 < r.lineEnd && r.src[p+1] == '\'' {
			b = append(b, r.src[start:p+1]...)
			start = p + 2
			p++
			continue
		}
		r.pos = p + 1
		if b == nil {
			return r.src[start:p]
		}
		return string(append(b, r.src[start:p]...))
	}
	r.fail()
	return ""
}

// doubleQuoted reads a double-quoted scalar that ends on its line,
// decoding its escapes as yaml.v3 does (yaml_parser_scan_flow_scalar); an
// escape yaml.v3 refuses fails.
func (r *reader) doubleQuoted() string {
	start := r.pos + 1
	var b []byte // only when the scalar has an escape
	for p := start; p < r.lineEnd; p++ {
		switch r.src[p] {
		case '"':
			r.pos = p + 1
			if b == nil {
				return r.src[start:p]
			}
			return string(append(b, r.src[start:p]...))
		case '\\':
			b = append(b, r.src[start:p]...)
			var n int
			if b, n = appendEscape(b, r.src[p+1:r.lineEnd]); n == 0 {
				r.fail()
			}
			p += n
			start = p + 1
		}
	}
	r.fail()
	return ""
}

// simpleEscapes maps the character after a backslash to what it stands
// for, for the escapes of one character.
var simpleEscapes = [256]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r", 'e': "\x1b",
	' ': " ", '"': "\"", '\'': "'", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
}

// appendEscape appends what the escape that rest starts with (the text
// after a backslash) stands for, and returns how many bytes of rest it
// took: 0 for an escape yaml.v3 refuses.
func appendEscape(b []byte, rest string) ([]byte, int) {
	if rest == "" {
		return b, 0
	}
	if s := simpleEscapes[rest[0]]; s != "" {
		return append(b, s...), 1
	}
	size := 0
	switch rest[0] {
	case 'x':
		size = 2
	case 'u':
		size = 4
	case 'U':
		size = 8
	default:
		return b, 0
	}
	if len(rest) <= size {
		return b, 0
	}
	code := 0
	for _, c := range []byte(rest[1 : 1+size]) {
		switch {
		case '0' <= c && c <= '9':
			code = code<<4 + int(c-'0')
		case 'a' <= c && c <= 'f':
			code = code<<4 + int(c-'a'+10)
		case 'A' <= c && c <= 'F':
			code = code<<4 + int(c-'A'+10)
		default:
			return b, 0
		}
	}
	if 0xd800 <= code && code <= 0xdfff || code > 0x10ffff {
		return b, 0
	}
	return utf8.AppendRune(b, rune(code)), 1 + size
}

// resolve returns the tag yaml.v3 gives a plain scalar: yaml.v3's resolve
// (resolve.go, v3.0.1) for a scalar with no tag, rule for rule.
func resolve(s string) string {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return "!!null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	if decimal(s) {
		return "!!int" // number: keys, the one kind a spec has many of
	}
	switch s[0] {
	case '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case '<':
		if s == "<<" {
			// yaml.v3 reads a merge key by its tag; leave the rest to it.
			panic(abort)
		}
	case '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return resolveNumber(s)
	}
	return "!!str"
}

// resolveNumber is resolve for a scalar that starts with a sign or a digit.
func resolveNumber(in string) string {
	if timestamp(in) {
		return "!!timestamp"
	}
	plain := strings.ReplaceAll(in, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return "!!int"
	}
	if yamlStyleFloat().MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	for _, p := range [...]struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		if digits, ok := strings.CutPrefix(plain, p.prefix); ok {
			if _, err := strconv.ParseInt(digits, p.base, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(digits, p.base, 64); err == nil {
				return "!!int"
			}
		} else if digits, ok := strings.CutPrefix(plain, "-"+p.prefix); ok {
			if _, err := strconv.ParseInt("-"+digits, p.base, 64); err == nil {
				return "!!int"
			}
		}
	}
	return "!!str"
}

var yamlStyleFloat = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
})

// timestamp reports whether yaml.v3 reads s as a timestamp.
func timestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, format := range [...]string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(format, s); err == nil {
			return true
		}
	}
	return false
}

// decimal reports whether s is a decimal integer of up to 18 digits with
// no sign and no leading zero, which yaml.v3 resolves as !!int.
func decimal(s string) bool {
	if len(s) == 0 || len(s) > 18 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
