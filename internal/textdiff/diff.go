// Package textdiff prints the line differences between two texts as a
// unified diff, for statusgen -check and the drift tests: a stale generated
// file should show what changed, not just that something did.
//
// The diff is Myers' O(ND) algorithm in its linear-space form (divide and
// conquer on the middle snake, as GNU diff does it), so memory is O(N+M)
// whatever the inputs: two frontier arrays, a changed flag per line and the
// output. Time is bounded too: when the search for a middle snake passes
// tooExpensive edits, it splits at the furthest point it reached instead of
// insisting on the shortest script, as GNU diff's heuristic does. Below that
// bound (thousands of changed lines) the script is the shortest one.
package textdiff

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines shown around each change.
const context = 3

// tooExpensive is the number of edits after which the search for a middle
// snake settles for a good split instead of the best one. It keeps two
// unrelated files of a hundred thousand lines each to seconds, while every
// change a person makes to a generated file is far below it.
const tooExpensive = 4096

type op struct {
	kind byte // ' ', '-' or '+'
	line string
}

// Unified returns a unified diff that turns old into new, with the two
// names in its header, or "" when the texts are equal.
func Unified(oldName, newName string, old, new []byte) string {
	if string(old) == string(new) {
		return ""
	}
	a, b := splitLines(string(old)), splitLines(string(new))
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	writeHunks(&out, diff(a, b))
	return out.String()
}

func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diff returns the edit script from a to b: deletions before insertions
// within each change, unchanged lines taken from a.
func diff(a, b []string) []op {
	return diffLimit(a, b, tooExpensive)
}

func diffLimit(a, b []string, limit int) []op {
	d := newDiffer(a, b, limit)
	d.compare(0, len(a), 0, len(b))
	ops := make([]op, 0, len(a)+len(b)) // the longest script: no growing
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && d.deleted[i]:
			ops = append(ops, op{'-', a[i]})
			i++
		case j < len(b) && d.inserted[j]:
			ops = append(ops, op{'+', b[j]})
			j++
		default:
			ops = append(ops, op{' ', a[i]})
			i, j = i+1, j+1
		}
	}
	return ops
}

// differ holds the state of one diff: the lines as small integers (equal
// lines, equal numbers), the two frontiers of the middle-snake search,
// indexed by diagonal k = x-y plus off, and the result as a flag per line.
type differ struct {
	a, b              []int32
	fd, bd            []int
	off               int
	limit             int
	deleted, inserted []bool
}

func newDiffer(a, b []string, limit int) *differ {
	ids := make(map[string]int32)
	intern := func(lines []string) []int32 {
		out := make([]int32, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = int32(len(ids))
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	// Diagonals run from -len(b) to len(a); the searches read one past
	// each end.
	size := len(a) + len(b) + 3
	return &differ{
		a: intern(a), b: intern(b),
		fd: make([]int, size), bd: make([]int, size),
		off:     len(b) + 1,
		limit:   limit,
		deleted: make([]bool, len(a)), inserted: make([]bool, len(b)),
	}
}

// compare marks the lines that differ between a[xoff:xlim] and b[yoff:ylim].
func (d *differ) compare(xoff, xlim, yoff, ylim int) {
	for {
		for xoff < xlim && yoff < ylim && d.a[xoff] == d.b[yoff] {
			xoff, yoff = xoff+1, yoff+1
		}
		for xoff < xlim && yoff < ylim && d.a[xlim-1] == d.b[ylim-1] {
			xlim, ylim = xlim-1, ylim-1
		}
		if xoff == xlim || yoff == ylim {
			for x := xoff; x < xlim; x++ {
				d.deleted[x] = true
			}
			for y := yoff; y < ylim; y++ {
				d.inserted[y] = true
			}
			return
		}
		xmid, ymid := d.split(xoff, xlim, yoff, ylim)
		if xmid == xoff && ymid == yoff || xmid == xlim && ymid == ylim {
			// No progress: cannot happen (both halves of a split
			// hold at least one edit), but a wrong split must not
			// loop; replacing the whole range is a correct script.
			for x := xoff; x < xlim; x++ {
				d.deleted[x] = true
			}
			for y := yoff; y < ylim; y++ {
				d.inserted[y] = true
			}
			return
		}
		// Recurse into the smaller half and loop on the larger, so the
		// stack stays shallow however unbalanced the splits are.
		if xmid-xoff+ymid-yoff < xlim-xmid+ylim-ymid {
			d.compare(xoff, xmid, yoff, ymid)
			xoff, yoff = xmid, ymid
		} else {
			d.compare(xmid, xlim, ymid, ylim)
			xlim, ylim = xmid, ymid
		}
	}
}

// split returns a point (xmid, ymid) on a shortest edit path from
// (xoff, yoff) to (xlim, ylim), found by searching forward from the start
// and backward from the end until the two searches meet. After limit
// rounds it returns the furthest point either search reached. The range
// must be non-empty in both texts, with different first and last lines.
func (d *differ) split(xoff, xlim, yoff, ylim int) (xmid, ymid int) {
	fd, bd, off := d.fd, d.bd, d.off
	dmin, dmax := xoff-ylim, xlim-yoff // the diagonals of the range
	fmid, bmid := xoff-yoff, xlim-ylim // where each search starts
	fmin, fmax, bmin, bmax := fmid, fmid, bmid, bmid
	odd := (fmid-bmid)&1 != 0
	fd[off+fmid] = xoff
	bd[off+bmid] = xlim
	for c := 1; ; c++ {
		// One more edit forward: widen the diagonals by one each side
		// (or narrow at the range's edge), then follow each snake.
		if fmin > dmin {
			fmin--
			fd[off+fmin-1] = -1
		} else {
			fmin++
		}
		if fmax < dmax {
			fmax++
			fd[off+fmax+1] = -1
		} else {
			fmax--
		}
		for k := fmax; k >= fmin; k -= 2 {
			lo, hi := fd[off+k-1], fd[off+k+1]
			x := hi // down from diagonal k+1: an insertion
			if lo >= hi {
				x = lo + 1 // right from diagonal k-1: a deletion
			}
			y := x - k
			for x < xlim && y < ylim && d.a[x] == d.b[y] {
				x, y = x+1, y+1
			}
			fd[off+k] = x
			if odd && bmin <= k && k <= bmax && bd[off+k] <= x {
				return x, y
			}
		}
		// One more edit backward, the mirror image.
		if bmin > dmin {
			bmin--
			bd[off+bmin-1] = maxInt
		} else {
			bmin++
		}
		if bmax < dmax {
			bmax++
			bd[off+bmax+1] = maxInt
		} else {
			bmax--
		}
		for k := bmax; k >= bmin; k -= 2 {
			lo, hi := bd[off+k-1], bd[off+k+1]
			x := lo // up from diagonal k-1: an insertion
			if lo >= hi {
				x = hi - 1 // left from diagonal k+1: a deletion
			}
			y := x - k
			for x > xoff && y > yoff && d.a[x-1] == d.b[y-1] {
				x, y = x-1, y-1
			}
			bd[off+k] = x
			if !odd && fmin <= k && k <= fmax && x <= fd[off+k] {
				return x, y
			}
		}
		if c < d.limit {
			continue
		}
		// Too expensive: take the forward point furthest from the
		// start or the backward point furthest from the end, whichever
		// got further.
		fbest, fx := -1, 0
		for k := fmax; k >= fmin; k -= 2 {
			x := min(fd[off+k], xlim)
			y := x - k
			if y > ylim {
				x, y = ylim+k, ylim
			}
			if x+y > fbest {
				fbest, fx = x+y, x
			}
		}
		bbest, bx := maxInt, 0
		for k := bmax; k >= bmin; k -= 2 {
			x := max(xoff, bd[off+k])
			y := x - k
			if y < yoff {
				x, y = yoff+k, yoff
			}
			if x+y < bbest {
				bbest, bx = x+y, x
			}
		}
		if xlim+ylim-bbest < fbest-(xoff+yoff) {
			return fx, fbest - fx
		}
		return bx, bbest - bx
	}
}

const maxInt = int(^uint(0) >> 1)

// writeHunks prints the changes with their context as @@ hunks. It walks the
// script once, counting lines as it goes, so a script with many hunks costs
// no more than one with a single hunk.
func writeHunks(out *strings.Builder, ops []op) {
	oldLine, newLine := 1, 1 // the line numbers of ops[done]
	done := 0
	advance := func(to int) {
		for _, o := range ops[done:to] {
			if o.kind != '+' {
				oldLine++
			}
			if o.kind != '-' {
				newLine++
			}
		}
		done = to
	}
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk starts context lines before the change and runs until a
		// stretch of more than 2*context unchanged lines.
		start := max(0, i-context)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		advance(start)
		var oldN, newN int
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				oldN++
			}
			if o.kind != '-' {
				newN++
			}
		}
		fmt.Fprintf(out, "@@ -%d,%d +%d,%d @@\n", oldLine, oldN, newLine, newN)
		for _, o := range ops[start:end] {
			out.WriteByte(o.kind)
			out.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
}
