// Package golang prints the Go outputs of an enum: the enum file (type,
// constants, tables, methods, name lookups by switch or hash index), its
// encoding/json/v2 methods (a file of their own, behind a build
// constraint) and its fuzz targets, all gofmt'd.
package golang

import (
	"fmt"
	"go/format"
	"go/token"
	"strconv"
	"strings"
	"time"

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
}

// Generate returns the gofmt'd Go source of the enum. It reads and writes
// nothing; the same enum and options always give the same bytes.
func Generate(e *gen.Enum, opts Options) ([]byte, error) {
	pkg, err := packageName(e.Spec, opts)
	if err != nil {
		return nil, err
	}
	return render(e, pkg, opts).format()
}

// render prints the enum file, unformatted.
func render(e *gen.Enum, pkg string, opts Options) *goFile {
	m := newModel(e, pkg, opts.HashLookup || len(e.Values) > switchMax)
	g := &goFile{m: m}
	g.genHeader()
	g.genType()
	g.genConstants()
	g.genPolling()
	g.genCategories()
	g.genTables()
	g.genMethods()
	g.genParse()
	g.genEncoding()
	g.genIntegrations()
	g.genLookup()
	return g
}

// packageName is the package clause of the output: the option, else the
// spec's package key.
func packageName(spec *gen.Spec, opts Options) (string, error) {
	pkg := opts.Package
	if pkg == "" {
		pkg = spec.Package
	}
	if pkg == "" {
		return "", fmt.Errorf("%s: no package name: set package in the spec or pass -package", spec.File)
	}
	if !token.IsIdentifier(pkg) || pkg == "_" {
		return "", fmt.Errorf("%q is not a Go package name", pkg)
	}
	return pkg, nil
}

// goFile accumulates the generated source, one line per P call.
type goFile struct {
	m *model
	printer.File
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
// notDirective). Description and Doc return the text itself.
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
// sentences name only identifiers, but they pass through notDirective too,
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

// format runs gofmt over the whole file. A failure is a statusgen bug, so
// the error carries the numbered source for the bug report; nothing is
// written.
func (g *goFile) format() ([]byte, error) {
	out, err := format.Source(g.Bytes())
	if err != nil {
		var numbered strings.Builder
		for i, line := range strings.Split(g.String(), "\n") {
			fmt.Fprintf(&numbered, "%5d  %s\n", i+1, line)
		}
		return nil, fmt.Errorf("statusgen bug: generated code does not parse: %v\n%s", err, numbered.String())
	}
	return out, nil
}

func (g *goFile) genHeader() {
	g.P(printer.GoHeader)
	g.P()
	g.P("package ", g.m.Package)
	g.P()
	g.P("import (")
	g.P(`"database/sql/driver"`)
	g.P(`"encoding/json"`)
	g.P(`"fmt"`)
	g.P(`"io"`)
	g.P(`"iter"`)
	g.P(`"slices"`)
	g.P(`"strconv"`)
	g.P(`"time"`)
	if g.m.Replaced {
		g.P(`"unicode/utf8"`)
	}
	g.P(")")
	g.P()
}

func (g *goFile) genType() {
	m, n := g.m, g.m.Names
	if m.Doc != "" {
		g.doc(m.Doc)
	} else {
		g.prose(fmt.Sprintf("%s is an enumeration of %d values, generated by statusgen.", n.Type, len(m.Values)))
	}
	g.P("//")
	g.prose(fmt.Sprintf("The zero %s means unset: it is not a valid value, prints as %s(0), and "+
		"encodes as JSON null, SQL NULL and empty text. NULL, empty text and the JSON string \"\" "+
		"decode to it; JSON null leaves a destination as it was, as encoding/json does for every type.", n.Type, n.Type))
	if m.Fallback != "" {
		g.P("//")
		g.prose(fmt.Sprintf("A string that names no %[1]s decodes to %[2]s where a newer writer may "+
			"have produced it, in JSON values and SQL, so a client keeps working when a server adds a "+
			"value. Text (flags, YAML, XML), binary (gob) and %[3]s are strict: there it is an error.", n.Type, m.Fallback, n.Parse))
	}
	g.P("type ", n.Type, " ", m.Underlying)
	g.P()
}

func (g *goFile) genConstants() {
	m := g.m
	g.P("// The values of ", m.Names.Type, ", in spec order.")
	g.P("const (")
	for i, v := range m.Values {
		if v.Description != "" {
			g.doc(v.Description)
		} else {
			g.doc(fmt.Sprintf("%s is %q.", v.GoName, v.Name))
		}
		g.genAliasesAndDeprecation(v)
		switch {
		case m.Gapped:
			g.P(v.GoName, " ", m.Names.Type, " = ", v.Number)
		case i == 0:
			g.P(v.GoName, " ", m.Names.Type, " = iota + 1")
		default:
			g.P(v.GoName)
		}
	}
	g.P(")")
	g.P()
}

func (g *goFile) genPolling() {
	m, n := g.m, g.m.Names
	if m.Polling == nil {
		return
	}
	g.P("// Backoff bounds for polling a task whose ", n.Type, " ShouldPoll: wait ", n.PollInitial)
	g.P("// after the first poll, then double the wait after each poll, up to ", n.PollMax, ".")
	g.P("const (")
	g.P(n.PollInitial, " = ", durationExpr(m.Polling.Initial))
	g.P(n.PollMax, " = ", durationExpr(m.Polling.Max))
	g.P(")")
	g.P()
}

// genPollBounds gives every enum a PollBounds method, so a generic poller
// (taskstatus.Poll) can follow the spec's backoff knowing only the type. It is
// generated for specs without polling too, returning zeros, so that every
// enum satisfies the same constraint.
func (g *goFile) genPollBounds() {
	m, n := g.m, g.m.Names
	if m.Polling == nil {
		g.P("// PollBounds returns zeros: the spec of ", n.Type, " declares no polling bounds, so a")
		g.P("// poller uses its own.")
		g.P("func (", n.Type, ") PollBounds() (initial, max time.Duration) { return 0, 0 }")
		g.P()
		return
	}
	g.P("// PollBounds returns the spec's backoff bounds, ", n.PollInitial, " and ", n.PollMax, ",")
	g.P("// the same for every value, so a generic poller can ask the zero ", n.Type, ".")
	g.P("func (", n.Type, ") PollBounds() (initial, max time.Duration) { return ", n.PollInitial, ", ", n.PollMax, " }")
	g.P()
}

// durationExpr writes d in the largest unit that divides it: 1s becomes
// 1 * time.Second, 1500ms becomes 1500 * time.Millisecond.
func durationExpr(d time.Duration) string {
	units := []struct {
		d    time.Duration
		name string
	}{
		{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"},
		{time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"},
	}
	for _, u := range units {
		if d%u.d == 0 {
			return fmt.Sprintf("%d * time.%s", d/u.d, u.name)
		}
	}
	return fmt.Sprintf("%d * time.Nanosecond", d)
}

func (g *goFile) genCategories() {
	m, n := g.m, g.m.Names
	if len(m.Categories) == 0 {
		return
	}
	g.P("// ", n.Category, " groups the values of ", n.Type, "; see ", n.Type, ".Category.")
	g.P("// The zero ", n.Category, " is none.")
	g.P("type ", n.Category, " ", m.CategoryType)
	g.P()
	g.P("// The categories of ", n.Type, ", in spec order.")
	g.P("const (")
	for i, c := range m.Categories {
		if c.Description != "" {
			g.doc(c.Description)
		} else {
			g.doc(fmt.Sprintf("%s is %q.", c.GoName, c.Name))
		}
		if i == 0 {
			g.P(c.GoName, " ", n.Category, " = iota + 1")
		} else {
			g.P(c.GoName)
		}
	}
	g.P(")")
	g.P()
	first, last := m.Categories[0].GoName, m.Categories[len(m.Categories)-1].GoName
	g.P("// ", n.Categories, " returns the categories in spec order, in a new slice.")
	g.P("func ", n.Categories, "() []", n.Category, " {")
	g.P("cats := make([]", n.Category, ", 0, ", len(m.Categories), ")")
	g.P("for c := ", first, "; c <= ", last, "; c++ {")
	g.P("cats = append(cats, c)")
	g.P("}")
	g.P("return cats")
	g.P("}")
	g.P()
	g.P("// IsValid reports whether c is a declared category; the zero ", n.Category, " is not.")
	g.P("func (c ", n.Category, ") IsValid() bool { return c >= ", first, " && c <= ", last, " }")
	g.P()
	g.P("// String returns the category's name from the spec, or ", n.Category, "(n) for a category that is not valid.")
	g.P("func (c ", n.Category, ") String() string {")
	g.P("if c.IsValid() {")
	g.P("return ", m.Unexported, "CategoryInfo[c].name")
	g.P("}")
	g.P(`return "`, n.Category, `(" + strconv.Itoa(int(c)) + ")"`)
	g.P("}")
	g.P()
	g.P("// Description returns the category's description from the spec.")
	g.P("func (c ", n.Category, ") Description() string {")
	g.P("if c.IsValid() {")
	g.P("return ", m.Unexported, "CategoryInfo[c].description")
	g.P("}")
	g.P(`return ""`)
	g.P("}")
	g.P()
	g.P("// Values returns the values in category c in spec order, in a new slice.")
	g.P("func (c ", n.Category, ") Values() []", n.Type, " {")
	g.P("if c.IsValid() {")
	g.P("return slices.Clone(", m.Unexported, "CategoryInfo[c].values)")
	g.P("}")
	g.P("return nil")
	g.P("}")
	g.P()
	g.P("// ", m.Unexported, "CategoryInfo holds what the spec says of each category, indexed by category.")
	g.P("var ", m.Unexported, "CategoryInfo = [...]struct {")
	g.P("name, description string")
	g.P("values []", n.Type)
	g.P("}{")
	for _, c := range m.Categories {
		g.P(c.GoName, ": {")
		g.P("name: ", strconv.Quote(c.Name), ",")
		if c.Description != "" {
			g.P("description: ", strconv.Quote(c.Description), ",")
		}
		g.P("values: []", n.Type, "{", strings.Join(c.Values, ", "), "},")
		g.P("},")
	}
	g.P("}")
	g.P()
}

func (g *goFile) genTables() {
	m, n := g.m, g.m.Names
	g.genPositionTables()
	if m.Gapped {
		g.P("// ", m.Unexported, "Info holds what the spec says of each ", n.Type, ", indexed by its")
		g.P("// position (see ", m.Unexported, "Position); entry 0 is the unset value.")
	} else {
		g.P("// ", m.Unexported, "Info holds what the spec says of each ", n.Type, ", indexed by value;")
		g.P("// entry 0 is the unset value.")
	}
	g.P("var ", m.Unexported, "Info = [...]struct {")
	g.P("description string")
	if len(m.Categories) > 0 {
		g.P("category ", n.Category)
	}
	if m.HasDeprecated {
		g.P("terminal, poll, deprecated bool")
	} else {
		g.P("terminal, poll bool")
	}
	g.P("}{")
	for i, v := range m.Values {
		if m.Gapped {
			g.P("// ", v.GoName)
		}
		g.P(g.key(i, v), ": {")
		if v.Description != "" {
			g.P("description: ", strconv.Quote(v.Description), ",")
		}
		if v.Category != "" {
			g.P("category: ", v.Category, ",")
		}
		if v.Terminal {
			g.P("terminal: true,")
		}
		if v.Poll {
			g.P("poll: true,")
		}
		if v.Deprecated != "" {
			g.P("deprecated: true,")
		}
		g.P("},")
	}
	g.P("}")
	g.P()
	index := "value"
	if m.Gapped {
		index = "position"
	}
	g.P("// ", m.Unexported, "Names holds the wire name of each ", n.Type, ", indexed by ", index, ";")
	g.P("// entry 0, the unset value, is empty. It is apart from ", m.Unexported, "Info so that")
	g.P("// String, the hottest method, reads 16 bytes a value.")
	g.P("var ", m.Unexported, "Names = [...]string{")
	for i, v := range m.Values {
		g.P(g.key(i, v), ": ", strconv.Quote(v.Name), ",")
	}
	g.P("}")
	g.P()
	g.P("// ", m.Unexported, "DriverValues holds each wire name already boxed as a driver.Value,")
	g.P("// so that Value does not allocate.")
	g.P("var ", m.Unexported, "DriverValues = [...]driver.Value{")
	for i, v := range m.Values {
		g.P(g.key(i, v), ": ", strconv.Quote(v.Name), ",")
	}
	g.P("}")
	g.P()
}

func (g *goFile) genMethods() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	recv := g.method()
	g.P("// ", n.Values, " returns every ", n.Type, " in spec order, in a new slice the caller owns.")
	g.P("func ", n.Values, "() []", n.Type, " {")
	g.P("return slices.Collect(", n.ValuesSeq, "())")
	g.P("}")
	g.P()
	g.P("// ", n.ValuesSeq, " yields every ", n.Type, " in spec order.")
	g.P("func ", n.ValuesSeq, "() iter.Seq[", n.Type, "] {")
	g.P("return func(yield func(", n.Type, ") bool) {")
	if m.Gapped {
		g.P("for _, ", r, " := range ", m.Unexported, "Order {")
	} else {
		g.P("for ", r, " := ", m.First, "; ", r, " <= ", m.Last, "; ", r, "++ {")
	}
	g.P("if !yield(", r, ") {")
	g.P("return")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P()
	g.P("// ", n.Names, " returns the wire name of every ", n.Type, " in spec order, in a new slice.")
	g.P("func ", n.Names, "() []string {")
	g.P("names := make([]string, 0, len(", m.Unexported, "Info)-1)")
	g.P("for ", r, " := range ", n.ValuesSeq, "() {")
	g.P("names = append(names, ", g.table("Names", r), ")")
	g.P("}")
	g.P("return names")
	g.P("}")
	g.P()
	g.P("// IsValid reports whether ", r, " is one of the values in the spec; the zero ", n.Type, " is not.")
	if m.Gapped {
		g.P(recv, "IsValid() bool { return int(", r, ") < len(", m.Unexported, "Position) && ", m.Unexported, "Position[", r, "] != 0 }")
	} else {
		g.P(recv, "IsValid() bool { return ", r, " >= ", m.First, " && ", r, " <= ", m.Last, " }")
	}
	g.P()
	g.P("// String returns the wire name of ", r, ", or ", n.Type, "(n) for a value that is not valid.")
	g.P("// It reads a table of names alone (16 bytes a value) and leaves the")
	g.P("// formatting of an invalid value to another function, so that it inlines.")
	g.P(recv, "String() string {")
	g.P("if ", r, ".IsValid() {")
	g.P("return ", g.table("Names", r))
	g.P("}")
	g.P("return ", r, ".invalidString()")
	g.P("}")
	g.P()
	g.P("// invalidString formats a value that is not valid as ", n.Type, "(n). It builds the")
	g.P("// string in a buffer of the right size, one allocation; that is too much for")
	g.P("// the compiler to inline it into String, which stays small enough to inline.")
	g.P(recv, "invalidString() string {")
	g.P(`buf := make([]byte, 0, len("`, n.Type, `(65535)"))`)
	g.P(`buf = append(buf, "`, n.Type, `("...)`)
	g.P("buf = strconv.AppendUint(buf, uint64(", r, "), 10)")
	g.P("return string(append(buf, ')'))")
	g.P("}")
	g.P()
	g.P("// Description returns the description of ", r, " from the spec, or \"\" for a value that is not valid.")
	g.P(recv, "Description() string {")
	g.P("if ", r, ".IsValid() {")
	g.P("return ", g.info(r), ".description")
	g.P("}")
	g.P(`return ""`)
	g.P("}")
	g.P()
	if len(m.Categories) > 0 {
		g.P("// Category returns the category of ", r, ", or the zero ", n.Category, " for a value that is not valid.")
		g.P(recv, "Category() ", n.Category, " {")
		g.P("if ", r, ".IsValid() {")
		g.P("return ", g.info(r), ".category")
		g.P("}")
		g.P("return 0")
		g.P("}")
		g.P()
	}
	g.P("// IsTerminal reports whether ", r, " is final: a task in a terminal status never moves to another.")
	g.P(recv, "IsTerminal() bool { return ", r, ".IsValid() && ", g.info(r), ".terminal }")
	g.P()
	g.P("// ShouldPoll reports whether a client waiting on a task in status ", r, " should poll it again.")
	g.P(recv, "ShouldPoll() bool { return ", r, ".IsValid() && ", g.info(r), ".poll }")
	g.P()
	g.genIsDeprecated()
	g.genPollBounds()
	g.genTransitions()
	g.genSources()
}

func (g *goFile) genParse() {
	m, n := g.m, g.m.Names
	g.P("// ", n.InvalidError, " reports a string that names no ", n.Type, ".")
	g.P("type ", n.InvalidError, " struct {")
	g.P("Input string // the rejected input, as given")
	g.P("}")
	g.P()
	g.P("// Error names the input, shortened past 64 bytes, and lists the valid names.")
	g.P("func (e *", n.InvalidError, ") Error() string {")
	g.P("in := strconv.Quote(e.Input)")
	g.P("if len(e.Input) > 64 {")
	g.P(`in = strconv.Quote(e.Input[:64]) + "..."`)
	g.P("}")
	g.P("return ", strconv.Quote(m.Package+": invalid "+n.Type+" "), " + in + ", strconv.Quote("; valid names are "+m.NameList))
	g.P("}")
	g.P()
	g.P("// ", n.Parse, " returns the ", n.Type, " whose wire name is exactly s.")
	g.P("// Any other string, including a case variant, is an *", n.InvalidError, ";")
	g.P("// the fallback never applies here.")
	g.P("func ", n.Parse, "(s string) (", n.Type, ", error) {")
	g.P("if v := lookup", n.Type, "(s); v != 0 {")
	g.P("return v, nil")
	g.P("}")
	g.P("return 0, &", n.InvalidError, "{Input: s}")
	g.P("}")
	g.P()
	if example, ok := asciiCaseVariant(m.Values[0].Name); ok {
		g.P("// ", n.ParseFold, " is like ", n.Parse, " but ignores the case of ASCII letters,")
		g.P("// so ", strconv.Quote(example), " finds ", m.Values[0].GoName, "; other letters must match exactly.")
	} else {
		g.P("// ", n.ParseFold, " is like ", n.Parse, " but ignores the case of ASCII letters;")
		g.P("// other letters must match exactly.")
	}
	g.P("func ", n.ParseFold, "(s string) (", n.Type, ", error) {")
	g.P("if v := lookup", n.Type, "Fold(s); v != 0 {")
	g.P("return v, nil")
	g.P("}")
	g.P("return 0, &", n.InvalidError, "{Input: s}")
	g.P("}")
	g.P()
	g.P("// decode", n.Type, " returns the ", n.Type, " named by text for the decoders whose")
	g.P("// input a newer writer may have produced: JSON values and SQL.")
	g.P("func decode", n.Type, "[chars string | []byte](text chars) (", n.Type, ", error) {")
	g.P("if v := lookup", n.Type, "(text); v != 0 {")
	g.P("return v, nil")
	g.P("}")
	if m.Fallback != "" {
		g.P("return ", m.Fallback, ", nil // the fallback: a name this build does not know")
	} else {
		g.P("return 0, &", n.InvalidError, "{Input: string(text)}")
	}
	g.P("}")
	g.P()
}

// asciiCaseVariant returns name with the case of its ASCII letters changed
// (to lower case if it has upper-case ones), for the fold parser's doc
// example; false when name has no ASCII letter, since the fold parser
// relates it to no other string.
func asciiCaseVariant(name string) (string, bool) {
	if lower := gen.FoldASCII(name); lower != name {
		return lower, true
	}
	upper := []byte(name)
	for i, c := range upper {
		if 'a' <= c && c <= 'z' {
			upper[i] = c - ('a' - 'A')
		}
	}
	return string(upper), string(upper) != name
}

// genEncoding prints every encoding of the type, one construct at a time.
func (g *goFile) genEncoding() {
	g.genEncodeError()
	g.genText()
	g.genBinary()
	g.genJSON()
	g.genSQL()
}

// genEncodeError prints the error every encoder returns for an invalid value.
func (g *goFile) genEncodeError() {
	m, r := g.m, g.m.Receiver
	recv := g.method()
	g.P("// encodeError reports an attempt to encode a value that is not valid;")
	g.P("// the encoders never write a name for it.")
	g.P(recv, "encodeError() error {")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot encode invalid %v", `, r, ")")
	g.P("}")
	g.P()
}

// genText prints the text encoding: MarshalText, AppendText, UnmarshalText (strict: no fallback).
func (g *goFile) genText() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	recv := g.method()
	ptr := g.ptrMethod()
	g.P("// MarshalText implements encoding.TextMarshaler: the wire name, or empty text when unset.")
	g.P(recv, "MarshalText() ([]byte, error) {")
	g.P("if ", r, ".IsValid() {")
	g.P("return []byte(", g.table("Names", r), "), nil // one allocation of the exact size")
	g.P("}")
	g.P("return ", r, ".AppendText(nil)")
	g.P("}")
	g.P()
	g.P("// AppendText implements encoding.TextAppender: it appends the wire name to dst,")
	g.P("// or nothing when ", r, " is unset.")
	g.P(recv, "AppendText(dst []byte) ([]byte, error) {")
	g.P("if ", r, ".IsValid() {")
	g.P("return append(dst, ", g.table("Names", r), "...), nil")
	g.P("}")
	g.P("if ", r, " == 0 {")
	g.P("return dst, nil")
	g.P("}")
	g.P("return dst, ", r, ".encodeError()")
	g.P("}")
	g.P()
	g.P("// UnmarshalText implements encoding.TextUnmarshaler. Empty text decodes to the")
	g.P("// unset ", n.Type, "; any other text must be a wire name, or it is an")
	if m.Fallback != "" {
		g.P("// *", n.InvalidError, ": text is what flags, YAML and XML use, where the")
		g.P("// fallback would turn a typo into ", m.Fallback, ". On error ", r, " is left as it was.")
	} else {
		g.P("// *", n.InvalidError, ". On error ", r, " is left as it was.")
	}
	g.P(ptr, "UnmarshalText(text []byte) error {")
	g.P("if len(text) == 0 {")
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("}")
	g.P("if value := lookup", n.Type, "(text); value != 0 {")
	g.P("*", r, " = value")
	g.P("return nil")
	g.P("}")
	g.P("return &", n.InvalidError, "{Input: string(text)}")
	g.P("}")
	g.P()
}

// genBinary prints the binary encoding (gob), which is the text encoding.
func (g *goFile) genBinary() {
	r := g.m.Receiver
	recv := g.method()
	ptr := g.ptrMethod()
	g.P("// MarshalBinary implements encoding.BinaryMarshaler with the text encoding,")
	g.P("// so that encoding/gob, which ignores text methods, stores the wire name")
	g.P("// rather than a position that inserting a value in the spec would change.")
	g.P(recv, "MarshalBinary() ([]byte, error) { return ", r, ".MarshalText() }")
	g.P()
	g.P("// AppendBinary implements encoding.BinaryAppender, as AppendText.")
	g.P(recv, "AppendBinary(dst []byte) ([]byte, error) { return ", r, ".AppendText(dst) }")
	g.P()
	g.P("// UnmarshalBinary implements encoding.BinaryUnmarshaler, as UnmarshalText.")
	g.P(ptr, "UnmarshalBinary(data []byte) error { return ", r, ".UnmarshalText(data) }")
	g.P()
}

// genJSON prints the JSON encoding, where the fallback applies.
func (g *goFile) genJSON() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	recv := g.method()
	ptr := g.ptrMethod()
	g.P("// MarshalJSON implements json.Marshaler: the wire name as a JSON string, or null when unset.")
	g.P(recv, "MarshalJSON() ([]byte, error) {")
	g.P("if ", r, ".IsValid() {")
	g.P("name := ", g.table("Names", r))
	g.P("out := make([]byte, 0, len(name)+2)")
	g.P("out = append(out, '\"')")
	g.P("out = append(out, name...)")
	g.P("return append(out, '\"'), nil")
	g.P("}")
	g.P("if ", r, " == 0 {")
	g.P(`return []byte("null"), nil`)
	g.P("}")
	g.P("return nil, ", r, ".encodeError()")
	g.P("}")
	g.P()
	g.P("// UnmarshalJSON implements json.Unmarshaler. null leaves ", r, " as it was, as")
	g.P("// encoding/json does for every type (so a field a peer sends as null keeps")
	g.P("// its value); the empty string decodes to the unset ", n.Type, ", as empty text")
	g.P("// does, so that a map key MarshalText wrote for it reads back;")
	if m.Fallback != "" {
		g.P("// a string that names no ", n.Type, " decodes to ", m.Fallback, ", since a newer writer")
		g.P("// may have sent it; anything but a string or null is an error. On error ", r, " is")
		g.P("// left as it was.")
	} else {
		g.P("// anything but a string or null is an error. On error ", r, " is left as it was.")
	}
	g.P(ptr, "UnmarshalJSON(data []byte) error {")
	g.P("if string(data) == \"null\" {")
	g.P("return nil")
	g.P("}")
	g.P("if string(data) == `\"\"` {")
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("}")
	g.P("if len(data) < 2 || data[0] != '\"' || data[len(data)-1] != '\"' {")
	g.P("if len(data) > 64 {")
	g.P(`data = append(data[:64:64], "..."...)`)
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot decode JSON %s into `, n.Type, `; want a string or null", data)`)
	g.P("}")
	g.P("text := data[1 : len(data)-1]")
	g.P("if value := lookup", n.Type, "(text); value != 0 {")
	g.P("*", r, " = value")
	g.P("return nil")
	g.P("}")
	g.P("// Not a wire name as it stands. Escapes and non-ASCII text (which may")
	g.P("// not be valid UTF-8) are rare enough to go the slow way, through")
	g.P("// encoding/json; bytes a JSON string cannot hold are refused.")
	g.P("for _, char := range text {")
	g.P("switch {")
	g.P("case char == '\\\\' || char >= 0x80:")
	g.P("var unquoted string")
	g.P("if err := json.Unmarshal(data, &unquoted); err != nil {")
	g.P("return err")
	g.P("}")
	if m.Replaced {
		g.P("if ", m.Unexported, "ReplacedJSON(text) {")
		g.P("// encoding/json stood U+FFFD in for invalid UTF-8 or a lone surrogate,")
		g.P("// and a wire name holds U+FFFD: the input named no value, as the")
		g.P("// text and SQL decoders, which see the bytes, agree.")
		if m.Fallback != "" {
			g.P("*", r, " = ", m.Fallback)
			g.P("return nil")
		} else {
			g.P("return &", n.InvalidError, "{Input: unquoted}")
		}
		g.P("}")
	}
	g.P("return ", r, ".decodeInto(", "decode"+n.Type+"(unquoted)", ")")
	g.P("case char == '\"' || char < ' ':")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot decode %.64q into `, n.Type, `: not a JSON string", data)`)
	g.P("}")
	g.P("}")
	g.P("return ", r, ".decodeInto(", "decode"+n.Type+"(text)", ")")
	g.P("}")
	g.P()
	if m.Replaced {
		g.genReplacedJSON()
	}
	g.P("// decodeInto stores value in *", r, " unless err is set.")
	g.P(ptr, "decodeInto(value ", n.Type, ", err error) error {")
	g.P("if err != nil {")
	g.P("return err")
	g.P("}")
	g.P("*", r, " = value")
	g.P("return nil")
	g.P("}")
	g.P()
}

// genSQL prints driver.Valuer and sql.Scanner, where the fallback applies.
func (g *goFile) genSQL() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	recv := g.method()
	ptr := g.ptrMethod()
	g.P("// Value implements driver.Valuer: the wire name as a string, or NULL when unset.")
	g.P(recv, "Value() (driver.Value, error) {")
	g.P("if ", r, ".IsValid() {")
	g.P("return ", g.table("DriverValues", r), ", nil")
	g.P("}")
	g.P("if ", r, " == 0 {")
	g.P("return nil, nil")
	g.P("}")
	g.P("return nil, ", r, ".encodeError()")
	g.P("}")
	g.P()
	g.P("// Scan implements sql.Scanner for string and []byte columns. NULL scans to the")
	if m.Fallback != "" {
		g.P("// unset ", n.Type, "; a name this build does not know, which a newer writer may")
		g.P("// have stored, scans to ", m.Fallback, ". On error ", r, " is left as it was.")
	} else {
		g.P("// unset ", n.Type, "; on error ", r, " is left as it was.")
	}
	g.P(ptr, "Scan(src any) error {")
	g.P("switch src := src.(type) {")
	g.P("case nil:")
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("case string:")
	g.P("return ", r, ".decodeInto(", "decode"+n.Type+"(src)", ")")
	g.P("case []byte:")
	g.P("return ", r, ".decodeInto(", "decode"+n.Type+"(src)", ")")
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot scan %T into `, n.Type, `; want a string, []byte or NULL", src)`)
	g.P("}")
	g.P()
}

// genReplacedJSON prints, for a spec with a wire name holding U+FFFD, the
// check that keeps JSON from decoding to it what the other decoders do
// not: encoding/json replaces invalid UTF-8 and lone surrogate escapes with
// U+FFFD, so "\xff" and "\ud800" would otherwise name the value in JSON
// and nothing in text or SQL.
func (g *goFile) genReplacedJSON() {
	m := g.m
	g.P("// ", m.Unexported, "ReplacedJSON reports whether decoding text, the inside of a JSON string")
	g.P("// encoding/json accepted, replaces anything with U+FFFD: invalid UTF-8, or a")
	g.P("// \\u escape of a surrogate that is not half of a pair.")
	g.P("func ", m.Unexported, "ReplacedJSON(text []byte) bool {")
	g.P("if !utf8.Valid(text) {")
	g.P("return true")
	g.P("}")
	g.P("escaped := func(i int) rune { // the \\uXXXX at text[i:], or -1")
	g.P("if i+6 > len(text) || text[i] != '\\\\' || text[i+1] != 'u' {")
	g.P("return -1")
	g.P("}")
	g.P("r, err := strconv.ParseUint(string(text[i+2:i+6]), 16, 32)")
	g.P("if err != nil {")
	g.P("return -1")
	g.P("}")
	g.P("return rune(r)")
	g.P("}")
	g.P("for i := 0; i < len(text); i++ {")
	g.P("if text[i] != '\\\\' {")
	g.P("continue")
	g.P("}")
	g.P("r := escaped(i)")
	g.P("switch {")
	g.P("case r < 0:")
	g.P("i++ // a one-character escape such as \\\\")
	g.P("case 0xD800 <= r && r < 0xDC00:")
	g.P("if low := escaped(i + 6); low < 0xDC00 || low >= 0xE000 {")
	g.P("return true")
	g.P("}")
	g.P("i += 11")
	g.P("case 0xDC00 <= r && r < 0xE000:")
	g.P("return true")
	g.P("default:")
	g.P("i += 5")
	g.P("}")
	g.P("}")
	g.P("return false")
	g.P("}")
	g.P()
}

// genLookup prints the two name lookups: switch statements up to
// switchMax values, a hash table past that (see hash.go). The Go compiler
// turns a string switch into a jump on the length and a binary search of
// inline word comparisons: for the 13 statuses that is several times faster
// than the map lookup enumer generates, it never allocates, not even for
// []byte input, and it reads like the spec.
func (g *goFile) genLookup() {
	m, n := g.m, g.m.Names
	if m.Exact != nil {
		g.genHashLookup()
		return
	}
	g.P("// lookup", n.Type, " returns the ", n.Type, " whose wire name is s, or 0 when there is none.")
	g.P("func lookup", n.Type, "[chars string | []byte](s chars) ", n.Type, " {")
	g.P("switch string(s) {")
	for _, v := range m.Values {
		g.P("case ", strconv.Quote(v.Name), ":")
		g.P("return ", v.GoName)
	}
	g.P("}")
	if len(m.Aliases) > 0 {
		g.P("return lookup", n.Type, "Alias(s)")
	} else {
		g.P("return 0")
	}
	g.P("}")
	g.P()
	g.genAliasLookup()
	g.P()
	g.genFoldLookup(func() {
		g.P("switch string(lower[:len(s)]) {")
		for _, v := range m.Values {
			g.P("case ", strconv.Quote(gen.FoldASCII(v.Name)), ":")
			g.P("return ", v.GoName)
		}
		g.P("}")
		g.genAliasSwitch("lower[:len(s)]", true)
		g.P("return 0")
	})
}

// genFoldLookup prints lookupTFold: the lower-casing of s into a buffer,
// then the lookup body prints, which finds lower[:len(s)].
func (g *goFile) genFoldLookup(body func()) {
	m, n := g.m, g.m.Names
	g.P("// lookup", n.Type, "Fold is lookup", n.Type, " ignoring the case of ASCII letters: it")
	g.P("// lower-cases s into a buffer as long as the longest name and matches the")
	g.P("// names in lower case.")
	g.P("func lookup", n.Type, "Fold(s string) ", n.Type, " {")
	g.P("var lower [", m.MaxLen, "]byte")
	g.P("if len(s) > len(lower) {")
	g.P("return 0")
	g.P("}")
	g.P("for i := 0; i < len(s); i++ {")
	g.P("c := s[i]")
	g.P("if 'A' <= c && c <= 'Z' {")
	g.P("c += 'a' - 'A'")
	g.P("}")
	g.P("lower[i] = c")
	g.P("}")
	body()
	g.P("}")
}

func (g *goFile) genHashLookup() {
	m, n := g.m, g.m.Names
	slot := m.Unexported + "Slot"
	size := len(m.Exact.Slots)
	g.P("// ", slot, " is one slot of a hash table of wire names. It keeps the name's first")
	g.P("// and last 8 bytes as integers, so that a name of up to 16 bytes is")
	g.P("// confirmed by two integer comparisons; value 0 marks an empty slot.")
	g.P("type ", slot, " struct {")
	g.P("first, last uint64")
	g.P("name string")
	g.P("value ", n.Type)
	g.P("}")
	g.P()
	g.prose(fmt.Sprintf("Past %d values a switch over the names takes the compiler long "+
		"(about a minute at 10,000), so they are looked up in hash tables: %sIndex holds the "+
		"wire names and %sFoldIndex the same names in lower case. A name sits in the slot its "+
		"hash picks or in the nearest free slot after it; statusgen chose the seeds so that no "+
		"name is more than a few slots away.", switchMax, m.Unexported, m.Unexported))
	for _, t := range []struct {
		name string
		ix   *hashIndex
	}{{m.Unexported + "Index", m.Exact}, {m.Unexported + "FoldIndex", m.Fold}} {
		g.P("var ", t.name, " = [", size, "]", slot, "{")
		for i, sl := range t.ix.Slots {
			if sl.Value != 0 {
				g.P(i, ": {", fmt.Sprintf("%#x, %#x", sl.First, sl.Last), ", ", strconv.Quote(sl.Name), ", ", m.Values[sl.Value-1].GoName, "},")
			}
		}
		g.P("}")
		g.P()
	}
	g.P("// lookup", n.Type, " returns the ", n.Type, " whose wire name is s, or 0 when there is none.")
	g.P("func lookup", n.Type, "[chars string | []byte](s chars) ", n.Type, " {")
	g.P("return find", n.Type, "(&", m.Unexported, "Index, ", m.Exact.Seed, ", s)")
	g.P("}")
	g.P()
	g.genFoldLookup(func() {
		g.P("return find", n.Type, "(&", m.Unexported, "FoldIndex, ", m.Fold.Seed, ", lower[:len(s)])")
	})
	g.P()
	g.P("// find", n.Type, " looks s up in a table built with the given seed.")
	g.P("func find", n.Type, "[chars string | []byte](index *[", size, "]", slot, ", seed uint64, s chars) ", n.Type, " {")
	g.P("n := len(s)")
	g.P("if n < ", m.Exact.MinLen, " || n > ", m.Exact.MaxLen, " {")
	g.P("return 0 // no wire name is this short or this long")
	g.P("}")
	g.P("var first, last uint64")
	g.P("switch {")
	g.P("case n >= 8:")
	g.P("first, last = load64", n.Type, "(s), load64", n.Type, "(s[n-8:])")
	g.P("case n >= 4:")
	g.P("first = load32", n.Type, "(s) | load32", n.Type, "(s[n-4:])<<32")
	g.P("default:")
	g.P("first = uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16")
	g.P("}")
	g.P(fmt.Sprintf("h := (first^seed)*%#x ^ (last^uint64(n))*%#x", uint64(hashMul1), uint64(hashMul2)))
	g.P("for i := 8; i+8 < n; i += 8 {")
	g.P(fmt.Sprintf("h = (h ^ load64%s(s[i:])) * %#x", n.Type, uint64(hashMul1)))
	g.P("}")
	g.P("for i := h >> ", 64-m.Exact.Bits, "; ; i = (i + 1) % uint64(len(index)) {")
	g.P("slot := &index[i]")
	g.P("if slot.first == first && slot.last == last && len(slot.name) == n && (n <= 16 || slot.name[8:n-8] == string(s[8:n-8])) {")
	g.P("return slot.value")
	g.P("}")
	g.P("if slot.value == 0 {")
	g.P("return 0")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P()
	g.P("// load64", n.Type, " reads the first 8 bytes of s as a little-endian integer.")
	g.P("func load64", n.Type, "[chars string | []byte](s chars) uint64 {")
	g.P("return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |")
	g.P("uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56")
	g.P("}")
	g.P()
	g.P("// load32", n.Type, " reads the first 4 bytes of s as a little-endian integer.")
	g.P("func load32", n.Type, "[chars string | []byte](s chars) uint64 {")
	g.P("return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24")
	g.P("}")
}
