package markdown

import (
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// A wire name holding a pipe stays in its table cell (GitHub splits rows at
// every unescaped pipe, code spans included, and drops the backslash of \|
// inside them), while prose shows it as it is (outside tables a code span
// keeps the backslash).
func TestMarkdownPipes(t *testing.T) {
	spec, err := gen.Parse("spec.yaml", []byte("type: Pipe\nvalues:\n"+
		"  - {name: 'a|b', go_name: AB, poll: true, description: 'x | y'}\n"+
		"  - {name: '`c|d`', go_name: CD, terminal: true}\n"+
		"  - {name: '|', go_name: Bar, terminal: true}\n"+
		"  - {name: ' x ', go_name: X}\n"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	md, err := Generate(e)
	if err != nil {
		t.Fatal(err)
	}
	var cells [][]string
	var prose []string
	for _, line := range strings.Split(string(md), "\n") {
		switch {
		case strings.HasPrefix(line, "| `"):
			cells = append(cells, gfmCells(line))
		case strings.Contains(line, " terminal: once") || strings.HasPrefix(line, "Poll again"):
			prose = append(prose, line)
		}
	}
	want := [][]string{
		{"`a|b`", "x | y", "", "yes", "any"},
		{"`` `c|d` ``", "", "yes", "", ""},
		{"`|`", "", "yes", "", ""},
		{"`  x  `", "", "", "", "any"}, // a code span drops one space from each end
	}
	if len(cells) != len(want) {
		t.Fatalf("got %d value rows, want %d:\n%s", len(cells), len(want), md)
	}
	for i := range want {
		if strings.Join(cells[i], "\x00") != strings.Join(want[i], "\x00") {
			t.Errorf("row %d has the cells %q, want %q", i+1, cells[i], want[i])
		}
	}
	wantProse := []string{
		"Poll again while the value is `a|b`.",
		"`` `c|d` `` and `|` are terminal: once reached, the value never moves to another.",
	}
	if strings.Join(prose, "\n") != strings.Join(wantProse, "\n") {
		t.Errorf("prose:\n%s\nwant:\n%s", strings.Join(prose, "\n"), strings.Join(wantProse, "\n"))
	}
}

// gfmCells splits a table row as GitHub Flavored Markdown does: at every
// pipe not escaped by a backslash, before any inline parsing; then \| in a
// cell becomes |, and the cell is trimmed.
func gfmCells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	row = strings.TrimSuffix(row, "|")
	var cells []string
	var cell strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cell.WriteByte('|')
			i++
		case row[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(row[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// Mermaid strips %%{...}%% directives anywhere in a diagram before it
// parses, so a wire name holding them emptied its label (a parse error) or
// changed it: in a state's label '%' is an entity code, like the other
// characters Mermaid reads.
func TestMermaidLabels(t *testing.T) {
	for name, want := range map[string]string{
		"%%{x}%%":   `"#37;#37;{x}#37;#37;"`,
		"a%%{b}%%c": `"a#37;#37;{b}#37;#37;c"`,
		"50%":       `"50#37;"`,
		"a<b>&c#;":  `"a#60;b#62;#38;c#35;#59;"`,
		"plain-1.x": `"plain-1.x"`,
	} {
		got := mermaidLabel(name)
		if got != want {
			t.Errorf("mermaidLabel(%q) = %s, want %s", name, got, want)
		}
		if strings.Contains(got, "%%") || strings.Count(got, `"`) != 2 {
			t.Errorf("mermaidLabel(%q) = %s still holds a directive marker or a quote", name, got)
		}
	}
}

// A fence in the spec's text would open a code block that the text may
// not close, and swallow the rest of the page: only the diagram's fence
// opens one.
func TestMarkdownTextOpensNoFence(t *testing.T) {
	spec, err := gen.Parse("spec.yaml", []byte("type: Fence\n"+
		"doc: \"Fence is it.\\n```\\nunclosed\\n  ~~~ tilde\\n    ```\"\n"+
		"categories:\n  - {name: c, description: \"one\\n```\\ntwo\"}\n"+
		"values:\n  - {name: A, category: c, description: \"x\\n```\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	md, err := Generate(e)
	if err != nil {
		t.Fatal(err)
	}
	var fences []string
	for _, line := range strings.Split(string(md), "\n") {
		if body := strings.TrimLeft(line, " "); len(line)-len(body) <= 3 && (strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~")) {
			fences = append(fences, line)
		}
	}
	if want := []string{"```mermaid", "```"}; strings.Join(fences, "\n") != strings.Join(want, "\n") {
		t.Errorf("fence lines %q, want only the diagram's %q:\n%s", fences, want, md)
	}
	if !strings.Contains(string(md), "\n\\```\nunclosed\n  \\~~~ tilde\n    ```\n") {
		t.Errorf("the doc's fences are not shown as text:\n%s", md)
	}
}
