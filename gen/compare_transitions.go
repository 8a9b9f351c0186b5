package gen

import (
	"fmt"
	"slices"
	"strings"
)

// maxListedMoves is how many moves a transition change names; a longer
// list ends with how many more there are, so that a change to a large
// enum's graph is a line per value, not the square of its size.
const maxListedMoves = 32

// compareTransitions compares the moves allowed between values both specs
// have, one change per value whose moves changed. Its time is linear in the
// moves each side declares (a value that may move anywhere is one flag), so
// a large graph compares as fast as it parses.
func (c *comparison) compareTransitions() {
	old, new := c.old, c.new
	matchedNew := make(map[*EnumValue]*EnumValue, len(c.match))
	for ov, nv := range c.match {
		matchedNew[nv] = ov
	}
	var pairs [][2]*EnumValue // old, new; in new's order
	// pairOfOld and pairOfNew give each value's index in pairs, or -1.
	pairOfOld, pairOfNew := make([]int, len(old.Values)), make([]int, len(new.Values))
	for i := range pairOfOld {
		pairOfOld[i] = -1
	}
	for i := range new.Values {
		pairOfNew[i] = -1
		if ov := matchedNew[&new.Values[i]]; ov != nil {
			pairOfOld[c.oldIndex[ov]], pairOfNew[i] = len(pairs), len(pairs)
			pairs = append(pairs, [2]*EnumValue{ov, &new.Values[i]})
		}
	}
	const (
		wasAllowed = 1 << iota
		isAllowed
	)
	allowed := make([]uint8, len(pairs)) // for one value: the moves to each pair that old and new allow
	var touched []int                    // the pairs marked in allowed
	for p, from := range pairs {
		oi, ni := c.oldIndex[from[0]], c.newIndex[from[1]]
		oldAnywhere, newAnywhere := old.Transitions.MovesAnywhere(oi), new.Transitions.MovesAnywhere(ni)
		if oldAnywhere && newAnywhere {
			continue // the common case, and quick for large enums
		}
		touched = touched[:0]
		mark := func(q int, bit uint8) {
			if q >= 0 && q != p {
				if allowed[q] == 0 {
					touched = append(touched, q)
				}
				allowed[q] |= bit
			}
		}
		if !oldAnywhere {
			for _, j := range old.Transitions.next[oi] {
				mark(pairOfOld[j], wasAllowed)
			}
		}
		if !newAnywhere {
			for _, j := range new.Transitions.next[ni] {
				mark(pairOfNew[j], isAllowed)
			}
		}
		var removed, added moveList
		switch {
		case oldAnywhere: // old allowed every move; new allows the marked ones
			removed.count = len(pairs) - 1 - len(touched)
			for q := 0; q < len(pairs) && len(removed.names) < min(removed.count, maxListedMoves); q++ {
				if q != p && allowed[q] == 0 {
					removed.names = append(removed.names, pairs[q][1].Name)
				}
			}
		case newAnywhere:
			added.count = len(pairs) - 1 - len(touched)
			for q := 0; q < len(pairs) && len(added.names) < min(added.count, maxListedMoves); q++ {
				if q != p && allowed[q] == 0 {
					added.names = append(added.names, pairs[q][1].Name)
				}
			}
		default:
			slices.Sort(touched) // new's order
			for _, q := range touched {
				switch allowed[q] {
				case wasAllowed:
					removed.add(pairs[q][1].Name)
				case isAllowed:
					added.add(pairs[q][1].Name)
				}
			}
		}
		for _, q := range touched {
			allowed[q] = 0
		}
		if removed.count > 0 {
			c.add(RuleTransitionRemoved, from[1].NamePos, from[0], from[1], "%s may no longer move to %s: writers built from OLD make moves that NEW refuses", from[1].Name, removed)
		}
		if added.count > 0 {
			c.add(RuleTransitionAdded, from[1].NamePos, from[0], from[1], "%s may now move to %s: NEW accepts moves that writers built from OLD never make", from[1].Name, added)
		}
	}
}

// A moveList is the values a change names, the first maxListedMoves of
// count.
type moveList struct {
	names []string
	count int
}

func (l *moveList) add(name string) {
	if len(l.names) < maxListedMoves {
		l.names = append(l.names, name)
	}
	l.count++
}

// String prints the names, and how many more there are.
func (l moveList) String() string {
	s := strings.Join(l.names, ", ")
	if more := l.count - len(l.names); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}
