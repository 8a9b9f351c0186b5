package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/taskstatus/taskstatus/cmd/statusgen/internal/cli"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
	"github.com/taskstatus/taskstatus/gen/sql"
	"github.com/taskstatus/taskstatus/gen/targets"
	"github.com/taskstatus/taskstatus/internal/textdiff"
)

const (
	exitOK    = 0
	exitError = 1 // spec or I/O error, or drift under -check
	exitUsage = 2
)

// output is one file to write or check.
type output struct {
	*targets.Target
	path   string      // as given on the command line
	target string      // the file to replace: path with its links followed
	info   fs.FileInfo // target's (from Lstat), nil when it does not exist
	data   []byte      // the generated content, until it is staged
	tmp    string      // the staged content's temporary file, until it is renamed
	synced chan error  // the sync and close of tmp, until waited for (waitSynced)
	// write, set instead of data for a target with Write when the output
	// is written, prints the content to a writer, until it is staged.
	write func(io.Writer) error
}

// run is the whole command, with its streams passed in so tests can call it.
// It is a pipeline, and each step runs only when every earlier one
// succeeded, so a failed run writes nothing:
//
//  1. parse the flags: a bad flag, an invalid -package, or two paths that
//     name one file is a usage error;
//  2. check every output path (prepare) and read and parse the spec, and
//     report every problem found;
//  3. generate every output (generate), in memory or, when it is written,
//     straight into a temporary file;
//  4. compare with the files on disk (-check), or write them all
//     (writeOutputs).
func run(args []string, stdout, stderr io.Writer) int {
	flags, f := cli.New(stderr)
	specPath, pkg, check, migrateFrom, against, audiences, paths := f.Spec, f.Package, f.Check, f.MigrateFrom, f.Against, f.Audiences, f.Outputs
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	opts := f.Options // filled in by Parse
	// -audiences "" is a mistake (an unset shell variable, say), not a
	// request to judge every audience: only an absent flag means all.
	audiencesSet := false
	flags.Visit(func(fl *flag.Flag) { audiencesSet = audiencesSet || fl.Name == "audiences" })
	if *against != "" {
		if flags.NArg() > 0 || *specPath == "" || *migrateFrom != "" || *check || *pkg != "" || slices.ContainsFunc(paths, func(p *string) bool { return *p != "" }) || opts != (targets.Options{}) {
			fmt.Fprintln(stderr, "statusgen: -against takes -spec and -audiences and nothing else")
			flags.Usage()
			return exitUsage
		}
		judged := gen.AllAudiences
		if audiencesSet {
			var err error
			if judged, err = gen.ParseAudiences(*audiences); err != nil {
				fmt.Fprintln(stderr, "statusgen: -audiences:", err)
				return exitUsage
			}
		}
		return compareSpecs(*specPath, *against, judged, stdout, stderr)
	}
	if audiencesSet {
		fmt.Fprintln(stderr, "statusgen: -audiences goes with -against")
		flags.Usage()
		return exitUsage
	}
	var outputs []*output
	named := []namedPath{{"spec", *specPath, true}}
	if *migrateFrom != "" {
		named = append(named, namedPath{"sql-migrate-from", *migrateFrom, true})
	}
	for i, p := range paths {
		if *p != "" {
			outputs = append(outputs, &output{Target: &targets.List[i], path: *p})
			named = append(named, namedPath{targets.List[i].Flag, *p, false})
		}
	}
	if flags.NArg() > 0 || *specPath == "" || len(outputs) == 0 && *migrateFrom == "" {
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
	if set := setOptions(opts); len(set) > 0 && !slices.ContainsFunc(outputs, func(o *output) bool { return o.GoFile }) {
		fmt.Fprintf(stderr, "statusgen: %s adds methods to the Go enum: name its file with -out\n", strings.Join(set, " "))
		return exitUsage
	}
	if *pkg != "" && !golang.IsPackageName(*pkg) {
		fmt.Fprintf(stderr, "statusgen: -package %q is not a Go package name\n", *pkg)
		return exitUsage
	}
	if msgs := sameFiles(named); len(msgs) > 0 {
		for _, msg := range msgs {
			fmt.Fprintf(stderr, "statusgen: %s; an output may not replace the spec or another output\n", msg)
		}
		return exitUsage
	}

	fileErrs := prepare(outputs, *check)
	sortErrors(fileErrs)
	for _, err := range fileErrs {
		fmt.Fprintf(stderr, "statusgen: %v\n", err)
	}
	var oldSpec func() (*gen.Enum, error)
	if *migrateFrom != "" {
		oldSpec = loadAside(*migrateFrom)
	}
	spec, enum, err := loadSpec(*specPath, outputs)
	if err != nil {
		fmt.Fprintln(stderr, err)
	}
	if err != nil || len(fileErrs) > 0 {
		return exitError
	}

	opts.Go.Package = *pkg
	// Under -check every output is kept to compare; otherwise each is
	// staged as soon as it is made (see generate).
	var finish func(*output) error
	if !*check {
		finish = func(o *output) error {
			if err := stage(osFileSystem{}, o); err != nil {
				return fmt.Errorf("statusgen: %w", err)
			}
			return nil
		}
	}
	if errs := generate(spec, enum, opts, outputs, finish); len(errs) > 0 {
		discard(outputs)
		for _, err := range errs {
			fmt.Fprintln(stderr, err)
		}
		return exitError
	}
	if *migrateFrom != "" {
		if err := migrate(oldSpec, enum, stdout); err != nil {
			discard(outputs) // staged above; a failed run writes nothing
			fmt.Fprintln(stderr, err)
			return exitError
		}
	}
	if *check {
		return checkOutputs(outputs, *specPath, regenerateCommand(*specPath, *pkg, opts, outputs), stdout, stderr)
	}
	errs := commit(osFileSystem{}, outputs)
	for _, err := range errs {
		fmt.Fprintf(stderr, "statusgen: %v\n", err)
	}
	if len(errs) > 0 {
		return exitError
	}
	return exitOK
}

// loadSpec reads and parses a spec and builds its enum. The checks of the
// targets asked for run in the same pass, on what of the spec decoded
// cleanly when it has errors (gen.BuildPartial), so that every problem of
// the run comes out in one list sorted by position.
func loadSpec(path string, outputs []*output) (*gen.Spec, *gen.Enum, error) {
	src, err := readSpec(path)
	if err != nil {
		return nil, nil, fmt.Errorf("statusgen: %w", err)
	}
	spec, enum, err := gen.Load(path, src)
	var specErrs gen.ErrorList
	if err != nil && !errors.As(err, &specErrs) {
		return nil, nil, err
	}
	ts := make([]*targets.Target, len(outputs))
	for i, o := range outputs {
		ts[i] = o.Target
	}
	if errs := targets.Check(enum, specErrs, ts); errs != nil {
		return nil, nil, errs
	}
	return spec, enum, nil
}

// generate renders every output and hands each to finish (when not nil),
// and returns every error. No output's file is touched here: finish only
// stages it (see stage), and the caller replaces the files once every
// output was made. With finish, an output whose target has Write is not
// rendered here but handed over with o.write set, to be printed straight
// into its temporary file.
func generate(spec *gen.Spec, enum *gen.Enum, opts targets.Options, outputs []*output, finish func(*output) error) []error {
	pkg := opts.Go.Package
	if pkg == "" && spec.Package == "" {
		// Name the package after the first Go output's folder; other
		// outputs have no package and may sit anywhere.
		for _, o := range outputs {
			if o.GoFile {
				var err error
				if pkg, err = folderPackage(o.path); err != nil {
					return []error{err}
				}
				break
			}
		}
	}
	clashPkg := pkg
	if clashPkg == "" {
		clashPkg = spec.Package
	}
	var paths []string
	for _, o := range outputs {
		paths = append(paths, o.path)
	}
	folders := newGoFolders(clashPkg, paths)
	err := checkClashes(enum, goOutput("out", outputs), goOutput("fuzz", outputs), folders)
	// Read the folder of every Go output now, -jsonv2's too, whose method
	// clashes the workers below look for: what cannot be read there is
	// refused like what cannot be read beside -out.
	for _, o := range outputs {
		if o.GoFile {
			folders.files(filepath.Dir(o.path), nil)
		}
	}
	if errs := folders.err(); len(errs) > 0 {
		return errs
	}
	if err != nil {
		return []error{err}
	}
	opts.Go.Package = pkg
	// The outputs are independent: generate them side by side, one worker
	// a CPU. Each is handed to finish as soon as it is made, which writes
	// it to a temporary file and lets it go, so that the run holds at most
	// one output a worker in memory, not all of them; one that streams is
	// never held whole.
	errs := make([]error, len(outputs))
	clashes := make([][]string, len(outputs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(outputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := outputs[i]
				// A Go file whose methods may clash with another file
				// of its package is made in memory, where
				// methodClashes reads it.
				var beside []goFile
				if o.GoFile {
					beside = folders.files(filepath.Dir(o.path), paths)
				}
				if o.Write != nil && finish != nil && len(beside) == 0 {
					// Printed as finish writes it to its temporary file:
					// the output is never held whole.
					o.write = func(w io.Writer) error { return o.Write(w, enum, opts) }
					errs[i] = finish(o)
					continue
				}
				data, err := o.Generate(enum, opts)
				if err != nil {
					errs[i] = fmt.Errorf("statusgen: -%s: %w", o.Flag, err)
					continue
				}
				o.data = data
				if o.GoFile {
					clashes[i] = methodClashes(o, beside)
				}
				if finish != nil {
					errs[i] = finish(o)
				}
			}
		}()
	}
	for i := range outputs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if all := slices.Concat(clashes...); len(all) > 0 {
		errs = append(errs, clashError(spec, all))
	}
	return slices.DeleteFunc(errs, func(err error) bool { return err == nil })
}

// migrate prints the SQL that takes a database from the old spec's DDL to
// the new one's, or a comment saying there is nothing to migrate. It is
// written as it is printed, never held whole; a migration that is refused
// prints nothing.
func migrate(oldSpec func() (*gen.Enum, error), newEnum *gen.Enum, stdout io.Writer) error {
	old, err := oldSpec()
	if err != nil {
		return err
	}
	if err := sql.WriteMigration(stdout, old, newEnum); err != nil {
		return fmt.Errorf("statusgen: %w", err)
	}
	return nil
}

// loadAside reads a spec in the background, while the run reads its own
// (a large pair takes half as long on two CPUs); the function it returns
// waits for the result.
func loadAside(path string) func() (*gen.Enum, error) {
	var enum *gen.Enum
	var err error
	done := make(chan struct{})
	go func() {
		_, enum, err = loadSpec(path, nil)
		close(done)
	}()
	return func() (*gen.Enum, error) {
		<-done
		return enum, err
	}
}

// folderPackage names the package after the output's folder, as go mod init
// and most people do.
func folderPackage(outPath string) (string, error) {
	abs, err := filepath.Abs(outPath)
	if err != nil {
		return "", fmt.Errorf("statusgen: %w", err)
	}
	name := filepath.Base(filepath.Dir(abs))
	if !golang.IsPackageName(name) {
		return "", fmt.Errorf("statusgen: folder %q is not a Go package name; set package in the spec or pass -package", name)
	}
	return name, nil
}

// regenerateCommand is the statusgen command line that writes the outputs
// of this run: what -check tells a user to run, in any module (not our
// Makefile's make generate).
func regenerateCommand(specPath, pkg string, opts targets.Options, outputs []*output) string {
	args := []string{"statusgen", "-spec", shellQuote(specPath)}
	if pkg != "" {
		args = append(args, "-package", shellQuote(pkg))
	}
	args = append(args, setOptions(opts)...)
	for _, o := range outputs {
		args = append(args, "-"+o.Flag, shellQuote(o.path))
	}
	return strings.Join(args, " ")
}

// setOptions returns the option flags opts sets, as a command line has
// them (-gqlgen).
func setOptions(opts targets.Options) []string {
	var set []string
	for _, o := range targets.OptionFlags {
		if *o.Field(&opts) {
			set = append(set, "-"+o.Flag)
		}
	}
	return set
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+=:,@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func checkOutputs(outputs []*output, specPath, command string, stdout, stderr io.Writer) int {
	code := exitOK
	for _, o := range outputs {
		// prepare refused every output that is not a regular file (or
		// a link to one), so this read cannot hang on a FIFO.
		onDisk, err := os.ReadFile(o.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			fmt.Fprintf(stderr, "statusgen: %s does not exist; generate it from %s\n", o.path, specPath)
			code = exitError
		case err != nil:
			fmt.Fprintf(stderr, "statusgen: %v\n", err)
			code = exitError
		case !bytes.Equal(onDisk, o.data):
			fmt.Fprintf(stderr, "statusgen: %s is out of date with %s (edited by hand, or generated from another spec or statusgen version):\n", o.path, specPath)
			fmt.Fprint(stdout, textdiff.Unified(o.path, o.path+" (from "+specPath+")", onDisk, o.data))
			code = exitError
		}
	}
	if code != exitOK {
		// The run cannot tell whether it was started as statusgen, go
		// tool statusgen or go run, so it says the flags once and names
		// the usual ways to run them.
		fmt.Fprintf(stderr, "statusgen: regenerate with:\n\t%s\n", command)
		fmt.Fprintln(stderr, "statusgen: (as go tool statusgen in a module that has statusgen as a tool, or with go generate if a //go:generate line runs it)")
	}
	return code
}
