package golang

import (
	"fmt"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/taskstatus/taskstatus/gen"
)

// model is everything the Go emitter prints, computed up front in spec
// order so that emitting is only printing.
type model struct {
	Package    string
	Doc        string
	Names      names
	Receiver   string // receiver name for the type's methods
	FlagType   string // what Type returns for spf13/pflag's usage text
	Underlying string // always uint16: see newModel
	// CategoryType is the category type's underlying type: uint16, which
	// holds MaxCategories and one more, so that the loop in TCategories
	// ends. Never uint8, whatever the count: encoding/json reads a JSON
	// string into a slice of a uint8 kind as base64, bypassing the type.
	CategoryType string
	Replaced     bool // a wire name or alias holds U+FFFD, which encoding/json substitutes for bad input
	Values       []valueModel
	First        string // Go names of the first and last values, for IsValid
	Last         string
	Categories   []categoryModel
	Fallback     string // Go name of the fallback value, or ""
	Polling      *gen.Polling
	NameList     string      // wire names for error messages, shortened for long specs
	MaxLen       int         // longest wire name in bytes
	Exact        *hashIndex  // hash tables of the names and their lower-case forms;
	Fold         *hashIndex  // nil when the lookups are switch statements
	Graph        *graphModel // the transition table; nil under the terminal rule
	// Gapped is set when some value's number is not its position: the
	// tables are then indexed by position, through the Position table.
	Gapped        bool
	MaxNumber     int
	HasDeprecated bool
	AliasCount    int // how many aliases aliases yields
	enum          *gen.Enum
}

// aliases yields every alias, in spec order. They are made as they are
// read, not held: a spec may hold a million aliases.
func (m *model) aliases() iter.Seq[aliasModel] {
	return func(yield func(aliasModel) bool) {
		for i := range m.enum.Values {
			v := &m.enum.Values[i]
			for _, a := range v.Aliases {
				if !yield(aliasModel{Name: a.Name, GoName: m.Values[i].GoName, Value: v.Name, Const: a.GoName()}) {
					return
				}
			}
		}
	}
}

// aliasModel is one alias: a name the decoders accept for a value.
type aliasModel struct {
	Name   string
	GoName string // the value's constant
	Value  string // the value's wire name
	Const  string // the alias's go_name: a deprecated constant equal to GoName; "" for none
}

type valueModel struct {
	GoName      string
	Name        string
	Description string
	Category    string // Go name of the category constant
	Terminal    bool
	Poll        bool
	Number      int
	Deprecated  string
	Aliases     []string // every name the lookups accept: the wire name, then the aliases
}

type categoryModel struct {
	GoName      string
	Name        string
	Description string
	Values      []string // Go names of the values in this category
}

// nameListMax caps how many names an error message lists.
const nameListMax = 20

// newModel builds the model of e; the hash tables only with hashLookup,
// the transition table only with graph, for the outputs that print them.
func newModel(e *gen.Enum, pkg string, hashLookup, graph bool) *model {
	m := &model{
		Package:      pkg,
		Doc:          e.Doc,
		Names:        namesFor(e.Type),
		Receiver:     receiverName(e.Type),
		FlagType:     flagType(e.Type),
		Underlying:   "uint16",
		CategoryType: "uint16",
		Polling:      e.Polling,
		Replaced:     hasReplaced(e),
		enum:         e,
	}
	// Never uint8, however few the values: encoding/json base64-decodes a
	// JSON string into any slice whose element kind is uint8 without calling
	// UnmarshalJSON, so a []T of uint8 would take "AAEqAg==" as
	// [T(0) A T(42) B]. uint16 holds MaxValues and the value after the last
	// one (so that a loop from the first to the last value ends).
	for _, c := range e.Categories {
		cm := categoryModel{GoName: categoryConst(e.Type, c.Name), Name: c.Name, Description: c.Description}
		for _, v := range c.Values {
			cm.Values = append(cm.Values, constName(e, v))
		}
		m.Categories = append(m.Categories, cm)
	}
	// Sized up front: a spec may hold a million aliases.
	m.Values = make([]valueModel, 0, len(e.Values))
	// Every value's lookup names in one array, each value's a slice of it.
	count := len(e.Values)
	for i := range e.Values {
		count += len(e.Values[i].Aliases)
	}
	lookupNames := make([]string, 0, count)
	m.AliasCount = count - len(e.Values)
	for i := range e.Values {
		v := &e.Values[i]
		goName := constName(e, v)
		start := len(lookupNames)
		lookupNames = append(lookupNames, v.Name)
		vm := valueModel{
			GoName:      goName,
			Name:        v.Name,
			Description: v.Description,
			Terminal:    v.Terminal,
			Poll:        v.Poll,
			Number:      v.Number,
			Deprecated:  v.Deprecated,
		}
		for _, a := range v.Aliases {
			lookupNames = append(lookupNames, a.Name)
			m.MaxLen = max(m.MaxLen, len(a.Name))
		}
		vm.Aliases = lookupNames[start:len(lookupNames):len(lookupNames)]
		if v.Category != nil {
			vm.Category = categoryConst(e.Type, v.Category.Name)
		}
		m.Values = append(m.Values, vm)
		m.MaxLen = max(m.MaxLen, len(v.Name))
	}
	if e.Fallback != nil {
		m.Fallback = constName(e, e.Fallback)
	}
	if graph && !e.Transitions.TerminalRule() {
		m.Graph = newGraphModel(e)
	}
	wire := e.Names() // in spec order, for the error text
	m.First, m.Last = m.Values[0].GoName, m.Values[len(m.Values)-1].GoName
	m.Gapped, m.MaxNumber, m.HasDeprecated = !e.Dense, e.MaxNumber(), e.HasDeprecated
	if hashLookup {
		// Every lookup name, aliases included, with its value's 1-based
		// position in m.Values.
		position := make(map[*gen.EnumValue]int, len(e.Values))
		for i := range e.Values {
			position[&e.Values[i]] = i + 1
		}
		// The names one after another, as they are and in lower case: a
		// table's rows read them in the order of its slots, and a million
		// names in one string stay closer to the cache than a million
		// strings.
		var exactText, foldText strings.Builder
		size := 0
		for _, l := range e.Lookup {
			size += len(l.Name)
		}
		exactText.Grow(size)
		foldText.Grow(size)
		ends, values := make([]int32, len(e.Lookup)), make([]int32, len(e.Lookup))
		for i, l := range e.Lookup {
			exactText.WriteString(l.Name)
			for j := 0; j < len(l.Name); j++ {
				c := l.Name[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A' // as gen.FoldASCII
				}
				foldText.WriteByte(c)
			}
			ends[i], values[i] = int32(exactText.Len()), int32(position[l.Value])
		}
		// The two tables are independent: build them side by side.
		var exact, fold hashIndex
		done := make(chan struct{})
		go func() {
			fold = buildHashIndex(foldText.String(), ends, values)
			close(done)
		}()
		exact = buildHashIndex(exactText.String(), ends, values)
		<-done
		m.Exact, m.Fold = &exact, &fold
	}
	if len(wire) > nameListMax {
		m.NameList = fmt.Sprintf("%s and %d more", strings.Join(wire[:nameListMax], ", "), len(wire)-nameListMax)
	} else {
		m.NameList = strings.Join(wire, ", ")
	}
	return m
}

// receiverName is the type's first letter in lower case, as Go code names
// receivers. The methods' own parameters and locals all have longer names,
// so a one-letter receiver never collides with them.
func receiverName(typ string) string {
	r, _ := utf8.DecodeRuneInString(typ)
	return string(unicode.ToLower(r))
}
