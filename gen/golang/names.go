package golang

import (
	"fmt"
	"go/token"
	"strings"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
)

// names holds every package-level name the Go outputs declare for one
// spec, and is the one place each is spelt: the emitters print these, and
// generatedNames lists them for Check and Declarations. Every one carries
// the type name, so several specs can share a package.
type names struct {
	// The enum file's exported names.
	Type, Category, InvalidError         string
	Parse, ParseFold                     string
	Values, ValuesSeq, Names, Categories string
	PollInitial, PollMax                 string
	Transitions                          string
	// Its unexported tables and helpers: statusInfo, lookupStatus.
	Info, NameTable, DriverValues, Next, CategoryInfo     string
	Lookup, LookupFold, LookupAlias, Decode, ReplacedJSON string
	Slot, Index, FoldIndex, Find, Load64, Load32          string
	Position, Order                                       string
	// The fuzz file's.
	FuzzFallback, FuzzSeeds, FuzzNamed, FuzzDecoded, FuzzCheck, FuzzAliases  string
	FuzzParse, FuzzParseFold, FuzzUnmarshalText, FuzzScan, FuzzUnmarshalJSON string
}

// namesFor returns the package-level names the Go outputs declare for
// type typ.
func namesFor(typ string) names {
	lower := unexported(typ)
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

		Info:         lower + "Info",
		NameTable:    lower + "Names",
		DriverValues: lower + "DriverValues",
		Next:         lower + "Next",
		CategoryInfo: lower + "CategoryInfo",
		Lookup:       "lookup" + typ,
		LookupFold:   "lookup" + typ + "Fold",
		LookupAlias:  "lookup" + typ + "Alias",
		Decode:       "decode" + typ,
		ReplacedJSON: lower + "ReplacedJSON",
		Slot:         lower + "Slot",
		Index:        lower + "Index",
		FoldIndex:    lower + "FoldIndex",
		Find:         "find" + typ,
		Load64:       "load64" + typ,
		Load32:       "load32" + typ,
		Position:     lower + "Position",
		Order:        lower + "Order",

		FuzzFallback:      "fuzz" + typ + "Fallback",
		FuzzSeeds:         "fuzz" + typ + "Seeds",
		FuzzNamed:         "fuzz" + typ + "Named",
		FuzzDecoded:       "fuzz" + typ + "Decoded",
		FuzzCheck:         "fuzz" + typ + "Check",
		FuzzAliases:       "fuzz" + typ + "Aliases",
		FuzzParse:         "FuzzParse" + typ,
		FuzzParseFold:     "FuzzParse" + typ + "Fold",
		FuzzUnmarshalText: "Fuzz" + typ + "UnmarshalText",
		FuzzScan:          "Fuzz" + typ + "Scan",
		FuzzUnmarshalJSON: "Fuzz" + typ + "UnmarshalJSON",
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
	return typ + "Category" + naming.Pascal(category) // namesFor(typ).Category, then the name
}

// isExportedIdent reports whether s can name an exported Go declaration.
func isExportedIdent(s string) bool { return token.IsIdentifier(s) && token.IsExported(s) }

// IsPackageName reports whether name can be a package clause: an
// identifier other than the blank one.
func IsPackageName(name string) bool { return token.IsIdentifier(name) && name != "_" }

// hasReplaced reports whether a name the decoders accept (a wire name or
// an alias) holds U+FFFD, which encoding/json substitutes for invalid
// UTF-8 in its input: the JSON decoder then needs a check of its own (see
// genReplacedJSON).
func hasReplaced(e *gen.Enum) bool {
	for _, l := range e.Lookup {
		if strings.ContainsRune(l.Name, utf8.RuneError) {
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
// order: the generated declarations, then the categories, the values and
// the aliases' constants.
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
	for i := range e.Values {
		v := &e.Values[i]
		for _, a := range v.Aliases {
			if a.GoName() != "" {
				decls = append(decls, Declaration{a.GoName(), fmt.Sprintf("alias %q of %q", a.Name, v.Name), a.GoNamePos(), false})
			}
		}
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
	n := namesFor(e.Type)
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
	add(true, n.Info, "value table", false)
	add(closed, n.NameTable, "name table", false)
	add(closed, n.DriverValues, "driver.Value table", false)
	add(graph, n.Next, "transition table", false)
	add(cats, n.CategoryInfo, "category table", false)
	add(true, n.Lookup, "lookup function", false)
	add(true, n.LookupFold, "case-insensitive lookup function", false)
	add(closed, n.Decode, "decode function", false)
	add(closed && hasReplaced(e), n.ReplacedJSON, "U+FFFD check", false)
	add(closed && hash, n.Slot, "hash table slot type", false)
	add(hash, n.Index, "hash table", false)
	add(hash, n.FoldIndex, "case-insensitive hash table", false)
	add(closed && hash, n.Find, "hash lookup function", false)
	add(closed && hash, n.Load64, "hash helper", false)
	add(closed && hash, n.Load32, "hash helper", false)
	add(closed && !e.Dense, n.Position, "position table", false)
	add(closed && !e.Dense, n.Order, "spec order table", false)
	add(closed, n.FuzzFallback, "fuzz fallback constant", true)
	add(true, n.FuzzSeeds, "fuzz seed function", true)
	add(true, n.FuzzNamed, "fuzz oracle", true)
	add(closed, n.FuzzDecoded, "fuzz oracle", true)
	add(closed, n.FuzzCheck, "fuzz check", true)
	add(closed && e.HasAliases, n.LookupAlias, "alias lookup function", false)
	add(e.HasAliases, n.FuzzAliases, "fuzz alias table", true)
	add(true, n.FuzzParse, "fuzz target", true)
	add(true, n.FuzzParseFold, "fuzz target", true)
	add(closed, n.FuzzUnmarshalText, "fuzz target", true)
	add(true, n.FuzzScan, "fuzz target", true)
	add(true, n.FuzzUnmarshalJSON, "fuzz target", true)
	return decls
}
