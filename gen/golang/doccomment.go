package golang

import (
	"go/doc/comment"
	"strings"
)

// A comment group directly above code is a doc comment to gofmt, which
// parses it with go/doc/comment and prints it back (see layout.go).

// docComment returns a comment group as gofmt prints it above code: as
// go/doc/comment parses and prints it. A group of plain paragraphs, which
// is what the emitters print, is already in that shape; only a group that
// holds something go/doc/comment rewrites goes through it.
func docComment(lines []string) []string {
	if plainDoc(lines) {
		return lines
	}
	var b strings.Builder
	var directives []string
	for _, c := range lines {
		after := c[2:]
		if isDirective(after) {
			directives = append(directives, c)
			continue
		}
		b.WriteString(strings.TrimPrefix(after, " "))
		b.WriteString("\n")
	}
	text := b.String()
	if text == "" {
		return lines
	}
	var p comment.Parser
	var pr comment.Printer
	text = string(pr.Comment(p.Parse(text)))
	var out []string
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		switch {
		case line == "":
			line = "//"
		case strings.HasPrefix(line, "\t"):
			line = "//" + line
		default:
			line = "// " + line
		}
		out = append(out, strings.TrimRight(line, " \t"))
	}
	if len(directives) > 0 {
		out = append(out, "//")
		out = append(out, directives...)
	}
	return out
}

// plainDoc reports whether go/doc/comment prints the group back as it
// is: paragraphs of unindented lines, one blank line between them, no line
// that could start a heading, a list, a code block or a link definition,
// and none of the quote pairs it rewrites.
func plainDoc(lines []string) bool {
	prevBlank := true // the start counts as a blank line
	for i, c := range lines {
		if c == "//" {
			if prevBlank || i == len(lines)-1 {
				return false
			}
			prevBlank = true
			continue
		}
		if len(c) < 4 || c[2] != ' ' {
			return false
		}
		switch c[3] {
		case ' ', '\t', '[', '#':
			return false
		}
		if strings.Contains(c, "``") || strings.Contains(c, "''") {
			return false
		}
		// A lone line between blank lines may be an old-style heading.
		if prevBlank && i > 0 && i+1 < len(lines) && lines[i+1] == "//" {
			return false
		}
		prevBlank = false
	}
	return true
}

// isDirective reports whether the text after // is a directive, as
// go/printer's copy of go/ast's rule says.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		b := c[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}
