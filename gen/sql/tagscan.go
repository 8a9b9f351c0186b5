package sql

import (
	"bytes"
	"fmt"
	"strings"
)

// maxTag is the length of the longest dollar-quote tag a tagScan tells
// apart, and of the ends of the text it keeps: $name, a number and $. The
// tags dollarTag tries are numbered up to the count of tags the text
// holds, which no text has enough bytes to carry past maxTag.
const maxTag = 32

// A tagScan reads a text, written to it in pieces (it is an io.Writer,
// which printer.Stream prints to), for what dollarTag asks of it: which
// tags $name$, $name1$, $name2$ and so on of the names it watches the text
// holds, and how it ends. So a migration chooses the dollar quotes of text
// as large as the enum's DDL, printed once to read it and again where it
// stands, without holding it.
//
// Every $ in the text starts a token (one that ends a token starts the
// next), which is a tag when a $ ends it with a watched name and digits
// between: so the scan finds each tag the text holds, where Write's pieces
// cut it too.
type tagScan struct {
	names []string
	held  map[string]bool // the tags of the names found, such as $fn1$
	tok   []byte          // the token being read, from its $; nil for none
	buf   [maxTag]byte    // tok's memory
	head  []byte          // the text's first maxTag bytes
	tail  []byte          // its last maxTag bytes
	n     int             // the text's length
}

// newTagScan returns a tagScan that watches the names' tags.
func newTagScan(names ...string) *tagScan {
	return &tagScan{names: names, held: make(map[string]bool)}
}

// bodyTag is dollarTag(name, string(body)), without the copy.
func bodyTag(name string, body []byte) string {
	s := newTagScan(name)
	s.Write(body)
	return s.tag(name)
}

// Write reads p, the text's next piece; it never fails.
func (s *tagScan) Write(p []byte) (int, error) {
	s.keepEnds(p)
	n := len(p)
	for len(p) > 0 {
		if s.tok == nil {
			i := bytes.IndexByte(p, '$')
			if i < 0 {
				break
			}
			s.tok, p = append(s.buf[:0], '$'), p[i+1:]
			continue
		}
		c := p[0]
		p = p[1:]
		switch {
		case c == '$':
			s.found(append(s.tok, '$'))
			s.tok = append(s.tok[:0], '$')
		case ('a' <= c && c <= 'z' || '0' <= c && c <= '9') && len(s.tok) < maxTag-1:
			s.tok = append(s.tok, c)
		default:
			s.tok = nil
		}
	}
	return n, nil
}

// keepEnds keeps the first and the last maxTag bytes of the text.
func (s *tagScan) keepEnds(p []byte) {
	s.n += len(p)
	if len(s.head) < maxTag {
		s.head = append(s.head, p[:min(len(p), maxTag-len(s.head))]...)
	}
	if len(p) >= maxTag {
		s.tail = append(s.tail[:0], p[len(p)-maxTag:]...)
		return
	}
	s.tail = append(s.tail, p...)
	if len(s.tail) > maxTag {
		s.tail = append(s.tail[:0], s.tail[len(s.tail)-maxTag:]...)
	}
}

// found records tok, a token from $ to $, when it is a tag of a watched
// name.
func (s *tagScan) found(tok []byte) {
	inner := tok[1 : len(tok)-1]
	for _, name := range s.names {
		if len(inner) >= len(name) && string(inner[:len(name)]) == name && digits(inner[len(name):]) {
			s.held[string(tok)] = true
		}
	}
}

// digits reports whether b holds decimal digits alone (or nothing).
func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// tag returns the tag dollarTag(name, text) returns for the text read.
func (s *tagScan) tag(name string) string {
	return s.tagAround(name, "", "")
}

// tagAround returns the tag dollarTag(name, before+text+after) returns for
// the text read: a tag there is in the text, or within maxTag bytes of
// before's end or after's start, and the body ends as after does.
func (s *tagScan) tagAround(name, before, after string) string {
	if s.n <= maxTag { // head is the whole text
		return dollarTag(name, before+string(s.head)+after)
	}
	start, end := before+string(s.head), string(s.tail)+after
	tag := "$" + name + "$"
	for i := 1; s.held[tag] || strings.Contains(start, tag) || holdsTag(end, tag); i++ {
		tag = fmt.Sprintf("$%s%d$", name, i)
	}
	return tag
}
