package status_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// docs/contributing.md promises that package status imports nothing of this
// module: it is what a generated enum is on its own, and the helpers in the
// root package depend on it only in tests. Imports are read from the source, so
// the test needs no go command.
func TestStatusImportsNothingOfOurs(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files (%v)", err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path := strings.Trim(imp.Path.Value, `"`); strings.HasPrefix(path, "github.com/taskstatus/") {
				t.Errorf("%s imports %s; package status imports nothing of ours", file, path)
			}
		}
	}
}
