// Package markdown prints the Markdown reference page of an enum: its
// values, categories, polling guidance and a Mermaid diagram of its
// transitions.
package markdown

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// Generate returns a reference page for the enum: the doc, a table of the
// values with their description, category, and terminal and poll flags, the
// polling guidance, and a Mermaid state diagram of the enum's transition
// relation (gen.Transitions), terminal states marked. Spec text is escaped for
// Markdown tables (pipes, newlines, HTML) and names are code spans.
func Generate(spec *gen.Enum) ([]byte, error) {
	return printer.Render(func(b *printer.File) { write(b, spec) }), nil
}

// Write writes what Generate returns to w as it is printed, without
// holding it, and returns w's first error.
func Write(w io.Writer, spec *gen.Enum) error {
	return printer.Stream(w, func(b *printer.File) { write(b, spec) })
}

// write prints the page.
func write(b *printer.File, spec *gen.Enum) {
	p := b.P
	p("<!-- ", printer.Generated, " -->")
	p()
	p("# ", spec.Type)
	p()
	if spec.Doc != "" {
		p(mdText(spec.Doc))
		p()
	}
	p("## Values")
	p()
	header, rule := "| Value | Description |", "| --- | --- |"
	if len(spec.Categories) > 0 {
		header, rule = header+" Category |", rule+" --- |"
	}
	p(header, " Terminal | Poll | Next |")
	p(rule, " :---: | :---: | --- |")
	for i, v := range spec.Values {
		b.WriteString("| ")
		writeValueCell(b, &v)
		b.WriteString(" | ")
		b.WriteString(mdDescriptionCell(&v))
		b.WriteString(" |")
		if len(spec.Categories) > 0 {
			b.WriteString(" ")
			b.WriteString(mdCell(v.Category.Name))
			b.WriteString(" |")
		}
		b.WriteString(" ")
		b.WriteString(yes(v.Terminal))
		b.WriteString(" | ")
		b.WriteString(yes(v.Poll))
		b.WriteString(" | ")
		writeNextCell(b, spec, i)
		b.WriteString(" |\n")
	}
	p()
	if len(spec.Categories) > 0 {
		p("## Categories")
		p()
		for _, c := range spec.Categories {
			line := "- " + mdCode(c.Name)
			if c.Description != "" {
				line += ": " + mdCell(c.Description)
			}
			p(line)
		}
		p()
	}
	p("## Polling")
	p()
	var polled, terminal []string
	for _, v := range spec.Values {
		if v.Poll {
			polled = append(polled, mdCode(v.Name))
		}
		if v.Terminal {
			terminal = append(terminal, mdCode(v.Name))
		}
	}
	if len(polled) > 0 {
		p("Poll again while the value is ", joinList(polled, "or"), ".")
	} else {
		p("No value asks to be polled.")
	}
	if len(terminal) > 0 {
		p(joinList(terminal, "and"), " ", plural(len(terminal), "is", "are"), " terminal: once reached, the value never moves to another.")
	}
	if pl := spec.Polling; pl != nil {
		p("Back off exponentially: wait ", printer.HumanDuration(pl.Initial), " after the first poll, then double the wait after each poll, up to ", printer.HumanDuration(pl.Max), ".")
	}
	switch {
	case spec.Open && spec.Fallback != nil:
		p()
		p("The enum is open: a name a client does not know is kept as it is, so clients keep working when the server adds a value, and it behaves as ", mdCode(spec.Fallback.Name), " does.")
	case spec.Open:
		p()
		p("The enum is open: a name a client does not know is kept as it is, so clients keep working when the server adds a value; it is not terminal and not polled.")
	case spec.Fallback != nil:
		p()
		p("A name a client does not know decodes to ", mdCode(spec.Fallback.Name), ", so clients keep working when the server adds a value.")
	}
	p()
	genTransitions(b, spec)
}

// writeNextCell writes the table's Next column for Values[i]: the values
// it may move to besides itself, "any" when that is every other value,
// "none" when it is none; empty for a terminal value.
func writeNextCell(b *printer.File, spec *gen.Enum, i int) {
	rel := spec.Transitions
	switch {
	case spec.Values[i].Terminal:
		// the Terminal column says it
	case rel.MovesAnywhere(i) && len(spec.Values) > 1:
		b.WriteString("any") // asked before Next, which would list every value
	default:
		next := rel.Next(i)
		if len(next) == 0 {
			b.WriteString("none")
		}
		for k, j := range next {
			if k > 0 {
				b.WriteString(", ")
			}
			writeCellCode(b, spec.Values[j].Name)
		}
	}
}

// genTransitions prints the relation as Build computed it (gen.Transitions)
// as a Mermaid state diagram, terminal values in bold.
func genTransitions(b *printer.File, spec *gen.Enum) {
	p := b.P
	rel := spec.Transitions
	p()
	p("## Transitions")
	p()
	if rel.TerminalRule() {
		p("A value that is not terminal may move to any other; a terminal value (bold) moves nowhere but to itself.")
	} else {
		p("A value moves only along the arrows, which are its Next above, or to itself (a retried update); a terminal value (bold) moves nowhere else.")
	}
	p()
	p("```mermaid")
	p("stateDiagram-v2")
	for i, v := range spec.Values {
		b.Append(len(v.Name)+32, func(buf []byte) []byte {
			buf = appendMermaidLabel(append(buf, "    state "...), v.Name)
			return append(strconv.AppendInt(append(buf, " as s"...), int64(i+1), 10), '\n')
		})
	}
	if rel.TerminalRule() {
		// Under the terminal rule every value that is not terminal may move
		// anywhere: they form one group instead of an arrow per pair, and
		// every terminal value gets an arrow from the group.
		genOpenGroup(b, spec)
	} else {
		for i := range spec.Values {
			for _, j := range rel.Next(i) {
				b.Append(32, func(buf []byte) []byte {
					buf = strconv.AppendInt(append(buf, "    s"...), int64(i+1), 10)
					return append(strconv.AppendInt(append(buf, " --> s"...), int64(j+1), 10), '\n')
				})
			}
		}
	}
	var classes []string
	for i, v := range spec.Values {
		if v.Terminal {
			p("    s", i+1, " --> [*]")
			classes = append(classes, fmt.Sprintf("s%d", i+1))
		}
	}
	if len(classes) > 0 {
		p("    classDef terminal font-weight:bold,stroke-width:3px")
		p("    class ", strings.Join(classes, ","), " terminal")
	}
	p("```")
}

// genOpenGroup draws the terminal rule: the values that may move anywhere
// as one group, and an arrow from it to each terminal value.
func genOpenGroup(b *printer.File, spec *gen.Enum) {
	p := b.P
	var open []int
	for i := range spec.Values {
		if spec.Transitions.MovesAnywhere(i) {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		for i := range spec.Values {
			p("    [*] --> s", i+1)
		}
		return
	}
	p("    state \"not terminal: any may move to any other\" as open {")
	for _, i := range open {
		p("        s", i+1)
	}
	p("    }")
	p("    [*] --> open")
	for i := range spec.Values {
		if !spec.Transitions.MovesAnywhere(i) {
			p("    open --> s", i+1)
		}
	}
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// joinList writes "a", "a or b", "a, b or c" (with and or or).
func joinList(items []string, conj string) string {
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// mdText escapes prose for Markdown: HTML is shown, not interpreted,
// invisible characters are escaped, and a line that would open a code
// fence (``` or ~~~) shows its backticks or tildes instead: a fence the
// text does not close would swallow the rest of the page.
func mdText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimRight(html.EscapeString(printer.CommentSafe(l)), " \t")
		body := strings.TrimLeft(l, " ")
		if len(l)-len(body) <= 3 && (strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~")) {
			l = l[:len(l)-len(body)] + "\\" + body
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// mdCell escapes prose for one table cell: pipes and newlines would end it.
func mdCell(s string) string {
	return mdPipes(strings.ReplaceAll(mdText(s), "\n", "<br>"))
}

// mdPipes escapes the pipes in a table cell. GitHub's tables split rows at
// every unescaped pipe before they parse inline Markdown, even inside code
// spans, and remove the backslash of \| everywhere in the cell, code spans
// included; outside tables a code span keeps the backslash, so only cells
// are escaped.
func mdPipes(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// mdCode writes a name as a code span, with a longer fence when the name
// holds backticks, that renders as exactly the name.
func mdCode(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	// A code span drops one space from each end of its content when both
	// ends have one, so content starting or ending with a backtick, or
	// with a space at both ends, is padded to survive.
	spaced := strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || spaced {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// appendMermaidLabel appends a wire name quoted for Mermaid; wire names
// hold no double quotes, and other special characters are written as
// entity codes: '%' too, since Mermaid strips %%{...}%% directives anywhere
// in the text before it parses.
func appendMermaidLabel(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		if r == '#' || r == ';' || r == '<' || r == '>' || r == '&' || r == '%' {
			b = append(strconv.AppendInt(append(b, '#'), int64(r), 10), ';')
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// mermaidLabel is appendMermaidLabel's label as a string.
func mermaidLabel(s string) string { return string(appendMermaidLabel(nil, s)) }

// writeCellCode writes a name as a code span in a table cell: what
// mdPipes(mdCode(s)) returns, without building it for a plain name.
func writeCellCode(b *printer.File, s string) {
	if strings.ContainsAny(s, "`|") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") {
		b.WriteString(mdPipes(mdCode(s)))
		return
	}
	b.WriteByte('`')
	b.WriteString(s)
	b.WriteByte('`')
}

// writeValueCell writes the Value cell of v: its wire name, and the
// aliases decoders also accept.
func writeValueCell(b *printer.File, v *gen.EnumValue) {
	writeCellCode(b, v.Name)
	if len(v.Aliases) > 0 {
		b.WriteString(" (alias ")
		for i, a := range v.Aliases {
			if i > 0 {
				b.WriteString(", ")
			}
			writeCellCode(b, a.Name)
		}
		b.WriteString(")")
	}
}

// mdDescriptionCell is the Description cell of v, led by why it is
// deprecated when it is.
func mdDescriptionCell(v *gen.EnumValue) string {
	if v.Deprecated == "" {
		return mdCell(v.Description)
	}
	cell := "**Deprecated:** " + mdCell(v.Deprecated)
	if v.Description != "" {
		cell += "<br>" + mdCell(v.Description)
	}
	return cell
}
