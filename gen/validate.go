package gen

import (
	"fmt"
	"strings"
)

// MaxValues bounds a spec so that every value, and one past the last, fits
// a uint16, the Go target's underlying type (see gen/golang's model).
const MaxValues = 1<<16 - 2

// MaxCategories bounds the categories the same way, for the Go target's
// category type (also a uint16).
const MaxCategories = 1<<16 - 2

// validate checks everything the model relies on and returns every
// problem, each at the node that causes it. What a target cannot express
// (a Go identifier, a SQL name) is that target's Check.
//
// Its time is linear in the size of the spec: every name is looked up in a
// map built once, never by scanning the values, since a spec under the
// size cap may hold millions of next entries and aliases.
func (s *Spec) validate() ErrorList {
	var errs ErrorList
	if s.Type == "" {
		errs.add(s.TypePos, "missing type: name the enum, such as Status")
	}
	switch {
	case s.Values == nil:
		errs.add(s.ValuesPos, "missing values: list the enum's values, each with a name")
	case len(s.Values) == 0:
		errs.add(s.ValuesPos, "values is empty: list at least one value")
	case len(s.Values) > MaxValues:
		errs.add(s.ValuesPos, "%d values is more than statusgen supports (%d)", len(s.Values), MaxValues)
	}
	if len(s.Categories) > MaxCategories {
		errs.add(s.CategoriesPos, "%d categories is more than statusgen supports (%d)", len(s.Categories), MaxCategories)
	}
	declared := make(map[string]Category)
	var catNames []string
	for _, c := range s.Categories {
		if first, dup := declared[c.Name]; dup {
			errs.add(c.NamePos, "duplicate category %q (%s)", c.Name, firstAt(first.NamePos, c.NamePos))
			continue
		}
		declared[c.Name] = c
		if c.Name != "" {
			catNames = append(catNames, c.Name)
		}
		if c.Name == "" {
			errs.add(c.NamePos, "category name is empty")
		}
	}
	catList := strings.Join(catNames, ", ")
	if catList == "" {
		catList = "no category with a name"
	}

	byName := make(map[string]*Value, len(s.Values))
	byFold := make(map[string]*Value, len(s.Values))
	for i := range s.Values {
		v := &s.Values[i]
		if problem := wireProblem(v.Name); problem != "" {
			if errs.keep(v.NamePos) {
				errs.add(v.NamePos, "value name %q %s", v.Name, problem)
			}
			continue
		}
		if first, dup := byName[v.Name]; dup {
			if errs.keep(v.NamePos) {
				errs.add(v.NamePos, "duplicate value %q (%s)", v.Name, firstAt(first.NamePos, v.NamePos))
			}
			continue
		}
		byName[v.Name] = v
		fold := FoldASCII(v.Name)
		if first, dup := byFold[fold]; dup {
			if errs.keep(v.NamePos) {
				errs.add(v.NamePos, "value %q differs only in case from %q (%s); case-insensitive parsing could not tell them apart", v.Name, first.Name, firstAt(first.NamePos, v.NamePos))
			}
			continue
		}
		byFold[fold] = v

		switch {
		case len(s.Categories) == 0 && v.Category != "":
			errs.add(v.CategoryPos, "category %q is not declared; add a categories list to the spec", v.Category)
		case len(s.Categories) > 0 && v.Category == "":
			errs.add(v.NamePos, "value %q has no category; the spec declares %s", v.Name, catList)
		case len(s.Categories) > 0 && declared[v.Category].Name != v.Category:
			errs.add(v.CategoryPos, "category %q is not declared; the spec declares %s", v.Category, catList)
		}
		if v.Terminal && v.Poll {
			errs.add(v.PollPos, "value %q is both terminal and poll; a terminal status never changes, so polling it would never end", v.Name)
		}
		if para := deprecationParagraph(v.Description); para != "" {
			if v.Deprecated != "" {
				errs.add(v.DescriptionPos, "value %q: the description's paragraph %.40q reads as a second deprecation (Go's tools take a doc paragraph that starts with \"Deprecated:\" as one); the deprecated key already says it: remove or reword the paragraph", v.Name, para)
			} else {
				errs.add(v.DescriptionPos, "value %q: the description's paragraph %.40q would deprecate the Go constant only (Go's tools take a doc paragraph that starts with \"Deprecated:\" as one) while IsDeprecated, TypeScript, GraphQL and the JSON Schema would not; to deprecate the value, move the reason to the deprecated key (deprecated: %s), else reword the paragraph", v.Name, para, deprecationReason(para))
			}
		}
	}
	if para := deprecationParagraph(s.Doc); para != "" {
		errs.add(s.DocPos, "doc: the paragraph %.40q would deprecate the Go type and with it every use of the enum (Go's tools take a doc paragraph that starts with \"Deprecated:\" as one), which no other target would say; a spec does not deprecate its type: reword the paragraph", para)
	}
	for _, c := range s.Categories {
		if para := deprecationParagraph(c.Description); para != "" {
			errs.add(c.DescriptionPos, "category %q: the description's paragraph %.40q would deprecate the category's Go constant (Go's tools take a doc paragraph that starts with \"Deprecated:\" as one), which no other target would say; a category cannot be deprecated: reword the paragraph", c.Name, para)
		}
	}
	// Which value holds an alias is asked only of a name that is no value,
	// which is an error (or a fallback naming an alias): a valid spec never
	// builds that map.
	var holders map[string]*Value
	holderOf := func(name string) *Value {
		if holders == nil {
			holders = s.aliasHolders()
		}
		return holders[name]
	}
	errs.join(s.validateNext(byName, holderOf))
	errs.join(s.validateEvolve(byFold))
	errs.join(s.validateOpen())
	if s.Fallback != "" && byName[s.Fallback] == nil && holderOf(s.Fallback) == nil {
		errs.add(s.FallbackPos, "fallback %q names no value", s.Fallback)
	}
	if pl := s.Polling; pl != nil {
		if pl.Initial <= 0 {
			errs.add(pl.InitialPos, "polling.initial must be positive, found %s", pl.Initial)
		}
		if pl.Max <= 0 {
			errs.add(pl.MaxPos, "polling.max must be positive, found %s", pl.Max)
		}
		if pl.Initial > 0 && pl.Max > 0 && pl.Initial > pl.Max {
			errs.add(pl.InitialPos, "polling.initial (%s) is longer than polling.max (%s)", pl.Initial, pl.Max)
		}
	}
	// A hand-built Spec has no positions: its errors name the spec's File,
	// when it has one, and otherwise stand alone (see Error.Error); each
	// message names the value, category or key it is about.
	for _, e := range errs {
		if e.Pos.File == "" {
			e.Pos.File = s.File
		}
	}
	return errs
}

// FirstAt says, for a message, where the first of two clashing entries is.
func FirstAt(p Pos) string {
	if p.Line == 0 {
		return "first earlier in the spec"
	}
	return fmt.Sprintf("first at line %d", p.Line)
}

// firstAt says, for a message about the entry at at, where the first of
// the two is: its column when the two share a line (a flow list), as a
// line would name the one the message is at.
func firstAt(first, at Pos) string {
	if first.Line == at.Line && first.Line > 0 && first.Col > 0 {
		return fmt.Sprintf("first at column %d", first.Col)
	}
	return FirstAt(first)
}

// deprecationParagraph returns the first paragraph of text (its first
// line, trimmed) that starts with "Deprecated:", or "". Go's tools (gopls,
// staticcheck, pkgsite) read such a paragraph in a doc comment as a
// deprecation of the declaration; the spec deprecates a value with its
// deprecated key alone, which every target prints, so the generated Go
// must never hold one the spec did not declare.
func deprecationParagraph(text string) string {
	start := true
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			start = true
			continue
		}
		if start && strings.HasPrefix(line, "Deprecated:") {
			return line
		}
		start = false
	}
	return ""
}

// deprecationReason is the reason a "Deprecated:" paragraph gives, for the
// deprecated key a message suggests.
func deprecationReason(para string) string {
	if reason := strings.TrimSpace(strings.TrimPrefix(para, "Deprecated:")); reason != "" {
		return reason
	}
	return "<why, such as: use SUSPENDED>"
}
