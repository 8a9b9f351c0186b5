package gen

import (
	"errors"
	"fmt"
	"slices"
)

// An Enum is the language-neutral model of a valid spec: every fact about
// the enumeration that more than one target prints, computed once by Build
// so that no two targets can disagree. Each target adds only its own naming
// (SQL identifiers, TypeScript keys) and prints.
type Enum struct {
	// Spec is the spec the enum was built from, for the positions a
	// target's Check reports at.
	Spec *Spec

	// Type is the spec's type key, the enum's name: each target names
	// its type after it in its own conventions and checks that it can.
	Type       string
	Doc        string
	Values     []EnumValue    // in spec order
	Categories []EnumCategory // in spec order; empty when the spec declares none
	// Open reports whether the enum keeps names its spec does not list
	// (the spec's open key): decoders of machine-written input keep such a
	// name as it is, and it behaves as Fallback does, or as nothing when
	// there is none (see open.go).
	Open bool
	// Fallback is, for a closed enum, what unrecognised names decode to;
	// for an open one, the value whose behaviour (terminal, poll, category,
	// transitions) a name the build does not know borrows. nil for none.
	Fallback *EnumValue
	Polling  *Polling // nil for none

	// Transitions is the relation of allowed moves between values.
	Transitions Transitions

	// Lookup holds every name decoders accept, in spec order: each
	// value's wire name followed by its aliases.
	Lookup []LookupName
	// Numbered reports whether the spec declares number on its values;
	// Dense whether every value's Number is its 1-based position, so that
	// a table indexed by value is indexed by position too.
	Numbered, Dense bool
	// HasAliases and HasDeprecated report whether any value has an alias
	// or is deprecated.
	HasAliases, HasDeprecated bool
}

// An EnumValue is one value of an Enum.
type EnumValue struct {
	Name        string // the lookup (wire) name: JSON, SQL, text
	Number      int    // the spec's number, else the 1-based position in the spec
	Description string
	Category    *EnumCategory // nil when the spec declares no categories
	Terminal    bool
	Poll        bool

	NamePos Pos // the value's name in the spec
	// Spec is the value's entry in the spec, with the keys that only one
	// target reads (go_name), which that target interprets itself.
	Spec *Value

	Aliases       []Alias // other names decoders accept for the value; encoders never write them
	Deprecated    string  // why the value should no longer be used; "" when it is not deprecated
	DeprecatedPos Pos
	NumberPos     Pos // the number key; zero when the spec declares no numbers
}

// An EnumCategory is one declared category with its values.
type EnumCategory struct {
	Name        string
	Description string
	Values      []*EnumValue // in spec order
	NamePos     Pos
}

// Build validates spec and computes its Enum. A spec from Parse is already
// valid; a hand-built one is validated here, so both obey the same rules.
func Build(spec *Spec) (*Enum, error) {
	if err := spec.validate().Err(); err != nil {
		return nil, err
	}
	return buildValid(spec)
}

// Load is Parse and then Build, validating the spec once instead of twice:
// what a command that reads a spec file wants. When the spec has errors,
// the error is Parse's ErrorList and the Enum is BuildPartial's, of the
// parts that passed, so that the targets' checks can still report in the
// same run; the Enum is nil when the file is not a YAML mapping at all.
func Load(filename string, src []byte) (*Spec, *Enum, error) {
	spec, err := Parse(filename, src)
	if errs := ErrorList(nil); errors.As(err, &errs) {
		return spec, BuildPartial(spec, errs), err
	}
	if err != nil {
		return spec, nil, err
	}
	e, err := buildValid(spec)
	return spec, e, err
}

// buildValid builds the Enum of a spec that passed validate.
func buildValid(spec *Spec) (*Enum, error) {
	e := build(spec)
	if spec.Fallback != "" && e.Fallback == nil {
		return nil, fmt.Errorf("statusgen bug: fallback %q passed validation but names no value", spec.Fallback)
	}
	return e, nil
}

// BuildPartial returns the Enum of the parts of a spec with errors that
// passed, so that the targets' checks can report in the same run as the
// spec's own errors; errs are what Parse returned for spec, and what any
// target's Check refused. A part is kept only when no error points into
// it: the type, each value whose name, go_name, category and poll flag are
// clean (none at all when the prefix is refused, since it is part of every
// Go constant name), the categories, fallback and polling bounds likewise. So a
// target's Check never sees half-valid data, only less of it: the Type may
// be empty and Values may be fewer than the spec's, or none. spec may be
// nil (a file that is not a YAML mapping); so is the result then, and when
// errs stopped at MaxErrors: the targets' checks wait until the spec's
// own errors are fewer.
func BuildPartial(spec *Spec, errs ErrorList) *Enum {
	if spec == nil || errs.truncated() {
		return nil // too broken to check further: its first errors are enough
	}
	bad := make(map[Pos]bool)
	for _, e := range append(slices.Clone(errs), spec.validate()...) {
		if e.Pos.Line > 0 {
			bad[e.Pos] = true
		}
	}
	clean := &Spec{File: spec.File, Doc: spec.Doc, TypePos: spec.TypePos, PrefixPos: spec.PrefixPos}
	clean.Open, clean.OpenPos = spec.Open, spec.OpenPos
	clean.Package, clean.PackagePos = spec.Package, spec.PackagePos
	if spec.Type != "" && !bad[spec.TypePos] {
		clean.Type = spec.Type
	}
	if spec.SQLType != "" && !bad[spec.SQLTypePos] {
		clean.SQLType, clean.SQLTypePos = spec.SQLType, spec.SQLTypePos
	}
	prefixOK := spec.Prefix == "" || !bad[spec.PrefixPos]
	if prefixOK {
		clean.Prefix = spec.Prefix
	}
	for _, c := range spec.Categories {
		if c.Name != "" && !bad[c.NamePos] {
			clean.Categories = append(clean.Categories, c)
		}
	}
	for _, v := range spec.Values {
		switch {
		case !prefixOK, v.Name == "", wireProblem(v.Name) != "", bad[v.NamePos]:
		case v.GoName != "" && bad[v.GoNamePos], v.Category != "" && bad[v.CategoryPos], bad[v.PollPos]:
		case v.HasNext && bad[v.NextPos]:
		default:
			clean.Values = append(clean.Values, v)
		}
	}
	cleanEvolve(clean.Values, bad)
	if spec.Fallback != "" && !bad[spec.FallbackPos] && slices.ContainsFunc(clean.Values, func(v Value) bool { return v.Name == spec.Fallback }) {
		clean.Fallback, clean.FallbackPos = spec.Fallback, spec.FallbackPos
	}
	if pl := spec.Polling; pl != nil && pl.Initial > 0 && pl.Max >= pl.Initial && !bad[pl.InitialPos] && !bad[pl.MaxPos] {
		clean.Polling = pl
	}
	return build(clean)
}

// build computes the Enum of a spec that holds only valid parts.
func build(spec *Spec) *Enum {
	e := &Enum{Spec: spec, Type: spec.Type, Doc: spec.Doc, Polling: spec.Polling, Open: spec.Open}
	cats := make(map[string]*EnumCategory, len(spec.Categories))
	e.Categories = make([]EnumCategory, len(spec.Categories))
	for i, c := range spec.Categories {
		e.Categories[i] = EnumCategory{Name: c.Name, Description: c.Description, NamePos: c.NamePos}
		cats[c.Name] = &e.Categories[i]
	}
	e.Values = make([]EnumValue, len(spec.Values))
	for i := range spec.Values {
		v := &spec.Values[i]
		ev := &e.Values[i]
		*ev = EnumValue{
			Name:        v.Name,
			Number:      i + 1,
			Description: v.Description,
			Category:    cats[v.Category],
			Terminal:    v.Terminal,
			Poll:        v.Poll,
			NamePos:     v.NamePos,
			Spec:        v,
		}
		if ev.Category != nil {
			ev.Category.Values = append(ev.Category.Values, ev)
		}
		if v.Name == spec.Fallback {
			e.Fallback = ev
		}
	}
	e.Transitions = buildTransitions(spec)
	e.buildEvolve(spec)
	return e
}

// Names returns the wire names in spec order.
func (e *Enum) Names() []string {
	out := make([]string, len(e.Values))
	for i, v := range e.Values {
		out[i] = v.Name
	}
	return out
}
