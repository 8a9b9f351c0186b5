//go:generate go run ./internal/mkdoc -doc doc.go -flags ../../docs/flags.md -rules ../../docs/rules.md

package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
