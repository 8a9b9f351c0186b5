package gen

// The generated lookup is an open-addressing hash table with linear probing,
// built here at generation time. Parsing costs one hash of the input and a
// comparison or two, whatever the number of values, where enumer pays for a
// map lookup and stringer-style code for a linear scan. The hash folds ASCII
// case, so one table serves both the exact and the case-insensitive parse.
// hashName must match the hash function the emitter prints byte for byte;
// the golden and end-to-end tests prove that it does.

const (
	hashMul  = 0x9E3779B97F4A7C15 // 2^64 / golden ratio: Fibonacci hashing
	hashFold = 0x2020202020202020 // sets bit 5 of each byte, lower-casing ASCII letters
	seeds    = 64                 // seeds tried per spec
)

// hashIndex is a table of 1<<Bits slots; Slots[i] is the 1-based number of
// the value stored in slot i, or 0 for an empty slot.
type hashIndex struct {
	Seed    uint64
	Bits    int
	Slots   []int
	Longest int // the most names a successful lookup compares
}

func hashName(s string, seed uint64, bits int) uint64 {
	h := seed
	for ; len(s) >= 8; s = s[8:] {
		chunk := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ (chunk | hashFold)) * hashMul
	}
	var tail uint64
	for i := 0; i < len(s); i++ {
		tail = tail<<8 | uint64(s[i])
	}
	h = (h ^ (tail | hashFold)) * hashMul
	return h >> (64 - bits)
}

// buildIndex places names in a table at most half full, trying several seeds
// and keeping the one whose longest lookup is shortest (then the one with the
// fewest comparisons in all, then the smallest seed), so output is the same on
// every run.
func buildIndex(names []string) hashIndex {
	bits := 4
	for 1<<bits < 2*len(names) {
		bits++
	}
	var best hashIndex
	bestTotal := -1
	for seed := uint64(0); seed < seeds; seed++ {
		slots := make([]int, 1<<bits)
		longest, total := 0, 0
		for i, name := range names {
			probes := 1
			j := hashName(name, seed, bits)
			for slots[j] != 0 {
				j = (j + 1) % uint64(len(slots))
				probes++
			}
			slots[j] = i + 1
			longest = max(longest, probes)
			total += probes
		}
		if bestTotal < 0 || longest < best.Longest || (longest == best.Longest && total < bestTotal) {
			best = hashIndex{Seed: seed, Bits: bits, Slots: slots, Longest: longest}
			bestTotal = total
		}
	}
	return best
}
