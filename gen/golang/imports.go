package golang

import (
	"bytes"
	"fmt"
	"go/scanner"
	"go/token"
	"slices"
	"strconv"
)

// stdPackages holds, by name, every standard-library package the emitters
// may print a selector of. The outputs import only the standard library.
var stdPackages = map[string]string{
	"context":  "context",
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
// scan is returned as it is, for format to report.
//
// It reads tokens rather than parsing: a selector on a package is the
// package's name, a dot and a name, not after another dot, and the tokens
// leave out comments and string contents as a parse would. Scanning costs a
// small part of a parse, which format does anyway.
func withImports(src []byte) []byte {
	fset := token.NewFileSet()
	var s scanner.Scanner
	failed := false
	s.Init(fset.AddFile("", -1, len(src)), src, func(token.Position, string) { failed = true }, 0)
	var paths []string
	at := -1 // the end of the package clause
	var prev, prev2 token.Token
	var prevLit string
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if at < 0 && prev == token.PACKAGE && tok == token.IDENT {
			at = fset.Position(pos).Offset + len(lit)
		}
		if tok == token.PERIOD && prev == token.IDENT && prev2 != token.PERIOD {
			if path, ok := stdPackages[prevLit]; ok && !slices.Contains(paths, path) {
				paths = append(paths, path)
			}
		}
		prev2, prev, prevLit = prev, tok, lit
	}
	if failed || at < 0 || len(paths) == 0 {
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
	return slices.Concat(src[:at], []byte("\n"), decl.Bytes(), src[at:])
}
