package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
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
func checkClashes(e *gen.Enum, pkg, out, fuzz string) error {
	if pkg == "" {
		pkg = e.Spec.Package
	}
	outputs := []string{out, fuzz}
	byFolder := map[string][]golang.Declaration{}
	var folders []string
	for _, d := range golang.Declarations(e) {
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
	declared := map[string]token.Position{}
	eachPackageFile(dir, pkg, skip, func(fset *token.FileSet, file *ast.File) {
		for _, id := range topLevelNames(file) {
			if _, seen := declared[id.Name]; !seen && id.Name != "_" && id.Name != "init" {
				declared[id.Name] = fset.Position(id.Pos())
			}
		}
	})
	return declared
}

// eachPackageFile parses every Go file of package pkg in dir, _test.go
// files included, but the files in skip, and hands each to fn. What does
// not parse is skipped: the compiler will say more.
func eachPackageFile(dir, pkg string, skip []string, fn func(*token.FileSet, *ast.File)) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // a missing folder holds no clash; writing reports it
	}
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
		fn(fset, file)
	}
}

// checkMethodClashes reports the methods the generated Go files declare that
// another file of their package declares too, such as a hand-written
// IsTerminal, or MarshalJSONTo in a stale -jsonv2 file of the same type
// under another name. It reads the generated code itself, so it runs after
// generating and before writing; each clash is an error at the spec's type.
func checkMethodClashes(spec *gen.Spec, pkg string, outputs []*output) error {
	if pkg == "" {
		pkg = spec.Package
	}
	var skip []string
	for _, o := range outputs {
		skip = append(skip, o.path)
	}
	seen := map[string]bool{}
	var clashes []string
	for _, o := range outputs {
		if !o.GoFile || o.data == nil {
			continue
		}
		generated, err := parser.ParseFile(token.NewFileSet(), o.path, o.data, parser.SkipObjectResolution)
		if err != nil {
			continue // a generator bug, which format already reports
		}
		methods := methodNames(generated)
		eachPackageFile(filepath.Dir(o.path), pkg, skip, func(fset *token.FileSet, file *ast.File) {
			for name, pos := range methodPositions(file, fset) {
				if methods[name] && !seen[name] {
					seen[name] = true
					clashes = append(clashes, fmt.Sprintf("method %s is also declared at %s", name, pos))
				}
			}
		})
	}
	if len(clashes) == 0 {
		return nil
	}
	// One error: they are all at the spec's type, and the list keeps one
	// error per position.
	slices.Sort(clashes)
	return gen.ErrorList{{Pos: spec.TypePos, Msg: strings.Join(clashes, "; ")}}
}

// methodNames returns the methods file declares, as Type.Method.
func methodNames(file *ast.File) map[string]bool {
	names := map[string]bool{}
	for name := range methodPositions(file, token.NewFileSet()) {
		names[name] = true
	}
	return names
}

// methodPositions returns the methods file declares, as Type.Method, with
// their positions.
func methodPositions(file *ast.File, fset *token.FileSet) map[string]token.Position {
	methods := map[string]token.Position{}
	for _, decl := range file.Decls {
		d, ok := decl.(*ast.FuncDecl)
		if !ok || d.Recv == nil || len(d.Recv.List) == 0 {
			continue
		}
		recv := d.Recv.List[0].Type
		if star, ok := recv.(*ast.StarExpr); ok {
			recv = star.X
		}
		if id, ok := recv.(*ast.Ident); ok {
			methods[id.Name+"."+d.Name.Name] = fset.Position(d.Name.Pos())
		}
	}
	return methods
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
