package gen

import (
	"strconv"
	"unicode"
)

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
