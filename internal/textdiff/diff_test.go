package textdiff

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestUnifiedEqual(t *testing.T) {
	if got := Unified("a", "b", []byte("x\ny\n"), []byte("x\ny\n")); got != "" {
		t.Errorf("equal texts: got %q, want no diff", got)
	}
}

func TestUnifiedOneChange(t *testing.T) {
	old := "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
	new := "1\n2\n3\n4\nfive\n6\n7\n8\n9\n"
	want := "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
	if got := Unified("old", "new", []byte(old), []byte(new)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedNoTrailingNewline(t *testing.T) {
	want := "--- a\n+++ b\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+x\n"
	if got := Unified("a", "b", []byte("x"), []byte("x\n")); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestScriptRebuildsBoth checks on random texts that the edit script is a
// correct script: its ' ' and '-' lines are the old text, its ' ' and '+'
// lines the new one, and it is no longer than the naive delete-all, add-all.
func TestScriptRebuildsBoth(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"a\n", "b\n", "c\n", "d\n"}
	for range 500 {
		var a, b []string
		for range rng.IntN(30) {
			a = append(a, words[rng.IntN(len(words))])
		}
		for range rng.IntN(30) {
			b = append(b, words[rng.IntN(len(words))])
		}
		ops := diff(a, b)
		edits := checkScript(t, a, b, ops)
		if lcs := lcsLen(a, b); edits != len(a)+len(b)-2*lcs {
			t.Fatalf("script has %d edits, the shortest has %d:\na=%q\nb=%q", edits, len(a)+len(b)-2*lcs, a, b)
		}
	}
}

// checkScript fails unless the script's ' ' and '-' lines are a and its
// ' ' and '+' lines are b; it returns the number of edits.
func checkScript(t *testing.T, a, b []string, ops []op) (edits int) {
	t.Helper()
	var gotA, gotB []string
	for _, o := range ops {
		if o.kind != '+' {
			gotA = append(gotA, o.line)
		}
		if o.kind != '-' {
			gotB = append(gotB, o.line)
		}
		if o.kind != ' ' {
			edits++
		}
	}
	if !slices.Equal(gotA, a) || !slices.Equal(gotB, b) {
		t.Fatalf("script does not rebuild the texts:\na=%q\nb=%q\nops=%v", a, b, ops)
	}
	return edits
}

// TestTooExpensiveStillRebuildsBoth forces the split heuristic (a search
// that gives up after one to three rounds) on random texts: the script may
// be longer than the shortest, but it must still turn a into b.
func TestTooExpensiveStillRebuildsBoth(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"a\n", "b\n", "c\n", "d\n", "e\n"}
	for i := range 2000 {
		var a, b []string
		for range rng.IntN(60) {
			a = append(a, words[rng.IntN(len(words))])
		}
		for range rng.IntN(60) {
			b = append(b, words[rng.IntN(len(words))])
		}
		checkScript(t, a, b, diffLimit(a, b, 1+i%3))
	}
}

// lcsLen is the textbook quadratic longest common subsequence, the oracle
// for the length of the shortest edit script.
func lcsLen(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
