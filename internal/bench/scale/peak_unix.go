//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakMemory is a finished process's peak resident memory in bytes.
func peakMemory(st *os.ProcessState) int64 {
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return ru.Maxrss // bytes there, kilobytes elsewhere
	}
	return ru.Maxrss << 10
}
