//go:build !unix

package main

import "os"

// peakMemory is 0 (unknown) where the system does not report it.
func peakMemory(*os.ProcessState) int64 { return 0 }
