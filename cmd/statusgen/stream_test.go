package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen/targets"
)

// An output printed into its temporary file (o.write) fails as one held in
// memory does: a failed write or a refusal of its own, in the second
// output's folder, leaves every output as it was and no temporary file,
// and the error says which.
func TestFailedStreamWritesNothing(t *testing.T) {
	dirA, dirB := t.TempDir(), t.TempDir()
	a, b := filepath.Join(dirA, "a.md"), filepath.Join(dirB, "b.md")
	write(t, a, "old a\n", 0o644)
	write(t, b, "old b\n", 0o644)
	long := strings.Repeat("new text\n", 50000) // written in several pieces
	refused := errors.New("refused")
	for _, c := range []struct {
		step  string
		print func(io.Writer) error
		want  string
	}{
		{"write", func(w io.Writer) error { _, err := io.WriteString(w, long); return err }, "no space left on device"},
		{"", func(w io.Writer) error {
			if _, err := io.WriteString(w, long); err != nil {
				return err
			}
			return refused
		}, "-md: refused"},
	} {
		outputs := []*output{{Target: &targets.List[7], path: a, write: func(w io.Writer) error { _, err := io.WriteString(w, long); return err }}, {Target: &targets.List[7], path: b, write: c.print}}
		if errs := prepare(outputs, false); len(errs) > 0 {
			t.Fatal(errs)
		}
		errs := writeOutputs(failingFS{step: c.step, dir: dirB}, outputs)
		if len(errs) != 1 || errs[0].path != b || !strings.Contains(errs[0].msg, c.want) {
			t.Errorf("%s: errors %v, want one for %s saying %q", c.want, errs, b, c.want)
		}
		if readFile(t, a) != "old a\n" || readFile(t, b) != "old b\n" {
			t.Errorf("%s: an output changed", c.want)
		}
		if len(entries(t, dirA)) != 1 || len(entries(t, dirB)) != 1 {
			t.Errorf("%s: left behind %v %v", c.want, entries(t, dirA), entries(t, dirB))
		}
	}
}

// sameContent compares files of several chunks: equal ones, and ones that
// differ in the first byte, at a chunk's edge, in the last byte, or in size.
func TestSameContent(t *testing.T) {
	dir := t.TempDir()
	text := []byte(strings.Repeat("0123456789abcdef", 3*compareChunk/16+100))
	written := filepath.Join(dir, "written")
	if err := os.WriteFile(written, text, 0o644); err != nil {
		t.Fatal(err)
	}
	change := func(i int) string {
		changed := slices.Clone(text)
		changed[i] = 'x'
		return string(changed)
	}
	for _, c := range []struct {
		name, old string
		same      bool
	}{
		{"equal", string(text), true},
		{"first byte", change(0), false},
		{"chunk edge", change(compareChunk - 1), false},
		{"after edge", change(compareChunk), false},
		{"last byte", change(len(text) - 1), false},
		{"shorter", string(text[:len(text)-1]), false},
		{"longer", string(text) + "x", false},
	} {
		old := filepath.Join(dir, "old")
		write(t, old, c.old, 0o644)
		if got := sameContent(old, written, int64(len(text))); got != c.same {
			t.Errorf("%s: sameContent = %v, want %v", c.name, got, c.same)
		}
	}
	if sameContent(filepath.Join(dir, "missing"), written, int64(len(text))) {
		t.Error("a missing file has the same content")
	}
}

// countingFS is the file system, counting the temporary files created.
type countingFS struct{ created *int }

func (f countingFS) CreateTemp(dir, pattern string) (tempFile, error) {
	*f.created++
	return os.CreateTemp(dir, pattern)
}
func (countingFS) Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

// A printed output up to holdSize is held and compared in memory: an
// unchanged one creates no temporary file. A larger one goes to its
// temporary file once it outgrows holdSize, and is written whole, whether
// it changed or not.
func TestStreamHoldsSmallOutputs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	for _, c := range []struct {
		name    string
		size    int
		old     string
		created int // temporary files
		staged  bool
		isNew   bool // no output yet
	}{
		{"small, unchanged", 1000, strings.Repeat("x", 1000), 0, false, false},
		{"small, changed", 1000, "old\n", 1, true, false},
		{"empty, new", 0, "", 1, true, true},
		{"at the limit, unchanged", holdSize, strings.Repeat("x", holdSize), 0, false, false},
		{"past the limit, unchanged", holdSize + 1, strings.Repeat("x", holdSize+1), 1, false, false},
		{"large, changed", 3 * holdSize, "old\n", 1, true, false},
	} {
		os.Remove(path)
		if !c.isNew {
			write(t, path, c.old, 0o644)
		}
		text := strings.Repeat("x", c.size)
		o := &output{Target: &targets.List[7], path: path, write: func(w io.Writer) error {
			for rest := text; len(rest) > 0; rest = rest[min(len(rest), 1000):] {
				if _, err := io.WriteString(w, rest[:min(len(rest), 1000)]); err != nil {
					return err
				}
			}
			return nil
		}}
		if errs := prepare([]*output{o}, false); len(errs) > 0 {
			t.Fatal(errs)
		}
		created := 0
		if err := stage(countingFS{&created}, o); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if created != c.created || (o.tmp != "") != c.staged {
			t.Errorf("%s: %d temporary files, staged %q; want %d, staged %v", c.name, created, o.tmp, c.created, c.staged)
		}
		if o.tmp != "" {
			if got := readFile(t, o.tmp); got != text {
				t.Errorf("%s: staged %d bytes, want the %d printed", c.name, len(got), len(text))
			}
			os.Remove(o.tmp)
		}
		if got := entries(t, dir); len(got) != 1 && !c.isNew || len(got) != 0 && c.isNew {
			t.Errorf("%s: the folder holds %v, want the output alone", c.name, got)
		}
	}
}
