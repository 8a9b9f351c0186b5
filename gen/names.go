package gen

import (
	"go/token"
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

// unexportedName returns the lower-case form of an exported name that the
// generated code's unexported identifiers start with: Status → status,
// HTTPStatus → httpStatus, as a person would write them.
func unexportedName(name string) string {
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

// goNames holds the exported package-level names the generated file
// declares for one spec; every one carries the type name, so several specs
// can share a package.
type goNames struct {
	Type, Category, InvalidError         string
	Parse, ParseFold                     string
	Values, ValuesSeq, Names, Categories string
	PollInitial, PollMax                 string
}

func namesFor(typ string) goNames {
	return goNames{
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
	}
}

// reserved lists the names above with what each declares, in a fixed order.
func (n goNames) reserved() [][2]string {
	return [][2]string{
		{n.Type, "type"},
		{n.Category, "category type"},
		{n.InvalidError, "error type"},
		{n.Parse, "parse function"},
		{n.ParseFold, "case-insensitive parse function"},
		{n.Values, "values function"},
		{n.ValuesSeq, "values iterator"},
		{n.Names, "names function"},
		{n.Categories, "categories function"},
		{n.PollInitial, "polling constant"},
		{n.PollMax, "polling constant"},
	}
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

// foldASCII lower-cases the ASCII letters of s, the folding ParseTFold uses.
func foldASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
