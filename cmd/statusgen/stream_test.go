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
