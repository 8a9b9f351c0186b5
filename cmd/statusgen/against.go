package main

import (
	"fmt"
	"io"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/golang"
)

// compareSpecs is statusgen -spec NEW -against OLD: it prints every
// difference gen.Compare finds that concerns one of audiences, one per
// line with its verdict and audience, and exits 1 when any breaks one of
// them. A broken spec on either side is reported like any spec error (both
// sides in one run) and exits 1 too.
func compareSpecs(newPath, oldPath string, audiences gen.Audience, stdout, stderr io.Writer) int {
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
	breaking, compatible := 0, 0
	for _, c := range gen.Compare(oldEnum, newEnum, golang.ConstName) {
		if c.Rule.Audience&audiences == 0 {
			continue
		}
		c.Rule.Audience &= audiences // the line names the audiences judged
		fmt.Fprintln(stdout, c)
		if c.Breaks(audiences) {
			breaking++
		} else {
			compatible++
		}
	}
	judged := ""
	if audiences != gen.AllAudiences {
		judged = " (for " + audiences.String() + ")"
	}
	fmt.Fprintf(stderr, "statusgen: %s against %s%s: %d breaking, %d compatible\n", newPath, oldPath, judged, breaking, compatible)
	if breaking > 0 {
		return exitError
	}
	return exitOK
}
