// Gencheck is make check: it finds every //go:generate line of the module
// that runs statusgen, or mkdoc (which writes the manual's flag and rule
// references), and replays it with -check, in the line's folder, so the
// drift check and make generate read one list, the //go:generate lines
// themselves, and can never disagree about flags.
//
// Usage, from the module root:
//
//	go run ./internal/gencheck
//
// It exits 1 when any replay reports drift or an error, after running all
// of them, and when it finds no statusgen line at all.
package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	lines, err := find(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencheck:", err)
		os.Exit(1)
	}
	if len(lines) == 0 {
		fmt.Fprintln(os.Stderr, "gencheck: no //go:generate line runs statusgen")
		os.Exit(1)
	}
	tmp, err := os.MkdirTemp("", "gencheck")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencheck:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "statusgen")
	build := exec.Command("go", "build", "-o", bin, "./cmd/statusgen")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "gencheck: building statusgen:", err)
		os.Exit(1)
	}
	failed := false
	for _, l := range lines {
		fmt.Printf("%s: %s -check %s\n", l.file, l.tool, strings.Join(l.args, " "))
		cmd := exec.Command(bin, append([]string{"-check"}, l.args...)...)
		if l.tool == "mkdoc" {
			cmd = exec.Command("go", append([]string{"run", l.pkg, "-check"}, l.args...)...)
		}
		cmd.Dir = filepath.Dir(l.file)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// A generateLine is one //go:generate line that runs statusgen or mkdoc:
// the file that holds it, the tool, and the tool's arguments.
type generateLine struct {
	file string
	tool string // "statusgen" or "mkdoc"
	pkg  string // mkdoc's package path as the line names it
	args []string
}

// find returns the statusgen and mkdoc //go:generate lines of the Go files under
// root, skipping testdata and node_modules, in file order.
func find(root string) ([]generateLine, error) {
	var out []generateLine
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if args, ok := statusgenArgs(sc.Text()); ok {
				out = append(out, generateLine{file: path, tool: "statusgen", args: args})
			} else if pkg, args, ok := mkdocArgs(sc.Text()); ok {
				out = append(out, generateLine{file: path, tool: "mkdoc", pkg: pkg, args: args})
			}
		}
		return sc.Err()
	})
	return out, err
}

// statusgenArgs returns statusgen's arguments when line is a //go:generate
// directive that runs it: go run PATH/cmd/statusgen, go tool statusgen, or
// statusgen. The lines we write quote nothing, so fields split them as the
// go command would.
func statusgenArgs(line string) ([]string, bool) {
	rest, ok := strings.CutPrefix(line, "//go:generate ")
	if !ok {
		return nil, false
	}
	f := strings.Fields(rest)
	switch {
	case len(f) >= 3 && f[0] == "go" && f[1] == "run" && (f[2] == "./cmd/statusgen" || strings.HasSuffix(f[2], "/cmd/statusgen")):
		return f[3:], true
	case len(f) >= 3 && f[0] == "go" && f[1] == "tool" && f[2] == "statusgen":
		return f[3:], true
	case len(f) >= 1 && f[0] == "statusgen":
		return f[1:], true
	}
	return nil, false
}

// mkdocArgs returns mkdoc's package path and arguments when line is a
// //go:generate directive that runs it: go run PATH/internal/mkdoc.
func mkdocArgs(line string) (pkg string, args []string, ok bool) {
	rest, ok := strings.CutPrefix(line, "//go:generate ")
	if !ok {
		return "", nil, false
	}
	f := strings.Fields(rest)
	if len(f) >= 3 && f[0] == "go" && f[1] == "run" && (f[2] == "./internal/mkdoc" || strings.HasSuffix(f[2], "/internal/mkdoc")) {
		return f[2], f[3:], true
	}
	return "", nil, false
}
