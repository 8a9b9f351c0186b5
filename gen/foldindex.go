package gen

import "hash/maphash"

// A foldIndex finds, among the names added to it, the first that equals a
// name but for ASCII case: what validation asks of every name and alias of
// a spec, a million of them in a large one. It is an open-addressed table
// of positions in the caller's list of names, 8 bytes a slot, where a map
// of folded names took five times that and a folded copy of every name.
// Each slot keeps 32 bits of its name's hash beside the position, so that
// a probe reads the caller's name (a cache miss or two) only when those
// match. The hash has a seed of its own, so that a spec cannot choose
// names that collide.
type foldIndex struct {
	seed  maphash.Seed
	slots []uint64 // the hash's high 32 bits, and 1 + a position in the caller's list; 0 is empty
	used  int
	name  func(pos int) string // the caller's name at pos
}

// newFoldIndex returns an index sized for n names, which reads the name at
// a position with name.
func newFoldIndex(n int, name func(pos int) string) *foldIndex {
	x := &foldIndex{seed: maphash.MakeSeed(), name: name}
	x.slots = make([]uint64, slotsFor(n))
	return x
}

// slotsFor returns the table size for n names: a power of two at least
// twice n, so that probes stay short.
func slotsFor(n int) int {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return size
}

// find returns the position of the first name added that equals name but
// for ASCII case, or -1.
func (x *foldIndex) find(name string) int {
	pos, _, _ := x.probe(name)
	return pos
}

// add returns what find returns, and when that is -1, adds name at pos.
func (x *foldIndex) add(name string, pos int) int {
	first, slot, tag := x.probe(name)
	if first >= 0 {
		return first
	}
	x.slots[slot] = tag | uint64(uint32(pos)+1)
	if x.used++; 2*x.used > len(x.slots) {
		x.grow()
	}
	return -1
}

// probe returns the position of name's match, or -1 and the empty slot
// where name goes; tag is the high half of name's hash, as slots keep it.
func (x *foldIndex) probe(name string) (pos, slot int, tag uint64) {
	h := x.hash(name)
	tag = h &^ (1<<32 - 1)
	mask := len(x.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return -1, i, tag
		}
		if s&^(1<<32-1) == tag {
			if p := int(uint32(s) - 1); equalFoldASCII(x.name(p), name) {
				return p, i, tag
			}
		}
	}
}

// grow doubles the table, for a caller that added more names than it said.
func (x *foldIndex) grow() {
	old := x.slots
	x.slots = make([]uint64, 2*len(old))
	for _, s := range old {
		if s != 0 {
			_, slot, _ := x.probe(x.name(int(uint32(s) - 1)))
			x.slots[slot] = s
		}
	}
}

// hash hashes FoldASCII(s), folding a short name on the stack.
func (x *foldIndex) hash(s string) uint64 {
	var buf [64]byte
	if len(s) > len(buf) {
		return maphash.String(x.seed, FoldASCII(s))
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return maphash.Bytes(x.seed, b)
}
