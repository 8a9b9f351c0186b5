package main

import (
	"os"
	"strings"
	"testing"
)

// TestCommandDocUsage keeps the synopsis of docs/command.md equal to the usage
// lines statusgen prints: the synopsis is built from targets.List, so a new
// output flag changes it, and the page must follow.
func TestCommandDocUsage(t *testing.T) {
	doc, err := os.ReadFile("../../docs/command.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "## Synopsis\n\n```\n")
	if !ok {
		t.Fatal(`docs/command.md has no "## Synopsis" section opening with a code block`)
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
		t.Errorf("docs/command.md's synopsis:\n%s\nstatusgen -h prints:\n%s", documented, printed)
	}
}
