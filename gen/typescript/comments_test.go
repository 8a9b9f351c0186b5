package typescript

import (
	"regexp"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// tsCommentDirective matches what TypeScript and editors read inside a
// comment line: the @ts- directives and JSDoc tags, after the comment's
// own "/**", "*" or spaces.
var tsCommentDirective = regexp.MustCompile(`^\s*(/\*\*|\*)?\s*(\*\s*)*@`)

// Spec text that starts with @ts-expect-error made tsc fail (TS2578), and
// @ts-ignore or @ts-nocheck would silence real errors: no comment line of
// the module may start with an "@" that TypeScript reads, in any position
// (first line of a one-line comment, or any line of a block).
func TestCommentsHoldNoDirective(t *testing.T) {
	const src = `type: T
doc: "@ts-nocheck\n * @deprecated\n plain @ts-ignore inside"
categories:
  - name: c
    description: "@ts-ignore"
values:
  - name: A
    category: c
    description: "@ts-expect-error"
  - name: B
    category: c
    description: "first\n\t@ts-expect-error\n@deprecated no"
`
	spec, err := gen.Parse("spec.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	code, err := Generate(e)
	if err != nil {
		t.Fatal(err)
	}
	inComment := false
	for i, line := range strings.Split(string(code), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "/**") {
			inComment = true
		}
		if inComment && tsCommentDirective.MatchString(line) {
			t.Errorf("line %d is read as a directive or tag: %q", i+1, line)
		}
		if strings.HasSuffix(trimmed, "*/") {
			inComment = false
		}
	}
	if !strings.Contains(string(code), `/** \@ts-expect-error */`) {
		t.Errorf("the description did not survive as escaped text:\n%s", code)
	}
}
