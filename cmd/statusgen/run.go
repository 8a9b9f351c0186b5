package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/internal/textdiff"
)

const (
	exitOK    = 0
	exitError = 1 // spec or I/O error, or drift under -check
	exitUsage = 2
)

// An artifact is one kind of file statusgen can produce from a spec, named
// by its own flag. Any combination may be given in one run.
type artifact struct {
	flag, help string
	goFile     bool // a Go file, which needs a package name
	generate   func(*gen.Spec, gen.Options) ([]byte, error)
}

var artifacts = []artifact{
	{"out", "write the Go enum to `FILE`", true, gen.Generate},
	{"fuzz", "write fuzz targets for the enum to `FILE` (a _test.go file in the same package)", true, gen.GenerateFuzz},
	{"sql", "write PostgreSQL DDL for the enum to `FILE`", false, gen.SQL},
	{"jsonschema", "write a JSON Schema (draft 2020-12) of the wire names to `FILE`", false, gen.JSONSchema},
	{"ts", "write a TypeScript module for the enum to `FILE`", false, gen.TypeScript},
	{"md", "write a Markdown reference page for the enum to `FILE`", false, gen.Markdown},
}

// output is one file to write or check.
type output struct {
	path string
	data []byte
}

// run is the whole command, with its streams passed in so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("statusgen", flag.ContinueOnError)
	flags.SetOutput(stderr)
	specPath := flags.String("spec", "", "read the YAML spec from `FILE` (required)")
	pkg := flags.String("package", "", "package `NAME` of the Go outputs (default: the spec's package, else the output folder's name)")
	check := flags.Bool("check", false, "write nothing; exit 1 with a diff if an output differs from what the spec generates")
	migrateFrom := flags.String("sql-migrate-from", "", "print to standard output the SQL that migrates a database from the spec in `FILE` to -spec")
	paths := make([]*string, len(artifacts))
	for i, a := range artifacts {
		paths[i] = flags.String(a.flag, "", a.help)
	}
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: statusgen -spec FILE [-out FILE] [-fuzz FILE] [-sql FILE] [-jsonschema FILE] [-ts FILE] [-md FILE] [-package NAME] [-check]")
		fmt.Fprintln(stderr, "       statusgen -spec NEW -sql-migrate-from OLD")
		fmt.Fprintln(stderr, "At least one output (or -sql-migrate-from) is required.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	var wanted []int
	for i, p := range paths {
		if *p != "" {
			wanted = append(wanted, i)
		}
	}
	if flags.NArg() > 0 || *specPath == "" || len(wanted) == 0 && *migrateFrom == "" {
		switch {
		case flags.NArg() > 0:
			fmt.Fprintf(stderr, "statusgen: unexpected argument %q\n", flags.Arg(0))
		case *specPath == "":
			fmt.Fprintln(stderr, "statusgen: -spec is required")
		default:
			fmt.Fprintln(stderr, "statusgen: name at least one output, such as -out")
		}
		flags.Usage()
		return exitUsage
	}

	if *migrateFrom != "" {
		if err := migrate(*migrateFrom, *specPath, stdout); err != nil {
			fmt.Fprintln(stderr, err)
			return exitError
		}
		if len(wanted) == 0 {
			return exitOK
		}
	}
	outputs, err := generate(*specPath, *pkg, wanted, paths)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	if *check {
		return checkOutputs(outputs, *specPath, stdout, stderr)
	}
	for _, o := range outputs {
		if err := writeAtomic(osFileSystem{}, o.path, o.data); err != nil {
			fmt.Fprintf(stderr, "statusgen: %v\n", err)
			return exitError
		}
	}
	return exitOK
}

// generate reads the spec and renders every wanted output in memory, so that
// no file is touched unless all of them could be made.
func generate(specPath, pkg string, wanted []int, paths []*string) ([]output, error) {
	src, err := os.ReadFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("statusgen: %w", err)
	}
	spec, err := gen.Parse(specPath, src)
	if err != nil {
		return nil, err
	}
	if pkg == "" && spec.Package == "" {
		// Name the package after the first Go output's folder; other
		// outputs have no package and may sit anywhere.
		for _, i := range wanted {
			if artifacts[i].goFile {
				if pkg, err = folderPackage(*paths[i]); err != nil {
					return nil, err
				}
				break
			}
		}
	}
	if err := checkClashes(spec, pkg, goOutput("out", paths), goOutput("fuzz", paths)); err != nil {
		return nil, err
	}
	var outputs []output
	for _, i := range wanted {
		data, err := artifacts[i].generate(spec, gen.Options{Package: pkg})
		if err != nil {
			return nil, fmt.Errorf("statusgen: -%s: %w", artifacts[i].flag, err)
		}
		outputs = append(outputs, output{*paths[i], data})
	}
	return outputs, nil
}

// migrate prints the SQL that takes a database from the old spec's DDL to
// the new one's; nothing when the values did not change.
func migrate(oldPath, newPath string, stdout io.Writer) error {
	var specs [2]*gen.Spec
	for i, path := range []string{oldPath, newPath} {
		src, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("statusgen: %w", err)
		}
		if specs[i], err = gen.Parse(path, src); err != nil {
			return err
		}
	}
	sql, err := gen.SQLMigration(specs[0], specs[1])
	if err != nil {
		return fmt.Errorf("statusgen: %w", err)
	}
	_, err = stdout.Write(sql)
	return err
}

// folderPackage names the package after the output's folder, as go mod init
// and most people do.
func folderPackage(outPath string) (string, error) {
	abs, err := filepath.Abs(outPath)
	if err != nil {
		return "", fmt.Errorf("statusgen: %w", err)
	}
	name := filepath.Base(filepath.Dir(abs))
	if !token.IsIdentifier(name) || name == "_" {
		return "", fmt.Errorf("statusgen: folder %q is not a Go package name; set package in the spec or pass -package", name)
	}
	return name, nil
}

func checkOutputs(outputs []output, specPath string, stdout, stderr io.Writer) int {
	code := exitOK
	for _, o := range outputs {
		onDisk, err := os.ReadFile(o.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(stderr, "statusgen: %s does not exist; generate it from %s (make generate)\n", o.path, specPath)
			code = exitError
		case err != nil:
			fmt.Fprintf(stderr, "statusgen: %v\n", err)
			code = exitError
		case !bytes.Equal(onDisk, o.data):
			fmt.Fprintf(stderr, "statusgen: %s is out of date with %s (edited by hand, or generated from another spec or statusgen version); regenerate it (make generate):\n", o.path, specPath)
			fmt.Fprint(stdout, textdiff.Unified(o.path, o.path+" (from "+specPath+")", onDisk, o.data))
			code = exitError
		}
	}
	return code
}

// writeAtomic replaces path with data so that readers see the old file or
// the new one, never a part: it writes a temporary file in the same folder
// and renames it over path. An unchanged file is left alone, and a changed
// one keeps its permissions. On any error the temporary file is removed and
// path is untouched. It does not fsync: a killed process loses nothing the
// kernel already has, the rename is atomic either way, and after a power cut
// the output is regenerated from the spec; the sync would otherwise be most
// of statusgen's run time.
func writeAtomic(fsys fileSystem, path string, data []byte) (err error) {
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, data) {
		return nil
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := fsys.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return fsys.Rename(tmp.Name(), path)
}

// fileSystem is what writeAtomic asks of the operating system, so that
// tests can make each step fail as a full disk or a crash would.
type fileSystem interface {
	CreateTemp(dir, pattern string) (tempFile, error)
	Rename(oldpath, newpath string) error
}

type tempFile interface {
	Name() string
	Write([]byte) (int, error)
	Chmod(fs.FileMode) error
	Close() error
}

type osFileSystem struct{}

func (osFileSystem) CreateTemp(dir, pattern string) (tempFile, error) {
	return os.CreateTemp(dir, pattern)
}
func (osFileSystem) Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
