package golang

import (
	"math"
	"strings"
	"unicode/utf8"
)

// The emitters print each line of code as it reads, without indentation
// or alignment; layout gives the lines the shape gofmt gives them as they
// are printed, so that no Go output is parsed and printed again: go/format
// costs more than everything else a run of statusgen does, and for a large
// spec it builds a syntax tree of the whole file.
//
// Layout knows only the constructs the emitters print, and knows them as
// go/printer lays them out:
//
//   - indentation: one tab per open brace or parenthesis, a case clause one
//     level out, the line after a trailing binary operator one level in;
//   - alignment: the columns of text/tabwriter (padding 1, widths in runes)
//     for the key: value rows of a composite literal, the fields of a
//     struct, the specs of a const group and trailing comments, in sections
//     broken where go/printer writes a formfeed: at a comment line, a blank
//     line, a change of indentation, after a statement or element that
//     spans lines, and where exprList's key-size heuristic says so;
//   - a function whose one-line body makes the line longer than go/printer
//     allows (header and body past 100 bytes) is split over three lines;
//   - a comment group directly above code is a doc comment to gofmt, which
//     reformats it with go/doc/comment: layout does the same, after a check
//     that finds the common case already in shape;
//   - blank lines: never two in a row, none at the end of the file.
//
// TestGofmtStable holds every output of every spec the tests know (the
// goldens, the hostile corpus, the fuzz corpus, the e2e specs) to
// go/format byte for byte, with every option.

// frameKind is what the lines inside an open brace or parenthesis are.
type frameKind uint8

const (
	frameBlock     frameKind = iota // statements, or the top level
	frameComposite                  // the elements of a composite literal
	frameFields                     // the fields of a struct type
	frameSpecs                      // the specs of a const, var or import group
)

// frame is one open brace or parenthesis, with go/printer's exprList state
// for the elements of a composite literal.
type frame struct {
	kind     frameKind
	elements int     // elements seen
	size     int     // the last element's size: its key's, or 0 past one line
	lnsum    float64 // the sum of the logs of the sizes since the last reset
	count    int     // how many sizes lnsum holds
}

// cellLine is one line of a pending section: cells (end offsets into the
// section's text) of which all but the last are aligned.
type cellLine struct {
	start int
	ends  [4]int
	n     int
}

type layout struct {
	out    []byte
	frames []frame

	// The pending section: lines at one indentation whose cells align.
	sec       []cellLine
	secText   []byte
	secIndent int

	comments  []string // the pending comment group, as printed
	blank     bool     // a blank line is pending
	cont      bool     // the last code line ended in a binary operator
	breakNext bool     // the next line starts a new section (formfeed)
	gap       bool     // a comment or blank line since the last element
	started   bool     // a line has been written

	imports uint32 // bit i: stdImports[i] is named by a selector
}

// line lays out one printed line.
func (l *layout) line(s string) {
	if s == "" {
		l.flushComments(false, len(l.frames))
		l.flushSection()
		if l.started {
			l.blank = true
		}
		l.gap = true
		return
	}
	if strings.HasPrefix(s, "//") {
		l.comments = append(l.comments, s)
		l.gap = true
		return
	}
	code, cmt := splitComment(s)
	if ex, ok := expandFunc(code); ok && cmt == "" {
		for _, part := range ex {
			l.line(part)
		}
		return
	}
	l.code(code, cmt)
}

// code lays out a line of code and its trailing comment, if any.
func (l *layout) code(code, cmt string) {
	closes := code[0] == '}' || code[0] == ')'
	if closes && len(l.frames) > 0 {
		l.frames = l.frames[:len(l.frames)-1]
	}
	depth := len(l.frames)
	top := l.top()
	if top != nil && top.kind == frameBlock && (strings.HasPrefix(code, "case ") || code == "default:") {
		depth--
	}
	if l.cont {
		depth++
	}
	if closes {
		l.flushComments(true, depth+1) // at the depth inside the bracket
	} else {
		l.flushComments(true, depth)
	}
	if l.blank {
		l.flushSection()
		l.out = append(l.out, '\n')
		l.blank = false
	}
	l.started = true
	l.scanImports(code)

	opens := code[len(code)-1] == '{' || code[len(code)-1] == '('
	// The cells, and whether go/printer breaks the section before the line.
	var cells [4]string
	n := 0
	brk := l.breakNext || depth != l.secIndent
	l.breakNext = false
	switch {
	case closes:
		cells[0], n = code, 1
		l.breakNext = true // after a statement or element that spans lines
	case top != nil && top.kind == frameComposite:
		brk = l.element(top, code, opens) || brk
		if key, value, ok := splitKey(code); ok && !opens {
			cells[0], cells[1], n = key, value, 2
		} else {
			cells[0], n = code, 1
		}
	case top != nil && top.kind == frameFields:
		if i := fieldSplit(code); i > 0 {
			cells[0], cells[1], n = code[:i], code[i+1:], 2
		} else {
			cells[0], n = code, 1
		}
	case top != nil && top.kind == frameSpecs:
		n = specCells(code, &cells)
	default:
		cells[0], n = code, 1
	}
	if cmt != "" {
		cells[n] = cmt
		n++
	}
	if brk {
		l.flushSection()
	}
	l.secIndent = depth
	l.addLine(cells[:n])
	l.gap = false

	l.cont = strings.HasSuffix(code, " |") || strings.HasSuffix(code, " ||") || strings.HasSuffix(code, " &&") || strings.HasSuffix(code, " +")
	if opens {
		l.frames = append(l.frames, frame{kind: openKind(code)})
	}
}

// element runs go/printer's exprList decision for one element of a
// composite literal: whether the line break before it is a formfeed, which
// ends the alignment of the rows above. Rows align while their keys are
// short (40 bytes) or near the geometric mean of the keys above.
func (l *layout) element(f *frame, code string, opens bool) (formfeed bool) {
	prevSize := f.size
	size := 0
	if !opens {
		size = len(code) - 1 // without the comma
		if key, _, ok := splitKey(code); ok {
			size = len(key) - 1 // without the colon
		}
		if len(code)-1 > 1e6 {
			size = 0 // longer than go/printer's infinity
		}
	}
	formfeed = true
	if prevSize > 0 && size > 0 {
		if f.count == 0 || prevSize <= 40 && size <= 40 {
			formfeed = false
		} else {
			const r = 2.5
			geomean := math.Exp(f.lnsum / float64(f.count))
			ratio := float64(size) / geomean
			formfeed = r*ratio <= 1 || r <= ratio
		}
	}
	if f.elements > 0 && (formfeed || l.gap) {
		f.lnsum, f.count = 0, 0 // a new section, or more than one line break
	}
	if size > 0 {
		f.lnsum += math.Log(float64(size))
		f.count++
	}
	f.size = size
	f.elements++
	return formfeed
}

func (l *layout) top() *frame {
	if len(l.frames) == 0 {
		return nil
	}
	return &l.frames[len(l.frames)-1]
}

// openKind tells what the lines after code, which ends in { or (, are.
func openKind(code string) frameKind {
	switch {
	case code[len(code)-1] == '(':
		return frameSpecs
	case strings.HasSuffix(code, "struct {"):
		return frameFields
	case strings.HasSuffix(code, ": {") || len(code) >= 2 && code[len(code)-2] != ' ':
		return frameComposite // T{, }{, key: {
	}
	return frameBlock
}

// addLine adds a line of cells to the pending section.
func (l *layout) addLine(cells []string) {
	cl := cellLine{start: len(l.secText), n: len(cells)}
	for i, c := range cells {
		l.secText = append(l.secText, c...)
		cl.ends[i] = len(l.secText)
	}
	l.sec = append(l.sec, cl)
}

// flushSection writes the pending section, its columns aligned as
// text/tabwriter aligns them: a column runs down consecutive lines that
// have a cell in it, as wide as its widest cell and one space.
func (l *layout) flushSection() {
	if len(l.sec) == 0 {
		return
	}
	var widths [4]int
	l.format(widths[:0], 0, len(l.sec))
	l.sec, l.secText = l.sec[:0], l.secText[:0]
}

func (l *layout) format(widths []int, line0, line1 int) {
	column := len(widths)
	for this := line0; this < line1; this++ {
		if column >= l.sec[this].n-1 {
			continue
		}
		l.writeLines(widths, line0, this)
		line0 = this
		width := 0
		for ; this < line1 && column < l.sec[this].n-1; this++ {
			width = max(width, l.cellWidth(this, column)+1)
		}
		l.format(append(widths, width), line0, this)
		line0 = this
	}
	l.writeLines(widths, line0, line1)
}

func (l *layout) cell(line, i int) []byte {
	cl := &l.sec[line]
	start := cl.start
	if i > 0 {
		start = cl.ends[i-1]
	}
	return l.secText[start:cl.ends[i]]
}

func (l *layout) cellWidth(line, i int) int {
	c := l.cell(line, i)
	for _, b := range c {
		if b >= utf8.RuneSelf {
			return utf8.RuneCount(c)
		}
	}
	return len(c)
}

func (l *layout) writeLines(widths []int, line0, line1 int) {
	for i := line0; i < line1; i++ {
		l.out = appendTabs(l.out, l.secIndent)
		n := l.sec[i].n
		for j := range n {
			l.out = append(l.out, l.cell(i, j)...)
			if j < n-1 && j < len(widths) {
				l.out = appendSpaces(l.out, widths[j]-l.cellWidth(i, j))
			}
		}
		l.out = append(l.out, '\n')
	}
}

// flushComments writes the pending comment group at the indentation of
// the code line that follows it (depth), reformatted as gofmt reformats a
// doc comment when it sits directly above code.
func (l *layout) flushComments(doc bool, d int) {
	if len(l.comments) == 0 {
		return
	}
	lines := l.comments
	if doc {
		lines = docComment(lines)
	}
	l.flushSection()
	if l.blank {
		l.out = append(l.out, '\n')
		l.blank = false
	}
	for _, c := range lines {
		l.out = appendTabs(l.out, d)
		l.out = append(l.out, c...)
		l.out = append(l.out, '\n')
	}
	l.comments = l.comments[:0]
	l.started = true
	l.breakNext = true
}

// finish writes what is pending; the file ends with one newline.
func (l *layout) finish() {
	l.flushComments(false, len(l.frames))
	l.flushSection()
	l.blank = false
}

func appendTabs(b []byte, n int) []byte {
	const tabs = "\t\t\t\t\t\t\t\t"
	for n > len(tabs) {
		b = append(b, tabs...)
		n -= len(tabs)
	}
	return append(b, tabs[:n]...)
}

func appendSpaces(b []byte, n int) []byte {
	const spaces = "                                "
	for n > len(spaces) {
		b = append(b, spaces...)
		n -= len(spaces)
	}
	return append(b, spaces[:max(n, 0)]...)
}

// skipLiteral returns the index just past the string, raw string or rune
// literal that starts at s[i].
func skipLiteral(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if q != '`' {
				j++
			}
		case q:
			return j + 1
		}
	}
	return len(s)
}

// splitComment splits a line of code from its trailing comment.
func splitComment(s string) (code, cmt string) {
	if !strings.Contains(s, "//") {
		return s, ""
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '`', '\'':
			i = skipLiteral(s, i) - 1
		case '/':
			if i+1 < len(s) && s[i+1] == '/' {
				return strings.TrimRight(s[:i], " "), s[i:]
			}
		}
	}
	return s, ""
}

// splitKey splits an element of a composite literal, key: value, after
// the colon; ok is false for an element without a key.
func splitKey(code string) (key, value string, ok bool) {
	depth := 0
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"', '`', '\'':
			i = skipLiteral(code, i) - 1
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ':':
			if depth == 0 && i+1 < len(code) && code[i+1] == ' ' {
				return code[:i+1], code[i+2:], true
			}
		}
	}
	return "", "", false
}

// fieldSplit returns the index of the space between a field's names and
// its type, or -1.
func fieldSplit(code string) int {
	for i := 1; i < len(code); i++ {
		if code[i] == ' ' && code[i-1] != ',' {
			return i
		}
	}
	return -1
}

// specCells splits a spec of a const group into its cells: the names, the
// type if any, and "= values".
func specCells(code string, cells *[4]string) int {
	left, values := code, ""
	if i := strings.Index(code, " = "); i >= 0 {
		left, values = code[:i], code[i+1:]
	}
	n := 0
	if i := fieldSplit(left); i > 0 {
		cells[0], cells[1], n = left[:i], left[i+1:], 2
	} else {
		cells[0], n = left, 1
	}
	if values != "" {
		cells[n] = values
		n++
	}
	return n
}

// expandFunc splits a function whose body is on its line (func ... { x })
// over three lines when go/printer would: when the header, from func to
// the brace, and the body are longer than 100 bytes together.
func expandFunc(code string) ([]string, bool) {
	end := strings.TrimRight(code, ",)")
	if !strings.HasSuffix(end, " }") || !strings.Contains(code, "func") {
		return nil, false
	}
	// Find the brace that the last one closes.
	closeAt := len(end) - 1
	open, depth := -1, 0
	var stack []int
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"', '`', '\'':
			i = skipLiteral(code, i) - 1
		case '{':
			stack = append(stack, i)
			depth++
		case '}':
			if i == closeAt && len(stack) > 0 {
				open = stack[len(stack)-1]
			}
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			depth--
		}
	}
	if open < 1 || code[open-1] != ' ' || open+2 >= closeAt {
		return nil, false
	}
	fn := lastFuncKeyword(code[:open])
	if fn < 0 {
		return nil, false
	}
	header := open - 1 - fn
	if fn == 0 && strings.HasPrefix(code, "func ") {
		// go/printer measures a declaration's header from before the
		// blank after func, a literal's from func.
		header++
	}
	body := code[open+2 : closeAt-1]
	if header+len(body) <= 100 {
		return nil, false
	}
	return []string{code[:open+1], body, code[closeAt:]}, true
}

// lastFuncKeyword returns the index of the last func keyword in s, or -1:
// the word func on its own, followed by a blank or a parenthesis, not the
// letters func inside a name such as a type Xfunc, which would make the
// header look shorter than go/printer measures it.
func lastFuncKeyword(s string) int {
	for end := len(s); ; {
		i := strings.LastIndex(s[:end], "func")
		if i < 0 {
			return -1
		}
		before := i == 0 || !identByte(s[i-1]) && (s[i-1] < '0' || s[i-1] > '9')
		after := i+4 < len(s) && (s[i+4] == ' ' || s[i+4] == '(')
		if before && after {
			return i
		}
		end = i
	}
}
