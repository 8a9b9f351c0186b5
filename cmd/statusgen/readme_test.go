package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeUsage keeps the README's synopsis under "The command" equal to
// the usage lines statusgen prints: the synopsis is built from
// targets.List, so a new output flag changes it, and the README must follow.
func TestReadmeUsage(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "### The command\n\n```\n")
	if !ok {
		t.Fatal(`README.md has no "### The command" section opening with a code block`)
	}
	documented, _, _ := strings.Cut(after, "```")
	_, _, stderr := statusgen(t, "-h")
	lines := strings.SplitAfter(stderr, "\n")
	if len(lines) < 3 {
		t.Fatalf("-h printed %q", stderr)
	}
	printed := strings.Join(lines[:3], "")
	printed = strings.Replace(printed, "usage: ", "", 1)
	printed = strings.ReplaceAll(printed, "       statusgen", "statusgen")
	if documented != printed {
		t.Errorf("README.md's synopsis:\n%s\nstatusgen -h prints:\n%s", documented, printed)
	}
}
