// Package plainyaml reads the plain YAML that specs are written in into a
// tree of Nodes, the tree gopkg.in/yaml.v3 builds in half the memory and
// several times faster, and says when a document is not plain, so that the
// caller reads it with yaml.v3 instead (and converts its tree, FromYAML).
//
// A large spec is a million scalars in block mappings and one-line flow
// lists. yaml.v3 reads it through libyaml's token queue and event stream,
// about a microsecond and several allocations a scalar, into nodes of 152
// bytes; this reader slices each scalar out of one copy of the text and
// takes its nodes, of 72 bytes, from blocks. On a machine where memory
// touched for the first time is slow (a virtual machine's page faults),
// the bytes count as much as the instructions.
//
// Plain YAML here is: block mappings and sequences (a sequence may sit at
// its key's indentation), flow sequences and mappings that end on the line
// they start, plain scalars and quoted ones on one line, literal (|) and
// folded (>) scalars as values of keys, empty values, comments, and
// nothing else. Everything YAML has beyond that (anchors, aliases, tags,
// other scalars over several lines, indentation indicators, document
// markers and directives, complex keys, tabs, carriage returns, a byte
// order mark, characters YAML treats as line breaks or refuses) makes
// Parse report false, as does every syntax error: what it accepts, it reads
// exactly as yaml.v3 does, and the rest, errors included, is yaml.v3's.
// Comments are skipped, not attached to nodes.
package plainyaml

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds the nesting of collections, far below what yaml.v3
// accepts, so that a hostile document cannot exhaust the stack here.
const maxDepth = 100

// maxKey is the longest key this reader takes, in bytes of its text
// (quotes and escapes included); yaml.v3 refuses a key whose ':' is over
// 1,024 characters past its start, in a way this reader leaves to it.
const maxKey = 1000

// A Node is yaml.Node without what a spec never reads: comments, anchors
// and the alias target.
type Node struct {
	Kind    yaml.Kind
	Style   yaml.Style
	Tag     string // the short tag yaml.v3 gives, such as "!!str"
	Value   string
	Content []*Node
	Line    int32 // from 1; a spec of at most 64 MiB has fewer lines
	Column  int32 // from 1, in characters
}

// FromYAML returns the tree of n, a yaml.v3 node, as Nodes.
func FromYAML(n *yaml.Node) *Node {
	c := &Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value, Line: int32(n.Line), Column: int32(n.Column)}
	if len(n.Content) > 0 {
		c.Content = make([]*Node, len(n.Content))
		for i, child := range n.Content {
			c.Content[i] = FromYAML(child)
		}
	}
	return c
}

// Parse returns the document node of src, with the tree yaml.v3's Decoder
// would give (comments aside), and true; or nil and false when src is not
// plain YAML, empty or holds more than one document.
func Parse(src []byte) (doc *Node, ok bool) {
	if !plainText(src) {
		return nil, false
	}
	r := &reader{src: string(src), lineStart: 0, line: 1}
	r.startLine()
	defer func() {
		// A reader that gives up unwinds with abort; any other panic is a
		// bug and goes on.
		if e := recover(); e != nil {
			if e != abort {
				panic(e)
			}
			doc, ok = nil, false
		}
	}()
	if !r.nextContentLine() {
		return nil, false // empty: yaml.v3 says so
	}
	root := r.block(r.indent(), -1, 0)
	if r.nextContentLine() {
		r.fail() // a second root, or a line the root did not end at
	}
	doc = r.node()
	*doc = Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*Node{root}}
	return doc, true
}

// plainText reports whether src has only characters this reader handles:
// printable characters and newlines, and none of those YAML 1.1 reads as a
// line break (U+0085, U+2028, U+2029) or yaml.v3 treats specially (U+FEFF).
func plainText(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if (c < ' ' && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// abort is what a reader panics with when the document is not plain.
var abort = new(int)

// A reader walks the document line by line. Positions are byte offsets in
// src; a node's Line and Column are counted as yaml.v3 counts them (from 1,
// columns in characters).
type reader struct {
	src string

	line      int  // the current line, from 1
	lineStart int  // offset of the current line
	lineEnd   int  // offset of its newline, or len(src)
	ascii     bool // the current line is ASCII: columns are byte counts
	pos       int  // where reading the current line has got to

	// colAt and col cache the last column counted on a non-ASCII line,
	// so that counting along a long line stays linear.
	colAt, col int

	nodes   []Node  // the block new nodes come from
	content []*Node // the block Content slices come from
	stack   []*Node // children of the collections being read
}

func (r *reader) fail() { panic(abort) }

// node returns a new zero node from the current block.
func (r *reader) node() *Node {
	if len(r.nodes) == cap(r.nodes) {
		r.nodes = make([]Node, 0, 4096)
	}
	r.nodes = r.nodes[:len(r.nodes)+1]
	return &r.nodes[len(r.nodes)-1]
}

// children moves the nodes stacked since mark into a Content slice of
// their own.
func (r *reader) children(mark int) []*Node {
	n := len(r.stack) - mark
	if n == 0 {
		return nil
	}
	if cap(r.content)-len(r.content) < n {
		r.content = make([]*Node, 0, max(n, 16384))
	}
	start := len(r.content)
	r.content = append(r.content, r.stack[mark:]...)
	clear(r.stack[mark:])
	r.stack = r.stack[:mark]
	return r.content[start:len(r.content):len(r.content)]
}

// startLine sets up the line that starts at lineStart.
func (r *reader) startLine() {
	r.pos = r.lineStart
	r.lineEnd = len(r.src)
	r.ascii = true
	for i := r.lineStart; i < len(r.src); i++ {
		c := r.src[i]
		if c == '\n' {
			r.lineEnd = i
			break
		}
		if c >= utf8.RuneSelf {
			r.ascii = false
		}
	}
	r.colAt, r.col = r.lineStart, 1
}

// advanceLine moves to the start of the next line; it reports false at the
// end of the document.
func (r *reader) advanceLine() bool {
	if r.lineEnd >= len(r.src) {
		r.pos = r.lineEnd
		return false
	}
	r.lineStart = r.lineEnd + 1
	r.line++
	r.startLine()
	return true
}

// nextContentLine moves, unless the current line still has content, to
// the next line that is neither blank nor a comment, its position on its
// first character; it reports false at the end of the document. A line
// holding a document marker or a directive fails.
func (r *reader) nextContentLine() bool {
	for {
		r.skipSpaces()
		if r.pos < r.lineEnd && r.src[r.pos] != '#' {
			if r.pos == r.lineStart && (r.src[r.pos] == '%' || r.marker("---") || r.marker("...")) {
				r.fail()
			}
			return true
		}
		if !r.advanceLine() {
			return false
		}
	}
}

// marker reports whether the current line starts with the document marker
// m, alone or followed by a space.
func (r *reader) marker(m string) bool {
	rest := r.src[r.lineStart:r.lineEnd]
	return len(rest) >= 3 && rest[:3] == m && (len(rest) == 3 || rest[3] == ' ')
}

// indent is the number of spaces before the current line's content.
func (r *reader) indent() int { return r.pos - r.lineStart }

// column is the column, from 1, of offset p on the current line.
func (r *reader) column(p int) int {
	if r.ascii {
		return p - r.lineStart + 1
	}
	if p < r.colAt {
		r.colAt, r.col = r.lineStart, 1
	}
	r.col += utf8.RuneCountInString(r.src[r.colAt:p])
	r.colAt = p
	return r.col
}

func (r *reader) skipSpaces() {
	for r.pos < r.lineEnd && r.src[r.pos] == ' ' {
		r.pos++
	}
}

// atLineEnd reports whether only spaces and a comment are left on the
// current line, after the spaces are skipped.
func (r *reader) atLineEnd() bool {
	start := r.pos
	r.skipSpaces()
	if r.pos == r.lineEnd {
		return true
	}
	return r.src[r.pos] == '#' && (r.pos > start || r.pos == r.lineStart)
}

// blank reports whether offset p is past the line or a space.
func (r *reader) blank(p int) bool { return p >= r.lineEnd || r.src[p] == ' ' }
