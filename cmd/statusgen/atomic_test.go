package main

import (
	"errors"
	"github.com/taskstatus/taskstatus/gen/targets"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// failingFS is the real file system with one step failing.
type failingFS struct {
	step string // "create", "write", "chown", "chmod", "sync", "close" or "rename"
	dir  string // fail only for temporary files in this folder, if set
}

var errInjected = errors.New("injected failure")

func (f failingFS) CreateTemp(dir, pattern string) (tempFile, error) {
	step := f.step
	if f.dir != "" && f.dir != dir {
		step = ""
	}
	if step == "create" {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: syscall.EROFS}
	}
	file, err := os.CreateTemp(dir, pattern)
	return failingFile{file, step}, err
}

func (f failingFS) Rename(oldpath, newpath string) error {
	if f.step == "rename" && (f.dir == "" || f.dir == filepath.Dir(newpath)) {
		return errInjected
	}
	return os.Rename(oldpath, newpath)
}

type failingFile struct {
	*os.File
	step string
}

// Write writes half the data, then reports a full disk.
func (f failingFile) Write(b []byte) (int, error) {
	if f.step == "write" {
		n, _ := f.File.Write(b[:len(b)/2])
		return n, &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	return f.File.Write(b)
}

func (f failingFile) Chown(uid, gid int) error {
	if f.step == "chown" {
		return &fs.PathError{Op: "chown", Path: f.Name(), Err: syscall.EPERM}
	}
	return f.File.Chown(uid, gid)
}

func (f failingFile) Sync() error {
	if f.step == "sync" {
		return &fs.PathError{Op: "sync", Path: f.Name(), Err: syscall.EIO}
	}
	return f.File.Sync()
}

func (f failingFile) Chmod(m fs.FileMode) error {
	if f.step == "chmod" {
		return errInjected
	}
	return f.File.Chmod(m)
}

func (f failingFile) Close() error {
	err := f.File.Close()
	if f.step == "close" {
		return errInjected
	}
	return err
}

// writeAtomic writes one output through fsys, as run does.
func writeAtomic(fsys fileSystem, path string, data []byte) error {
	outputs := []*output{{Target: &targets.List[0], path: path, data: data}}
	if errs := prepare(outputs, false); len(errs) > 0 {
		return errs[0]
	}
	if errs := writeOutputs(fsys, outputs); len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// Whatever step fails (a read-only folder, a full disk, a failed sync or
// rename), the previous output is byte-identical and no temporary file is
// left.
func TestFailedWriteKeepsOutput(t *testing.T) {
	for _, step := range []string{"create", "write", "chmod", "sync", "close", "rename"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "x_gen.go")
			if err := os.WriteFile(out, []byte("previous output\n"), 0o640); err != nil {
				t.Fatal(err)
			}
			err := writeAtomic(failingFS{step: step}, out, []byte("new output, longer than the old one\n"))
			if err == nil {
				t.Fatal("no error reported")
			}
			if got := readFile(t, out); got != "previous output\n" {
				t.Errorf("output is now %q", got)
			}
			if names := entries(t, dir); len(names) != 1 {
				t.Errorf("left behind: %v", names)
			}
		})
	}
}

// TestKillBeforeRename kills a process (SIGKILL, no chance to clean up)
// after it wrote the temporary file and before the rename: the output is
// still the previous one, byte for byte. The temporary file stays, as any
// crash leaves it; its name starts with a dot, so the go command ignores it.
func TestKillBeforeRename(t *testing.T) {
	if os.Getenv("STATUSGEN_KILL_HELPER") != "" {
		fsys := killingFS{}
		writeAtomic(fsys, os.Getenv("STATUSGEN_KILL_HELPER"), []byte("new output\n"))
		t.Fatal("the helper survived its own SIGKILL")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "x_gen.go")
	if err := os.WriteFile(out, []byte("previous output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillBeforeRename$")
	cmd.Env = append(os.Environ(), "STATUSGEN_KILL_HELPER="+out)
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("helper did not die by SIGKILL: %v", err)
	}
	if got := readFile(t, out); got != "previous output\n" {
		t.Errorf("output is now %q", got)
	}
	temps, _ := filepath.Glob(filepath.Join(dir, ".x_gen.go.*.tmp"))
	if len(temps) != 1 || readFile(t, temps[0]) != "new output\n" {
		t.Errorf("expected the complete temporary file the killed run left: %v", temps)
	}
}

type killingFS struct{ osFileSystem }

func (killingFS) Rename(string, string) error {
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {} // wait for the signal
}

// Concurrent runs on one output end with one complete, valid file.
func TestConcurrentRuns(t *testing.T) {
	dir, specPath, outPath := workdir(t, spec)
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var stderr string
			codes[i], _, stderr = statusgen(t, "-spec", specPath, "-out", outPath)
			if codes[i] != exitOK {
				t.Log(stderr)
			}
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != exitOK {
			t.Errorf("run %d: exit %d", i, c)
		}
	}
	if code, _, stderr := statusgen(t, "-spec", specPath, "-out", outPath, "-check"); code != exitOK {
		t.Errorf("output after concurrent runs is not the generated file: %s", stderr)
	}
	if names := entries(t, dir); len(names) != 2 {
		t.Errorf("folder holds %v", names)
	}
}
