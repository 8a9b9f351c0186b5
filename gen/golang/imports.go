package golang

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
)

// stdPackages holds, by name, every standard-library package the emitters
// may print a selector of. The outputs import only the standard library.
var stdPackages = map[string]string{
	"driver":   "database/sql/driver",
	"errors":   "errors",
	"fmt":      "fmt",
	"io":       "io",
	"iter":     "iter",
	"json":     "encoding/json",
	"jsontext": "encoding/json/jsontext",
	"slices":   "slices",
	"strconv":  "strconv",
	"strings":  "strings",
	"testing":  "testing",
	"time":     "time",
	"utf8":     "unicode/utf8",
}

// withImports returns the printed file src with the import declaration
// its code needs, inserted after the package clause: one import for each
// package that a selector of the code names (fmt.Errorf, io.Writer). So the
// imports follow what was printed, and an option that leaves out a method
// leaves out its imports too. The generated code declares no name that is
// also a package's (the receiver has one letter, locals longer names), so
// a selector on one of those names is the package. A src that does not
// parse is returned as it is, for format to report.
func withImports(src []byte) []byte {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return src
	}
	var paths []string
	ast.Inspect(file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok {
			if path, ok := stdPackages[x.Name]; ok && !slices.Contains(paths, path) {
				paths = append(paths, path)
			}
		}
		return true
	})
	if len(paths) == 0 {
		return src
	}
	slices.Sort(paths)
	var decl bytes.Buffer
	if len(paths) == 1 {
		fmt.Fprintf(&decl, "\nimport %s\n", strconv.Quote(paths[0]))
	} else {
		decl.WriteString("\nimport (\n")
		for _, path := range paths {
			fmt.Fprintf(&decl, "\t%s\n", strconv.Quote(path))
		}
		decl.WriteString(")\n")
	}
	at := fset.Position(file.Name.End()).Offset // the end of the package clause
	return slices.Concat(src[:at], []byte("\n"), decl.Bytes(), src[at:])
}
