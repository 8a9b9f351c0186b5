//go:build !unix

package main

import "io/fs"

// linkCount is 1 where the file info does not say.
func linkCount(fs.FileInfo) uint64 { return 1 }

// keepOwner does nothing where owners are not unix user and group ids.
func keepOwner(tempFile, fs.FileInfo) bool { return true }

// openNonblock is 0 where FIFOs do not block an open.
const openNonblock = 0
