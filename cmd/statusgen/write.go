package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

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
