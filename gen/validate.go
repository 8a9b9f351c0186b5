package gen

import (
	"fmt"
	"go/token"
	"strings"
)

// MaxValues bounds a spec so that every value, and one past the last, fits
// the generated unsigned type (see underlyingType).
const MaxValues = 1<<16 - 2

// MaxCategories bounds the categories the same way, for the category type
// (uint16; see model.CategoryType).
const MaxCategories = 1<<16 - 2

// validate checks everything Generate relies on and returns every problem,
// each at the node that causes it.
func (s *Spec) validate() ErrorList {
	var errs ErrorList
	if s.Package != "" && (!token.IsIdentifier(s.Package) || s.Package == "_") {
		errs.add(s.PackagePos, "package %q is not a Go package name", s.Package)
	}
	switch {
	case s.Type == "":
		errs.add(s.TypePos, "missing type: name the Go type of the enum, such as Status")
	case !isExportedIdent(s.Type):
		errs.add(s.TypePos, "type %q is not an exported Go identifier; use a name such as Status", s.Type)
	}
	if s.SQLType != "" && !isSQLName(s.SQLType) {
		errs.add(s.SQLTypePos, "sql.type %q is not a plain SQL name; use lower-case letters, digits and _, starting with a letter or _, such as payment_intent_status", s.SQLType)
	}
	if s.Prefix != "" && !isExportedIdent(s.Prefix) {
		errs.add(s.PrefixPos, "prefix %q must be an exported Go identifier, such as Status", s.Prefix)
	}
	switch {
	case s.Values == nil:
		errs.add(s.ValuesPos, "missing values: list the enum's values, each with a name")
	case len(s.Values) == 0:
		errs.add(s.ValuesPos, "values is empty: list at least one value")
	case len(s.Values) > MaxValues:
		errs.add(s.ValuesPos, "%d values is more than statusgen supports (%d)", len(s.Values), MaxValues)
	}

	// Go names must be unique across the whole file: the generated
	// declarations, the category constants and the value constants.
	// Every top-level name of the enum file and the fuzz file (see
	// generatedNames) is reserved, the unexported helpers included.
	names := GoNamesFor(s.Type)
	taken := map[string]Declaration{} // Go name → what declares it, for messages
	if isExportedIdent(s.Type) {
		for _, d := range generatedNames(s, true) {
			if first, ok := taken[d.Name]; ok {
				errs.add(s.TypePos, "type %s makes %s and %s share the name %s; choose another type name", s.Type, first.What, d.What, d.Name)
				continue
			}
			taken[d.Name] = d
		}
	}
	claim := func(goName string, pos Pos, owner, fix string) {
		if first, ok := taken[goName]; ok {
			by := first.What
			if first.Pos == s.TypePos {
				by += " for type " + s.Type
			}
			if first.Pos.Line > 0 {
				by += fmt.Sprintf(" (line %d)", first.Pos.Line)
			}
			errs.add(pos, "%s has Go name %s, already taken by %s; %s", owner, goName, by, fix)
			return
		}
		taken[goName] = Declaration{Name: goName, What: owner, Pos: pos}
	}

	if len(s.Categories) > MaxCategories {
		errs.add(s.CategoriesPos, "%d categories is more than statusgen supports (%d)", len(s.Categories), MaxCategories)
	}
	declared := make(map[string]Category)
	var catNames []string
	for _, c := range s.Categories {
		if first, dup := declared[c.Name]; dup {
			errs.add(c.NamePos, "duplicate category %q (%s)", c.Name, FirstAt(first.NamePos))
			continue
		}
		declared[c.Name] = c
		if c.Name != "" {
			catNames = append(catNames, c.Name)
		}
		camel := CamelCase(c.Name)
		switch {
		case c.Name == "":
			errs.add(c.NamePos, "category name is empty")
		case camel == "" || !token.IsIdentifier(names.Category+camel):
			errs.add(c.NamePos, "category %q yields no Go identifier (%s%s); rename it with letters and digits", c.Name, names.Category, camel)
		default:
			claim(names.Category+camel, c.NamePos, fmt.Sprintf("category %q", c.Name), "rename one of them")
		}
	}
	catList := strings.Join(catNames, ", ")
	if catList == "" {
		catList = "no category with a name"
	}

	byName := make(map[string]*Value)
	byFold := make(map[string]*Value)
	for i := range s.Values {
		v := &s.Values[i]
		if problem := wireProblem(v.Name); problem != "" {
			errs.add(v.NamePos, "value name %q %s", v.Name, problem)
			continue
		}
		if first, dup := byName[v.Name]; dup {
			errs.add(v.NamePos, "duplicate value %q (%s)", v.Name, FirstAt(first.NamePos))
			continue
		}
		byName[v.Name] = v
		fold := FoldASCII(v.Name)
		if first, dup := byFold[fold]; dup {
			errs.add(v.NamePos, "value %q differs only in case from %q (%s); %s could not tell them apart", v.Name, first.Name, FirstAt(first.NamePos), names.ParseFold)
			continue
		}
		byFold[fold] = v

		owner := fmt.Sprintf("value %q", v.Name)
		switch goName := s.ConstName(v); {
		case v.GoName != "" && !isExportedIdent(v.GoName):
			errs.add(v.GoNamePos, "go_name %q is not an exported Go identifier", v.GoName)
		case v.GoName != "":
			claim(goName, v.GoNamePos, owner, "choose another go_name")
		case !isExportedIdent(goName):
			errs.add(v.NamePos, "value %q yields no Go identifier (%q); set go_name", v.Name, goName)
		default:
			claim(goName, v.NamePos, owner, "set go_name on one of them")
		}

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
	}
	errs = append(errs, s.validateNext(byName)...)
	errs = append(errs, s.validateEvolve(byFold, names.ParseFold)...)
	if s.Fallback != "" && byName[s.Fallback] == nil && s.aliasOf(s.Fallback) == nil {
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

// ConstName returns the Go constant name of v: its go_name (Value.GoName)
// if set, else the spec's prefix followed by the CamelCase of its wire name.
func (s *Spec) ConstName(v *Value) string {
	if v.GoName != "" {
		return v.GoName
	}
	return s.Prefix + CamelCase(v.Name)
}

// FirstAt says, for a message, where the first of two clashing entries is.
func FirstAt(p Pos) string {
	if p.Line == 0 {
		return "first earlier in the spec"
	}
	return fmt.Sprintf("first at line %d", p.Line)
}

// isSQLName reports whether name is an SQL identifier that reads the same
// quoted and unquoted (PostgreSQL folds unquoted names to lower case), so
// that people can write the type's name in their own SQL as it is.
func isSQLName(name string) bool {
	for i, r := range name {
		switch {
		case r == '_', 'a' <= r && r <= 'z':
		case '0' <= r && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return name != ""
}
