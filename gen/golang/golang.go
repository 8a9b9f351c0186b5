// Package golang prints the Go outputs of an enum: the enum file (type,
// constants, tables, methods, name lookups by switch or hash index), its
// encoding/json/v2 methods (a file of their own, behind a build
// constraint) and its fuzz targets, all gofmt'd.
package golang

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// Options adjust the Go outputs without changing the spec.
type Options struct {
	// Package names the generated file's package; it overrides the spec's
	// package key. One of the two must be set.
	Package string

	// HashLookup makes the name lookups a hash table whatever the size of
	// the enum, so tests can run that path on small specs.
	HashLookup bool

	// GQLGen gives the type gqlgen's MarshalGQLContext and UnmarshalGQLContext, so that
	// a gqlgen model can bind it to the enum of statusgen -graphql.
	GQLGen bool
	// PFlag gives the type the Type method that spf13/pflag's Value adds
	// to flag.Value. Set and String, which flag.Value needs, are always
	// there.
	PFlag bool
}

// Generate returns the gofmt'd Go source of the enum. It reads and writes
// nothing; the same enum and options always give the same bytes.
func Generate(e *gen.Enum, opts Options) ([]byte, error) {
	pkg, err := packageName(e, opts)
	if err != nil {
		return nil, err
	}
	return render(e, pkg, opts, false).bytes(), nil
}

// Write writes what Generate returns to w, and returns the first error:
// Check's, before anything is written, or w's. Past switchMax values the
// hash tables' rows are most of the file (150 MB of a 10 MB spec with a
// million aliases): they are not held but printed as they are written,
// in pieces printed side by side (see writeRows); the rest of the file is
// held as Generate holds it.
func Write(w io.Writer, e *gen.Enum, opts Options) error {
	pkg, err := packageName(e, opts)
	if err != nil {
		return err
	}
	g := render(e, pkg, opts, true)
	file := g.bytes()
	for _, h := range g.holes {
		if _, err := w.Write(file[:h.at]); err != nil {
			return err
		}
		if err := writeRows(w, h.ix, g.m); err != nil {
			return err
		}
		file = file[h.at:]
		for i := range g.holes {
			g.holes[i].at -= h.at
		}
	}
	_, err = w.Write(file)
	return err
}

// render prints the enum file, unformatted. With apart set the hash
// tables' rows are left out, each table's place kept in g.holes.
func render(e *gen.Enum, pkg string, opts Options, apart bool) *goFile {
	if e.Open {
		return renderOpen(e, pkg, opts) // see open.go
	}
	m := newModel(e, pkg, useHash(e, opts), true)
	g := &goFile{m: m, opts: opts, apart: apart}
	g.l.out = make([]byte, 0, sizeHint(m, apart))
	g.genHeader()
	g.genType()
	g.genConstants()
	g.genAliasConstants()
	g.genPolling()
	g.genCategories()
	g.genCategoryEncoding()
	g.genTables()
	g.genMethods()
	g.genParse()
	g.genEncoding()
	g.genIntegrations()
	g.genLookup()
	return g
}

// sizeHint is about the size of the enum file of m, so that the output is
// allocated once: about 24 KB of methods, a few hundred bytes a value (its
// constant and doc, its rows), 16 bytes an alias, and the hash tables'
// rows unless they are printed apart.
func sizeHint(m *model, apart bool) int {
	n := 24<<10 + 400*len(m.Values) + 16*m.AliasCount
	if m.Exact != nil && !apart {
		n += m.Exact.rowsSize(m) + m.Fold.rowsSize(m)
	}
	return n
}

// packageName is the package clause of the output: the option, else the
// spec's package key. It runs Check first, so that no Go output is printed
// for an enum that Check refuses.
func packageName(e *gen.Enum, opts Options) (string, error) {
	if err := Check(e).Err(); err != nil {
		return "", err
	}
	spec := e.Spec
	pkg := opts.Package
	if pkg == "" {
		pkg = spec.Package
	}
	if pkg == "" {
		return "", fmt.Errorf("%s: no package name: set package in the spec or pass -package", spec.File)
	}
	if !IsPackageName(pkg) {
		return "", fmt.Errorf("%q is not a Go package name", pkg)
	}
	return pkg, nil
}

// goFile accumulates the generated source, one line per P call, laid out
// as gofmt lays it out (see layout.go) as it is printed.
type goFile struct {
	m      *model
	opts   Options
	l      layout
	buf    []byte // the line P builds
	prose1 []byte // the line prose builds
	// pkgEnd is where the package clause ends in l.out, followed by
	// importGap bytes kept for the import declaration; 0 before the clause.
	pkgEnd int
	// apart is set when the hash tables' rows are printed apart from the
	// file (Write): holes then lists where they go, in order.
	apart bool
	holes []hole
}

// A hole is where the rows of a hash table go in a file printed without
// them: at is a place in l.out, and, once bytes returned the file, in the
// file.
type hole struct {
	at int
	ix *hashIndex
}

// importGap is room for the longest import declaration: every package of
// stdImports.
const importGap = 512

// P prints its arguments as one line of code or comment. Strings are
// printed as they are, integers in decimal.
func (g *goFile) P(args ...any) {
	var line string
	if len(args) == 1 {
		line, _ = args[0].(string)
	}
	if line == "" && len(args) > 0 {
		b := g.buf[:0]
		for _, a := range args {
			switch a := a.(type) {
			case string:
				b = append(b, a...)
			case int:
				b = strconv.AppendInt(b, int64(a), 10)
			case uint64:
				b = strconv.AppendUint(b, a, 10)
			case bool:
				b = strconv.AppendBool(b, a)
			default:
				b = fmt.Append(b, a)
			}
		}
		g.buf = b
		line = string(b)
	}
	g.l.line(line)
	if g.pkgEnd == 0 && strings.HasPrefix(line, "package ") {
		g.l.flushSection()
		g.pkgEnd = len(g.l.out)
		g.l.out = append(g.l.out, make([]byte, importGap)...)
	}
}

// rows returns the output for the rows of a large table, which the caller
// appends in their final shape: each on a line of its own, indented by one
// tab, with nothing to align (no key, no comment). A table of a million
// rows then costs no more than writing it.
func (g *goFile) rows() *[]byte {
	g.l.flushComments(false, len(g.l.frames))
	g.l.flushSection()
	return &g.l.out
}

// bytes returns the file: what was printed, with the import declaration
// of the standard-library packages its code names after the package
// clause.
func (g *goFile) bytes() []byte {
	g.l.finish()
	out := g.l.out
	if g.pkgEnd == 0 {
		return out
	}
	decl := importDecl(g.l.imports)
	start := importGap - len(decl)
	copy(out[start:], out[:g.pkgEnd])
	copy(out[start+g.pkgEnd:], decl)
	for i := range g.holes {
		g.holes[i].at -= start
	}
	return out[start:]
}

// method starts a method on the type: "func (s Status) ".
func (g *goFile) method() string {
	return "func (" + g.m.Receiver + " " + g.m.Names.Type + ") "
}

// ptrMethod starts a method on a pointer to the type: "func (s *Status) ".
func (g *goFile) ptrMethod() string {
	return "func (" + g.m.Receiver + " *" + g.m.Names.Type + ") "
}

// doc prints text as a // comment. Spec text can hold anything, so
// characters that a Go comment cannot hold (NUL, BOM, other invisibles) are
// printed escaped, and no line can be read as a directive (see
// printer.NotDirective). Description and Doc return the text itself.
//
// Each line loses its indentation: gofmt reads an indented line of a doc
// comment as a code block and reformats it, and Go releases disagree on how
// (Go 1.27 keeps a block that Go 1.26 unindents, and adds a line after it),
// so indented spec text would make the output depend on the Go that
// formats it, and -check fail for a team whose machines differ.
//
// For the same reason the text is given the shape gofmt would give it, so
// that gofmt changes nothing: no blank line first or last, no two blank
// lines in a row, and two backquotes or two single quotes written as the
// typographic quotes gofmt turns them into (Go 1.26 does so even inside a
// word, Go 1.27 does not).
func (g *goFile) doc(text string) {
	blank := true // at the start, a blank line is dropped
	lines := commentLines(text)
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	for _, line := range lines {
		line = strings.TrimLeft(line, " \t")
		if line == "" {
			if !blank {
				g.P("//")
			}
			blank = true
			continue
		}
		blank = false
		g.P("// ", printer.NotDirective(docQuotes.Replace(line)))
	}
}

// commentLines is printer.CommentLines, which escapes what a comment
// cannot hold rune by rune, with a shortcut for text of printable ASCII,
// which it leaves as it is.
func commentLines(text string) []string {
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c < ' ' || c > '~') && c != '\n' && c != '\t' {
			return printer.CommentLines(text)
		}
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " \t")
	}
	return lines
}

// docQuotes writes the quotes gofmt rewrites in doc comments as what it
// rewrites them to.
var docQuotes = strings.NewReplacer("``", "“", "''", "”")

// prose prints statusgen's own sentences as a comment wrapped at 80
// columns; spec text keeps the author's line breaks (see doc). The
// sentences name only identifiers, but they pass through printer.NotDirective too,
// so that no comment line of any kind escapes the rule.
func (g *goFile) prose(text string) {
	line := append(g.prose1[:0], "// "...)
	for len(text) > 0 {
		// The next word, as strings.Fields finds it.
		start := 0
		for start < len(text) {
			n := spaceAt(text[start:])
			if n == 0 {
				break
			}
			start += n
		}
		end := start
		for end < len(text) && spaceAt(text[end:]) == 0 {
			end++
		}
		word := text[start:end]
		text = text[end:]
		if word == "" {
			break
		}
		if len(line)-3+len(word) > 76 && len(line) > 3 {
			g.proseLine(line)
			line = line[:3]
		}
		if len(line) > 3 {
			line = append(line, ' ')
		}
		line = append(line, word...)
	}
	g.prose1 = line
	if len(line) == 3 {
		g.P("//")
		return
	}
	g.proseLine(line)
}

// proseLine prints line, "// " and the text, with the text passed through
// printer.NotDirective, which looks at its first word only: the text
// starts with a word.
func (g *goFile) proseLine(line []byte) {
	text := line[3:]
	end := 0
	for end < len(text) && ('a' <= text[end] && text[end] <= 'z' || '0' <= text[end] && text[end] <= '9') {
		end++
	}
	if printer.DirectiveLike(string(text[:min(len(text), end+2)])) {
		g.P("// \\", string(text))
		return
	}
	g.P(string(line))
}

// spaceAt returns the length of the white space (as unicode.IsSpace, which
// strings.Fields splits at, says) that s starts with, or 0.
func spaceAt(s string) int {
	switch c := s[0]; {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
		return 1
	case c < utf8.RuneSelf:
		return 0
	}
	if r, n := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return n
	}
	return 0
}

// keyedRows prints the key: value rows of a table, each on a line of its
// own.
func (g *goFile) keyedRows(keys, values []string) {
	for i, k := range keys {
		g.P(k, ": ", values[i], ",")
	}
}

func (g *goFile) genHeader() {
	g.P(printer.GoHeader)
	g.P()
	g.P("package ", g.m.Package)
	g.P()
}
