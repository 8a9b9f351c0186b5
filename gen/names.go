package gen

import (
	"strconv"
	"strings"
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
// A name with no upper-case ASCII letter is returned as it is, with no
// copy: a large spec folds a million names.
func FoldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			for ; i < len(s); i++ {
				c := s[i]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				b.WriteByte(c)
			}
			return b.String()
		}
	}
	return s
}

// equalFoldASCII reports whether FoldASCII(a) == FoldASCII(b), without
// folding either.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
