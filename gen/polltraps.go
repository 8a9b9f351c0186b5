package gen

import (
	"fmt"
	"strings"
)

// allPolled refuses, under the terminal rule, a spec whose every value is
// polled: any value may move to any other, yet none stops Poll. The error
// is at the first value's poll key, since the remedy is the spec's.
func (s *Spec) allPolled(byName map[string]*Value) ErrorList {
	var first *Value
	count := 0
	for i := range s.Values {
		v := &s.Values[i]
		if byName[v.Name] != v {
			continue
		}
		if !v.Poll || v.Terminal {
			return nil
		}
		if first == nil {
			first = v
		}
		count++
	}
	var errs ErrorList
	switch {
	case count == 1:
		errs.add(first.PollPos, "value %q is polled and is the only value, so Poll would never end: add a value that is not polled (a terminal one), or remove poll", first.Name)
	case count > 1:
		errs.add(first.PollPos, "all %d values are polled, so Poll would never end: any value may move to any other, but none stops polling; add a value that is not polled (a terminal one), or remove poll from one", count)
	}
	return errs
}

// pollTraps finds the polled values Poll could never leave: those from
// which no value that stops polling (one not polled, or terminal) can be
// reached through next. It reports each at its poll key, with the path
// its first moves take into the loop that holds it.
//
// A spec may have MaxGraphValues values and millions of moves, so the work
// is linear in their number: one pass backwards along the moves from every
// value that stops polling marks the values that reach one; what is left
// unmarked is trapped. A value whose next the checks above refuse (empty,
// or naming something that is no value) counts as stopping, so that its
// own error is not echoed by every value that leads to it.
func (s *Spec) pollTraps(byName map[string]*Value) ErrorList {
	n := len(s.Values)
	index := make(map[string]int32, n) // the values that passed their name checks
	for i := range s.Values {
		if v := &s.Values[i]; byName[v.Name] == v {
			index[v.Name] = int32(i)
		}
	}
	// targets(i) is the values of i's next, or nil when i counts as
	// stopping.
	targets := func(i int) []int32 {
		v := &s.Values[i]
		if j, ok := index[v.Name]; !ok || j != int32(i) || !v.Poll || v.Terminal || len(v.Next) == 0 {
			return nil
		}
		out := make([]int32, 0, len(v.Next))
		for _, name := range v.Next {
			j, ok := index[name]
			if !ok {
				return nil
			}
			out = append(out, j)
		}
		return out
	}

	// The moves out of the polled values, reversed, as one flat list:
	// from[start[j]:start[j+1]] are the polled values that may move to j.
	out := make([][]int32, n)
	start := make([]int32, n+1)
	for i := range s.Values {
		out[i] = targets(i)
		for _, j := range out[i] {
			start[j+1]++
		}
	}
	for j := range n {
		start[j+1] += start[j]
	}
	from := make([]int32, start[n])
	fill := append([]int32(nil), start[:n]...)
	for i, to := range out {
		for _, j := range to {
			from[fill[j]] = int32(i)
			fill[j]++
		}
	}

	reaches := make([]bool, n) // reaches[i]: i stops polling, or may move to a value that does
	queue := make([]int32, 0, n)
	for i := range s.Values {
		if out[i] == nil {
			reaches[i] = true
			queue = append(queue, int32(i))
		}
	}
	for len(queue) > 0 {
		j := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, i := range from[start[j]:start[j+1]] {
			if !reaches[i] {
				reaches[i] = true
				queue = append(queue, i)
			}
		}
	}

	// Each trapped value's first move to another value (or to itself, its
	// only move) is trapped too; following first moves from any trapped
	// value enters a loop. loops names, for each, where its path enters
	// the loop and how long the path is, in one pass over all of them.
	succ := make([]int32, n)
	for i := range s.Values {
		if reaches[i] {
			continue
		}
		succ[i] = int32(i)
		for _, j := range out[i] {
			if j != int32(i) {
				succ[i] = j
				break
			}
		}
	}
	entry, length := loops(reaches, succ)

	var errs ErrorList
	for i := range s.Values {
		if reaches[i] {
			continue
		}
		v := &s.Values[i]
		errs.add(v.PollPos, "value %q is polled but every move from it leads only to polled values (%s); Poll would never end: let one of them move to a value that is not polled (a terminal one), or remove poll from one of them",
			v.Name, s.trapPath(int32(i), succ, entry[i], length[i]))
	}
	return errs
}

// loops follows succ from every i with !skip[i] into the loop it ends in,
// and returns for each such i the first value of the loop its path meets
// (itself, when i is on the loop) and the number of values on the path
// from i around the loop back to that value, counting it twice. Each value
// is walked once.
func loops(skip []bool, succ []int32) (entry, length []int32) {
	n := len(succ)
	entry, length = make([]int32, n), make([]int32, n)
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, n)
	var path []int32
	for i := range n {
		if skip[i] || state[i] != unseen {
			continue
		}
		path = path[:0]
		j := int32(i)
		for state[j] == unseen {
			state[j] = onPath
			path = append(path, j)
			j = succ[j]
		}
		if state[j] == onPath { // a new loop: path from j on
			k := len(path) - 1
			for path[k] != j {
				k--
			}
			loop := int32(len(path) - k)
			for _, c := range path[k:] {
				entry[c], length[c], state[c] = c, loop+1, done
			}
			path = path[:k]
		}
		for k := len(path) - 1; k >= 0; k-- {
			c := path[k]
			entry[c], length[c], state[c] = entry[succ[c]], length[succ[c]]+1, done
		}
	}
	return entry, length
}

// maxTrapPath is how many values a trap's path shows in full; a longer one
// shows its first values and the one its loop returns to.
const maxTrapPath = 8

// trapPath prints the path from Values[i] through succ around its loop,
// such as "A → B → A", shortened when it is long.
func (s *Spec) trapPath(i int32, succ []int32, entry, length int32) string {
	var b strings.Builder
	shown := min(length, maxTrapPath)
	if length > maxTrapPath {
		shown = maxTrapPath - 2
	}
	for k := range shown {
		if k > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(s.Values[i].Name)
		i = succ[i]
	}
	if length > maxTrapPath {
		fmt.Fprintf(&b, " → … → %s, %d moves in all", s.Values[entry].Name, length-1)
	}
	return b.String()
}
