package gen

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// A Spec is one enumeration as a statusgen spec describes it: the values in
// spec order with their metadata. Parse returns a validated Spec; a Spec built
// by hand is validated again by Generate, so both paths obey the same rules.
type Spec struct {
	File       string     // the spec's file name, as given to Parse; used in error positions
	Package    string     // Go package name; optional (the CLI's -package flag wins)
	Type       string     // exported Go type name of the enum
	Doc        string     // the type's documentation
	Prefix     string     // prepended to every constant name derived from a wire name
	Fallback   string     // wire name that unrecognised strings decode to; "" for none
	Polling    *Polling   // backoff bounds for statuses that ask to be polled; nil for none
	Categories []Category // declared categories, in spec order; may be empty
	Values     []Value    // the values, in spec order; never empty in a valid spec

	// Positions of the scalar fields, for error messages. Zero when unknown.
	PackagePos, TypePos, PrefixPos, FallbackPos, CategoriesPos, ValuesPos Pos
}

// Polling holds the exponential backoff bounds for statuses that should be
// polled: wait Initial after the first poll, then double up to Max.
type Polling struct {
	Initial, Max       time.Duration
	InitialPos, MaxPos Pos
}

// A Category groups values, such as "operation" and "lifecycle".
type Category struct {
	Name        string
	Description string
	NamePos     Pos
}

// A Value is one status: its wire name and what the generated code reports
// about it.
type Value struct {
	Name        string // wire name, as it appears in JSON, SQL and text
	Description string
	Category    string // a declared category's name; "" when none are declared
	Terminal    bool   // the status never changes again
	Poll        bool   // clients should keep polling a task in this status
	GoName      string // constant name; "" derives it from Name (see GoName)

	NamePos, CategoryPos, GoNamePos, PollPos Pos
}

// Pos is a position in a spec file. Line and Col are 1-based; a zero Line or
// Col is unknown and left out of String, as go/token.Position does.
type Pos struct {
	File      string
	Line, Col int
}

// String formats p as file:line:col, dropping unknown parts.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprint(p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
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

// Err returns nil for an empty list and the sorted list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	// One error per node: a node that failed to decode is not reported
	// again by validation (go/scanner.ErrorList.RemoveMultiples does the same
	// per line).
	out := l[:0]
	for i, e := range l {
		if i > 0 && e.Pos == l[i-1].Pos && e.Pos.Line > 0 {
			continue
		}
		out = append(out, e)
	}
	return out
}

func (l *ErrorList) add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}
