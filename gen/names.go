package gen

import (
	"fmt"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CamelCase turns a wire name into the Go identifier statusgen gives it: the
// name is split into words on '_', '-', '.' and spaces. A word in one case
// (COMPLETED, with, 404) is title-cased, so COMPLETED_WITH_ERRORS becomes
// CompletedWithErrors and in-review becomes InReview. A word that mixes
// cases was cased on purpose, so it keeps its letters and only its first
// is upper-cased: CrashLoopBackOff, OOMKilled and iOS become
// CrashLoopBackOff, OOMKilled and IOS. The result may still not be an
// identifier ("404", "a/b"); the validator says so.
func CamelCase(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, isWordBreak) {
		r, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		if mixedCase(part) {
			b.WriteString(part[size:])
		} else {
			b.WriteString(strings.ToLower(part[size:]))
		}
	}
	return b.String()
}

// mixedCase reports whether word holds both upper- and lower-case letters.
func mixedCase(word string) bool {
	upper := strings.IndexFunc(word, unicode.IsUpper) >= 0
	lower := strings.IndexFunc(word, unicode.IsLower) >= 0
	return upper && lower
}

func isWordBreak(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' }

// isExportedIdent reports whether s can name an exported Go declaration.
func isExportedIdent(s string) bool { return token.IsIdentifier(s) && token.IsExported(s) }

// UnexportedName returns the lower-case form of an exported name that the
// generated code's unexported identifiers start with: Status → status,
// HTTPStatus → httpStatus, as a person would write them.
func UnexportedName(name string) string {
	runes := []rune(name)
	upper := 0
	for upper < len(runes) && unicode.IsUpper(runes[upper]) {
		upper++
	}
	if upper > 1 && upper < len(runes) {
		upper-- // the last capital starts the next word: HTTPStatus → http + Status
	}
	for i := 0; i < upper; i++ {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// GoNames holds the exported package-level names the generated file
// declares for one spec; every one carries the type name, so several specs
// can share a package.
type GoNames struct {
	Type, Category, InvalidError         string
	Parse, ParseFold                     string
	Values, ValuesSeq, Names, Categories string
	PollInitial, PollMax                 string
	Transitions                          string
}

// GoNamesFor returns the package-level names the Go output declares for
// type typ.
func GoNamesFor(typ string) GoNames {
	return GoNames{
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

// A Declaration is one top-level name that a Go output declares, with the
// spec node that makes it: the type for the generated functions, tables and
// fuzz targets, a category or a value for its constant.
type Declaration struct {
	Name string
	What string // for messages: "the generated parse function", `value "FAILED"`
	Pos  Pos
	Fuzz bool // declared by the fuzz file (GenerateFuzz), not the enum file (Generate)
}

// Declarations returns every top-level name that Generate and GenerateFuzz
// declare for spec, which must be valid (as Parse returns it), in a fixed
// order: the generated declarations, then the categories and the values.
// A tool that writes the output into a package can check these against the
// package's other files before writing anything.
func Declarations(spec *Spec) []Declaration {
	decls := generatedNames(spec, false)
	n := GoNamesFor(spec.Type)
	for _, c := range spec.Categories {
		decls = append(decls, Declaration{n.Category + CamelCase(c.Name), fmt.Sprintf("category %q", c.Name), c.NamePos, false})
	}
	for i := range spec.Values {
		v := &spec.Values[i]
		pos := v.NamePos
		if v.GoName != "" {
			pos = v.GoNamePos
		}
		decls = append(decls, Declaration{spec.ConstName(v), fmt.Sprintf("value %q", v.Name), pos, false})
	}
	return decls
}

// generatedNames lists the top-level names the emitters derive from the
// type name, each at the type's position. With all set it lists them
// whether or not this spec needs them (categories, polling, hash tables),
// for validation: a name is reserved before the spec grows into using it,
// so adding polling later never breaks a go_name.
//
// Every name golang.go and fuzzgen.go declare at the top level must be in
// this list; FuzzGenerate checks it against the files they produce.
func generatedNames(s *Spec, all bool) []Declaration {
	n, lower, t := GoNamesFor(s.Type), UnexportedName(s.Type), s.Type
	cats, polling, hash := len(s.Categories) > 0, s.Polling != nil, len(s.Values) > GoSwitchMax
	graph := !buildTransitions(s).TerminalRule() // the Go output holds a table only for a graph that is not the terminal rule
	replaced := slices.ContainsFunc(s.Values, func(v Value) bool { return strings.ContainsRune(v.Name, utf8.RuneError) })
	var decls []Declaration
	add := func(when bool, name, what string, fuzz bool) {
		if fuzz {
			what = "the " + what + " that -fuzz generates"
		} else {
			what = "the generated " + what
		}
		if all || when {
			decls = append(decls, Declaration{name, what, s.TypePos, fuzz})
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
	add(true, lower+"Names", "name table", false)
	add(true, lower+"DriverValues", "driver.Value table", false)
	add(graph, lower+"Next", "transition table", false)
	add(cats, lower+"CategoryInfo", "category table", false)
	add(true, "lookup"+t, "lookup function", false)
	add(true, "lookup"+t+"Fold", "case-insensitive lookup function", false)
	add(true, "decode"+t, "decode function", false)
	add(replaced, lower+"ReplacedJSON", "U+FFFD check", false)
	add(hash, lower+"Slot", "hash table slot type", false)
	add(hash, lower+"Index", "hash table", false)
	add(hash, lower+"FoldIndex", "case-insensitive hash table", false)
	add(hash, "find"+t, "hash lookup function", false)
	add(hash, "load64"+t, "hash helper", false)
	add(hash, "load32"+t, "hash helper", false)
	gapped, aliased := evolveNeeds(s)
	add(gapped, lower+"Position", "position table", false)
	add(gapped, lower+"Order", "spec order table", false)
	add(true, "fuzz"+t+"Fallback", "fuzz fallback constant", true)
	add(true, "fuzz"+t+"Seeds", "fuzz seed function", true)
	add(true, "fuzz"+t+"Named", "fuzz oracle", true)
	add(true, "fuzz"+t+"Decoded", "fuzz oracle", true)
	add(true, "fuzz"+t+"Check", "fuzz check", true)
	add(aliased, "lookup"+t+"Alias", "alias lookup function", false)
	add(aliased, "fuzz"+t+"Aliases", "fuzz alias table", true)
	add(true, "Fuzz"+n.Parse, "fuzz target", true)
	add(true, "Fuzz"+n.ParseFold, "fuzz target", true)
	add(true, "Fuzz"+t+"UnmarshalText", "fuzz target", true)
	add(true, "Fuzz"+t+"Scan", "fuzz target", true)
	add(true, "Fuzz"+t+"UnmarshalJSON", "fuzz target", true)
	return decls
}

// wireProblem says why name cannot be a wire name, or returns "". Wire names
// travel as JSON strings, SQL literals, text and TypeScript literals; keeping
// out quotes, backslashes and invisible characters lets every one of them
// carry a name verbatim.
func wireProblem(name string) string {
	if name == "" {
		return "is empty"
	}
	for _, r := range name {
		switch {
		case r == '"' || r == '\\':
			return "holds " + strconv.QuoteRune(r) + "; wire names cannot hold quotes or backslashes"
		case !unicode.IsPrint(r):
			return "holds an invisible or control character"
		}
	}
	return ""
}

// FoldASCII lower-cases the ASCII letters of s, the folding ParseTFold uses.
func FoldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// GoSwitchMax is the largest enum whose Go lookups are switch statements;
// past it they are hash tables (see gen/golang), which declare more names.
const GoSwitchMax = 256
