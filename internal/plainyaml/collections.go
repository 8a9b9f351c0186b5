package plainyaml

import "gopkg.in/yaml.v3"

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
		value := r.value(ind, depth) // which stacks and unstacks its own children
		r.stack = append(r.stack, key, value)
		// value left the position on the next line with content, or at
		// the end of the document.
		if r.pos >= r.lineEnd || r.indent() < ind {
			break
		}
		if r.indent() > ind || r.src[r.pos] == '-' && r.blank(r.pos+1) {
			r.fail()
		}
		start := r.pos
		key = r.scalar(false)
		if r.pos >= r.lineEnd || r.src[r.pos] != ':' || !r.blank(r.pos+1) || r.pos-start > maxKey {
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
	*n = Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: int32(line), Column: int32(col)}
	return n
}

// sequence reads a block sequence whose entries' dashes sit at column ind,
// the first at the current position.
func (r *reader) sequence(ind, depth int) *Node {
	s := r.node()
	*s = Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: int32(r.line), Column: int32(r.column(r.pos))}
	mark := len(r.stack)
	for {
		r.pos++ // the dash
		r.skipSpaces()
		if r.pos == r.lineEnd || r.src[r.pos] == '#' {
			r.fail() // an empty entry, or one on the lines below
		}
		entry := r.block(r.pos-r.lineStart, ind, depth+1)
		r.stack = append(r.stack, entry)
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

// flow reads a flow sequence or mapping that ends on the current line.
func (r *reader) flow(depth int) *Node {
	if depth > maxDepth {
		r.fail()
	}
	n := r.node()
	*n = Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: int32(r.line), Column: int32(r.column(r.pos))}
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
		start := r.pos
		item := r.flowItem(depth)
		if n.Kind == yaml.MappingNode {
			// yaml.v3 counts a key's text, quotes and escapes included.
			if item.Kind != yaml.ScalarNode || r.pos+1 >= r.lineEnd || r.src[r.pos] != ':' || r.src[r.pos+1] != ' ' || r.pos-start > maxKey {
				r.fail()
			}
			r.pos++
			r.skipSpaces()
			if r.pos == r.lineEnd {
				r.fail()
			}
			value := r.flowItem(depth)
			r.stack = append(r.stack, item, value)
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
