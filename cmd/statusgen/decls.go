package main

import (
	"go/scanner"
	"go/token"
)

// declarations are what the clash checks need of a Go file: the names it
// declares at package level and its methods, each with its position.
type declarations struct {
	pkg string // the package clause's name
	// names are the functions (not methods), types, variables and
	// constants, in the file's order; "_" and "init" included.
	names []declared
	// methods are named Type.Method, for receivers of a plain type name
	// or a pointer to one (what a generated enum's methods can clash with).
	methods []declared
}

type declared struct {
	name string
	pos  token.Pos
}

// scanDeclarations reads the package-level declarations of a Go file from
// its tokens. It builds no syntax tree: statusgen reads every Go file beside
// its outputs on every run, and a full parse of a package's files costs more
// than generating the enum. Only the start of each top-level declaration is
// read; the rest is skipped by matching brackets. ok is false for a file
// that does not scan (an illegal token, brackets that do not match), which
// the checks leave out as they would a file that does not parse: the
// compiler will say more.
//
// TestScanDeclarationsMatchesParser holds it to go/parser's declarations
// for every file of the Go distribution's sources that parses.
func scanDeclarations(file *token.File, src []byte) (d declarations, ok bool) {
	var s scanner.Scanner
	errors := 0
	s.Init(file, src, func(token.Position, string) { errors++ }, 0)
	toks := make([]tok, 0, len(src)/4)
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{pos, t, lit})
	}
	if errors > 0 {
		return declarations{}, false
	}
	r := reader{toks: toks}
	if r.next().t != token.PACKAGE || r.peek().t != token.IDENT {
		return declarations{}, false
	}
	d.pkg = r.next().lit
	for !r.done() {
		switch r.peek().t {
		case token.FUNC:
			r.next()
			r.funcDecl(&d)
		case token.TYPE, token.VAR, token.CONST:
			if !r.genDecl(r.next().t, &d) {
				return declarations{}, false
			}
		}
		if !r.skipTo(0) {
			return declarations{}, false
		}
	}
	return d, true
}

type tok struct {
	pos token.Pos
	t   token.Token
	lit string
}

// A reader walks a file's tokens. Brackets nest as ( [ { and their
// closers; a top-level declaration ends at a semicolon outside them (the
// scanner inserts one at each line end where Go's grammar puts one).
type reader struct {
	toks []tok
	i    int
}

func (r *reader) done() bool { return r.i >= len(r.toks) }

func (r *reader) peek() tok {
	if r.done() {
		return tok{t: token.EOF}
	}
	return r.toks[r.i]
}

func (r *reader) next() tok {
	t := r.peek()
	r.i++
	return t
}

// skipTo moves past the semicolon that ends what starts here, at bracket
// depth depth (0 for a declaration, 1 inside a group), or stops before the
// closer that leaves that depth. It reports false for brackets that do not
// match.
func (r *reader) skipTo(depth int) bool {
	level := depth
	for !r.done() {
		switch t := r.peek().t; t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			level++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if level == depth {
				return depth > 0 // a group's closer; at the top, a stray one
			}
			level--
		case token.SEMICOLON:
			if level == depth {
				r.i++
				return true
			}
		}
		r.i++
	}
	return level == depth
}

// funcDecl reads what follows func: a receiver and a method name, or a
// function name.
func (r *reader) funcDecl(d *declarations) {
	if r.peek().t != token.LPAREN {
		if name := r.next(); name.t == token.IDENT {
			d.names = append(d.names, declared{name.lit, name.pos})
		}
		return
	}
	r.next()
	start := r.i
	depth := 1
	for !r.done() && depth > 0 {
		switch r.next().t {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
	}
	recv, ok := receiverType(r.toks[start : r.i-1])
	if name := r.peek(); ok && name.t == token.IDENT {
		d.methods = append(d.methods, declared{recv + "." + name.lit, name.pos})
	}
}

// receiverType returns the type a receiver list names when it is T or *T,
// after a name, with or without a trailing comma: (T), (*T), (t T), (t *T). Other receivers (generic,
// parenthesised, qualified) are not what a generated enum's methods can
// clash with, and lists of several receivers are errors the compiler
// reports.
func receiverType(list []tok) (string, bool) {
	n := len(list)
	if n > 0 && list[n-1].t == token.COMMA {
		n-- // a list over several lines ends with a comma: (\n\ts T,\n)
	}
	if n == 0 || list[n-1].t != token.IDENT {
		return "", false
	}
	typ := list[n-1].lit
	rest := list[:n-1]
	if len(rest) > 0 && rest[len(rest)-1].t == token.MUL {
		rest = rest[:len(rest)-1]
	}
	// What is left is the receiver's names: a, b, c.
	for i, t := range rest {
		if want := []token.Token{token.IDENT, token.COMMA}[i%2]; t.t != want {
			return "", false
		}
	}
	if len(rest) > 0 && len(rest)%2 == 0 {
		return "", false // a name list that ends with a comma
	}
	return typ, true
}

// genDecl reads the specs of a type, var or const declaration, one or a
// parenthesised group: a type spec declares its first name, a value spec
// every name before its type or value. It reports false for a group that is not closed.
func (r *reader) genDecl(kind token.Token, d *declarations) bool {
	if r.peek().t != token.LPAREN {
		r.spec(kind, d)
		return true
	}
	r.next()
	for !r.done() && r.peek().t != token.RPAREN {
		if r.peek().t == token.SEMICOLON {
			r.next()
			continue
		}
		r.spec(kind, d)
		if !r.skipTo(1) {
			return false
		}
	}
	return r.next().t == token.RPAREN // the group's closer
}

func (r *reader) spec(kind token.Token, d *declarations) {
	for {
		name := r.peek()
		if name.t != token.IDENT {
			return
		}
		r.next()
		d.names = append(d.names, declared{name.lit, name.pos})
		if kind == token.TYPE || r.peek().t != token.COMMA {
			return
		}
		r.next()
	}
}
