package golang

// Past switchMax values, the name lookups are an open-addressing hash table
// instead of a switch: the Go compiler needs about a minute for a 10,000-case
// string switch, and a table of that size compiles in under a second and
// still finds a name with one hash and, on average, little more than one
// slot. Each slot holds its name's first and last 8 bytes as integers, so a
// name of up to 16 bytes is confirmed with two integer comparisons.
//
// The functions here must agree bit for bit with the ones genHashLookup
// prints; the end-to-end test generates both lookups and checks that they
// find every name and reject near misses.

// switchMax is the largest enum whose lookups are switch statements; past
// it they are hash tables, which declare more names (see generatedNames).
const switchMax = 256

const (
	hashMul1 = 0x9E3779B97F4A7C15 // 2^64 / golden ratio
	hashMul2 = 0xC2B2AE3D27D4EB4F // a second odd constant (from xxHash), for the last word
	seeds    = 64                 // seeds tried per table of up to 1024 names
	seedsBig = 8                  // and per larger table, where they differ little
)

// hashIndex is a table of names: each slot holds a name, as a place in
// Text, and the 1-based index into the model's values of the value it
// names (aliases share their value's); Value 0 marks an empty slot.
type hashIndex struct {
	Seed   uint64
	Bits   int
	Slots  []hashSlot // 1<<Bits slots
	Text   string     // the names, one after another
	MinLen int
	MaxLen int
}

type hashSlot struct {
	Start, End, Value int32
}

// name returns the name in slot s.
func (ix *hashIndex) name(s hashSlot) string { return ix.Text[s.Start:s.End] }

func load64(s string) uint64 {
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32(s string) uint64 {
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// nameWords returns the words a slot stores for s: its first and last 8
// bytes (overlapping when shorter than 16); for 4 to 7 bytes, its first and
// last 4 bytes in one word; for 1 to 3 bytes, its first, middle and last
// byte. With the length, they determine any name of up to 16 bytes.
func nameWords(s string) (first, last uint64) {
	switch n := len(s); {
	case n >= 8:
		return load64(s), load64(s[n-8:])
	case n >= 4:
		return load32(s) | load32(s[n-4:])<<32, 0
	default:
		return uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16, 0
	}
}

func hashSlotOf(s string, seed uint64, bits int) uint64 {
	first, last := nameWords(s)
	h := (first^seed)*hashMul1 ^ (last^uint64(len(s)))*hashMul2
	for i := 8; i+8 < len(s); i += 8 {
		h = (h ^ load64(s[i:])) * hashMul1
	}
	return h >> (64 - bits)
}

// buildHashIndex places names (text[ends[i-1]:ends[i]] is name i) in a
// table, each with its value, at most half full, trying several seeds and
// keeping the one with the shortest longest search (then the fewest probes
// in all, then the smallest seed), so the output never varies. A try needs
// only to know which slots are taken, so it runs on a bitset (a quarter of
// a megabyte for a million names, which stays in cache), and only the
// chosen seed fills the table.
func buildHashIndex(text string, ends, values []int32) hashIndex {
	bits := 4
	for 1<<bits < 2*len(ends) {
		bits++
	}
	tries := uint64(seeds)
	if len(ends) > 1024 {
		tries = seedsBig
	}
	size := uint64(1) << bits
	// A name of up to 16 bytes hashes to (first^seed)*hashMul1 ^ mix,
	// where only seed changes between tries (see hashSlotOf); a longer
	// one goes through hashSlotOf.
	type key struct{ first, mix uint64 }
	keys := make([]key, len(ends))
	start := int32(0)
	for i, end := range ends {
		first, last := nameWords(text[start:end])
		keys[i] = key{first, (last ^ uint64(end-start)) * hashMul2}
		start = end
	}
	slotOf := func(i int, seed uint64) uint64 {
		start := int32(0)
		if i > 0 {
			start = ends[i-1]
		}
		if ends[i]-start > 16 {
			return hashSlotOf(text[start:ends[i]], seed, bits)
		}
		return ((keys[i].first^seed)*hashMul1 ^ keys[i].mix) >> (64 - bits)
	}
	taken := make([]uint64, size/64+1)
	best, bestLongest, bestTotal := uint64(0), 0, 0
	for seed := uint64(0); seed < tries; seed++ {
		clear(taken)
		longest, total := 0, 0
		for i := range ends {
			j, probes := slotOf(i, seed), 1
			for taken[j/64]&(1<<(j%64)) != 0 {
				j, probes = (j+1)&(size-1), probes+1
			}
			taken[j/64] |= 1 << (j % 64)
			longest, total = max(longest, probes), total+probes
		}
		if seed == 0 || longest < bestLongest || longest == bestLongest && total < bestTotal {
			best, bestLongest, bestTotal = seed, longest, total
		}
	}
	ix := hashIndex{Seed: best, Bits: bits, Slots: make([]hashSlot, size), Text: text}
	ix.MinLen, ix.MaxLen = int(ends[0]), int(ends[0])
	start = 0
	for i, end := range ends {
		j := slotOf(i, best)
		for ix.Slots[j].Value != 0 {
			j = (j + 1) & (size - 1)
		}
		ix.Slots[j] = hashSlot{start, end, values[i]}
		n := int(end - start)
		ix.MinLen, ix.MaxLen = min(ix.MinLen, n), max(ix.MaxLen, n)
		start = end
	}
	return ix
}
