package main

import (
	"bufio"
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
	oldSpec := loadAside(oldPath)
	_, newEnum, newErr := loadSpec(newPath, nil)
	oldEnum, oldErr := oldSpec()
	if newErr != nil || oldErr != nil {
		for _, err := range []error{oldErr, newErr} {
			if err != nil {
				fmt.Fprintln(stderr, err)
			}
		}
		return exitError
	}
	breaking, compatible := 0, 0
	out := bufio.NewWriter(stdout) // a line a change, and a spec may make millions
	defer out.Flush()
	var line []byte
	for _, c := range gen.Compare(oldEnum, newEnum, golang.ConstName) {
		if c.Rule.Audience&audiences == 0 {
			continue
		}
		c.Rule.Audience &= audiences // the line names the audiences judged
		line, _ = c.AppendText(line[:0])
		out.Write(append(line, '\n'))
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
	if err := out.Flush(); err != nil {
		fmt.Fprintln(stderr, "statusgen:", err)
		return exitError
	}
	fmt.Fprintf(stderr, "statusgen: %s against %s%s: %d breaking, %d compatible\n", newPath, oldPath, judged, breaking, compatible)
	if breaking > 0 {
		return exitError
	}
	return exitOK
}
