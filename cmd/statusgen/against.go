package main

import (
	"fmt"
	"io"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
)

// compareSpecs is statusgen -spec NEW -against OLD: it prints every
// difference gen.Compare finds, one per line, and exits 1 when any breaks
// clients built from OLD. A broken spec on either side is reported like
// any spec error (both sides in one run) and exits 1 too.
func compareSpecs(newPath, oldPath string, stdout, stderr io.Writer) int {
	_, newEnum, newErr := loadSpec(newPath, nil)
	_, oldEnum, oldErr := loadSpec(oldPath, nil)
	if newErr != nil || oldErr != nil {
		for _, err := range []error{oldErr, newErr} {
			if err != nil {
				fmt.Fprintln(stderr, err)
			}
		}
		return exitError
	}
	changes := gen.Compare(oldEnum, newEnum, golang.ConstName)
	breaking := 0
	for _, c := range changes {
		fmt.Fprintln(stdout, c)
		if c.Rule.Breaking {
			breaking++
		}
	}
	fmt.Fprintf(stderr, "statusgen: %s against %s: %d breaking, %d compatible\n", newPath, oldPath, breaking, len(changes)-breaking)
	if breaking > 0 {
		return exitError
	}
	return exitOK
}
