package main

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
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
// that platform. Files are read for their declarations (scanDeclarations),
// not type-checked, so a folder with broken or unrelated Go files is no
// obstacle: what does not scan is skipped, and the compiler will say more.
//
// Each clash is an error at the spec node that makes the name:
//
//	spec.yaml:4:11: Failed is also declared at enums/other_gen.go:12:2
//
// The files are read as the spec is (see goFolders): a Go file that is not
// a regular file, or is larger than maxGoFileSize, is an error naming it.
func checkClashes(e *gen.Enum, out, fuzz string, folders *goFolders) error {
	outputs := []string{out, fuzz}
	// The names declared beside each output, read first: usually there
	// are none, and the enum's own declarations (a million aliases' worth
	// in a large spec) are then not listed at all.
	declared := map[string]map[string]token.Position{}
	others := false
	for _, path := range outputs {
		if dir := filepath.Dir(path); path != "" && declared[dir] == nil {
			declared[dir] = folderDeclarations(folders, dir, outputs)
			others = others || len(declared[dir]) > 0
		}
	}
	if !others {
		return nil
	}
	byFolder := map[string][]golang.Declaration{}
	var dirs []string
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
			dirs = append(dirs, dir)
		}
		byFolder[dir] = append(byFolder[dir], d)
	}
	var errs gen.ErrorList
	for _, dir := range dirs {
		for _, d := range byFolder[dir] {
			if at, ok := declared[dir][d.Name]; ok {
				errs = append(errs, &gen.Error{Pos: d.Pos, Msg: fmt.Sprintf("%s is also declared at %s", d.Name, at)})
			}
		}
	}
	return errs.Err()
}

// folderDeclarations returns the top-level names declared by the Go files
// of the package in dir, _test.go files included, each with its position,
// leaving out the files in skip.
func folderDeclarations(folders *goFolders, dir string, skip []string) map[string]token.Position {
	declared := map[string]token.Position{}
	for _, f := range folders.files(dir, skip) {
		for _, d := range f.decls.names {
			if _, seen := declared[d.name]; !seen && d.name != "_" && d.name != "init" {
				declared[d.name] = f.fset.Position(d.pos)
			}
		}
	}
	return declared
}

// maxGoFileSize caps what statusgen reads of a Go file beside an output,
// as maxSpecSize caps a spec: without a cap, a link named evil.go to
// /dev/zero reads until memory runs out.
const maxGoFileSize = 64 << 20

// goFolders reads and parses the Go files of package pkg in each output's
// folder once, for both clash checks, and keeps what it could not read.
// The outputs of the run are never read: they are about to be replaced.
type goFolders struct {
	pkg     string
	outputs []string
	byDir   map[string][]goFile
	errors  []fileError
}

// A goFile is one Go file of the package, with what it declares.
type goFile struct {
	path  string
	fset  *token.FileSet
	decls declarations
}

func newGoFolders(pkg string, outputs []string) *goFolders {
	return &goFolders{pkg: pkg, outputs: outputs, byDir: map[string][]goFile{}}
}

// files returns the Go files of the package in dir, _test.go files
// included, but the files in skip. What does not parse is left out: the
// compiler will say more. What cannot be read is recorded (see err).
func (g *goFolders) files(dir string, skip []string) []goFile {
	files, ok := g.byDir[dir]
	if !ok {
		files = g.read(dir)
		g.byDir[dir] = files
	}
	var out []goFile
	for _, f := range files {
		if !isOneOf(f.path, skip) {
			out = append(out, f)
		}
	}
	return out
}

func (g *goFolders) read(dir string) []goFile {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // a missing folder holds no clash; writing reports it
	}
	var files []goFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		path := filepath.Join(dir, name)
		if isOneOf(path, g.outputs) {
			continue
		}
		src, err := readGoFile(path)
		if err != nil {
			g.errors = append(g.errors, fileError{path, err.Error()})
			continue
		}
		fset := token.NewFileSet()
		decls, ok := scanDeclarations(fset.AddFile(path, -1, len(src)), src)
		if !ok || decls.pkg != g.pkg {
			continue // a file of another package (an external _test package) does not count
		}
		files = append(files, goFile{path, fset, decls})
	}
	return files
}

// err returns what could not be read, one error per file, sorted by path.
func (g *goFolders) err() []error {
	sortErrors(g.errors)
	var errs []error
	for _, e := range g.errors {
		errs = append(errs, fmt.Errorf("statusgen: %w", e))
	}
	return errs
}

// readGoFile reads a Go file beside an output: a regular file, after its
// links, of at most maxGoFileSize bytes. A FIFO, socket or device is
// refused before it is opened, and the file is opened without blocking and
// checked again, so that one put in its place meanwhile cannot hang the
// run either.
func readGoFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		if target, linkErr := os.Readlink(path); linkErr == nil && errors.Is(err, fs.ErrNotExist) {
			// A dangling link breaks the go command's build of the
			// package too; say so, rather than stat's error.
			return nil, fmt.Errorf("links to %s, which does not exist (the go command cannot build the package either); remove the link, or point it at a Go file", target)
		}
		return nil, err
	}
	if err := readKindError(info.Mode()); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := readKindError(info.Mode()); err != nil {
		return nil, err
	}
	if info.Size() > maxGoFileSize {
		return nil, fmt.Errorf("larger than %d MiB, the most statusgen reads of a Go file beside its outputs", maxGoFileSize>>20)
	}
	data, err := readSized(f, info.Size(), maxGoFileSize)
	if err != nil {
		return nil, err
	}
	if len(data) > maxGoFileSize {
		return nil, fmt.Errorf("larger than %d MiB, the most statusgen reads of a Go file beside its outputs", maxGoFileSize>>20)
	}
	return data, nil
}

// readKindError says why statusgen will not read a Go file of this kind,
// or nil for a regular file.
func readKindError(mode fs.FileMode) error {
	if mode.IsRegular() {
		return nil
	}
	return fmt.Errorf("is %s; statusgen reads only regular Go files beside its outputs", fileKind(mode))
}

// methodClashes returns the methods the generated Go file o declares that
// another file of its package declares too, such as a hand-written
// IsTerminal, or MarshalJSONTo in a stale -jsonv2 file of the same type
// under another name: "method T.M is also declared at file:line:col". It
// reads the generated code itself, so it runs after generating and before
// writing.
func methodClashes(o *output, others []goFile) []string {
	if len(others) == 0 {
		return nil // nothing to clash with: the common case reads nothing
	}
	generated, ok := scanDeclarations(token.NewFileSet().AddFile(o.path, -1, len(o.data)), o.data)
	if !ok {
		return nil // a generator bug, which the Go tests of the output report
	}
	methods := map[string]bool{}
	for _, m := range generated.methods {
		methods[m.name] = true
	}
	var clashes []string
	for _, f := range others {
		for _, m := range f.decls.methods {
			if methods[m.name] {
				clashes = append(clashes, fmt.Sprintf("method %s is also declared at %s", m.name, f.fset.Position(m.pos)))
			}
		}
	}
	return clashes
}

// clashError is one error at the spec's type for every method clash: they
// are all at the type, and the list keeps one error per position.
func clashError(spec *gen.Spec, clashes []string) error {
	slices.Sort(clashes)
	return gen.ErrorList{{Pos: spec.TypePos, Msg: strings.Join(slices.Compact(clashes), "; ")}}
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
