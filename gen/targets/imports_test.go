package targets

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Dependencies point one way: gen imports none of the packages under it, a
// target package imports gen and gen/internal/... but never a sibling
// target,
// and gen/targets is the one package that imports the targets. Every
// package under gen/ (tests included) says in its doc comment what its one
// job is. The imports are read from the source, so the test needs no go
// command.
func TestPackageBoundaries(t *testing.T) {
	const module = "github.com/taskstatus/taskstatus/"
	targetPkgs := []string{"gen/golang", "gen/sql", "gen/typescript", "gen/jsonschema", "gen/markdown", "gen/graphql"}
	dirs := []string{"gen", "gen/targets", "gen/internal/printer"}
	dirs = append(dirs, targetPkgs...)
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
