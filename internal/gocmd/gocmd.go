// Package gocmd runs the go command in a scratch module, for the tests and
// benchmark programs that generate code and then build or run it.
package gocmd

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Run runs go with args in dir and returns its combined output. The module
// may update its go.mod and go.sum from the module cache (-mod=mod), and no
// workspace applies. With offline set, nothing is fetched from the network:
// everything must already be in the module cache.
func Run(dir string, offline bool, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if offline {
		cmd.Env = append(cmd.Env, "GOPROXY=off")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}
