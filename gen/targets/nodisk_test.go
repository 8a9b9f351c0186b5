package targets

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// The layout section of docs/contributing.md promises that gen (the model
// and every target) touches no disk: the CLI reads and writes, the library only turns
// bytes into bytes. A package under gen that imports a file-system or
// process package breaks that promise.
func TestGenTouchesNoDisk(t *testing.T) {
	forbidden := map[string]bool{"os": true, "os/exec": true, "io/fs": true, "io/ioutil": true, "path/filepath": true, "net": true, "syscall": true}
	for _, dir := range genPackages(t) {
		files, err := filepath.Glob(filepath.Join("../..", dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue // tests read their testdata
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				if path := strings.Trim(imp.Path.Value, `"`); forbidden[path] {
					t.Errorf("%s imports %s; gen reads and writes no files (that is cmd/statusgen's job)", file, path)
				}
			}
		}
	}
}
