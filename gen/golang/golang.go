// Package golang prints the Go outputs of an enum: the enum file (type,
// constants, tables, methods, name lookups by switch or hash index), its
// encoding/json/v2 methods (a file of their own, behind a build
// constraint) and its fuzz targets, all gofmt'd.
package golang

import (
	"bytes"
	"fmt"
	"go/format"
	"strings"
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
	return render(e, pkg, opts).format()
}

// render prints the enum file, unformatted.
func render(e *gen.Enum, pkg string, opts Options) *goFile {
	if e.Open {
		return renderOpen(e, pkg, opts) // see open.go
	}
	m := newModel(e, pkg, useHash(e, opts))
	g := &goFile{m: m, opts: opts}
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

// goFile accumulates the generated source, one line per P call.
type goFile struct {
	m    *model
	opts Options
	printer.File
	apart []*bytes.Buffer // the blocks of rows printed apart; see rows
}

// rowsMark opens the line that stands for a block of rows in the printed
// file until format puts the rows there. Spec text never prints it: every
// comment line of spec text starts "// " and every string is quoted.
const rowsMark = "//statusgen:rows "

// rows returns a buffer for the rows of a large table, printed apart from
// the file in the shape gofmt gives them: each on a line of its own,
// indented by one tab, with nothing gofmt aligns or rewrites. format
// formats the file without them and then puts them in place, so that
// formatting costs the same for a table of a million rows as for one of
// ten: go/format would parse every row into a syntax tree and print it
// back unchanged, about 6 KB of memory per row.
func (g *goFile) rows() *bytes.Buffer {
	g.P(rowsMark, len(g.apart))
	b := new(bytes.Buffer)
	g.apart = append(g.apart, b)
	return b
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
	lines := printer.CommentLines(text)
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

// docQuotes writes the quotes gofmt rewrites in doc comments as what it
// rewrites them to.
var docQuotes = strings.NewReplacer("``", "“", "''", "”")

// prose prints statusgen's own sentences as a comment wrapped at 80
// columns; spec text keeps the author's line breaks (see doc). The
// sentences name only identifiers, but they pass through printer.NotDirective too,
// so that no comment line of any kind escapes the rule.
func (g *goFile) prose(text string) {
	line := ""
	for _, word := range strings.Fields(text) {
		if len(line)+len(word) > 76 && line != "" {
			g.P("// ", printer.NotDirective(line))
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line == "" {
		g.P("//")
		return
	}
	g.P("// ", printer.NotDirective(line))
}

// keyedRows prints the key: value rows of a top-level table, each on a
// line of its own, with the values in one column as gofmt aligns them: a
// column one space past the longest key and its colon, counted in runes.
// gofmt keeps such rows in one column only while every key is at most 40
// bytes (go/printer's exprList); past that it may start a new column
// anywhere, so a table with a longer key is printed in the file and
// formatted with it.
func (g *goFile) keyedRows(keys, values []string) {
	width := 0
	for _, k := range keys {
		if len(k) > 40 {
			for i, k := range keys {
				g.P(k, ": ", values[i], ",")
			}
			return
		}
		width = max(width, utf8.RuneCountInString(k))
	}
	w := g.rows()
	pad := strings.Repeat(" ", width+1)
	for i, k := range keys {
		w.WriteByte('\t')
		w.WriteString(k)
		w.WriteByte(':')
		w.WriteString(pad[utf8.RuneCountInString(k):])
		w.WriteString(values[i])
		w.WriteString(",\n")
	}
}

// format runs gofmt over the whole file but the rows printed apart (see
// rows), then puts those in place. A failure is a statusgen bug, so the
// error carries the numbered source for the bug report; nothing is
// written.
func (g *goFile) format() ([]byte, error) {
	out, err := format.Source(withImports(g.Bytes()))
	if err != nil {
		var numbered strings.Builder
		for i, line := range strings.Split(g.String(), "\n") {
			fmt.Fprintf(&numbered, "%5d  %s\n", i+1, line)
		}
		return nil, fmt.Errorf("statusgen bug: generated code does not parse: %v\n%s", err, numbered.String())
	}
	if len(g.apart) == 0 {
		return out, nil
	}
	size := len(out)
	for _, r := range g.apart {
		size += r.Len()
	}
	spliced := make([]byte, 0, size)
	for i, r := range g.apart {
		mark := fmt.Appendf(nil, "\n\t%s%d\n", rowsMark, i)
		at := bytes.Index(out, mark)
		if at < 0 {
			return nil, fmt.Errorf("statusgen bug: rows %d lost their place in the formatted file", i)
		}
		spliced = append(spliced, out[:at+1]...)
		spliced = append(spliced, r.Bytes()...)
		out = out[at+len(mark):]
	}
	return append(spliced, out...), nil
}

func (g *goFile) genHeader() {
	g.P(printer.GoHeader)
	g.P()
	g.P("package ", g.m.Package)
	g.P()
}
