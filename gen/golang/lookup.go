package golang

import (
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"

	"github.com/taskstatus/taskstatus/gen"
)

func (g *goFile) genParse() {
	m, n := g.m, g.m.Names
	g.P("// ", n.InvalidError, " reports a string that names no ", n.Type, ".")
	g.P("type ", n.InvalidError, " struct {")
	g.P("Input string // the rejected input, as given")
	g.P("}")
	g.P()
	g.P("// Error names the input, shortened past 64 bytes, and lists the valid names.")
	g.P("func (e *", n.InvalidError, ") Error() string {")
	g.P("in := strconv.Quote(e.Input)")
	g.P("if len(e.Input) > 64 {")
	g.P(`in = strconv.Quote(e.Input[:64]) + "..."`)
	g.P("}")
	g.P("return ", strconv.Quote(m.Package+": invalid "+n.Type+" "), " + in + ", strconv.Quote("; valid names are "+m.NameList))
	g.P("}")
	g.P()
	g.P("// ", n.Parse, " returns the ", n.Type, " whose wire name is exactly s.")
	g.P("// Any other string, including a case variant, is an *", n.InvalidError, ";")
	g.P("// the fallback never applies here.")
	g.P("func ", n.Parse, "(s string) (", n.Type, ", error) {")
	g.P("if v := ", n.Lookup, "(s); v != 0 {")
	g.P("return v, nil")
	g.P("}")
	g.P("return 0, &", n.InvalidError, "{Input: s}")
	g.P("}")
	g.P()
	if example, ok := asciiCaseVariant(m.Values[0].Name); ok {
		g.P("// ", n.ParseFold, " is like ", n.Parse, " but ignores the case of ASCII letters,")
		g.P("// so ", strconv.Quote(example), " finds ", m.Values[0].GoName, "; other letters must match exactly.")
	} else {
		g.P("// ", n.ParseFold, " is like ", n.Parse, " but ignores the case of ASCII letters;")
		g.P("// other letters must match exactly.")
	}
	g.P("func ", n.ParseFold, "(s string) (", n.Type, ", error) {")
	g.P("if v := ", n.LookupFold, "(s); v != 0 {")
	g.P("return v, nil")
	g.P("}")
	g.P("return 0, &", n.InvalidError, "{Input: s}")
	g.P("}")
	g.P()
	g.P("// ", n.Decode, " returns the ", n.Type, " named by text for the decoders whose")
	g.P("// input a newer writer may have produced: JSON values and SQL.")
	g.P("func ", n.Decode, "[chars string | []byte](text chars) (", n.Type, ", error) {")
	g.P("if v := ", n.Lookup, "(text); v != 0 {")
	g.P("return v, nil")
	g.P("}")
	if m.Fallback != "" {
		g.P("return ", m.Fallback, ", nil // the fallback: a name this build does not know")
	} else {
		g.P("return 0, &", n.InvalidError, "{Input: string(text)}")
	}
	g.P("}")
	g.P()
}

// asciiCaseVariant returns name with the case of its ASCII letters changed
// (to lower case if it has upper-case ones), for the fold parser's doc
// example; false when name has no ASCII letter, since the fold parser
// relates it to no other string.
func asciiCaseVariant(name string) (string, bool) {
	if lower := gen.FoldASCII(name); lower != name {
		return lower, true
	}
	upper := []byte(name)
	for i, c := range upper {
		if 'a' <= c && c <= 'z' {
			upper[i] = c - ('a' - 'A')
		}
	}
	return string(upper), string(upper) != name
}

// genLookup prints the two name lookups: switch statements up to
// switchMax values, a hash table past that (see hash.go). The Go compiler
// turns a string switch into a jump on the length and a binary search of
// inline word comparisons: for the 13 statuses that is several times faster
// than the map lookup enumer generates, it never allocates, not even for
// []byte input, and it reads like the spec.
func (g *goFile) genLookup() {
	m, n := g.m, g.m.Names
	if m.Exact != nil {
		g.genHashLookup()
		return
	}
	g.P("// ", n.Lookup, " returns the ", n.Type, " whose wire name is s, or 0 when there is none.")
	g.P("func ", n.Lookup, "[chars string | []byte](s chars) ", n.Type, " {")
	g.P("switch string(s) {")
	for _, v := range m.Values {
		g.P("case ", strconv.Quote(v.Name), ":")
		g.P("return ", v.GoName)
	}
	g.P("}")
	if m.AliasCount > 0 {
		g.P("return ", n.LookupAlias, "(s)")
	} else {
		g.P("return 0")
	}
	g.P("}")
	g.P()
	g.genAliasLookup()
	g.P()
	g.genFoldLookup(g.m.Names.Type, func() {
		g.P("switch string(lower[:len(s)]) {")
		for _, v := range m.Values {
			g.P("case ", strconv.Quote(gen.FoldASCII(v.Name)), ":")
			g.P("return ", v.GoName)
		}
		g.P("}")
		g.genAliasSwitch("lower[:len(s)]", true)
		g.P("return 0")
	})
}

// rowsSize is about the size of the rows hashRows prints, a little more
// for names that need escapes.
func (ix *hashIndex) rowsSize(m *model) int {
	n := len(ix.Slots)*len("\t{},\n") + len(ix.Text)
	for _, s := range ix.Slots {
		if s.Value != 0 {
			n += len("0x0000000000000000, 0x0000000000000000, \"\", ") + len(m.Values[s.Value-1].GoName)
		}
	}
	return n
}

// hashRows prints the slots of a table, one row each, apart from the file
// (see rows): a table holds two slots for every name and alias, and
// formatting them would cost more than everything else statusgen does.
// When the file is printed without its rows (Write), it only marks their
// place.
func (g *goFile) hashRows(ix *hashIndex) {
	w := g.rows()
	if g.apart {
		g.holes = append(g.holes, hole{len(*w), ix})
		return
	}
	*w = appendRows(*w, ix, ix.Slots, goNames(g.m))
}

// goNames lists the values' Go names, closer to the cache than the values.
func goNames(m *model) []string {
	names := make([]string, len(m.Values))
	for i, v := range m.Values {
		names[i] = v.GoName
	}
	return names
}

// appendRows appends the rows of slots, which are ix's, to b.
func appendRows(b []byte, ix *hashIndex, slots []hashSlot, goNames []string) []byte {
	for _, s := range slots {
		if s.Value == 0 {
			b = append(b, "\t{},\n"...)
			continue
		}
		name := ix.name(s)
		goName := goNames[s.Value-1]
		first, last := nameWords(name)
		// Room for the row unless the name needs escapes, so that the
		// appends below only copy.
		b = slices.Grow(b, len("\t{0x0000000000000000, 0x0000000000000000, \"\", },\n")+len(name)+len(goName))
		b = append(b, "\t{0x"...)
		b = appendHex(b, first)
		b = append(b, ", 0x"...)
		b = appendHex(b, last)
		b = append(b, ", "...)
		b = appendQuote(b, name)
		b = append(b, ", "...)
		b = append(b, goName...)
		b = append(b, "},\n"...)
	}
	return b
}

// rowChunk is how many slots writeRows prints in one piece: some
// hundreds of kilobytes, which stay in the cache between being printed
// and written.
const rowChunk = 1 << 12

// writeRows writes the rows of ix to w, as appendRows prints them, in
// pieces of rowChunk slots that one goroutine a CPU prints side by side
// while this one writes them in order. A few pieces a goroutine are in
// flight at most, each in a buffer that is used again, so the rows are
// never held whole. After a failed write nothing more is written, and
// the pieces not yet begun are not printed.
func writeRows(w io.Writer, ix *hashIndex, m *model) error {
	names := goNames(m)
	n := (len(ix.Slots) + rowChunk - 1) / rowChunk
	workers := min(runtime.GOMAXPROCS(0), n)
	pieces := make([]chan []byte, n) // piece i, once printed
	for i := range pieces {
		pieces[i] = make(chan []byte, 1)
	}
	// free holds the buffers not in use: a worker takes one before it
	// takes the next piece, so at most len(free) pieces are in flight,
	// and the piece this goroutine waits for is always being printed.
	free := make(chan []byte, 2*workers)
	for range cap(free) {
		free <- nil
	}
	var next atomic.Int64
	var failed atomic.Bool
	for range workers {
		go func() {
			for {
				b := <-free
				i := int(next.Add(1)) - 1
				if i >= n {
					free <- b
					return
				}
				if failed.Load() {
					pieces[i] <- b[:0]
					continue
				}
				slots := ix.Slots[i*rowChunk : min((i+1)*rowChunk, len(ix.Slots))]
				pieces[i] <- appendRows(b[:0], ix, slots, names)
			}
		}()
	}
	var err error
	for _, piece := range pieces {
		b := <-piece
		if err == nil {
			if _, err = w.Write(b); err != nil {
				failed.Store(true)
			}
		}
		free <- b
	}
	return err
}

// appendHex appends x in hexadecimal, as strconv.AppendUint(b, x, 16).
func appendHex(b []byte, x uint64) []byte {
	const digits = "0123456789abcdef"
	n := max(1, (bits.Len64(x)+3)/4)
	b = slices.Grow(b, n)
	at := len(b)
	b = b[:at+n]
	for i := at + n - 1; i >= at; i-- {
		b[i] = digits[x&15]
		x >>= 4
	}
	return b
}

// appendQuote appends s as a Go string literal, as strconv.AppendQuote,
// taking the short way for printable ASCII with nothing to escape.
func appendQuote(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '"' || c == '\\' {
			return strconv.AppendQuote(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// genFoldLookup prints lookupTFold, which returns result (the type for a
// closed enum, a position for an open one): the lower-casing of s into a
// buffer, then the lookup body prints, which finds lower[:len(s)].
func (g *goFile) genFoldLookup(result string, body func()) {
	m, n := g.m, g.m.Names
	g.P("// ", n.LookupFold, " is ", n.Lookup, " ignoring the case of ASCII letters: it")
	g.P("// lower-cases s into a buffer as long as the longest name and matches the")
	g.P("// names in lower case.")
	g.P("func ", n.LookupFold, "(s string) ", result, " {")
	g.P("var lower [", m.MaxLen, "]byte")
	g.P("if len(s) > len(lower) {")
	g.P("return 0")
	g.P("}")
	g.P("for i := 0; i < len(s); i++ {")
	g.P("c := s[i]")
	g.P("if 'A' <= c && c <= 'Z' {")
	g.P("c += 'a' - 'A'")
	g.P("}")
	g.P("lower[i] = c")
	g.P("}")
	body()
	g.P("}")
}

func (g *goFile) genHashLookup() {
	m, n := g.m, g.m.Names
	slot := n.Slot
	size := len(m.Exact.Slots)
	g.P("// ", slot, " is one slot of a hash table of wire names. It keeps the name's first")
	g.P("// and last 8 bytes as integers, so that a name of up to 16 bytes is")
	g.P("// confirmed by two integer comparisons; value 0 marks an empty slot.")
	g.P("type ", slot, " struct {")
	g.P("first, last uint64")
	g.P("name string")
	g.P("value ", n.Type)
	g.P("}")
	g.P()
	g.prose(fmt.Sprintf("Past %d values a switch over the names takes the compiler long "+
		"(about a minute at 10,000), so they are looked up in hash tables: %s holds the "+
		"wire names and %s the same names in lower case. A name sits in the slot its "+
		"hash picks or in the nearest free slot after it; statusgen chose the seeds so that no "+
		"name is more than a few slots away. The tables list every slot in order, "+
		"{} for an empty one.", switchMax, n.Index, n.FoldIndex))
	for _, t := range []struct {
		name string
		ix   *hashIndex
	}{{n.Index, m.Exact}, {n.FoldIndex, m.Fold}} {
		g.P("var ", t.name, " = [", size, "]", slot, "{")
		g.hashRows(t.ix)
		g.P("}")
		g.P()
	}
	g.P("// ", n.Lookup, " returns the ", n.Type, " whose wire name is s, or 0 when there is none.")
	g.P("func ", n.Lookup, "[chars string | []byte](s chars) ", n.Type, " {")
	g.P("return ", n.Find, "(&", n.Index, ", ", m.Exact.Seed, ", s)")
	g.P("}")
	g.P()
	g.genFoldLookup(g.m.Names.Type, func() {
		g.P("return ", n.Find, "(&", n.FoldIndex, ", ", m.Fold.Seed, ", lower[:len(s)])")
	})
	g.P()
	g.P("// ", n.Find, " looks s up in a table built with the given seed.")
	g.P("func ", n.Find, "[chars string | []byte](index *[", size, "]", slot, ", seed uint64, s chars) ", n.Type, " {")
	g.P("n := len(s)")
	g.P("if n < ", m.Exact.MinLen, " || n > ", m.Exact.MaxLen, " {")
	g.P("return 0 // no wire name is this short or this long")
	g.P("}")
	g.P("var first, last uint64")
	g.P("switch {")
	g.P("case n >= 8:")
	g.P("first, last = ", n.Load64, "(s), ", n.Load64, "(s[n-8:])")
	g.P("case n >= 4:")
	g.P("first = ", n.Load32, "(s) | ", n.Load32, "(s[n-4:])<<32")
	g.P("default:")
	g.P("first = uint64(s[0]) | uint64(s[n/2])<<8 | uint64(s[n-1])<<16")
	g.P("}")
	g.P(fmt.Sprintf("h := (first^seed)*%#x ^ (last^uint64(n))*%#x", uint64(hashMul1), uint64(hashMul2)))
	g.P("for i := 8; i+8 < n; i += 8 {")
	g.P(fmt.Sprintf("h = (h ^ %s(s[i:])) * %#x", n.Load64, uint64(hashMul1)))
	g.P("}")
	g.P("for i := h >> ", 64-m.Exact.Bits, "; ; i = (i + 1) % uint64(len(index)) {")
	g.P("slot := &index[i]")
	g.P("if slot.first == first && slot.last == last && len(slot.name) == n && (n <= 16 || slot.name[8:n-8] == string(s[8:n-8])) {")
	g.P("return slot.value")
	g.P("}")
	g.P("if slot.value == 0 {")
	g.P("return 0")
	g.P("}")
	g.P("}")
	g.P("}")
	g.P()
	g.P("// ", n.Load64, " reads the first 8 bytes of s as a little-endian integer.")
	g.P("func ", n.Load64, "[chars string | []byte](s chars) uint64 {")
	g.P("return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |")
	g.P("uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56")
	g.P("}")
	g.P()
	g.P("// ", n.Load32, " reads the first 4 bytes of s as a little-endian integer.")
	g.P("func ", n.Load32, "[chars string | []byte](s chars) uint64 {")
	g.P("return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24")
	g.P("}")
}
