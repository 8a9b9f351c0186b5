package taskstatus_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// The README's spec-format block shows every key once. Completed with the
// values its comment says it leaves out, it must be a valid spec; and every
// key the parser knows, at the top level and on a value, must be in it, so
// a new key cannot ship undocumented.
func TestReadmeSpecFormat(t *testing.T) {
	src, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(src), "## The spec format\n\n```yaml\n")
	if !ok {
		t.Fatal("README.md has no yaml block under \"## The spec format\"")
	}
	block, _, _ := strings.Cut(after, "```")
	const rest = `  - {name: UNKNOWN, category: operation, next: [], number: 2}
  - {name: IN_PROGRESS, category: operation, next: [CANCELED], number: 3}
  - {name: CANCELED, category: operation, terminal: true, number: 4}
  - {name: DRAFT, category: operation, next: [PENDING], number: 5}
`
	if _, err := gen.Parse("README.md", []byte(block+rest)); err != nil {
		t.Errorf("the README's spec format, completed with the values it leaves out, does not parse:\n%v", err)
	}
	for _, c := range []struct{ where, probe, indent string }{
		{"the spec", "type: T\nvalues: [{name: A}]\nnot_a_key: 1\n", ""},
		{"a value", "type: T\nvalues: [{name: A, not_a_key: 1}]\n", "  - |    "},
	} {
		_, err := gen.Parse("probe.yaml", []byte(c.probe))
		m := regexp.MustCompile(`known keys are ([a-z_, ]+)`).FindStringSubmatch(errString(err))
		if m == nil {
			t.Fatalf("%s: no list of known keys in %v", c.where, err)
		}
		for _, key := range strings.Split(m[1], ", ") {
			if !regexp.MustCompile(`(?m)^(` + c.indent + `)` + regexp.QuoteMeta(key) + `:`).MatchString(block) {
				t.Errorf("the README's spec format does not show the key %q of %s", key, c.where)
			}
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
