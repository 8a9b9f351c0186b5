package gen

import (
	"fmt"
	"strings"
	"testing"
)

// firstFolds gives what a map of folded names gives, whatever the case,
// the length (past the stack buffer) or the number of names (many
// buckets, and one).
func TestFirstFoldsIsAMapOfFoldedNames(t *testing.T) {
	for _, n := range []int{0, 1, 5, 3000, 20000} {
		var list []string
		for i := range n {
			name := fmt.Sprintf("Name%d", i%(n/3+1))
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
		first := firstFolds(len(list), func(i int) string { return list[i] })
		oracle := make(map[string]int32)
		for i, name := range list {
			want, ok := oracle[FoldASCII(name)]
			if !ok {
				want = -1
				oracle[FoldASCII(name)] = int32(i)
			}
			if first[i] != want {
				t.Fatalf("%d names: first of %q (%d) = %d, want %d", n, name, i, first[i], want)
			}
		}
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
