//go:build unix

package main

import (
	"io/fs"
	"syscall"
)

// linkCount is the number of hard links to a file.
func linkCount(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// keepOwner gives tmp the owner and group of the file it replaces and
// reports whether it has them: it has when they are the runner's already,
// or the runner may change them (root may; others only to a group of
// theirs).
func keepOwner(tmp tempFile, old fs.FileInfo) bool {
	want, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	info, err := tmp.Stat()
	if err != nil {
		return false
	}
	if have, ok := info.Sys().(*syscall.Stat_t); ok && have.Uid == want.Uid && have.Gid == want.Gid {
		return true
	}
	return tmp.Chown(int(want.Uid), int(want.Gid)) == nil
}

// openNonblock opens a file without waiting: a FIFO opened for reading
// would otherwise wait for a writer.
const openNonblock = syscall.O_NONBLOCK
