// Package golden is what the golden tests of every package share: the
// -update flag, so that go test ./... -update (or ./gen/... -update)
// rewrites the expected files in every package it reaches rather than
// failing on a flag one package does not define, and the comparison that
// shows a difference as a diff with the command that accepts it.
//
// A package whose tests compare with no file still imports it (for the
// flag alone) when a documented -update command reaches it.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/taskstatus/taskstatus/internal/textdiff"
)

var update = flag.Bool("update", false, "rewrite the golden files the tests compare with, instead of failing on a difference")

// Update reports whether the tests run with -update: a test that keeps its
// expected output in a file writes what it got there instead of comparing.
func Update() bool { return *update }

// File compares got with the file at path, or writes got there (creating
// its folder) under -update. A difference fails t with a unified diff.
func File(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it; review the diff)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test got (if the change is intended: go test -update, and review the diff):\n%s", path, textdiff.Unified(path, path+" (got)", want, got))
	}
}
