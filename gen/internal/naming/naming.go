// Package naming splits spec names into words and joins them in the case
// conventions the targets name things in. It knows no language: each
// target picks the convention its own identifiers follow (Go and
// TypeScript PascalCase and camelCase, SQL snake_case) and applies its own
// rules for what an identifier may be.
package naming

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words splits a wire name into words on '_', '-', '.' and spaces:
// COMPLETED_WITH_ERRORS, in-review and "a.b c" give three, two and three
// words. Empty words are dropped.
func Words(name string) []string {
	return strings.FieldsFunc(name, isWordBreak)
}

func isWordBreak(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' }

// Pascal joins the words of a wire name in PascalCase. A word in one case
// (COMPLETED, with, 404) is title-cased, so COMPLETED_WITH_ERRORS becomes
// CompletedWithErrors and in-review becomes InReview. A word that mixes
// cases was cased on purpose, so it keeps its letters and only its first
// is upper-cased: CrashLoopBackOff, OOMKilled and iOS become
// CrashLoopBackOff, OOMKilled and IOS. The result may still not be an
// identifier in a given language ("404", "a/b"); each target says so.
func Pascal(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	// Word by word, without the slice Words returns: a spec may hold
	// 65,534 values, and each target names every one.
	for word := range strings.FieldsFuncSeq(name, isWordBreak) {
		if ascii(word) {
			b.WriteByte(upperASCII(word[0]))
			mixed := strings.ContainsFunc(word, isUpperASCII) && strings.ContainsFunc(word, isLowerASCII)
			for i := 1; i < len(word); i++ {
				if c := word[i]; mixed || !isUpperASCII(rune(c)) {
					b.WriteByte(c)
				} else {
					b.WriteByte(c + 'a' - 'A')
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(word)
		b.WriteRune(unicode.ToUpper(r))
		if mixedCase(word) {
			b.WriteString(word[size:])
		} else {
			b.WriteString(strings.ToLower(word[size:]))
		}
	}
	return b.String()
}

// ascii reports whether s is all ASCII, where Pascal takes a short way
// that agrees with the unicode package's.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isUpperASCII(r rune) bool { return 'A' <= r && r <= 'Z' }
func isLowerASCII(r rune) bool { return 'a' <= r && r <= 'z' }

func upperASCII(c byte) byte {
	if isLowerASCII(rune(c)) {
		return c - ('a' - 'A')
	}
	return c
}

// mixedCase reports whether word holds both upper- and lower-case letters.
func mixedCase(word string) bool {
	upper := strings.IndexFunc(word, unicode.IsUpper) >= 0
	lower := strings.IndexFunc(word, unicode.IsLower) >= 0
	return upper && lower
}

// Camel returns a PascalCase name in camelCase, lowering its leading
// capitals as a person would: Status → status, HTTPStatus → httpStatus,
// URL → url.
func Camel(pascal string) string {
	runes := []rune(pascal)
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

// Snake returns a PascalCase name in snake_case: words split where the case
// changes, initialisms kept together (HTTPState → http_state).
func Snake(pascal string) string {
	runes := []rune(pascal)
	var b strings.Builder
	for i, r := range runes {
		if i > 0 && unicode.IsUpper(r) {
			prevLower := unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1])
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if prevLower || (unicode.IsUpper(runes[i-1]) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
