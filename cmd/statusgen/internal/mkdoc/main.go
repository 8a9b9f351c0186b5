// Mkdoc writes the reference parts of statusgen's manual from the code that
// defines them, so that they cannot drift from it: the package comment of
// cmd/statusgen (doc.go) and docs/flags.md from the flag set statusgen
// parses with (cmd/statusgen/internal/cli: its own flags and one output flag
// per entry of targets.List), which is also what statusgen -h prints; and
// docs/rules.md from gen.Rules, the rules -against applies.
//
// Usage, from cmd/statusgen (make generate runs it through go generate):
//
//	go run ./internal/mkdoc [-check] -doc doc.go -flags ../../docs/flags.md -rules ../../docs/rules.md
//
// With -check it writes nothing and exits 1, printing a unified diff, when a
// file differs from what it would write (make check runs it so).
package main

import (
	"bytes"
	"embed"
	"flag"
	"fmt"
	"go/format"
	"os"
	"strings"
	"text/template"

	"github.com/taskstatus/taskstatus/cmd/statusgen/internal/cli"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/internal/textdiff"
)

//go:embed *.tmpl
var templates embed.FS

func main() {
	check := flag.Bool("check", false, "write nothing; exit 1 with a diff if a file differs from what would be written")
	docPath := flag.String("doc", "", "write cmd/statusgen's package comment to `FILE`")
	flagsPath := flag.String("flags", "", "write the flag reference (Markdown) to `FILE`")
	rulesPath := flag.String("rules", "", "write the table of -against's rules (Markdown) to `FILE`")
	flag.Parse()
	if flag.NArg() > 0 || *docPath == "" || *flagsPath == "" || *rulesPath == "" {
		fmt.Fprintln(os.Stderr, "usage: mkdoc [-check] -doc FILE -flags FILE -rules FILE")
		os.Exit(2)
	}
	files, err := render()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkdoc:", err)
		os.Exit(1)
	}
	failed := false
	for _, f := range []struct{ path, name string }{{*docPath, "doc.go.tmpl"}, {*flagsPath, "flags.md.tmpl"}, {*rulesPath, "rules.md.tmpl"}} {
		want := files[f.name]
		got, err := os.ReadFile(f.path)
		if err != nil && !os.IsNotExist(err) {
			fmt.Fprintln(os.Stderr, "mkdoc:", err)
			failed = true
			continue
		}
		if bytes.Equal(got, want) {
			continue
		}
		if *check {
			fmt.Fprintf(os.Stderr, "mkdoc: %s is out of date; run make generate\n", f.path)
			fmt.Print(textdiff.Unified(f.path, f.path+" (generated)", got, want))
			failed = true
			continue
		}
		if err := os.WriteFile(f.path, want, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mkdoc:", err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// A flagDoc is one flag as -h prints it.
type flagDoc struct {
	Name, Arg, Usage string
	Help             []string // Usage wrapped for a doc comment
}

// render returns each template's output, keyed by the template's name.
func render() (map[string][]byte, error) {
	fs, _ := cli.New(nil)
	var flags []flagDoc
	fs.VisitAll(func(f *flag.Flag) { // in the order -h prints them
		arg, usage := flag.UnquoteUsage(f)
		if arg == "value" { // a boolean flag: flag prints no argument
			arg = ""
		}
		flags = append(flags, flagDoc{Name: f.Name, Arg: arg, Usage: usage, Help: wrap(usage, 66)})
	})
	data := map[string]any{
		"Synopsis": cli.Synopsis(),
		"Required": cli.Required,
		"Flags":    flags,
		"Rules":    gen.Rules,
	}
	funcs := template.FuncMap{"cell": cell}
	out := map[string][]byte{}
	for _, name := range []string{"doc.go.tmpl", "flags.md.tmpl", "rules.md.tmpl"} {
		t, err := template.New(name).Funcs(funcs).ParseFS(templates, name)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return nil, err
		}
		if strings.HasSuffix(name, ".go.tmpl") {
			src, err := format.Source(b.Bytes())
			if err != nil {
				return nil, fmt.Errorf("%s: %v\n%s", name, err, b.Bytes())
			}
			out[name] = src
			continue
		}
		out[name] = b.Bytes()
	}
	return out, nil
}

// wrap splits s into lines of at most width bytes at spaces (a longer word
// gets a line of its own).
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}

// cell makes s one cell of a Markdown table: a pipe would end the cell.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
