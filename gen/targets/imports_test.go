package targets

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Dependencies point one way: gen imports none of the packages under it, a
// target package imports gen and gen/internal/... but never a sibling
// target, and gen/targets is the one package that imports the targets. Every
// package under gen/ (tests included) says in its doc comment what its one
// job is. The imports are read from the source, so the test needs no go
// command.
func TestPackageBoundaries(t *testing.T) {
	const module = "github.com/taskstatus/taskstatus/"
	dirs := genPackages(t)
	var targetPkgs []string // every package under gen/ but the registry and gen/internal/...
	for _, dir := range dirs {
		if dir != "gen" && dir != "gen/targets" && !strings.HasPrefix(dir, "gen/internal/") {
			targetPkgs = append(targetPkgs, dir)
		}
	}
	if len(targetPkgs) == 0 {
		t.Fatal("found no target package under gen/")
	}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join("../..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		documented := false
		for _, file := range files {
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly|parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if f.Doc != nil && strings.HasPrefix(f.Doc.Text(), "Package "+f.Name.Name+" ") && !strings.HasSuffix(file, "_test.go") {
				documented = true
			}
			for _, imp := range f.Imports {
				path := strings.Trim(imp.Path.Value, `"`)
				ours, ok := strings.CutPrefix(path, module)
				if !ok || ours == dir {
					continue
				}
				var allowed bool
				switch {
				case dir == "gen":
					allowed = !strings.HasPrefix(ours, "gen/") // the model knows no target
				case dir == "gen/targets":
					allowed = true
				default: // a target or the printer: no sibling target, not the registry
					allowed = !slices.Contains(targetPkgs, ours) && ours != "gen/targets"
				}
				if !allowed {
					t.Errorf("%s imports %s; %s", file, path, "dependencies point from gen/targets to the targets to gen, never between targets (put what they share in gen or gen/internal)")
				}
			}
		}
		if !documented {
			t.Errorf("%s: no file has a doc comment \"Package %s ...\" saying what the package is for", dir, filepath.Base(dir))
		}
	}
}

// genPackages returns the folders of gen and of every package under it, as
// module-relative paths ("gen", "gen/sql"), found by walking gen/, so that
// a new target is checked without being listed here.
func genPackages(t *testing.T) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir("../../gen", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if d.Name() == "testdata" {
			return filepath.SkipDir
		}
		files, err := filepath.Glob(filepath.Join(path, "*.go"))
		if err != nil {
			return err
		}
		if slices.ContainsFunc(files, func(f string) bool { return !strings.HasSuffix(f, "_test.go") }) {
			rel, err := filepath.Rel("../..", path)
			if err != nil {
				return err
			}
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}
