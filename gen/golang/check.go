package golang

import (
	"fmt"
	"go/token"

	"github.com/taskstatus/taskstatus/gen"
)

// Check reports what the Go outputs cannot express for e, each at the spec
// node that causes it: a package, type, prefix or go_name that is not the
// Go identifier it must be, a category or value whose name yields none,
// and two declarations of the enum file or the fuzz file that would share
// a name. Every top-level name of both files (see generatedNames) is
// reserved whether or not this spec uses it yet, so that adding polling or
// categories later never breaks a go_name. Generate, GenerateFuzz and
// GenerateJSONv2 call it before they print anything; it runs on a partial
// Enum too (gen.BuildPartial), whose Type may be empty.
func Check(e *gen.Enum) gen.ErrorList {
	var errs gen.ErrorList
	s := e.Spec
	if s.Package != "" && !IsPackageName(s.Package) {
		errs.Add(s.PackagePos, "package %q is not a Go package name", s.Package)
	}
	typeOK := isExportedIdent(e.Type)
	if e.Type != "" && !typeOK {
		errs.Add(s.TypePos, "type %q is not an exported Go identifier; use a name such as Status", e.Type)
	}
	prefixOK := s.Prefix == "" || isExportedIdent(s.Prefix)
	if !prefixOK {
		errs.Add(s.PrefixPos, "prefix %q must be an exported Go identifier, such as Status", s.Prefix)
	}

	// Go names must be unique across the whole file: the generated
	// declarations, the category constants and the value constants.
	type claimed struct {
		by  owner // what declares the name, for messages
		pos gen.Pos
	}
	taken := make(map[string]claimed, len(e.Values)+64) // Go name → its declaration
	if typeOK {
		for _, d := range generatedNames(e, true) {
			if first, ok := taken[d.Name]; ok {
				errs.Add(s.TypePos, "type %s makes %s and %s share the name %s; choose another type name", e.Type, first.by, d.What, d.Name)
				continue
			}
			taken[d.Name] = claimed{owner{what: d.What}, d.Pos}
		}
	}
	claim := func(goName string, pos gen.Pos, who owner, fix string) {
		if first, ok := taken[goName]; ok {
			by := first.by.String()
			if first.pos == s.TypePos {
				by += " for type " + e.Type
			}
			if first.pos.Line > 0 {
				by += fmt.Sprintf(" (line %d)", first.pos.Line)
			}
			errs.Add(pos, "%s has Go name %s, already taken by %s; %s", who, goName, by, fix)
			return
		}
		taken[goName] = claimed{who, pos}
	}
	for _, c := range e.Categories {
		name := categoryConst(e.Type, c.Name)
		if name == namesFor(e.Type).Category || !token.IsIdentifier(name) {
			errs.Add(c.NamePos, "category %q yields no Go identifier (%s); rename it with letters and digits", c.Name, name)
			continue
		}
		claim(name, c.NamePos, owner{what: fmt.Sprintf("category %q", c.Name)}, "rename one of them")
	}
	for i := range e.Values {
		v := &e.Values[i]
		goName := constName(e, v)
		switch {
		case v.Spec.GoName != "" && !isExportedIdent(v.Spec.GoName):
			errs.Add(v.Spec.GoNamePos, "go_name %q is not an exported Go identifier", v.Spec.GoName)
		case v.Spec.GoName != "":
			claim(goName, v.Spec.GoNamePos, owner{value: v}, "choose another go_name")
		case !isExportedIdent(goName):
			errs.Add(v.NamePos, "value %q yields no Go identifier (%q); set go_name", v.Name, goName)
		default:
			claim(goName, v.NamePos, owner{value: v}, "set go_name on one of them")
		}
	}
	for i := range e.Values {
		v := &e.Values[i]
		for j := range v.Aliases {
			a := &v.Aliases[j]
			if a.GoName() == "" {
				continue
			}
			who := owner{value: v, alias: a}
			if !isExportedIdent(a.GoName()) {
				errs.Add(a.GoNamePos(), "go_name %q of %s is not an exported Go identifier", a.GoName(), who)
				continue
			}
			claim(a.GoName(), a.GoNamePos(), who, "choose another go_name")
		}
	}
	// A hand-built Spec has no positions: its errors name the spec's File,
	// when it has one, and otherwise stand alone (see gen.Error.Error).
	for _, err := range errs {
		if err.Pos.File == "" {
			err.Pos.File = s.File
		}
	}
	return errs
}

// An owner is what declares a Go name, for Check's messages: a
// description, or a value or an alias of one, described only when a
// message names it, since a spec may hold a million values and aliases.
type owner struct {
	what  string
	value *gen.EnumValue
	alias *gen.Alias // of value
}

func (o owner) String() string {
	switch {
	case o.alias != nil:
		return fmt.Sprintf("alias %q of %q", o.alias.Name, o.value.Name)
	case o.value != nil:
		return fmt.Sprintf("value %q", o.value.Name)
	}
	return o.what
}
