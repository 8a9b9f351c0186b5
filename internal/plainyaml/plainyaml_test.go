package plainyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/taskstatus/taskstatus/internal/specfiles"
	"github.com/taskstatus/taskstatus/internal/specshape"
)

// decodeV3 returns yaml.v3's document node of src, as Nodes, or an error
// when src is not exactly one document.
func decodeV3(src []byte) (*Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("a second document (%v)", err)
	}
	return FromYAML(&doc), nil
}

// diff returns where the trees a and b differ, comments aside, or "".
func diff(path string, a, b *Node) string {
	switch {
	case a.Kind != b.Kind:
		return fmt.Sprintf("%s: kind %v, yaml.v3 %v", path, a.Kind, b.Kind)
	case a.Style != b.Style:
		return fmt.Sprintf("%s: style %v, yaml.v3 %v", path, a.Style, b.Style)
	case a.Tag != b.Tag:
		return fmt.Sprintf("%s: tag %q, yaml.v3 %q", path, a.Tag, b.Tag)
	case a.Value != b.Value:
		return fmt.Sprintf("%s: value %q, yaml.v3 %q", path, a.Value, b.Value)
	case a.Line != b.Line || a.Column != b.Column:
		return fmt.Sprintf("%s: at %d:%d, yaml.v3 %d:%d", path, a.Line, a.Column, b.Line, b.Column)
	case len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %d children, yaml.v3 %d", path, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if d := diff(fmt.Sprintf("%s/%d", path, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// check fails t when Parse accepts src and reads it otherwise than
// yaml.v3; it reports whether Parse accepted it.
func check(t *testing.T, name string, src []byte) bool {
	t.Helper()
	got, ok := Parse(src)
	if !ok {
		return false
	}
	want, err := decodeV3(src)
	if err != nil {
		t.Errorf("%s: accepted, but yaml.v3 refuses it: %v\n%s", name, err, src)
		return true
	}
	if d := diff("", got, want); d != "" {
		t.Errorf("%s: %s\n%s", name, d, src)
	}
	return true
}

// specs returns every spec this module holds: YAML files and the YAML
// files of txtar archives.
func specs(t testing.TB) map[string][]byte {
	all, err := specfiles.All("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 200 {
		t.Fatalf("found %d specs; the walk missed the test data", len(all))
	}
	return all
}

// Every spec of the module, hostile ones included, is read as yaml.v3
// reads it, or left to yaml.v3; the plain ones, which are most, are read
// here.
func TestSpecsMatchYAMLv3(t *testing.T) {
	all := specs(t)
	plain := 0
	for name, src := range all {
		if check(t, name, src) {
			plain++
		}
	}
	t.Logf("%d of %d specs are plain YAML", plain, len(all))
	if plain < len(all)/2 {
		t.Errorf("only %d of %d specs read as plain YAML; the reader gives up too often", plain, len(all))
	}
	for _, name := range []string{"../../statuses.yaml", "../../gen/testdata/golden/kubernetes/case.txtar:spec.yaml"} {
		if _, ok := Parse(all[name]); !ok {
			t.Errorf("%s is not read as plain YAML", name)
		}
	}
}

// The large specs' shapes are what this reader exists for.
func TestShapesArePlain(t *testing.T) {
	for _, sh := range specshape.Shapes {
		src, _ := sh.Spec(200_000)
		if !check(t, sh.Name, src) {
			t.Errorf("the %s shape is not read as plain YAML", sh.Name)
		}
	}
}

// plainCases are read here, and must be read as yaml.v3 reads them.
var plainCases = []string{
	"a: b\n",
	"a: b",
	"# c\n\n  a: b  # c\n  c: d\n",
	"a:\n- x\n- y\nb: z\n",
	"a:\n  - x\n  -   y\n",
	"- a\n- b: c\n  d: e\n- - f\n  - g\n",
	"a: [x, 'y''z', \"q\", [1, 2], {k: v}]\n",
	"a: []\nb: {}\nc: [ x ,y ]\n",
	"a:\nb: ~\nc:   \nd: # c\ne:\n",
	"a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
	"é: ü x  \nb: é#x\nc: x # é\n",
	"'a': 1\n\"b c\": 2\n'd''e': 3\n",
	"a: \"x\\ty\\u00e9\"\n",
	"a: -1\nb: 0x1f\nc: 1.5\nd: .inf\ne: 2001-12-14\nf: 012\ng: 1_000\nh: +1\ni: .x\nj: 09\nk: 0\n",
	"a: [1, 12, 123456789012345678, 1234567890123456789, 99999999999999999999, 1e3, 1x]\n",
	"a: [1_000, 0b101, -0b1, 0b2, 0o17, -0o7, 0o9, 0x_1F, 0x1g, 1e3, 1., +1.5e-3, .5, -.5, .5_0, ., +, -1x, 0777, 08, 09.5, 1__2]\n",
	"a: [9223372036854775807, 9223372036854775808, 18446744073709551616, 1e400, -9223372036854775809, 0b1111111111111111111111111111111111111111111111111111111111111111]\n",
	"a: [2001-12-14, 2001-1-1, 201-1-1, 2001-13-1, 12001-1-1, +.inf, -.Inf, .NaN, .nan1]\n",
	"a: 2001-12-14t21:59:43.10Z\nb: 2001-12-14T21:59:43.10-05:00\nc: 1:20\nd: 2001-12-14 21:59:43.10\ne: 2001-12-14 21:59:43.10 -5\n",
	"a: true\nb: False\nc: NULL\nd: yes\ne: on\nf: y\ng: <x\n",
	"a: x:y\nb: x,y]\nc: x - y\nd: 'x: y'\n",
	"- [a, b]\n- {a: b, c: [d]}\n",
	"values:\n  - name: A\n    next: []\n  - name: B\n",
	"[a, b]\n",
	"{a: b}\n",
	"scalar\n",
	"a:\n  - x\n  - y\n  # c\nb: z\n",
	"a:\n    - x\n    - y\nb:\n  c\n",
	"- k:\n  - a\n  j: b\n",
	"a: |\n  x\n",
	"a: >\n  x\n",
	"a: |-\n  x\n  y\n\n\nb: >+\n  x\n   y\n  z\n\n  w\n\n\nc: 1\n",
	"a: >\n  one\n  two\n\n  three\n    indented\n  four\n\n\n\n  five  \n      \n  # not a comment\n# a comment\nb: x\n",
	"- name: a\n  doc: |  # c\n    x: y\n     - z\n    é\n  next: []\n",
	"a: |+\n  x\n\n",
	"a: >-\n  x\n  y",
	"a: |\n  x\n  ",
	"a:\n  b: >\n   x\n\n   y\n  c: |\n   z\n",
	"a: -x\nb: [-1, -y]\n",
	`a: ["\0\a\b\t\n\v\f\r\e\ \"\'\\\N\_\L\P", "\x41\x7f\x80\xff\u00e9\u20AC\uFFFD\U0001F600\U0010ffff\x00"]` + "\n",
	`"\u00e9\"k\\": "x\ty" # c` + "\n",
}

// notPlainCases are left to yaml.v3, which reads most and refuses some.
var notPlainCases = []string{
	"",
	"# only a comment\n",
	"a: &x b\nc: *x\n",
	"a: !!str 1\n",
	"a: |2\n  x\n",
	"a: <<\n",
	"a: >-1\n x\n",
	"a: |\n\n  x\n",
	"a: |\n   \n  x\n",
	"a: |\nb: 1\n",
	"a: |\n",
	"a: |#c\n  x\n",
	"- |\n  x\n",
	"a: |\n    deep\n  shallow\n",
	"a: x\n  y\n",
	"a: 'x\n  y'\n",
	"a: \"x\n  y\"\n",
	"---\na: b\n",
	"a: b\n---\nc: d\n",
	"a: b\n...\n",
	"%YAML 1.2\n---\na: b\n",
	"\ta: b\n",
	"a:\tb\n",
	"a: b\r\n",
	"\ufeffa: b\n",
	"a: [x,\n  y]\n",
	"a: [x, y,]\n",
	"? a\n: b\n",
	"[a]: b\n",
	"a: b: c\n",
	"a: - b\n",
	"-\n  a\n",
	"- \n",
	"a:\n  b: 1\n c: 2\n",
	"a: b\n  c: d\n",
	"a: {b}\n",
	"a: [b: c]\n",
	"a: @x\n",
	"a: `x`\n",
	"a: x\u0085y\n",
	"a: x\u2028y\n",
	"a: \x01\n",
	"a: \"x\\\n  y\"\n",
	strings.Repeat("k", 1100) + ": v\n",
	// Keys whose text is over 1,024 characters and whose value is not:
	// yaml.v3 counts the text.
	"{\"" + strings.Repeat(`\u00e9`, 200) + "\": v}\n",
	"{'" + strings.Repeat("''", 600) + "': v}\n",
	"{" + strings.Repeat("k", 1100) + ": v}\n",
	strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n",
	"a: b\nc\n",
	"a: b\n- c\n",
	"- a\n  b\n",
	"a: \"x\"y\n",
	`a: "\q"` + "\n",
	`a: "\/"` + "\n",
	`a: "\x4"` + "\n",
	`a: "\x4g"` + "\n",
	`a: "\uD800"` + "\n",
	`a: "\U00110000"` + "\n",
	`a: "\U"` + "\n",
	`a: "x\"` + "\n",
	"a: 'x'#c\n",
}

func TestPlainCases(t *testing.T) {
	for _, src := range plainCases {
		if !check(t, fmt.Sprintf("%q", src), []byte(src)) {
			t.Errorf("%q is not read as plain YAML; it should be", src)
		}
	}
}

func TestNotPlainCases(t *testing.T) {
	for _, src := range notPlainCases {
		if doc, ok := Parse([]byte(src)); ok {
			want, err := decodeV3([]byte(src))
			d := "yaml.v3 refuses it"
			if err == nil {
				d = diff("", doc, want)
			}
			t.Errorf("%q is read as plain YAML; it should be left to yaml.v3 (%s)", src, d)
		}
	}
}

// Reading a document twice gives equal trees that share no nodes.
// A double-quoted scalar with escapes costs about what one without does:
// its escapes are decoded here, not by a yaml.v3 run of its own.
func TestEscapesCostLittle(t *testing.T) {
	allocs := func(item string) float64 {
		src := []byte("a: [" + strings.Repeat(item+", ", 1000) + "x]\n")
		return testing.AllocsPerRun(5, func() {
			if _, ok := Parse(src); !ok {
				t.Fatalf("%s is not read as plain YAML", item)
			}
		})
	}
	plain, escaped := allocs(`"a b"`), allocs(`"a\tb"`)
	t.Logf("allocations for 1,000 scalars: %.0f without escapes, %.0f with", plain, escaped)
	if escaped > plain+2*1000 {
		t.Errorf("a scalar with an escape takes %.1f allocations more than one without", (escaped-plain)/1000)
	}
}

func TestTreesAreFresh(t *testing.T) {
	src := []byte("a: [x, y]\nb:\n  - c: d\n")
	a, _ := Parse(src)
	b, _ := Parse(src)
	if d := diff("", a, b); d != "" {
		t.Fatal(d)
	}
	a.Content[0].Content[1].Content[0].Value = "changed"
	if b.Content[0].Content[1].Content[0].Value != "x" {
		t.Error("two trees share a node")
	}
}

func FuzzMatchesYAMLv3(f *testing.F) {
	for _, src := range plainCases {
		f.Add([]byte(src))
	}
	for _, src := range notPlainCases {
		f.Add([]byte(src))
	}
	for _, src := range specs(f) {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		check(t, "input", src)
	})
}

func BenchmarkParse(b *testing.B) {
	src, _ := specshape.Shapes[1].Spec(1_000_000)
	b.Run("plainyaml", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, ok := Parse(src); !ok {
				b.Fatal("not plain")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, err := decodeV3(src); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// randomDocument writes a document of the constructs this reader takes,
// and near misses, nested at random: what byte-level fuzzing rarely
// builds whole.
func randomDocument(r *rand.Rand) string {
	var b strings.Builder
	scalars := []string{"x", "é x", "'q''s'", "\"d\"", "\"e\\tf\"", "1", "012", "-1", "true", "~", "a#b", "x:y", "[a, b]", "{k: v}", "[]", "a b  ", "# c"}
	lines := []string{"", "  ", "    ", "x", " x", "  # not a comment", "é", "   y  "}
	var mapping func(ind, depth int)
	mapping = func(ind, depth int) {
		for k := range 1 + r.IntN(4) {
			pad := strings.Repeat(" ", ind)
			fmt.Fprintf(&b, "%sk%d:", pad, k)
			switch c := r.IntN(10); {
			case c < 4:
				fmt.Fprintf(&b, " %s\n", scalars[r.IntN(len(scalars))])
			case c < 7:
				fmt.Fprintf(&b, " %s%s\n", []string{"|", ">"}[r.IntN(2)], []string{"", "-", "+", "  # c"}[r.IntN(4)])
				inner := ind + 1 + r.IntN(3)
				for range 1 + r.IntN(5) {
					fmt.Fprintf(&b, "%s%s\n", strings.Repeat(" ", inner), lines[r.IntN(len(lines))])
				}
				if r.IntN(3) == 0 {
					b.WriteString("\n")
				}
			case c < 8 && depth < 4:
				b.WriteString("\n")
				mapping(ind+2, depth+1)
			case depth < 4:
				b.WriteString("\n")
				seqInd := ind + 2*r.IntN(2)
				for range 1 + r.IntN(3) {
					fmt.Fprintf(&b, "%s- ", strings.Repeat(" ", seqInd))
					if r.IntN(2) == 0 {
						fmt.Fprintf(&b, "%s\n", scalars[r.IntN(len(scalars))])
						continue
					}
					fmt.Fprintf(&b, "n: %s\n", scalars[r.IntN(len(scalars))])
					mapping(seqInd+2, depth+1)
				}
			default:
				b.WriteString("\n")
			}
			if r.IntN(8) == 0 {
				fmt.Fprintf(&b, "%s# comment\n", strings.Repeat(" ", r.IntN(6)))
			}
		}
	}
	mapping(0, 0)
	return b.String()
}

func TestRandomDocumentsMatchYAMLv3(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	plain, n := 0, 4000
	if testing.Short() {
		n = 500
	}
	for range n {
		if check(t, "random", []byte(randomDocument(r))) {
			plain++
		}
		if t.Failed() {
			break
		}
	}
	t.Logf("%d of %d random documents are plain YAML", plain, n)
	if plain < n/10 {
		t.Errorf("only %d of %d random documents read as plain YAML", plain, n)
	}
}

// structuredDocument writes a document whose leaves are what the reader
// decides on at every character: quoted keys with escapes, one-line flow
// collections nested with quotes and commas, sequences started on a dash
// line, block scalars with comments, blank lines of any width and lines
// deeper or shallower than their indentation, and near misses of each.
func structuredDocument(r *rand.Rand) string {
	pick := func(s ...string) string { return s[r.IntN(len(s))] }
	keys := []string{"k", "é", "😀", "a b", "'q'", `"d"`, "'a: b'", `"#"`, "-k", "k#", "1", "~", `"\n"`, `"\u00e9"`, "ke\"y", "k'e", "x:y"}
	scalars := []string{"x", "é x", "a  b ", "a#b", "a #b", "x:y", "-x", "-", "---", "?x", "x?", "'q''r'", `"e\"f"`, `"\t\x41\u00e9\U0001F600"`, `"\q"`, `"\uD800"`, "1", "01", "0x1", "1e3", "2001-01-01", "~", "<<", "!x", "&a", "|", ">", "'a'b", `"x" #c`, ""}
	var flow func(depth int) string
	flow = func(depth int) string {
		isMap := r.IntN(2) == 0
		var items []string
		for range r.IntN(4) {
			v := pick("a", "b c", "'x, y'", `"z]"`, `"\""`, "é", "-1", "~", "a#b", "x'y", "-", "'q''r'", "a:b", "a?")
			if depth < 3 && r.IntN(4) == 0 {
				v = flow(depth + 1)
			}
			if isMap {
				v = pick("k", "'k'", `"k"`, "é") + pick(": ", ":  ", ":") + v
			}
			items = append(items, v)
		}
		body := pick("", " ") + strings.Join(items, pick(", ", ",", " , ")) + pick("", " ", ", ")
		if isMap {
			return "{" + body + "}"
		}
		return "[" + body + "]"
	}
	leaf := func() string {
		if r.IntN(3) == 0 {
			return flow(0)
		}
		return scalars[r.IntN(len(scalars))]
	}
	var b strings.Builder
	var mapping, sequence func(ind, depth int)
	sequence = func(ind, depth int) {
		for range 1 + r.IntN(3) {
			lineStart := b.Len()
			fmt.Fprintf(&b, "%s-%s", strings.Repeat(" ", ind), pick(" ", "  "))
			switch r.IntN(4) {
			case 0:
				b.WriteString(leaf() + "\n")
			case 1:
				b.WriteString(pick("- ", "-  ") + leaf() + "\n")
			default:
				col := b.Len() - lineStart
				fmt.Fprintf(&b, "%s: %s\n", keys[r.IntN(len(keys))], leaf())
				if depth < 5 {
					mapping(col, depth+1)
				}
			}
		}
	}
	mapping = func(ind, depth int) {
		for range r.IntN(4) {
			fmt.Fprintf(&b, "%s%s:", strings.Repeat(" ", ind), keys[r.IntN(len(keys))])
			switch c := r.IntN(10); {
			case c < 4:
				b.WriteString(pick(" ", "  ") + leaf() + pick("", "", " #c", "  ", "#c") + "\n")
			case c < 7:
				b.WriteString(" " + pick("|", ">") + pick("", "-", "+") + pick("", "", " #c", "  ") + "\n")
				inner := ind + 1 + r.IntN(3)
				for range 1 + r.IntN(5) {
					switch r.IntN(5) {
					case 0:
						b.WriteString(strings.Repeat(" ", r.IntN(inner+3)))
					case 1:
						b.WriteString(strings.Repeat(" ", inner+1+r.IntN(2)) + pick("x", " x", "# c", "é", "- x"))
					default:
						b.WriteString(strings.Repeat(" ", inner) + pick("x", "x ", "# c", "é x", "x: y", "---", "'", "") + pick("", " ", "  "))
					}
					b.WriteString("\n")
				}
				if r.IntN(3) == 0 {
					b.WriteString(pick("\n", "  \n", "#c\n", " #c\n"))
				}
			case c < 8 && depth < 5:
				b.WriteString(pick("", " #c", " ") + "\n")
				mapping(ind+1+r.IntN(3), depth+1)
			case depth < 5:
				b.WriteString("\n")
				sequence(ind+r.IntN(3), depth+1)
			default:
				b.WriteString("\n")
			}
		}
	}
	mapping(r.IntN(2), 0)
	if r.IntN(4) == 0 {
		return strings.TrimSuffix(b.String(), "\n")
	}
	return b.String()
}

func TestStructuredDocumentsMatchYAMLv3(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	plain, n := 0, 2000
	if testing.Short() {
		n = 300
	}
	for range n {
		if check(t, "structured", []byte(structuredDocument(r))) {
			plain++
		}
		if t.Failed() {
			break
		}
	}
	t.Logf("%d of %d structured documents are plain YAML", plain, n)
	if plain < n/10 {
		t.Errorf("only %d of %d structured documents read as plain YAML", plain, n)
	}
}
