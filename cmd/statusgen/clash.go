package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
)

// checkClashes reports the names the Go outputs would declare that another
// file of their package already declares, before anything is written:
// several specs may share a package, and two of them with a value FAILED and
// no prefix would both declare Failed. statusgen sees one spec at a time, so
// it reads the top-level declarations of the other Go files in each output's
// folder (other specs' generated files included; the outputs themselves
// excluded, since they are about to be replaced). Only files of the same
// package count, _test.go files included: go test and go vet compile them
// with the enum file as well as with the fuzz file (an external pkg_test
// package is another package and does not count). Build
// constraints are not evaluated: a name declared for any platform clashes on
// that platform. Files are parsed, not type-checked, so a folder with
// broken or unrelated Go files is no obstacle: what does not parse is
// skipped, and the compiler will say more.
//
// Each clash is an error at the spec node that makes the name:
//
//	spec.yaml:4:11: Failed is also declared at enums/other_gen.go:12:2
func checkClashes(spec *gen.Spec, pkg, out, fuzz string) error {
	if pkg == "" {
		pkg = spec.Package
	}
	outputs := []string{out, fuzz}
	byFolder := map[string][]gen.Declaration{}
	var folders []string
	for _, d := range gen.Declarations(spec) {
		path := out
		if d.Fuzz {
			path = fuzz
		}
		if path == "" {
			continue
		}
		dir := filepath.Dir(path)
		if _, seen := byFolder[dir]; !seen {
			folders = append(folders, dir)
		}
		byFolder[dir] = append(byFolder[dir], d)
	}
	var errs gen.ErrorList
	for _, dir := range folders {
		declared := folderDeclarations(dir, pkg, outputs)
		for _, d := range byFolder[dir] {
			if at, ok := declared[d.Name]; ok {
				errs = append(errs, &gen.Error{Pos: d.Pos, Msg: fmt.Sprintf("%s is also declared at %s", d.Name, at)})
			}
		}
	}
	return errs.Err()
}

// folderDeclarations returns the top-level names declared by the Go files
// of package pkg in dir, _test.go files included, each with its position,
// leaving out the files in skip.
func folderDeclarations(dir, pkg string, skip []string) map[string]token.Position {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // a missing folder holds no clash; writing reports it
	}
	declared := map[string]token.Position{}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		path := filepath.Join(dir, name)
		if isOneOf(path, skip) {
			continue
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil || file.Name.Name != pkg {
			continue
		}
		for _, id := range topLevelNames(file) {
			if _, seen := declared[id.Name]; !seen && id.Name != "_" && id.Name != "init" {
				declared[id.Name] = fset.Position(id.Pos())
			}
		}
	}
	return declared
}

// topLevelNames returns the identifiers a file declares at package level:
// functions (not methods), types, variables and constants.
func topLevelNames(file *ast.File) []*ast.Ident {
	var ids []*ast.Ident
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				ids = append(ids, d.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					ids = append(ids, s.Name)
				case *ast.ValueSpec:
					ids = append(ids, s.Names...)
				}
			}
		}
	}
	return ids
}

// isOneOf reports whether path names the same file as one of paths: the
// same cleaned absolute path, or, where both exist, the same file.
func isOneOf(path string, paths []string) bool {
	abs, _ := filepath.Abs(path)
	info, statErr := os.Stat(path)
	for _, p := range paths {
		if p == "" {
			continue
		}
		if other, _ := filepath.Abs(p); other == abs {
			return true
		}
		if otherInfo, err := os.Stat(p); err == nil && statErr == nil && os.SameFile(info, otherInfo) {
			return true
		}
	}
	return false
}

// goOutput returns the path given to the output flag name, or "".
func goOutput(name string, outputs []*output) string {
	for _, o := range outputs {
		if o.Flag == name {
			return o.path
		}
	}
	return ""
}
