package gen

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A Spec is one enumeration as a statusgen spec describes it: the values in
// spec order with their metadata. Parse returns a validated Spec; a Spec built
// by hand is validated again by Generate, so both paths obey the same rules.
type Spec struct {
	File       string     // the spec's file name, as given to Parse; used in error positions
	Package    string     // the package key, read by the Go target (gen/golang); optional
	Type       string     // the enum's name, which each target names its type after
	Doc        string     // the type's documentation
	Prefix     string     // the prefix key, read by the Go target: prepended to the constant names it derives from wire names
	Fallback   string     // wire name that unrecognised strings decode to (closed) or behave as (open); "" for none
	Open       bool       // the open key: names the spec does not list are kept, not refused or replaced (see open.go)
	Polling    *Polling   // backoff bounds for statuses that ask to be polled; nil for none
	SQLType    string     // the sql.type key: the SQL enum type's name; "" derives it from Type
	Categories []Category // declared categories, in spec order; may be empty
	Values     []Value    // the values, in spec order; never empty in a valid spec

	// Positions of the scalar fields, for error messages. Zero when unknown.
	PackagePos, TypePos, PrefixPos, FallbackPos, CategoriesPos, ValuesPos Pos
	DocPos, OpenPos, SQLTypePos                                           Pos
}

// Polling holds the exponential backoff bounds for statuses that should be
// polled: wait Initial after the first poll, then double up to Max.
type Polling struct {
	Initial, Max       time.Duration
	InitialPos, MaxPos Pos
}

// A Category groups values, such as "operation" and "lifecycle".
type Category struct {
	Name                    string
	Description             string
	NamePos, DescriptionPos Pos
}

// A Value is one status: its wire name and what the generated code reports
// about it.
type Value struct {
	Name        string // wire name, as it appears in JSON, SQL and text
	Description string
	Category    string // a declared category's name; "" when none are declared
	Terminal    bool   // the status never changes again
	Poll        bool   // clients should keep polling a task in this status
	GoName      string // the go_name key, read by the Go target: its constant's name; "" derives it (see golang.ConstName)

	// Next is the next key: the values this one may move to (see
	// Spec.DeclaresGraph). HasNext tells next: [] from no key at all.
	Next    []string
	HasNext bool

	// Keys for specs that evolve (see evolve.go).
	Aliases    []Alias // other wire names decoders accept for this value; encoders never write them
	Deprecated string  // why the value should no longer be used; "" when it is not deprecated
	Number     int     // the Go constant's value; 0 when the spec declares no number (its position)

	NamePos, CategoryPos, GoNamePos, PollPos              Pos
	DescriptionPos, TerminalPos, DeprecatedPos, NumberPos Pos
	NextPos                                               Pos   // the next key's value
	NextPositions                                         []Pos // each name in Next
}

// An Alias is one extra wire name of a value, accepted on input.
type Alias struct {
	Name string
	Pos  Pos
	// goName is the alias's go_name key, nil for none: few aliases have
	// one, and a spec may hold millions (40 bytes an alias less).
	goName *aliasGoName
}

type aliasGoName struct {
	name string
	pos  Pos
}

// GoName returns the alias's go_name key, read by the Go target: the name
// of a deprecated constant of the value, which keeps code that used the
// value's old constant compiling after a rename; "" declares none.
func (a Alias) GoName() string {
	if a.goName == nil {
		return ""
	}
	return a.goName.name
}

// GoNamePos returns the position of the go_name key's value; the zero Pos
// when there is none.
func (a Alias) GoNamePos() Pos {
	if a.goName == nil {
		return Pos{}
	}
	return a.goName.pos
}

// WithGoName returns a with the go_name name, at pos; "" removes it.
func (a Alias) WithGoName(name string, pos Pos) Alias {
	a.goName = nil
	if name != "" {
		a.goName = &aliasGoName{name, pos}
	}
	return a
}

// Pos is a position in a spec file. Line and Col are 1-based; a zero Line or
// Col is unknown and left out of String, as go/token.Position does.
type Pos struct {
	File      string
	Line, Col int
}

// String formats p as file:line:col, dropping unknown parts.
func (p Pos) String() string { return string(p.appendText(make([]byte, 0, len(p.File)+16))) }

// appendText appends String's text to b.
func (p Pos) appendText(b []byte) []byte {
	if p.Line <= 0 {
		if p.File == "" {
			return append(b, '-')
		}
		return append(b, p.File...)
	}
	b = append(b, p.File...)
	if p.File != "" {
		b = append(b, ':')
	}
	b = strconv.AppendInt(b, int64(p.Line), 10)
	if p.Col > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(p.Col), 10)
	}
	return b
}

// An Error is one problem in a spec, at the node that causes it.
type Error struct {
	Pos Pos
	Msg string
}

// Error formats the error as pos: msg, or msg alone when the position is
// entirely unknown (a hand-built Spec with no File).
func (e *Error) Error() string {
	if e.Pos == (Pos{}) {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// ErrorList is every problem found in one run, sorted by position, in the
// manner of go/scanner.ErrorList: fixing a spec should take one run, not one
// run per mistake.
type ErrorList []*Error

// Error prints one problem per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns nil for an empty list and otherwise a sorted copy with one
// error per node: a node that failed to decode is not reported again by
// validation (go/scanner.ErrorList.RemoveMultiples does the same per line),
// and at most MaxErrors of them (see Add). l itself is left as it is.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.onePerNode()
}

// onePerNode is Err's list: sorted, one error per node, at most MaxErrors.
func (l ErrorList) onePerNode() ErrorList {
	sorted := l.Sorted()
	out := sorted[:0]
	for i, e := range sorted {
		if i > 0 && e.Pos == sorted[i-1].Pos && e.Pos.Line > 0 && e.Msg != tooManyErrors {
			continue
		}
		out = append(out, e)
	}
	return limit(out)
}

// Sorted returns a copy of l sorted by position, keeping the order of
// errors at one position.
func (l ErrorList) Sorted() ErrorList {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b *Error) int { return comparePos(a.Pos, b.Pos) })
	return out
}

// Merge returns the errors of every list as one sorted list, as a run
// reports them: the spec's own errors (from Err) beside what each target's
// Check refuses. Two targets may refuse one node for different reasons, so
// unlike Err it keeps every distinct message; only exact repeats go. It
// returns nil when there are none.
func Merge(lists ...ErrorList) ErrorList {
	var all ErrorList
	for _, l := range lists {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return nil
	}
	all = all.Sorted()
	return limit(slices.CompactFunc(all, func(a, b *Error) bool { return *a == *b }))
}

// Add appends an error at pos, its message formatted as by fmt.Sprintf.
//
// A list holds the MaxErrors errors with the earliest positions added to
// it, whatever the order they come in: past them, an error earlier than
// the latest listed takes its place, and one note, at the earliest
// position left out, says that the list stops. What is left out is not
// formatted. A list made of others keeps this only when join made it.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	if !l.keep(pos) {
		return
	}
	e := &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	if len(*l) < MaxErrors {
		*l = append(*l, e)
		if len(*l) == MaxErrors {
			l.latestLast()
		}
		return
	}
	l.leaveOut((*l)[MaxErrors-1].Pos)
	(*l)[MaxErrors-1] = e
	l.latestLast()
}

// keep reports whether Add lists an error at pos. When it does not, the
// error counts as left out, so that a loop over a million mistakes skips
// describing those no one will read: if l.keep(pos) { l.Add(pos, ...) }.
//
// A full list holds its latest error at MaxErrors-1 and the note, if any,
// after it (see latestLast): the question costs one comparison.
func (l *ErrorList) keep(pos Pos) bool {
	if n := len(*l); n > MaxErrors+1 || n == MaxErrors+1 && (*l)[MaxErrors].Msg != tooManyErrors {
		*l = l.onePerNode() // appended to by hand
	}
	if len(*l) < MaxErrors || comparePos(pos, (*l)[MaxErrors-1].Pos) < 0 {
		return true
	}
	l.leaveOut(pos)
	return false
}

// leaveOut moves the note of a full list to pos, or adds it there, unless
// it is already earlier.
func (l *ErrorList) leaveOut(pos Pos) {
	if len(*l) == MaxErrors {
		*l = append(*l, &Error{Pos: pos, Msg: tooManyErrors})
	} else if comparePos(pos, (*l)[MaxErrors].Pos) < 0 {
		(*l)[MaxErrors] = &Error{Pos: pos, Msg: tooManyErrors}
	}
}

// latestLast swaps the latest of the first MaxErrors errors of l to
// MaxErrors-1 (the latest added, of errors at one position).
func (l ErrorList) latestLast() {
	latest := 0
	for i, e := range l[:MaxErrors] {
		if comparePos(e.Pos, l[latest].Pos) >= 0 {
			latest = i
		}
	}
	l[latest], l[MaxErrors-1] = l[MaxErrors-1], l[latest]
}

// join appends the errors of other to l, keeping what Err will list: one
// error per node (decoding and validation may both refuse one), at the
// MaxErrors earliest nodes, and the note. So l is again a list that Add
// keeps the earliest errors of.
func (l *ErrorList) join(other ErrorList) {
	*l = append(*l, other...)
	if len(*l) >= MaxErrors {
		*l = l.onePerNode()
	}
}

func comparePos(a, b Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// MaxErrors is the most errors statusgen lists. A spec that repeats one
// mistake a million times (a list of a million copies of an alias) would
// otherwise spend seconds and hundreds of megabytes describing each; like
// the Go compiler, statusgen lists the first ones and says it stopped.
const MaxErrors = 100

const tooManyErrors = "too many errors; the first 100 are listed (fix them and run again)"

// truncated reports whether l, or a list it was made from, stopped at
// MaxErrors errors.
func (l ErrorList) truncated() bool {
	for _, e := range l {
		if e.Msg == tooManyErrors {
			return true
		}
	}
	return len(l) > MaxErrors
}

// limit returns sorted, a sorted list, cut to MaxErrors errors and the
// note that the list stops, at the position of the first error cut, when
// it holds more or held more (a note from Add).
func limit(sorted ErrorList) ErrorList {
	var note *Error
	out := sorted[:0]
	for _, e := range sorted {
		switch {
		case e.Msg == tooManyErrors:
			if note == nil {
				note = e
			}
		case len(out) == MaxErrors:
			if note == nil {
				note = &Error{Pos: e.Pos, Msg: tooManyErrors}
			}
		default:
			out = append(out, e)
		}
	}
	if note != nil {
		out = append(out, note)
	}
	return out
}

func (l *ErrorList) add(pos Pos, format string, args ...any) { l.Add(pos, format, args...) }
