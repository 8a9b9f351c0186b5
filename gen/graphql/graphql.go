// Package graphql prints the GraphQL schema (SDL) of an enum, an enum type
// whose values are the wire names, and checks what GraphQL cannot name
// (Check).
package graphql

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// Generate returns the GraphQL SDL of the enum: `enum T { ... }` with the
// wire names as its values, so that an enum literal, a variable's string
// and the Go type's MarshalGQLContext all carry the same name. The spec's doc and
// descriptions become GraphQL descriptions, and a deprecated value gets
// @deprecated(reason:). The file is a fragment to load beside the rest of
// a schema (gqlgen's schema globs, gqlparser.LoadSchema).
//
// Each alias follows its value as a deprecated enum value of its own, so
// that a schema still validates the old name that clients built before a
// rename send, as a literal or in a variable: it decodes to its value, and
// responses never carry it. An alias that is no GraphQL enum value name
// (see Check) is left out: no schema can have had it, so no GraphQL client
// sends it; it serves the other decoders.
func Generate(e *gen.Enum) ([]byte, error) { return output(e).Bytes() }

// Write writes what Generate returns to w as it is printed, without
// holding it, and returns the first error: Check's, before anything is
// written, or w's.
func Write(w io.Writer, e *gen.Enum) error { return output(e).Stream(w) }

// output is what Generate and Write print, or what Check refuses.
func output(e *gen.Enum) printer.Output {
	if err := Check(e).Err(); err != nil {
		return printer.Refused(err)
	}
	return printer.Printed(func(f *printer.File) { write(f, e) })
}

// write prints the schema.
func write(f *printer.File, e *gen.Enum) {
	f.P("# ", printer.Generated)
	f.P()
	if e.Open {
		openComment(f, e.Type)
	}
	description(f, "", e.Doc)
	f.P("enum ", e.Type, " {")
	for i := range e.Values {
		v := &e.Values[i]
		description(f, "  ", v.Description)
		f.Line("  ", v.Name, deprecatedDirective(deprecation(v)))
		if len(v.Aliases) == 0 {
			continue
		}
		// The same for every alias of the value.
		directive := deprecatedDirective("Another name for "+v.Name+": read as "+v.Name+" and never written; use "+v.Name, true)
		for _, a := range v.Aliases {
			if valueNameProblem(a.Name) == "" {
				f.Line("  ", a.Name, directive)
			}
		}
	}
	f.P("}")
}

// deprecation reports whether v is deprecated, and why (the spec's
// deprecated key).
func deprecation(v *gen.EnumValue) (reason string, deprecated bool) {
	return v.Deprecated, v.Deprecated != ""
}

// deprecatedDirective is what follows a value's name: nothing, or the
// @deprecated directive with the reason as a string (the directive's
// default reason, "No longer supported", when the spec gives none).
func deprecatedDirective(reason string, deprecated bool) string {
	switch {
	case !deprecated:
		return ""
	case reason == "":
		return " @deprecated"
	}
	return " @deprecated(reason: " + quoted(reason) + ")"
}

// builtinTypes are the names GraphQL gives its own scalars; an enum of one
// of these names would redefine it, which a schema may not do.
var builtinTypes = []string{"Boolean", "Float", "ID", "Int", "String"}

// Check reports, at the spec node, every name GraphQL cannot give the enum:
// the type and each wire name must be GraphQL names (/[_A-Za-z][_0-9A-Za-z]*/,
// ASCII only); neither may start with "__", which introspection
// reserves; a value
// may not be true, false or null, which a GraphQL literal would read as a
// boolean or null; and the type may not be a built-in scalar's name.
func Check(e *gen.Enum) gen.ErrorList {
	var errs gen.ErrorList
	if e.Type != "" { // else the type did not pass the spec's own checks
		switch {
		case !isName(e.Type):
			errs.Add(e.Spec.TypePos, "type %s is not a GraphQL name (ASCII letters, digits and _, not starting with a digit), which the GraphQL enum takes; choose another type name", e.Type)
		case strings.HasPrefix(e.Type, "__"):
			errs.Add(e.Spec.TypePos, "type %s starts with __, which GraphQL reserves for introspection; choose another type name", e.Type)
		case contains(builtinTypes, e.Type):
			errs.Add(e.Spec.TypePos, "type %s is GraphQL's built-in scalar of that name, which a schema may not redefine; choose another type name", e.Type)
		}
	}
	for _, v := range e.Values {
		if problem := valueNameProblem(v.Name); problem != "" {
			errs.Add(v.NamePos, "value %q %s; rename it or leave out -graphql", v.Name, problem)
		}
	}
	return errs
}

// valueNameProblem says why name cannot be a GraphQL enum value, or "".
func valueNameProblem(name string) string {
	switch {
	case !isName(name):
		return "is not a GraphQL enum value, which must be ASCII letters, digits and _, not starting with a digit"
	case strings.HasPrefix(name, "__"):
		return "starts with __, which GraphQL reserves for introspection"
	case name == "true" || name == "false" || name == "null":
		return fmt.Sprintf("cannot be a GraphQL enum value: GraphQL reads the literal %s as itself, not as the enum", name)
	}
	return ""
}

// isName reports whether s is a GraphQL Name.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// description prints text as the GraphQL description of what follows,
// indented by indent: a block string when the text reads back unchanged
// from one, else a quoted string with escapes. A block string's value
// loses the lines' common indentation and any blank first or last lines,
// and reads a carriage return as a line break, so a text whose own lines
// would lose something goes the quoted way; inside a block string only
// """ needs escaping, as \""".
func description(f *printer.File, indent, text string) {
	if text == "" {
		return
	}
	if !blockSafe(text) {
		f.P(indent, quoted(text))
		return
	}
	f.P(indent, `"""`)
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			f.P() // no trailing spaces; an empty line loses no indentation
			continue
		}
		f.P(indent, strings.ReplaceAll(line, `"""`, `\"""`))
	}
	f.P(indent, `"""`)
}

// blockSafe reports whether text, printed one line per line and every line
// indented alike, is the value GraphQL's BlockStringValue gives back: no
// character but tab and newline below U+0020 (nor DEL), no carriage return,
// no blank (space and tab only) first or last line, and at least one line
// that is not blank and starts with neither space nor tab, so that the
// common indentation removed is exactly the printer's.
func blockSafe(text string) bool {
	if !utf8.ValidString(text) {
		return false
	}
	for _, r := range text {
		if (r < ' ' && r != '\t' && r != '\n') || r == 0x7f || r == '\uFEFF' {
			return false
		}
	}
	lines := strings.Split(text, "\n")
	blank := func(line string) bool { return strings.Trim(line, " \t") == "" }
	if blank(lines[0]) || blank(lines[len(lines)-1]) {
		return false
	}
	for _, line := range lines {
		if !blank(line) && line[0] != ' ' && line[0] != '\t' {
			return true
		}
	}
	return false
}

// quoted returns s as a GraphQL string literal: the escapes GraphQL
// shares with JSON for quote, backslash and the control characters, and
// \u escapes for the rest of C0, DEL and the byte order mark, which
// GraphQL would otherwise skip as an ignored token in some readers.
func quoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < ' ' || r == 0x7f || r == '\uFEFF' {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// openComment says, in comments that introspection does not show, what a
// client of an open spec's schema sees: GraphQL enums are closed, but the
// Go type behind this one keeps names the spec does not list, and its
// MarshalGQL writes them as they are.
func openComment(f *printer.File, typ string) {
	f.P("# ", typ, " is open: the Go type behind it keeps names its spec does not")
	f.P("# list (values a newer upstream added) and writes them as they are, so a")
	f.P("# response may hold a ", typ, " value that this enum does not list. A client")
	f.P("# must accept such a value (Apollo's generated enums keep it as an unknown")
	f.P("# case); one that validates responses against this schema refuses it.")
	f.P("# Input stays strict: an argument or variable must be a value listed here.")
}
