package naming

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"COMPLETED_WITH_ERRORS": "CompletedWithErrors",
		"in-review":             "InReview",
		"a.b c":                 "ABC",
		"__x__":                 "X",
		"PENDING":               "Pending",
		"already Camel":         "AlreadyCamel",
		"404":                   "404",
		"élan":                  "Élan",
		"":                      "",
		// A word that mixes cases keeps them.
		"CrashLoopBackOff": "CrashLoopBackOff",
		"OOMKilled":        "OOMKilled",
		"iOS":              "IOS",
		"macOS_app":        "MacOSApp",
		"HTTP2":            "Http2",
		"ÉCHEC_fatal":      "ÉchecFatal",
	} {
		if got := Pascal(in); got != want {
			t.Errorf("Pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"Status": "status", "HTTPStatus": "httpStatus", "URL": "url", "OrderState": "orderState", "X": "x",
	} {
		if got := Camel(in); got != want {
			t.Errorf("Camel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"Status": "status", "HTTPState": "http_state", "OrderState": "order_state", "URL": "url", "Task2Status": "task2_status",
	} {
		if got := Snake(in); got != want {
			t.Errorf("Snake(%q) = %q, want %q", in, got, want)
		}
	}
}

// pascalByRunes is Pascal as the unicode package spells it, without
// Pascal's short way for ASCII words.
func pascalByRunes(name string) string {
	var b strings.Builder
	for _, word := range Words(name) {
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

// Pascal's short way for ASCII words agrees with the unicode package's
// casing on every name of up to five characters from letters of both
// cases, a digit, the word breaks and a non-ASCII letter.
func TestPascalASCIIAgrees(t *testing.T) {
	alphabet := []string{"a", "Z", "q", "M", "7", "_", "-", ".", " ", "é", "Ö"}
	var names func(prefix string, n int)
	checked := 0
	names = func(prefix string, n int) {
		if got, want := Pascal(prefix), pascalByRunes(prefix); got != want {
			t.Errorf("Pascal(%q) = %q, want %q", prefix, got, want)
		}
		checked++
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			names(prefix+c, n-1)
		}
	}
	names("", 5)
	if checked < 100_000 {
		t.Fatalf("checked %d names", checked)
	}
}
