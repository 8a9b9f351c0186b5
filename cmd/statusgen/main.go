//go:generate go run ./internal/mkdoc -doc doc.go -flags ../../docs/flags.md -rules ../../docs/rules.md

package main

import (
	"os"
	"runtime/debug"
)

// memoryLimit is the heap statusgen asks the Go runtime to stay under,
// unless GOMEMLIMIT says otherwise. It is soft: the collector works harder
// near it, which on the largest specs keeps the process under 1 GiB for
// little time, and a spec whose model needs more still runs.
const memoryLimit = 850 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
