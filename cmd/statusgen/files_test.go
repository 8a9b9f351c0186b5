package main

import (
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/taskstatus/taskstatus/gen/targets"
)

// edit changes the spec so that the next run has something to write.
func edit(t *testing.T, specPath string) {
	t.Helper()
	if err := os.WriteFile(specPath, []byte(strings.Replace(spec, "Low.", "Lower.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, text string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

// Any two paths that name one file, an output and the spec or two outputs,
// are a usage error, whatever spelling, symbolic link or hard link makes
// them one; nothing is written. Two inputs may be one file.
func TestOutputsNamingTheSameFileAreRefused(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	other := filepath.Join(filepath.Dir(dir), "other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	oldSpec := filepath.Join(other, "old.yaml")
	write(t, oldSpec, spec, 0o644)
	specLink := filepath.Join(other, "spec-link.yaml")
	if err := os.Symlink(specPath, specLink); err != nil {
		t.Fatal(err)
	}
	specHard := filepath.Join(other, "spec-hard.yaml")
	if err := os.Link(specPath, specHard); err != nil {
		t.Fatal(err)
	}
	dirLink := filepath.Join(other, "levels-link")
	if err := os.Symlink(dir, dirLink); err != nil {
		t.Fatal(err)
	}
	sqlPath := filepath.Join(dir, "x.go")
	for _, args := range [][]string{
		{"-md", specPath},
		{"-out", specPath},
		{"-out", sqlPath, "-sql", sqlPath},
		{"-out", outPath, "-sql", filepath.Join(dir, ".", "sub", "..", "level_gen.go")},
		{"-out", outPath, "-ts", filepath.Join(dirLink, "level_gen.go")}, // a linked folder, file not there yet
		{"-md", specLink},
		{"-md", specHard},
		{"-out", outPath, "-sql-migrate-from", oldSpec, "-md", oldSpec},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := statusgen(t, append([]string{"-spec", specPath}, args...)...)
			if code != exitUsage || !strings.Contains(stderr, "name the same file") {
				t.Errorf("exit %d, stderr %q; want exit 2, same file", code, stderr)
			}
			if readFile(t, specPath) != spec || readFile(t, oldSpec) != spec {
				t.Errorf("the spec was overwritten")
			}
			if got := entries(t, dir); strings.Join(got, " ") != "spec.yaml" {
				t.Errorf("a refused run wrote %v", got)
			}
		})
	}
	// The spec and the old spec of a migration may be one file.
	if code, _, stderr := statusgen(t, "-spec", specPath, "-sql-migrate-from", specLink, "-out", outPath); code != exitOK {
		t.Errorf("-spec X -sql-migrate-from X: exit %d: %s", code, stderr)
	}
}

// runWithin runs statusgen and fails the test, rather than hanging the
// whole suite, if the run does not end: a run that opened a FIFO would.
func runWithin(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		code, _, stderr = statusgen(t, args...)
		close(done)
	}()
	select {
	case <-done:
		return code, stderr
	case <-time.After(time.Minute):
		t.Fatalf("statusgen %v hangs", args)
		return 0, ""
	}
}

// Special files are never replaced, nor opened: a device, a FIFO, a socket
// or a folder at an output's path (or at the end of its symbolic link) is
// refused before anything is generated or written.
func TestSpecialFileOutputsAreRefused(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	// A socket's path must be short (108 bytes): a folder of its own
	// keeps it so.
	sock := filepath.Join(t.TempDir(), "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	folder := filepath.Join(dir, "folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	fifoLink := filepath.Join(dir, "fifo-link")
	if err := os.Symlink("fifo", fifoLink); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, kind string }{
		{fifo, "is a named pipe (FIFO)"},
		{sock, "is a socket"},
		{folder, "is a folder"},
		{fifoLink, "links to " + fifo + ", which is a named pipe (FIFO)"},
	}
	if os.Geteuid() == 0 {
		// Only root may make a device; it does so in the test's folder,
		// a copy of /dev/null's numbers (1, 3), never touching /dev.
		dev := filepath.Join(dir, "null")
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct{ path, kind string }{dev, "is a character device"})
	} else {
		t.Log("not root: no device made; TestKindError covers a device's mode bits")
	}
	for _, c := range cases {
		for _, flag := range []string{"-md", "-sql", "-out"} {
			t.Run(filepath.Base(c.path)+flag, func(t *testing.T) {
				before, err := os.Lstat(c.path)
				if err != nil {
					t.Fatal(err)
				}
				args := []string{"-spec", specPath, flag, c.path, "-package", "levels"}
				if flag != "-out" {
					args = append(args, "-out", outPath) // a good output, which must not be written either
				}
				code, stderr := runWithin(t, args...)
				want := "statusgen: " + c.path + ": " + c.kind + "; statusgen writes only regular files\n"
				if code != exitError || stderr != want {
					t.Errorf("exit %d, stderr %q; want exit 1, %q", code, stderr, want)
				}
				after, err := os.Lstat(c.path)
				if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
					t.Errorf("%s was replaced: %v %v", c.path, after, err)
				}
				if _, err := os.Stat(outPath); err == nil {
					t.Errorf("a refused run wrote %s", outPath)
				}
			})
		}
	}
	// -check reads the outputs: it refuses them too, rather than hang.
	if code, stderr := runWithin(t, "-spec", specPath, "-md", fifo, "-check"); code != exitError || !strings.Contains(stderr, "named pipe") {
		t.Errorf("-check on a FIFO: exit %d, %q", code, stderr)
	}
}

// A device cannot be made without root: its mode bits are refused all the
// same.
func TestKindError(t *testing.T) {
	for mode, want := range map[fs.FileMode]string{
		fs.ModeDevice | fs.ModeCharDevice | 0o666: "is a character device",
		fs.ModeDevice | 0o660:                     "is a device",
		fs.ModeNamedPipe | 0o644:                  "is a named pipe (FIFO)",
		fs.ModeSocket | 0o755:                     "is a socket",
		fs.ModeDir | 0o755:                        "is a folder",
		fs.ModeIrregular:                          "is not a regular file",
	} {
		if err := kindError(mode); err == nil || !strings.HasPrefix(err.Error(), want+";") {
			t.Errorf("%v: %v, want %q", mode, err, want)
		}
	}
	for _, mode := range []fs.FileMode{0o644, 0o444, fs.ModeSetuid | 0o755} {
		if err := kindError(mode); err != nil {
			t.Errorf("%v: %v", mode, err)
		}
	}
}

// A symbolic link at an output's path survives: the file it points to, in
// another folder, is replaced atomically, and the temporary file was made
// there. A dangling link gets its target created.
func TestSymlinkedOutputKeepsLink(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	real := filepath.Join(filepath.Dir(dir), "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(real, "level_gen.go")
	write(t, target, "old\n", 0o644)
	if err := os.Symlink("../real/level_gen.go", outPath); err != nil {
		t.Fatal(err)
	}
	mdLink := filepath.Join(dir, "level.md")
	if err := os.Symlink(filepath.Join(real, "level.md"), mdLink); err != nil { // dangling
		t.Fatal(err)
	}
	if code, _, stderr := statusgen(t, "-spec", specPath, "-out", outPath, "-md", mdLink); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for link, want := range map[string]string{outPath: "../real/level_gen.go", mdLink: filepath.Join(real, "level.md")} {
		if got, err := os.Readlink(link); err != nil || got != want {
			t.Errorf("%s: link now %q, %v; want it kept, to %s", link, got, err, want)
		}
	}
	if got := readFile(t, target); !strings.HasPrefix(got, "// Code generated by statusgen") {
		t.Errorf("the link's target was not written: %q", got)
	}
	if got := readFile(t, filepath.Join(real, "level.md")); !strings.HasPrefix(got, "<!-- Code generated by statusgen.") {
		t.Errorf("the dangling link's target was not written: %.40q", got)
	}
	if got := entries(t, real); strings.Join(got, " ") != "level.md level_gen.go" {
		t.Errorf("target folder holds %v", got)
	}
	if code, _, stderr := statusgen(t, "-spec", specPath, "-out", outPath, "-md", mdLink, "-check"); code != exitOK {
		t.Errorf("-check through the links: exit %d: %s", code, stderr)
	}
}

// A replaced file keeps its whole mode, read-only, setuid, setgid and
// sticky bits included, and (as root, who alone may) its owner and group.
func TestOutputKeepsModeAndOwner(t *testing.T) {
	dir, specPath, _ := workdir(t, spec)
	modes := map[string]fs.FileMode{
		"readonly.md": 0o444,
		"setuid.md":   fs.ModeSetuid | 0o755,
		"setgid.md":   fs.ModeSetgid | 0o750,
		"sticky.md":   fs.ModeSticky | 0o640,
	}
	root := os.Geteuid() == 0
	for name, mode := range modes {
		path := filepath.Join(dir, name)
		write(t, path, "old\n", mode)
		if root {
			if err := os.Chown(path, 1234, 5678); err != nil {
				t.Fatal(err)
			}
			// Chown clears setuid and setgid; set them again.
			if err := os.Chmod(path, mode); err != nil {
				t.Fatal(err)
			}
		}
		if info, _ := os.Stat(path); info.Mode() != mode {
			t.Fatalf("%s: made with mode %v, want %v", name, info.Mode(), mode)
		}
		if code, _, stderr := statusgen(t, "-spec", specPath, "-md", path); code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		if readFile(t, path) == "old\n" {
			t.Errorf("%s was not written", name)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode() != mode {
			t.Errorf("%s: mode %v, want %v kept", name, info.Mode(), mode)
		}
		if st := info.Sys().(*syscall.Stat_t); root && (st.Uid != 1234 || st.Gid != 5678) {
			t.Errorf("%s: owner %d:%d, want 1234:5678 kept", name, st.Uid, st.Gid)
		}
	}
	if !root {
		t.Log("not root: owners not tested")
	}
}

// When the owner cannot be kept (not root), the new file is the runner's:
// it keeps its permissions but loses setuid and setgid, which would
// otherwise be granted in the runner's name.
func TestUnkeptOwnerDropsSetuid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.md")
	write(t, path, "old\n", fs.ModeSetuid|fs.ModeSetgid|0o755)
	if os.Geteuid() == 0 {
		if err := os.Chown(path, 1234, 5678); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Skip("the file must belong to someone else; only root can give it away")
	}
	if err := os.Chmod(path, fs.ModeSetuid|fs.ModeSetgid|0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(failingFS{step: "chown"}, path, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode() != 0o755 {
		t.Errorf("mode %v, want 0755", info.Mode())
	}
}

// A file with other hard links is refused: renaming a new file over it
// would leave the other names holding the old content.
func TestHardLinkedOutputIsRefused(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	statusgen(t, "-spec", specPath, "-out", outPath)
	other := filepath.Join(t.TempDir(), "other.go")
	if err := os.Link(outPath, other); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, outPath)
	edit(t, specPath)
	code, _, stderr := statusgen(t, "-spec", specPath, "-out", outPath)
	if code != exitError || !strings.Contains(stderr, outPath+": has 2 hard links;") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if readFile(t, outPath) != before || readFile(t, other) != before || len(entries(t, dir)) != 2 {
		t.Errorf("a refused run changed the files")
	}
	// -check only reads, so a hard link is fine there.
	if code, _, stderr := statusgen(t, "-spec", specPath, "-out", outPath, "-check"); code != exitError || !strings.Contains(stderr, "out of date") {
		t.Errorf("-check: exit %d, %q", code, stderr)
	}
}

// A run with one bad output writes none: a missing folder (named in the
// error, not created) or a folder where a file should be.
func TestFailedRunWritesNothing(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	nope := filepath.Join(dir, "nope")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-md", filepath.Join(nope, "x.md")}, "statusgen: " + filepath.Join(nope, "x.md") + ": folder " + nope + " does not exist; statusgen does not create folders\n"},
		{[]string{"-sql", dir}, "statusgen: " + dir + ": is a folder; statusgen writes only regular files\n"},
	} {
		code, _, stderr := statusgen(t, append([]string{"-spec", specPath, "-out", outPath}, c.args...)...)
		if code != exitError || stderr != c.want {
			t.Errorf("%v: exit %d, stderr %q; want exit 1, %q", c.args, code, stderr, c.want)
		}
		if got := entries(t, dir); strings.Join(got, " ") != "spec.yaml" {
			t.Errorf("%v: a failed run wrote %v", c.args, got)
		}
	}
}

// A failure while writing the temporary files (here a sync that fails in
// the second output's folder) leaves every output as it was, the first one
// included, and no temporary file anywhere.
func TestFailedTempFileWritesNothing(t *testing.T) {
	dirA, dirB := t.TempDir(), t.TempDir()
	a, b := filepath.Join(dirA, "a.md"), filepath.Join(dirB, "b.md")
	write(t, a, "old a\n", 0o644)
	write(t, b, "old b\n", 0o644)
	for _, step := range []string{"create", "write", "chmod", "sync", "close"} {
		outputs := []*output{{Target: &targets.List[5], path: a, data: []byte("new a\n")}, {Target: &targets.List[5], path: b, data: []byte("new b\n")}}
		if errs := prepare(outputs, false); len(errs) > 0 {
			t.Fatal(errs)
		}
		errs := writeOutputs(failingFS{step: step, dir: dirB}, outputs)
		if len(errs) != 1 || errs[0].path != b {
			t.Errorf("%s: errors %v, want one for %s", step, errs, b)
		}
		if readFile(t, a) != "old a\n" || readFile(t, b) != "old b\n" {
			t.Errorf("%s: an output changed", step)
		}
		if len(entries(t, dirA)) != 1 || len(entries(t, dirB)) != 1 {
			t.Errorf("%s: left behind %v %v", step, entries(t, dirA), entries(t, dirB))
		}
	}
}

// With several bad outputs every problem is reported, sorted by path, not
// only the first; spec errors follow in the same run.
func TestAllOutputErrorsReported(t *testing.T) {
	dir, specPath, _ := workdir(t, "type: Level\nvalues: []\n")
	folder := filepath.Join(dir, "b-folder")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "c-fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "a-nope", "x.ts")
	code, stderr := runWithin(t, "-spec", specPath, "-md", fifo, "-sql", folder, "-ts", missing)
	want := "statusgen: " + missing + ": folder " + filepath.Dir(missing) + " does not exist; statusgen does not create folders\n" +
		"statusgen: " + folder + ": is a folder; statusgen writes only regular files\n" +
		"statusgen: " + fifo + ": is a named pipe (FIFO); statusgen writes only regular files\n" +
		specPath + ":2:9: values is empty: list at least one value\n"
	if code != exitError || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
}

// A spec larger than 64 MiB is refused without reading more than that,
// even from a reader that never ends.
func TestSpecSizeIsCapped(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MiB; make test runs it")
	}
	_, err := readLimited(endless{}, "zero", maxSpecSize, 0)
	if err == nil || err.Error() != "zero: larger than 64 MiB, the most statusgen reads of a spec" {
		t.Errorf("endless spec: %v", err)
	}
	if data, err := readLimited(strings.NewReader("type: X\n"), "x", maxSpecSize, 8); err != nil || string(data) != "type: X\n" {
		t.Errorf("small spec: %q, %v", data, err)
	}

	// Through the command, a sparse file one byte over the cap.
	dir, _, outPath := workdir(t, spec)
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxSpecSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, stderr := statusgen(t, "-spec", big, "-out", outPath)
	if code != exitError || stderr != "statusgen: "+big+": larger than 64 MiB, the most statusgen reads of a spec\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// endless reads zeros forever, like /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// An invalid -package is bad usage, like any bad flag.
func TestInvalidPackageIsUsageError(t *testing.T) {
	_, specPath, outPath := workdir(t, spec)
	for _, pkg := range []string{"not-a-name", "_", "1st"} {
		code, _, stderr := statusgen(t, "-spec", specPath, "-out", outPath, "-package", pkg)
		if want := "statusgen: -package \"" + pkg + "\" is not a Go package name\n"; code != exitUsage || stderr != want {
			t.Errorf("-package %s: exit %d, stderr %q; want exit 2, %q", pkg, code, stderr, want)
		}
	}
}

// -check tells a user the statusgen command that regenerates the files, the
// run's own flags without -check, not our Makefile's target, and that a
// module with statusgen as a tool runs it as go tool statusgen.
func TestCheckPrintsRegenerateCommand(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	mdPath := filepath.Join(dir, "the level.md")
	code, _, stderr := statusgen(t, "-check", "-spec", specPath, "-md", mdPath, "-out", outPath, "-package", "levels")
	want := "statusgen: regenerate with:\n\tstatusgen -spec " + specPath + " -package levels -out " + outPath + " -md '" + mdPath + "'\n" +
		"statusgen: (as go tool statusgen in a module that has statusgen as a tool, or with go generate if a //go:generate line runs it)\n"
	if code != exitError || !strings.HasSuffix(stderr, want) || strings.Contains(stderr, "make generate") {
		t.Errorf("exit %d, stderr\n%s\nwant it to end\n%s", code, stderr, want)
	}
	if got := shellQuote("it's"); got != `'it'\''s'` {
		t.Errorf("shellQuote: %s", got)
	}
}

// Links whose text names no path the kernel follows to the same file: a
// /proc/self/fd link to a pipe (what /dev/stdout is under a shell pipe) and
// to a file deleted while open (readlink says "/x (deleted)"). Both were
// "followed" as text: the pipe's run failed naming a temporary file, and
// the deleted file's run created a stray file named "x (deleted)".
func TestProcLinksAreRefused(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skipf("no /proc/self/fd on this system: %v", err)
	}
	dir, specPath, _ := workdir(t, spec)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	gone, err := os.Create(filepath.Join(dir, "gone.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	if err := os.Remove(gone.Name()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fd   uintptr
		want string
	}{
		{"pipe.md", w.Fd(), "is a named pipe (FIFO)"},
		{"deleted.md", gone.Fd(), "reaches a file through a link whose text names another path"},
	} {
		link := filepath.Join(dir, c.name)
		if err := os.Symlink(fmt.Sprintf("/proc/self/fd/%d", c.fd), link); err != nil {
			t.Fatal(err)
		}
		before := entries(t, dir)
		code, _, stderr := statusgen(t, "-spec", specPath, "-md", link)
		if code != exitError || !strings.Contains(stderr, link+": ") || !strings.Contains(stderr, c.want) {
			t.Errorf("-md %s: exit %d, stderr %q; want exit 1 naming the output and %q", c.name, code, stderr, c.want)
		}
		if after := entries(t, dir); !slices.Equal(before, after) {
			t.Errorf("-md %s: folder went from %v to %v", c.name, before, after)
		}
	}
}

// The Go files beside an output, which the clash checks read, are read as
// safely as the spec: a link to /dev/zero (git can commit one), a FIFO, a
// link to nothing and a file over the cap are each an error naming the
// file, the run ends, and nothing is written.
func TestGoFilesBesideOutputsAreReadSafely(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"zero", func(path string) error { return os.Symlink("/dev/zero", path) }, "is a character device; statusgen reads only regular Go files beside its outputs"},
		{"fifo", func(path string) error { return syscall.Mkfifo(path, 0o644) }, "is a named pipe (FIFO); statusgen reads only regular Go files beside its outputs"},
		{"dangling", func(path string) error { return os.Symlink("gone/old.go", path) }, "links to gone/old.go, which does not exist (the go command cannot build the package either); remove the link, or point it at a Go file"},
		{"big", func(path string) error {
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(maxGoFileSize + 1) // sparse
		}, "larger than 64 MiB, the most statusgen reads of a Go file beside its outputs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, specPath, outPath := workdir(t, spec)
			evil := filepath.Join(dir, "evil.go")
			if err := c.make(evil); err != nil {
				t.Fatal(err)
			}
			code, stderr := runWithin(t, "-spec", specPath, "-out", outPath)
			if want := "statusgen: " + evil + ": " + c.want + "\n"; code != exitError || stderr != want {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
			}
			if _, err := os.Stat(outPath); !os.IsNotExist(err) {
				t.Errorf("a refused run wrote %s (%v)", outPath, err)
			}
			// The same beside the -jsonv2 file alone, in a folder of its
			// own: its method clashes read that folder too.
			v2 := filepath.Join(t.TempDir(), "levels")
			if err := os.Mkdir(v2, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(evil, filepath.Join(v2, "evil.go")); err != nil {
				t.Fatal(err)
			}
			evil, v2Path := filepath.Join(v2, "evil.go"), filepath.Join(v2, "level_v2.go")
			code, stderr = runWithin(t, "-spec", specPath, "-out", outPath, "-jsonv2", v2Path)
			if want := "statusgen: " + evil + ": " + c.want + "\n"; code != exitError || stderr != want {
				t.Errorf("beside -jsonv2: exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
			}
			for _, path := range []string{outPath, v2Path} {
				if _, err := os.Stat(path); !os.IsNotExist(err) {
					t.Errorf("beside -jsonv2: a refused run wrote %s (%v)", path, err)
				}
			}
		})
	}
}

// An output that is a link into a folder that does not exist names the
// link's target and its folder, in a sentence.
func TestOutputLinkIntoMissingFolder(t *testing.T) {
	dir, specPath, _ := workdir(t, spec)
	link := filepath.Join(dir, "x.md")
	target := filepath.Join(dir, "gone", "x.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	code, stderr := runWithin(t, "-spec", specPath, "-md", link)
	want := "statusgen: " + link + ": links to " + target + ", whose folder " + filepath.Dir(target) + " does not exist; statusgen does not create folders\n"
	if code != exitError || stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
	}
}
