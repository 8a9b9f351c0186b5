package gen

import (
	"fmt"
	"strings"
	"testing"
)

// foldIndex gives what a map of folded names gives, whatever the case,
// the length (past the stack buffer) or the number of names (past the
// size it was made for, so that it grows).
func TestFoldIndexIsAMapOfFoldedNames(t *testing.T) {
	var list []string
	for i := range 3000 {
		name := fmt.Sprintf("Name%d", i%1000)
		switch i % 3 {
		case 1:
			name = strings.ToUpper(name)
		case 2:
			name = strings.Repeat("x", 70) + name // folded off the stack
		}
		if i%7 == 0 {
			name += "é"
		}
		list = append(list, name)
	}
	x := newFoldIndex(100, func(pos int) string { return list[pos] })
	oracle := make(map[string]int)
	for pos, name := range list {
		want, ok := oracle[FoldASCII(name)]
		if !ok {
			want = -1
			oracle[FoldASCII(name)] = pos
		}
		if got := x.add(name, pos); got != want {
			t.Fatalf("add(%q) = %d, want %d", name, got, want)
		}
	}
	for _, name := range []string{"name5", "NAME999", "nAmE0", "name1000", "", strings.Repeat("X", 70) + "NAME2"} {
		want, ok := oracle[FoldASCII(name)]
		if !ok {
			want = -1
		}
		if got := x.find(name); got != want {
			t.Errorf("find(%q) = %d, want %d", name, got, want)
		}
	}
	if len(x.slots) < 2*len(oracle) {
		t.Errorf("%d slots for %d names; the table did not grow", len(x.slots), len(oracle))
	}
}

func TestFoldASCII(t *testing.T) {
	for in, want := range map[string]string{"": "", "abc": "abc", "ABC": "abc", "aBc-É": "abc-É", "x_Y": "x_y"} {
		if got := FoldASCII(in); got != want {
			t.Errorf("FoldASCII(%q) = %q, want %q", in, got, want)
		}
		if !equalFoldASCII(in, want) || equalFoldASCII(in, want+"z") {
			t.Errorf("equalFoldASCII(%q, %q) is wrong", in, want)
		}
	}
}
