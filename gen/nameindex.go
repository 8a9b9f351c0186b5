package gen

// A nameIndex finds what a name is to an enum built from a valid spec
// (where no two names are one): the wire name of a value, an alias of one,
// or neither; what a map of its Lookup by name would answer.
//
// The values' names are indexed when the index is made. Their aliases,
// which a spec may hold a million of, are asked for far less: when two
// versions of a spec are compared, only for the names of one that are no
// value of the other, which are few when its values kept their names. So
// the first few such names are looked for among the aliases one by one,
// in order, and the aliases are indexed only when more are asked for;
// either way a lookup costs time in proportion to the spec at most a few
// times, and the comparison stays linear.
type nameIndex struct {
	e       *Enum
	values  map[string]*EnumValue // each value by its name
	aliases map[string]*EnumValue // nil until scans reaches maxAliasScans
	scans   int                   // the aliases looked for one by one
}

// maxAliasScans is how many names a nameIndex looks for among the aliases
// one by one before it indexes them: a scan reads the enum's Lookup in
// order, which costs about a fortieth of indexing it (4 ms against 190
// for 888,592 aliases), so that the scans cost at most half as much again
// as the index. A value added with its aliases makes a scan of each.
const maxAliasScans = 16

func newNameIndex(e *Enum) *nameIndex {
	x := &nameIndex{e: e, values: make(map[string]*EnumValue, len(e.Values))}
	for i := range e.Values {
		x.values[e.Values[i].Name] = &e.Values[i]
	}
	return x
}

// find returns the LookupName of name, and whether the enum decodes it.
func (x *nameIndex) find(name string) (LookupName, bool) {
	if v, ok := x.values[name]; ok {
		return LookupName{Name: name, Value: v}, true
	}
	if len(x.e.Lookup) == len(x.e.Values) {
		return LookupName{}, false // no aliases
	}
	if x.aliases == nil && x.scans < maxAliasScans {
		x.scans++
		for _, l := range x.e.Lookup {
			if l.Alias && l.Name == name {
				return l, true
			}
		}
		return LookupName{}, false
	}
	if x.aliases == nil {
		x.aliases = make(map[string]*EnumValue, len(x.e.Lookup)-len(x.e.Values))
		for _, l := range x.e.Lookup {
			if l.Alias {
				x.aliases[l.Name] = l.Value
			}
		}
	}
	if v, ok := x.aliases[name]; ok {
		return LookupName{Name: name, Value: v, Alias: true}, true
	}
	return LookupName{}, false
}
