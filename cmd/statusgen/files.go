package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
