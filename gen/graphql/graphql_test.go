package graphql

import "testing"

// The model has no deprecation yet (issue 14), so the directive a
// deprecated value gets is pinned here, on the function Generate prints it
// with; the thirdparty module's tests parse the printed forms with
// gqlparser.
func TestDeprecatedDirective(t *testing.T) {
	for _, c := range []struct {
		reason     string
		deprecated bool
		want       string
	}{
		{"", false, ""},
		{"ignored", false, ""},
		{"", true, " @deprecated"},
		{"use DONE", true, ` @deprecated(reason: "use DONE")`},
		{"say \"no\"\n\\ \x00", true, ` @deprecated(reason: "say \"no\"\n\\ \u0000")`},
	} {
		if got := deprecatedDirective(c.reason, c.deprecated); got != c.want {
			t.Errorf("deprecatedDirective(%q, %v) = %s, want %s", c.reason, c.deprecated, got, c.want)
		}
	}
}

// A text goes into a block string only when the block string's value is
// the text itself: GraphQL strips the common indentation and blank first
// and last lines, and reads \r as a line break.
func TestBlockSafe(t *testing.T) {
	for text, want := range map[string]bool{
		"one line":                  true,
		"two\nlines":                true,
		"  indented\nnot":           true,
		"  all\n  indented":         false,
		"\nblank first":             false,
		"blank last\n  ":            false,
		"cr\r\nlf":                  false,
		"NUL\x00":                   false,
		"tab\tinside":               true,
		`quotes """ inside`:         true,
		"middle\n\n  \nblank lines": true,
		"BOM \ufeff":                false,
		"astral \U0001F600 is fine": true,
	} {
		if got := blockSafe(text); got != want {
			t.Errorf("blockSafe(%q) = %v, want %v", text, got, want)
		}
	}
}
