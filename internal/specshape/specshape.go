// Package specshape writes large specs of one shape each, for the
// benchmark that tables statusgen's time and memory against spec size
// (internal/bench/scale) and the test that its cost per unit does not grow
// (cmd/statusgen). A shape makes one dimension of a spec large: many
// values, many aliases, or many next moves; the same size in bytes of each
// costs about what that dimension costs.
package specshape

import (
	"fmt"
	"strings"
)

// A Shape is a way to grow a spec.
type Shape struct {
	Name string // values, aliases or edges
	Unit string // what one unit is: a value, an alias, a move
	// spec returns a spec of about size bytes and the count of units.
	spec func(size int, old bool) ([]byte, int)
}

// Shapes lists the shapes, in the order of the table.
var Shapes = []Shape{
	{"values", "value", values},
	{"aliases", "alias", aliases},
	{"edges", "move", edges},
}

// Spec returns a spec of the shape of about size bytes, with the count of
// its units.
func (s Shape) Spec(size int) ([]byte, int) { return s.spec(size, false) }

// Old returns what Spec(size) evolved from, for -against and
// -sql-migrate-from: the same values without aliases or next.
func (s Shape) Old(size int) []byte {
	b, _ := s.spec(size, true)
	return b
}

// Values is the most values a shape's spec holds (gen.MaxValues), and
// GraphValues the most a spec with next holds (gen.MaxGraphValues).
const (
	Values      = 1<<16 - 2
	GraphValues = 4096
)

// values: as many values as the size holds, up to Values, each with a
// description (longer once there are Values of them).
func values(size int, old bool) ([]byte, int) {
	const perValue = 56 // bytes of a value with a short description
	n := max(1, min(Values, size/perValue))
	pad := max(0, size/n-perValue)
	var b strings.Builder
	b.Grow(size + 64)
	b.WriteString("type: Status\nvalues:\n")
	desc := strings.Repeat("x", pad)
	for i := range n {
		if old {
			fmt.Fprintf(&b, "  - name: S%05d\n", i)
			continue
		}
		fmt.Fprintf(&b, "  - name: S%05d\n    description: Value number %05d.%s\n", i, i, desc)
	}
	return []byte(b.String()), n
}

// aliases: values with ten aliases each, in flow lists, as many as the
// size holds; past Values values, more aliases each.
func aliases(size int, old bool) ([]byte, int) {
	const perValue, perAlias = 17, 10 // "  - name: S00042\n", "A0000042, "
	n := max(1, min(Values, size/(perValue+10*perAlias)))
	total := max(n, (size-n*perValue)/perAlias)
	var b strings.Builder
	b.Grow(size + 64)
	b.WriteString("type: Status\nvalues:\n")
	k := 0
	for i := range n {
		fmt.Fprintf(&b, "  - name: S%05d\n", i)
		if old {
			continue
		}
		b.WriteString("    aliases: [")
		for j := range total/n + boolInt(i < total%n) {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "A%07d", k)
			k++
		}
		b.WriteString("]\n")
	}
	return []byte(b.String()), k
}

// edges: values that each move to the 64 values after them, in flow lists,
// as many as the size holds; past GraphValues values, to more of them.
func edges(size int, old bool) ([]byte, int) {
	const perValue, perMove = 16, 7 // "  - name: S0042\n", "S0042, "
	n := max(2, min(GraphValues, size/(perValue+64*perMove)))
	degree := min(n-1, max(1, (size-n*perValue)/n/perMove))
	var b strings.Builder
	b.Grow(size + 64)
	b.WriteString("type: Status\nvalues:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: S%04d\n", i)
		if old {
			continue
		}
		b.WriteString("    next: [")
		for j := range degree {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "S%04d", (i+1+j)%n)
		}
		b.WriteString("]\n")
	}
	return []byte(b.String()), n * degree
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
