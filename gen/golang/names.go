package golang

import (
	"fmt"
	"go/token"
	"strings"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
)

// names holds the exported package-level names the enum file declares for
// one spec; every one carries the type name, so several specs can share a
// package.
type names struct {
	Type, Category, InvalidError         string
	Parse, ParseFold                     string
	Values, ValuesSeq, Names, Categories string
	PollInitial, PollMax                 string
	Transitions                          string
}

// namesFor returns the package-level names the Go output declares for
// type typ.
func namesFor(typ string) names {
	return names{
		Type:         typ,
		Category:     typ + "Category",
		InvalidError: "Invalid" + typ + "Error",
		Parse:        "Parse" + typ,
		ParseFold:    "Parse" + typ + "Fold",
		Values:       typ + "Values",
		ValuesSeq:    typ + "ValuesSeq",
		Names:        typ + "Names",
		Categories:   typ + "Categories",
		PollInitial:  typ + "PollInitial",
		PollMax:      typ + "PollMax",
		Transitions:  typ + "Transitions",
	}
}

// unexported returns the lower-case form of the type name that the
// generated code's unexported identifiers start with: Status → status,
// HTTPStatus → httpStatus, as a person would write them.
func unexported(typ string) string { return naming.Camel(typ) }

// ConstName returns the Go constant of value v of e and the spec node its
// name comes from: the value's go_name when it has one, else the spec's
// prefix followed by the PascalCase of its wire name.
func ConstName(e *gen.Enum, v *gen.EnumValue) (string, gen.Pos) {
	if v.Spec.GoName != "" {
		return v.Spec.GoName, v.Spec.GoNamePos
	}
	return e.Spec.Prefix + naming.Pascal(v.Name), v.NamePos
}

// constName is ConstName without the position.
func constName(e *gen.Enum, v *gen.EnumValue) string {
	name, _ := ConstName(e, v)
	return name
}

// categoryConst is the Go constant of category c: the category type's name
// and the PascalCase of the category's name.
func categoryConst(typ, category string) string {
	return namesFor(typ).Category + naming.Pascal(category)
}

// isExportedIdent reports whether s can name an exported Go declaration.
func isExportedIdent(s string) bool { return token.IsIdentifier(s) && token.IsExported(s) }

// IsPackageName reports whether name can be a package clause: an
// identifier other than the blank one.
func IsPackageName(name string) bool { return token.IsIdentifier(name) && name != "_" }

// hasReplaced reports whether a wire name of e holds U+FFFD, which
// encoding/json substitutes for invalid UTF-8 in its input: the JSON
// decoder then needs a check of its own (see genReplacedJSON).
func hasReplaced(e *gen.Enum) bool {
	for _, v := range e.Values {
		if strings.ContainsRune(v.Name, utf8.RuneError) {
			return true
		}
	}
	return false
}

// useHash reports whether the name lookups of e are hash tables: past
// switchMax values, or when the option asks for them.
func useHash(e *gen.Enum, opts Options) bool { return opts.HashLookup || len(e.Values) > switchMax }

// A Declaration is one top-level name that a Go output declares, with the
// spec node that makes it: the type for the generated functions, tables and
// fuzz targets, a category or a value for its constant.
type Declaration struct {
	Name string
	What string // for messages: "the generated parse function", `value "FAILED"`
	Pos  gen.Pos
	Fuzz bool // declared by the fuzz file (GenerateFuzz), not the enum file (Generate)
}

// Declarations returns every top-level name that Generate and GenerateFuzz
// declare for e, which must come from Build and pass Check, in a fixed
// order: the generated declarations, then the categories and the values.
// A tool that writes the output into a package can check these against the
// package's other files before writing anything.
func Declarations(e *gen.Enum) []Declaration {
	decls := generatedNames(e, false)
	for _, c := range e.Categories {
		decls = append(decls, Declaration{categoryConst(e.Type, c.Name), fmt.Sprintf("category %q", c.Name), c.NamePos, false})
	}
	for i := range e.Values {
		v := &e.Values[i]
		name, pos := ConstName(e, v)
		decls = append(decls, Declaration{name, fmt.Sprintf("value %q", v.Name), pos, false})
	}
	return decls
}

// generatedNames lists the top-level names the emitters derive from the
// type name, each at the type's position. With all set it lists them
// whether or not this spec needs them (categories, polling, hash tables),
// for Check: a name is reserved before the spec grows into using it, so
// adding polling later never breaks a go_name.
//
// Every name the enum file and the fuzz file declare at the top level must
// be in this list; FuzzGenerate checks it against the files they produce.
func generatedNames(e *gen.Enum, all bool) []Declaration {
	n, lower, t := namesFor(e.Type), unexported(e.Type), e.Type
	cats, polling, hash := len(e.Categories) > 0, e.Polling != nil, len(e.Values) > switchMax
	graph := !e.Transitions.TerminalRule() // the Go output holds a table only for a graph that is not the terminal rule
	closed := !e.Open                      // an open enum (open.go) declares fewer tables and helpers
	var decls []Declaration
	add := func(when bool, name, what string, fuzz bool) {
		if fuzz {
			what = "the " + what + " that -fuzz generates"
		} else {
			what = "the generated " + what
		}
		if all || when {
			decls = append(decls, Declaration{name, what, e.Spec.TypePos, fuzz})
		}
	}
	add(true, n.Type, "type", false)
	add(cats, n.Category, "category type", false)
	add(true, n.InvalidError, "error type", false)
	add(true, n.Parse, "parse function", false)
	add(true, n.ParseFold, "case-insensitive parse function", false)
	add(true, n.Values, "values function", false)
	add(true, n.ValuesSeq, "values iterator", false)
	add(true, n.Names, "names function", false)
	add(cats, n.Categories, "categories function", false)
	add(polling, n.PollInitial, "polling constant", false)
	add(polling, n.PollMax, "polling constant", false)
	add(true, n.Transitions, "transitions iterator", false)
	add(true, lower+"Info", "value table", false)
	add(closed, lower+"Names", "name table", false)
	add(closed, lower+"DriverValues", "driver.Value table", false)
	add(graph, lower+"Next", "transition table", false)
	add(cats, lower+"CategoryInfo", "category table", false)
	add(true, "lookup"+t, "lookup function", false)
	add(true, "lookup"+t+"Fold", "case-insensitive lookup function", false)
	add(closed, "decode"+t, "decode function", false)
	add(closed && hasReplaced(e), lower+"ReplacedJSON", "U+FFFD check", false)
	add(closed && hash, lower+"Slot", "hash table slot type", false)
	add(hash, lower+"Index", "hash table", false)
	add(hash, lower+"FoldIndex", "case-insensitive hash table", false)
	add(closed && hash, "find"+t, "hash lookup function", false)
	add(closed && hash, "load64"+t, "hash helper", false)
	add(closed && hash, "load32"+t, "hash helper", false)
	add(closed && !e.Dense, lower+"Position", "position table", false)
	add(closed && !e.Dense, lower+"Order", "spec order table", false)
	add(closed, "fuzz"+t+"Fallback", "fuzz fallback constant", true)
	add(true, "fuzz"+t+"Seeds", "fuzz seed function", true)
	add(true, "fuzz"+t+"Named", "fuzz oracle", true)
	add(closed, "fuzz"+t+"Decoded", "fuzz oracle", true)
	add(closed, "fuzz"+t+"Check", "fuzz check", true)
	add(closed && e.HasAliases, "lookup"+t+"Alias", "alias lookup function", false)
	add(e.HasAliases, "fuzz"+t+"Aliases", "fuzz alias table", true)
	add(true, "Fuzz"+n.Parse, "fuzz target", true)
	add(true, "Fuzz"+n.ParseFold, "fuzz target", true)
	add(closed, "Fuzz"+t+"UnmarshalText", "fuzz target", true)
	add(true, "Fuzz"+t+"Scan", "fuzz target", true)
	add(true, "Fuzz"+t+"UnmarshalJSON", "fuzz target", true)
	return decls
}
