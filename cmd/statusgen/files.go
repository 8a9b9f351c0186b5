package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// maxSpecSize caps what statusgen reads of a spec. Real specs are a few
// kilobytes and a 10,000-value one is 250 KB; without a cap, -spec /dev/zero
// reads until memory runs out.
const maxSpecSize = 64 << 20

// readSpec reads a spec of at most maxSpecSize bytes.
func readSpec(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(0)
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	return readLimited(f, path, maxSpecSize, size)
}

// readSized reads r to its end into a buffer of size bytes (what stat
// said), plus one to see the end, growing it only when r holds more; it
// stops once it has read more than limit bytes, so an endless reader
// ends too.
func readSized(r io.Reader, size, limit int64) ([]byte, error) {
	data := make([]byte, 0, min(max(size, 512), limit)+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > limit {
			return data, nil
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, int(min(int64(len(data)), limit+1-int64(len(data)))))
		}
	}
}

// readLimited reads r to its end, or fails once it has read more than
// limit bytes: it reads limit+1 at most, so an endless reader ends too.
// size is how large r is said to be, 0 for unknown.
func readLimited(r io.Reader, name string, limit, size int64) ([]byte, error) {
	data, err := readSized(r, size, limit)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d MiB, the most statusgen reads of a spec", name, limit>>20)
	}
	return data, nil
}

// A fileError is a problem with one file named on the command line. They
// are collected, sorted by path and printed all at once.
type fileError struct {
	path string
	msg  string
}

func (e fileError) Error() string { return e.path + ": " + e.msg }

func sortErrors(errs []fileError) {
	slices.SortFunc(errs, func(a, b fileError) int {
		return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.msg, b.msg))
	})
}

// maxLinks is how many symbolic links statusgen follows from one path, as
// the kernel does (Linux's MAXSYMLINKS).
const maxLinks = 40

// resolve follows path's symbolic links, whether or not their last target
// exists, and returns the file a write to path must replace: writing there
// keeps the link. info is that file's, from Lstat (so no special file is
// ever opened), or nil when it does not exist yet.
func resolve(path string) (target string, info fs.FileInfo, err error) {
	target = path
	for range maxLinks {
		info, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			return target, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return target, info, nil
		}
		link, err := os.Readlink(target)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	return "", nil, fmt.Errorf("more than %d symbolic links", maxLinks)
}

// identity is a path's file, for comparing two command-line paths: its
// absolute, cleaned form after following every symbolic link (those of its
// folders too), and, if it exists, its file info for os.SameFile, which
// also sees hard links.
type identity struct {
	abs  string
	info fs.FileInfo
}

func identify(path string) identity {
	target, _, err := resolve(path)
	if err != nil {
		target = path // reported when the output is checked
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		abs = filepath.Clean(target)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	id := identity{abs: abs}
	if info, err := os.Stat(abs); err == nil {
		id.info = info
	}
	return id
}

func (a identity) same(b identity) bool {
	return a.abs == b.abs || a.info != nil && b.info != nil && os.SameFile(a.info, b.info)
}

// A namedPath is a path from the command line with the flag that gave it.
type namedPath struct {
	flag, path string
	input      bool // read, not written: -spec and -sql-migrate-from
}

// sameFiles reports every pair of paths that name one file where at least
// one of them is written: an output would overwrite the spec or another
// output. Two inputs may be one file (-spec X -sql-migrate-from X).
func sameFiles(paths []namedPath) []string {
	ids := make([]identity, len(paths))
	for i, p := range paths {
		ids[i] = identify(p.path)
	}
	var msgs []string
	for i := range paths {
		for j := i + 1; j < len(paths); j++ {
			if paths[i].input && paths[j].input || !ids[i].same(ids[j]) {
				continue
			}
			msgs = append(msgs, fmt.Sprintf("-%s %s and -%s %s name the same file", paths[i].flag, paths[i].path, paths[j].flag, paths[j].path))
		}
	}
	slices.Sort(msgs)
	return msgs
}

// kindError says why statusgen will not replace a file of this kind, or nil
// for a regular file. It reads only the mode bits: opening a FIFO to look
// at it would hang.
func kindError(mode fs.FileMode) error {
	if mode.IsRegular() {
		return nil
	}
	return errors.New("is " + fileKind(mode) + "; statusgen writes only regular files")
}

// fileKind names the kind of a file that is not a regular one.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// resolveAgreed resolves path and checks that the kernel reaches the file
// resolve names (kernelDisagrees), looking again when they disagree: another
// run writing the same output may rename its file over path between the
// two looks, which is no reason to refuse. A link such as /dev/stdout
// disagrees every time; msg then says why the output is refused.
func resolveAgreed(path string) (target string, info fs.FileInfo, msg string, err error) {
	for range 4 {
		if target, info, err = resolve(path); err != nil {
			return "", nil, "", err
		}
		if msg = kernelDisagrees(path, info); msg == "" {
			break
		}
	}
	return target, info, msg, nil
}

// kernelDisagrees checks that the file the kernel reaches through path
// (os.Stat follows links the way open does) is the one resolve named by
// reading the links: info, or nothing when info is nil. Some links name no
// path the kernel would follow to the same file: /dev/stdout and the
// /proc/self/fd links read as "pipe:[N]" or "/x (deleted)", so writing
// beside the named target would create a stray file or replace the wrong
// one. It returns why the output is refused, or "".
func kernelDisagrees(path string, info fs.FileInfo) string {
	reached, err := os.Stat(path)
	switch {
	case err == nil && info != nil && os.SameFile(reached, info):
		return ""
	case err == nil:
		if kind := kindError(reached.Mode()); kind != nil {
			return kind.Error()
		}
	case errors.Is(err, fs.ErrNotExist) && info == nil:
		return ""
	case !errors.Is(err, fs.ErrNotExist):
		return "" // a loop or a permission problem, which resolve or the write reports
	}
	return "reaches a file through a link whose text names another path (such as /dev/stdout or /proc/self/fd/N); statusgen replaces files by path, so name the file itself"
}

// prepare finds the file each output replaces and refuses, before anything
// is generated, whatever statusgen must not write: a device, FIFO, socket or
// folder; a file with other hard links (a rename would split them); a file
// in a folder that does not exist. With check set only the kind is
// checked: -check reads the outputs and writes nothing.
func prepare(outputs []*output, check bool) []fileError {
	var errs []fileError
	for _, o := range outputs {
		target, info, msg, err := resolveAgreed(o.path)
		if err != nil {
			errs = append(errs, fileError{o.path, err.Error()})
			continue
		}
		o.target, o.info = target, info
		// Name the link's target when it is the target that is wrong.
		what, whose, parent := "", "", ""
		if target != o.path {
			link := "links to " + target + ", "
			what, whose, parent = link+"which ", link+"whose ", link+"whose parent "
		}
		if msg != "" {
			errs = append(errs, fileError{o.path, msg})
			continue
		}
		switch {
		case info != nil:
			if err := kindError(info.Mode()); err != nil {
				errs = append(errs, fileError{o.path, what + err.Error()})
			} else if n := linkCount(info); n > 1 && !check {
				errs = append(errs, fileError{o.path, fmt.Sprintf("%shas %d hard links; statusgen replaces a file by renaming a new one over it, which would split them: remove the other links or write elsewhere", what, n)})
			}
		case !check:
			dir := filepath.Dir(target)
			switch info, err := os.Stat(dir); {
			case errors.Is(err, fs.ErrNotExist):
				errs = append(errs, fileError{o.path, fmt.Sprintf("%sfolder %s does not exist; statusgen does not create folders", whose, dir)})
			case err != nil:
				errs = append(errs, fileError{o.path, err.Error()})
			case !info.IsDir():
				errs = append(errs, fileError{o.path, fmt.Sprintf("%s%s is not a folder", parent, dir)})
			}
		}
	}
	return errs
}

// writeOutputs replaces every output whose content changed, all or
// nothing as far as the file system allows: it stages each (see stage),
// and only when every one of them is complete does it rename them over
// their targets (commit). Any failure before the first rename removes
// every temporary file and leaves every output as it was.
func writeOutputs(fsys fileSystem, outputs []*output) []fileError {
	var errs []fileError
	for _, o := range outputs {
		if err := stage(fsys, o); err != nil {
			var fe fileError
			if !errors.As(err, &fe) {
				fe = fileError{o.path, err.Error()}
			}
			errs = append(errs, fe)
		}
	}
	if len(errs) > 0 {
		discard(outputs)
		return errs
	}
	return commit(fsys, outputs)
}

// stage writes o's content to a temporary file beside o's target (o.tmp):
// o.data, which it then drops, or, when o.write is set, what o.write
// prints, written as it is printed. When the target already holds exactly
// that content, it stages nothing, and the target keeps its modification
// time. It touches no output. Its error is a fileError when the file
// system failed, or the output's own (what its target refuses) prefixed
// with the flag.
//
// What o.write prints is held in memory up to holdSize bytes, and only
// what grows past that goes to a temporary file as it is printed: a small
// output is compared with its target in memory, as o.data is, and an
// unchanged one costs no temporary file.
func stage(fsys fileSystem, o *output) error {
	content, compare, hold := o.write, true, holdSize
	if content == nil {
		if o.info != nil && o.info.Size() == int64(len(o.data)) {
			// A regular file, checked by prepare, so reading it is safe;
			// one of another size changed, and is not read.
			if old, err := os.ReadFile(o.target); err == nil && bytes.Equal(old, o.data) {
				o.data = nil
				return nil // unchanged: keep its modification time
			}
		}
		data := o.data
		content = func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}
		compare, hold = false, 0 // just done, in memory
	}
	tmp, held, err := writeTemp(fsys, o, content, compare, hold)
	o.data, o.write = nil, nil
	var printErr printError
	switch {
	case errors.As(err, &printErr):
		return fmt.Errorf("-%s: %w", o.Flag, printErr.error)
	case err != nil:
		return fileError{o.path, err.Error()}
	case held != nil:
		o.data = held
		return stage(fsys, o)
	case tmp == nil:
		return nil // unchanged
	}
	// The file is synced and closed while the run goes on (the kernel
	// writes hundreds of megabytes of a large spec's outputs to disk then),
	// and commit waits for every sync before the first rename.
	o.tmp = tmp.Name()
	synced := make(chan error, 1)
	go func() {
		err := tmp.Sync()
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		synced <- err
	}()
	o.synced = synced
	return nil
}

// waitSynced waits for the sync and close of o's temporary file, if stage
// started one, and returns their error.
func (o *output) waitSynced() error {
	if o.synced == nil {
		return nil
	}
	err := <-o.synced
	o.synced = nil
	return err
}

// holdSize is how much of a printed output stage holds in memory before
// it writes a temporary file: more than the 13 statuses' largest output,
// far less than a large spec's.
const holdSize = 256 << 10

// printError is an error of the content a temporary file was to hold, not
// of the file system.
type printError struct{ error }

// discard removes the temporary files stage wrote.
func discard(outputs []*output) {
	for _, o := range outputs {
		o.waitSynced()
		if o.tmp != "" {
			os.Remove(o.tmp)
			o.tmp = ""
		}
	}
}

// commit waits until every staged file is synced and closed, and then
// renames each over its target; a failed sync or close discards them all
// and replaces nothing. A rename that fails
// after others succeeded (it does not in practice: the temporary file sits
// in the target's own folder) is reported with the outputs already
// replaced, and the rest are discarded.
func commit(fsys fileSystem, outputs []*output) []fileError {
	var errs []fileError
	for _, o := range outputs {
		if err := o.waitSynced(); err != nil {
			errs = append(errs, fileError{o.path, err.Error()})
		}
	}
	if len(errs) > 0 {
		discard(outputs)
		return errs
	}
	var done []string
	for _, o := range outputs {
		if o.tmp == "" {
			continue
		}
		if err := fsys.Rename(o.tmp, o.target); err != nil {
			msg := err.Error()
			if len(done) > 0 {
				msg += " (already replaced: " + strings.Join(done, ", ") + ")"
			}
			discard(outputs)
			return []fileError{{o.path, msg}}
		}
		o.tmp = ""
		done = append(done, o.path)
	}
	return nil
}

// newFileMode is the mode of an output that did not exist before.
const newFileMode fs.FileMode = 0o644

// keptMode is the part of an existing file's mode that its replacement
// takes over: permissions, setuid, setgid and sticky.
const keptMode = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// writeTemp writes what content writes to a new temporary file in the
// target's folder (so the rename cannot cross file systems), gives it the
// old file's mode and, where it can, its owner and group, and returns it
// open, for the caller to sync and close. With compare set, it first
// compares the file with the target when they have the same size, and
// when they hold the same bytes it removes the file and returns nil: the
// output is unchanged. On error it removes the file; content's own
// errors, those that are not a write's, come back as a printError.
//
// The file is created once content has written more than hold bytes;
// when it writes no more, no file is created and what it wrote comes back
// as held (not nil, even when empty).
func writeTemp(fsys fileSystem, o *output, content func(io.Writer) error, compare bool, hold int) (file tempFile, held []byte, err error) {
	sw := spillWriter{hold: hold, create: func() (tempFile, error) {
		// The dot keeps the go command away from a temporary file that
		// a killed run leaves behind.
		return fsys.CreateTemp(filepath.Dir(o.target), "."+filepath.Base(o.target)+".*.tmp")
	}}
	if hold == 0 {
		if sw.file, err = sw.create(); err != nil {
			return nil, nil, err
		}
	}
	defer func() {
		if err != nil && sw.file != nil {
			sw.file.Close()
			os.Remove(sw.file.Name())
		}
	}()
	w := countingWriter{w: &sw}
	if err := content(&w); err != nil {
		if w.err == nil {
			return nil, nil, printError{err}
		}
		return nil, nil, w.err
	}
	tmp := sw.file
	if tmp == nil {
		if sw.buf == nil {
			sw.buf = []byte{}
		}
		return nil, sw.buf, nil
	}
	if compare && o.info != nil && o.info.Size() == w.n && sameContent(o.target, tmp.Name(), w.n) {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, nil, nil // unchanged: keep its modification time
	}
	mode := newFileMode
	if o.info != nil {
		mode = o.info.Mode() & keptMode
		// Chown first: it clears setuid and setgid. A file whose owner
		// cannot be kept (only root may give a file away) becomes the
		// runner's, without setuid or setgid, as the kernel does when
		// someone else writes a setuid file.
		if !keepOwner(tmp, o.info) {
			mode &^= fs.ModeSetuid | fs.ModeSetgid
		}
	}
	if err := tmp.Chmod(mode); err != nil {
		return nil, nil, err
	}
	return tmp, nil, nil
}

// spillWriter holds what is written to it, up to hold bytes, and past
// that writes it all to a file it then creates.
type spillWriter struct {
	hold   int
	buf    []byte
	create func() (tempFile, error)
	file   tempFile
}

func (w *spillWriter) Write(p []byte) (int, error) {
	if w.file == nil {
		if len(w.buf)+len(p) <= w.hold {
			w.buf = append(w.buf, p...)
			return len(p), nil
		}
		f, err := w.create()
		if err != nil {
			return 0, err
		}
		w.file = f
		if _, err := f.Write(w.buf); err != nil {
			return 0, err
		}
		w.buf = nil
	}
	return w.file.Write(p)
}

// countingWriter passes writes on to w and keeps their total and the first
// error, which tells a failed write from content's own errors.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// compareChunk is how much of each file sameContent reads at a time.
const compareChunk = 64 << 10

// sameContent reports whether the file target holds exactly the size bytes
// of the file written, read a chunk of each at a time so that neither is
// held whole. target was a regular file when prepare looked; it is opened
// without waiting and looked at again, so that a FIFO put in its place
// cannot hang the run, and read no further than size and one byte. Any
// error counts as a difference: the output is then replaced.
func sameContent(target, written string, size int64) bool {
	old, err := os.OpenFile(target, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return false
	}
	defer old.Close()
	if info, err := old.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() != size {
		return false
	}
	tmp, err := os.Open(written)
	if err != nil {
		return false
	}
	defer tmp.Close()
	a, b := make([]byte, compareChunk), make([]byte, compareChunk)
	oldR := io.LimitReader(old, size+1)
	for {
		n, errA := io.ReadFull(oldR, a)
		m, errB := io.ReadFull(tmp, b)
		if n != m || !bytes.Equal(a[:n], b[:m]) {
			return false
		}
		if errA == io.EOF || errA == io.ErrUnexpectedEOF {
			return errB == errA
		}
		if errA != nil || errB != nil {
			return false
		}
	}
}

// fileSystem is what writeOutputs asks of the operating system, so that
// tests can make each step fail as a full disk or a crash would.
type fileSystem interface {
	CreateTemp(dir, pattern string) (tempFile, error)
	Rename(oldpath, newpath string) error
}

type tempFile interface {
	Name() string
	Write([]byte) (int, error)
	Stat() (fs.FileInfo, error)
	Chown(uid, gid int) error
	Chmod(fs.FileMode) error
	Sync() error
	Close() error
}

type osFileSystem struct{}

func (osFileSystem) CreateTemp(dir, pattern string) (tempFile, error) {
	return os.CreateTemp(dir, pattern)
}
func (osFileSystem) Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
