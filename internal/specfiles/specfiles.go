// Package specfiles lists the specs this repository holds, for the tests
// that run every one of them through a reader: each YAML file, and each
// YAML file of a txtar archive (the golden, error and migration cases),
// named by its path, "case.txtar:spec.yaml" for an archive's.
package specfiles

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/txtar"
)

// All returns the specs under root, the repository's top folder, by name;
// folders whose name starts with a dot and node_modules are skipped.
func All(root string) (map[string][]byte, error) {
	all := make(map[string][]byte)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml":
			src, err := os.ReadFile(path)
			all[path] = src
			return err
		case ".txtar":
			a, err := txtar.ParseFile(path)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				if strings.HasSuffix(f.Name, ".yaml") {
					all[path+":"+f.Name] = f.Data
				}
			}
		}
		return nil
	})
	return all, err
}
