package gen

import "hash/maphash"

// firstFolds returns, for n names read in order by name, where the first
// name equal to each but for ASCII case is: first[i] < i, or -1 when name
// i is the first of its kind. Validation asks it of every name and alias
// of a spec, a million in a large one.
//
// A map of folded names cost a folded copy of each name and a random
// access into a table of them all for each, a cache and TLB miss every
// time, and that was most of validation's time. Here the names are hashed
// in order, sorted into buckets of about a thousand by the hash's high
// bits (a counting sort, which keeps each bucket in order), and each bucket
// is searched in a table that stays in the cache; a name is read again
// only when its full hash matches another's. The hash has a seed of its
// own, so that a spec cannot choose names that collide.
func firstFolds(n int, name func(i int) string) []int32 {
	seed := maphash.MakeSeed()
	bits := 0
	for n>>bits > 1024 {
		bits++
	}
	bucket := func(h uint64) int {
		if bits == 0 {
			return 0
		}
		return int(h >> (64 - bits))
	}
	type entry struct {
		hash uint64
		pos  int32
	}
	hashes := make([]uint64, n)
	start := make([]int32, 1<<bits+1) // bucket b holds entries[start[b]:start[b+1]]
	for i := range hashes {
		hashes[i] = foldHash(seed, name(i))
		start[bucket(hashes[i])+1]++
	}
	widest := 0
	for b := 1; b < len(start); b++ {
		widest = max(widest, int(start[b]))
		start[b] += start[b-1]
	}
	entries := make([]entry, n)
	next := append([]int32(nil), start[:len(start)-1]...)
	for i, h := range hashes {
		b := bucket(h)
		entries[next[b]] = entry{h, int32(i)}
		next[b]++
	}
	hashes = nil

	first := make([]int32, n)
	for i := range first {
		first[i] = -1
	}
	table := make([]int32, slotsFor(widest)) // 1 + an index in the bucket; 0 is empty
	for b := 0; b+1 < len(start); b++ {
		in := entries[start[b]:start[b+1]]
		t := table[:slotsFor(len(in))]
		clear(t)
		mask := len(t) - 1
		for k, e := range in {
			for s := int(e.hash) & mask; ; s = (s + 1) & mask {
				if t[s] == 0 {
					t[s] = int32(k) + 1
					break
				}
				if o := in[t[s]-1]; o.hash == e.hash && equalFoldASCII(name(int(o.pos)), name(int(e.pos))) {
					first[e.pos] = o.pos
					break
				}
			}
		}
	}
	return first
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

// foldHash hashes FoldASCII(s), folding a short name on the stack.
func foldHash(seed maphash.Seed, s string) uint64 {
	var buf [64]byte
	if len(s) > len(buf) {
		return maphash.String(seed, FoldASCII(s))
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return maphash.Bytes(seed, b)
}
