package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The declarations read from tokens must be go/parser's: for every file of
// the Go distribution's sources (and this module's) that parses, the same
// package-level names at the same positions, in the same order, and the
// same methods on T and *T receivers. testdata folders are left out: the
// type checker's hold programs that parse but are not Go (methods with
// several receivers). Without -short it reads every third file of the Go
// sources (all of them took 13 s) and every file of this module; with it,
// package go's and gen's.
func TestScanDeclarationsMatchesParser(t *testing.T) {
	goroot := goRoot(t)
	roots := []string{filepath.Join(goroot, "src"), "../.."}
	if testing.Short() {
		roots = []string{filepath.Join(goroot, "src", "go"), filepath.Join(goroot, "src", "net", "http"), "../../gen"}
	}
	files, seen := 0, 0
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if e != nil && e.IsDir() && e.Name() == "testdata" {
				return filepath.SkipDir
			}
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			if seen++; !testing.Short() && root != "../.." && seen%3 != 0 {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
			if err != nil {
				return nil // the checks skip it either way
			}
			files++
			got, ok := scanDeclarations(fset.AddFile(path, -1, len(src)), src)
			if !ok {
				t.Errorf("%s parses but does not scan", path)
				return nil
			}
			// Positions as file:line:col, since the two token.Files differ.
			gotFset := token.NewFileSet()
			got, _ = scanDeclarations(gotFset.AddFile(path, -1, len(src)), src)
			if got.pkg != file.Name.Name {
				t.Errorf("%s: package %q, want %q", path, got.pkg, file.Name.Name)
			}
			want, wantMethods := parsedDeclarations(file, fset)
			if names := positions(gotFset, got.names); !slices.Equal(names, want) {
				t.Errorf("%s: names\n%v\nwant\n%v", path, first(names), first(want))
			}
			if methods := positions(gotFset, got.methods); !slices.Equal(methods, wantMethods) {
				i := 0
				for i < min(len(methods), len(wantMethods)) && methods[i] == wantMethods[i] {
					i++
				}
				t.Errorf("%s: methods from %d\n%v\nwant\n%v", path, i, first(methods[i:]), first(wantMethods[i:]))
			}
			return nil
		})
	}
	if files < 100 {
		t.Fatalf("read %d Go files; the test needs the Go distribution's sources", files)
	}
	t.Logf("%d files", files)
}

// goRoot is the Go distribution's root, as the go command says
// (runtime.GOROOT is deprecated).
func goRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// first returns what differs first between the two lists, and after.
func first(s []string) []string { return s[:min(len(s), 20)] }

func positions(fset *token.FileSet, ds []declared) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.name+"@"+fset.Position(d.pos).String())
	}
	return out
}

// parsedDeclarations is what the syntax tree says: the names of package-level
// functions, types, variables and constants, and methods on T or *T.
func parsedDeclarations(file *ast.File, fset *token.FileSet) (names, methods []string) {
	at := func(id *ast.Ident) string { return fset.Position(id.Pos()).String() }
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names = append(names, d.Name.Name+"@"+at(d.Name))
				continue
			}
			if len(d.Recv.List) == 0 {
				continue
			}
			recv := d.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok {
				methods = append(methods, id.Name+"."+d.Name.Name+"@"+at(d.Name))
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name+"@"+at(s.Name))
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name+"@"+at(n))
					}
				}
			}
		}
	}
	return names, methods
}

// A file that does not scan is left out, as one that does not parse was.
func TestScanDeclarationsRefusesWhatDoesNotScan(t *testing.T) {
	for _, src := range []string{
		"package p\n\nfunc F() {\n",
		"package p\n\nfunc F() }\n",
		"package p\n\nvar x = 'ab\n",
		"package p\n\nconst ( A = 1\n",
		"package p\n\nvar s = \"\x00\"\n\x01",
		"// no package clause\n\nfunc F() {}\n",
	} {
		if _, ok := scanDeclarations(token.NewFileSet().AddFile("x.go", -1, len(src)), []byte(src)); ok {
			t.Errorf("%q scans", src)
		}
	}
}

// Shapes of declarations that gofmt keeps and the Go sources may not
// hold, each held to go/parser like the sources above.
func TestScanDeclarationsOddShapes(t *testing.T) {
	for _, src := range []string{
		// A receiver list over several lines ends with a comma.
		"package p\n\nfunc (\n\tl Level,\n) String() string {\n\treturn \"\"\n}\n",
		"package p\n\nfunc (l *Level,) IsValid() bool { return true }\n",
		"package p\n\nfunc (Level,) Name() string { return \"\" }\n",
		"package p\n\nfunc (a, b Level,) Two() {}\n",
		"\ufeffpackage p\n\nvar High = 2\n",
		"//go:build ignore\n\npackage p\n\nvar Low = 1\n",
		"package p\n\n//line other.go:100\nvar Low = 1\n",
		"package p\n\ntype (\n\t// c\n\tLow int // x\n\t/* c */ High = int\n\tG[T any] struct{ x T }\n)\n",
		"package p\n\nvar (\n\t_, Low = f()\n\ta, b int\n)\n\nfunc f() (int, int) { return 1, 2 }\n\nfunc init() {}\n",
		"package p\n\n// #include <stdio.h>\nimport \"C\"\n\nfunc Low() {}\n",
		"package p\n\ntype G[T any] struct{}\n\nfunc (g G[T]) String() string { return \"\" }\n\nfunc (l *Level) IsValid() bool { return true }\n",
		"package p\n\nfunc (l (Level)) String() string { return \"\" }\n\nvar m = Level.String\n",
		"package p\n\nconst (\n\tA = iota\n\tB\n\t_\n\tC, D = 1, 2\n)\n",
	} {
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "x.go", src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		gotFset := token.NewFileSet()
		got, ok := scanDeclarations(gotFset.AddFile("x.go", -1, len(src)), []byte(src))
		if !ok {
			t.Errorf("%q parses but does not scan", src)
			continue
		}
		want, wantMethods := parsedDeclarations(file, fset)
		if names := positions(gotFset, got.names); !slices.Equal(names, want) {
			t.Errorf("%q: names %v, want %v", src, names, want)
		}
		if methods := positions(gotFset, got.methods); !slices.Equal(methods, wantMethods) {
			t.Errorf("%q: methods %v, want %v", src, methods, wantMethods)
		}
	}
}
