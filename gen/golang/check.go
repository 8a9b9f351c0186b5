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
		what func() string // what declares the name, for messages
		pos  gen.Pos
	}
	taken := make(map[string]claimed, len(e.Values)+64) // Go name → its declaration
	if typeOK {
		for _, d := range generatedNames(e, true) {
			if first, ok := taken[d.Name]; ok {
				errs.Add(s.TypePos, "type %s makes %s and %s share the name %s; choose another type name", e.Type, first.what(), d.What, d.Name)
				continue
			}
			taken[d.Name] = claimed{func() string { return d.What }, d.Pos}
		}
	}
	// owner says what declares a name, for messages; it is only built for
	// one, since a spec may hold a million values and aliases.
	claim := func(goName string, pos gen.Pos, owner func() string, fix string) {
		if first, ok := taken[goName]; ok {
			by := first.what()
			if first.pos == s.TypePos {
				by += " for type " + e.Type
			}
			if first.pos.Line > 0 {
				by += fmt.Sprintf(" (line %d)", first.pos.Line)
			}
			errs.Add(pos, "%s has Go name %s, already taken by %s; %s", owner(), goName, by, fix)
			return
		}
		taken[goName] = claimed{owner, pos}
	}
	for _, c := range e.Categories {
		name := categoryConst(e.Type, c.Name)
		if name == namesFor(e.Type).Category || !token.IsIdentifier(name) {
			errs.Add(c.NamePos, "category %q yields no Go identifier (%s); rename it with letters and digits", c.Name, name)
			continue
		}
		claim(name, c.NamePos, func() string { return fmt.Sprintf("category %q", c.Name) }, "rename one of them")
	}
	for i := range e.Values {
		v := &e.Values[i]
		goName := constName(e, v)
		owner := func() string { return fmt.Sprintf("value %q", v.Name) }
		switch {
		case v.Spec.GoName != "" && !isExportedIdent(v.Spec.GoName):
			errs.Add(v.Spec.GoNamePos, "go_name %q is not an exported Go identifier", v.Spec.GoName)
		case v.Spec.GoName != "":
			claim(goName, v.Spec.GoNamePos, owner, "choose another go_name")
		case !isExportedIdent(goName):
			errs.Add(v.NamePos, "value %q yields no Go identifier (%q); set go_name", v.Name, goName)
		default:
			claim(goName, v.NamePos, owner, "set go_name on one of them")
		}
	}
	for i := range e.Values {
		v := &e.Values[i]
		for _, a := range v.Aliases {
			if a.GoName == "" {
				continue
			}
			owner := func() string { return fmt.Sprintf("alias %q of %q", a.Name, v.Name) }
			if !isExportedIdent(a.GoName) {
				errs.Add(a.GoNamePos, "go_name %q of %s is not an exported Go identifier", a.GoName, owner())
				continue
			}
			claim(a.GoName, a.GoNamePos, owner, "choose another go_name")
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
