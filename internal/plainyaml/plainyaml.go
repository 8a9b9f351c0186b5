// Package plainyaml reads the plain YAML that specs are written in into a
// tree of Nodes, the tree gopkg.in/yaml.v3 builds in half the memory and
// several times faster, and says when a document is not plain, so that the
// caller reads it with yaml.v3 instead (and converts its tree, FromYAML).
//
// A large spec is a million scalars in block mappings and one-line flow
// lists. yaml.v3 reads it through libyaml's token queue and event stream,
// about a microsecond and several allocations a scalar, into nodes of 152
// bytes; this reader slices each scalar out of one copy of the text and
// takes its nodes, of 80 bytes, from blocks. On a machine where memory
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
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxDepth bounds the nesting of collections, far below what yaml.v3
// accepts, so that a hostile document cannot exhaust the stack here.
const maxDepth = 100

// maxKey is the longest key this reader takes; yaml.v3 refuses keys over
// 1,024 characters, in a way this reader leaves to it.
const maxKey = 1000

// A Node is yaml.Node without what a spec never reads: comments, anchors
// and the alias target.
type Node struct {
	Kind    yaml.Kind
	Style   yaml.Style
	Tag     string // the short tag yaml.v3 gives, such as "!!str"
	Value   string
	Content []*Node
	Line    int
	Column  int
}

// FromYAML returns the tree of n, a yaml.v3 node, as Nodes.
func FromYAML(n *yaml.Node) *Node {
	c := &Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value, Line: n.Line, Column: n.Column}
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

// block reads the block node at the current position, the first character
// of the current line's content or of a sequence entry, which sits at
// column ind (0-based); parent is the indentation of the collection the
// node is in (-1 for the root).
func (r *reader) block(ind, parent, depth int) *Node {
	if depth > maxDepth {
		r.fail()
	}
	c := r.src[r.pos]
	if c == '-' && r.blank(r.pos+1) {
		return r.sequence(ind, depth)
	}
	pos := r.pos
	var n *Node
	switch c {
	case '[', '{':
		n = r.flow(depth)
	default:
		n = r.scalar(false)
	}
	if r.pos < r.lineEnd && r.src[r.pos] == ':' && r.blank(r.pos+1) && n.Kind == yaml.ScalarNode {
		if r.pos-pos > maxKey {
			r.fail()
		}
		return r.mapping(n, ind, depth)
	}
	if !r.atLineEnd() {
		r.fail()
	}
	r.endOfNode(parent)
	return n
}

// endOfNode checks, after a node that ended its line, that the next line
// with content is not indented deeper than the collection holding it:
// there YAML would continue a plain scalar over lines, or fail.
func (r *reader) endOfNode(parent int) {
	if r.nextContentLine() && r.indent() > parent {
		r.fail()
	}
}

// mapping reads a block mapping whose first key, key, has been read and
// whose ':' is at the current position; its keys sit at column ind.
func (r *reader) mapping(key *Node, ind, depth int) *Node {
	m := r.node()
	*m = Node{Kind: yaml.MappingNode, Tag: "!!map", Line: key.Line, Column: key.Column}
	mark := len(r.stack)
	for {
		r.stack = append(r.stack, key, r.value(ind, depth))
		// value left the position on the next line with content, or at
		// the end of the document.
		if r.pos >= r.lineEnd || r.indent() < ind {
			break
		}
		if r.indent() > ind || r.src[r.pos] == '-' && r.blank(r.pos+1) {
			r.fail()
		}
		line, start := r.line, r.pos
		key = r.scalar(false)
		if r.line != line || r.pos >= r.lineEnd || r.src[r.pos] != ':' || !r.blank(r.pos+1) || r.pos-start > maxKey {
			r.fail()
		}
	}
	m.Content = r.children(mark)
	return m
}

// value reads the value after a block mapping key whose ':' is at the
// current position, and moves to the next line with content.
func (r *reader) value(ind, depth int) *Node {
	colon := r.pos
	r.pos++
	if !r.atLineEnd() {
		c := r.src[r.pos]
		if c == '-' && r.blank(r.pos+1) {
			r.fail() // a sequence cannot start on its key's line
		}
		var n *Node
		switch c {
		case '|', '>':
			n = r.blockScalar(ind) // which ends at the start of a line
		case '[', '{':
			n = r.flow(depth + 1)
		default:
			n = r.scalar(false)
		}
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 && !r.atLineEnd() {
			r.fail()
		}
		r.endOfNode(ind)
		return n
	}
	line, col := r.line, r.column(colon+1)
	if r.nextContentLine() {
		switch in := r.indent(); {
		case in > ind:
			return r.block(in, ind, depth+1)
		case in == ind && r.src[r.pos] == '-' && r.blank(r.pos+1):
			return r.sequence(ind, depth+1)
		}
	}
	n := r.node()
	*n = Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: line, Column: col}
	return n
}

// sequence reads a block sequence whose entries' dashes sit at column ind,
// the first at the current position.
func (r *reader) sequence(ind, depth int) *Node {
	s := r.node()
	*s = Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: r.line, Column: r.column(r.pos)}
	mark := len(r.stack)
	for {
		r.pos++ // the dash
		r.skipSpaces()
		if r.pos == r.lineEnd || r.src[r.pos] == '#' {
			r.fail() // an empty entry, or one on the lines below
		}
		r.stack = append(r.stack, r.block(r.pos-r.lineStart, ind, depth+1))
		if r.pos >= r.lineEnd || r.indent() != ind || r.src[r.pos] != '-' || !r.blank(r.pos+1) {
			break
		}
	}
	if r.pos < r.lineEnd && r.indent() > ind {
		r.fail()
	}
	s.Content = r.children(mark)
	return s
}

// blockScalar reads a literal (|) or folded (>) scalar, the value of a key
// of a block mapping whose keys sit at column ind, from its indicator at
// the current position; it leaves the position on the line the scalar
// ends before, past at most its indentation. It follows libyaml's
// yaml_parser_scan_block_scalar, for the scalars this reader takes: no
// indentation indicator, and text on the line after the header.
func (r *reader) blockScalar(ind int) *Node {
	n := r.node()
	literal := r.src[r.pos] == '|'
	*n = Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.FoldedStyle, Line: r.line, Column: r.column(r.pos)}
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

// flow reads a flow sequence or mapping that ends on the current line.
func (r *reader) flow(depth int) *Node {
	if depth > maxDepth {
		r.fail()
	}
	n := r.node()
	*n = Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: r.line, Column: r.column(r.pos)}
	closing := byte(']')
	if r.src[r.pos] == '{' {
		n.Kind, n.Tag, closing = yaml.MappingNode, "!!map", '}'
	}
	r.pos++
	mark := len(r.stack)
	for {
		r.skipSpaces()
		if r.pos == r.lineEnd {
			r.fail() // continues on the next line
		}
		if r.src[r.pos] == closing && len(r.stack) == mark {
			break // empty
		}
		item := r.flowItem(depth)
		if n.Kind == yaml.MappingNode {
			if item.Kind != yaml.ScalarNode || r.pos+1 >= r.lineEnd || r.src[r.pos] != ':' || r.src[r.pos+1] != ' ' || len(item.Value) > maxKey {
				r.fail()
			}
			r.pos++
			r.skipSpaces()
			if r.pos == r.lineEnd {
				r.fail()
			}
			r.stack = append(r.stack, item, r.flowItem(depth))
		} else {
			r.stack = append(r.stack, item)
		}
		r.skipSpaces()
		if r.pos == r.lineEnd {
			r.fail()
		}
		if c := r.src[r.pos]; c == closing {
			break
		} else if c != ',' {
			r.fail()
		}
		r.pos++
		r.skipSpaces()
		if r.pos < r.lineEnd && r.src[r.pos] == closing {
			r.fail() // a trailing comma: left to yaml.v3
		}
	}
	r.pos++ // the closing bracket
	n.Content = r.children(mark)
	return n
}

// flowItem reads a scalar or a nested collection inside a flow one.
func (r *reader) flowItem(depth int) *Node {
	switch r.src[r.pos] {
	case '[', '{':
		return r.flow(depth + 1)
	}
	return r.scalar(true)
}

// scalar reads a plain or quoted scalar on the current line; in flow
// context, a plain one ends at a flow indicator.
func (r *reader) scalar(flow bool) *Node {
	n := r.node()
	*n = Node{Kind: yaml.ScalarNode, Line: r.line, Column: r.column(r.pos)}
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

// doubleQuoted reads a double-quoted scalar that ends on its line. One
// with escapes is handed to yaml.v3, which knows them all.
func (r *reader) doubleQuoted() string {
	escaped := false
	for p := r.pos + 1; p < r.lineEnd; p++ {
		switch r.src[p] {
		case '\\':
			escaped = true
			p++
		case '"':
			text := r.src[r.pos : p+1]
			r.pos = p + 1
			if !escaped {
				return text[1 : len(text)-1]
			}
			var n yaml.Node
			if yaml.Unmarshal([]byte(text), &n) != nil || len(n.Content) != 1 || n.Content[0].Kind != yaml.ScalarNode {
				r.fail()
			}
			return n.Content[0].Value
		}
	}
	r.fail()
	return ""
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
