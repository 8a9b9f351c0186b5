package gen

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// model is everything the Go emitter prints, computed up front in spec
// order so that emitting is only printing.
type model struct {
	Package    string
	Doc        string
	Names      goNames
	Lower      string // start of the unexported names: status → statusInfo
	Receiver   string // receiver name for the type's methods
	Underlying string // always uint16: see newModel
	// CategoryType is the category type's underlying type: uint16, which
	// holds maxCategories and one more, so that the loop in TCategories
	// ends. Never uint8, whatever the count: encoding/json reads a JSON
	// string into a slice of a uint8 kind as base64, bypassing the type.
	CategoryType string
	Replaced     bool // a wire name holds U+FFFD, which encoding/json substitutes for bad input
	Values       []valueModel
	First        string // Go names of the first and last values, for IsValid
	Last         string
	Categories   []categoryModel
	Fallback     string // Go name of the fallback value, or ""
	Polling      *Polling
	NameList     string     // wire names for error messages, shortened for long specs
	MaxLen       int        // longest wire name in bytes
	Exact        *hashIndex // hash tables of the names and their lower-case forms;
	Fold         *hashIndex // nil when the lookups are switch statements
}

type valueModel struct {
	GoName      string
	Name        string
	Description string
	Category    string // Go name of the category constant
	Terminal    bool
	Poll        bool
}

type categoryModel struct {
	GoName      string
	Name        string
	Description string
	Values      []string // Go names of the values in this category
}

// nameListMax caps how many names an error message lists.
const nameListMax = 20

func newModel(s *Spec, pkg string, hashLookup bool) *model {
	m := &model{
		Package:      pkg,
		Doc:          s.Doc,
		Names:        namesFor(s.Type),
		Lower:        unexportedName(s.Type),
		Receiver:     receiverName(s.Type),
		Underlying:   "uint16",
		CategoryType: "uint16",
		Polling:      s.Polling,
	}
	// Never uint8, however few the values: encoding/json base64-decodes a
	// JSON string into any slice whose element kind is uint8 without calling
	// UnmarshalJSON, so a []T of uint8 would take "AAEqAg==" as
	// [T(0) A T(42) B]. uint16 holds maxValues and the value after the last
	// one (so that a loop from the first to the last value ends).
	catGoName := make(map[string]string)
	for _, c := range s.Categories {
		cm := categoryModel{GoName: m.Names.Category + CamelCase(c.Name), Name: c.Name, Description: c.Description}
		catGoName[c.Name] = cm.GoName
		m.Categories = append(m.Categories, cm)
	}
	for i := range s.Values {
		v := &s.Values[i]
		vm := valueModel{
			GoName:      s.GoName(v),
			Name:        v.Name,
			Description: v.Description,
			Category:    catGoName[v.Category],
			Terminal:    v.Terminal,
			Poll:        v.Poll,
		}
		m.Values = append(m.Values, vm)
		m.MaxLen = max(m.MaxLen, len(v.Name))
		m.Replaced = m.Replaced || strings.ContainsRune(v.Name, utf8.RuneError)
		if v.Name == s.Fallback {
			m.Fallback = vm.GoName
		}
		for j := range m.Categories {
			if m.Categories[j].Name == v.Category {
				m.Categories[j].Values = append(m.Categories[j].Values, vm.GoName)
			}
		}
	}
	wire := names(s) // in spec order, for the error text and the hash tables
	m.First, m.Last = m.Values[0].GoName, m.Values[len(m.Values)-1].GoName
	if hashLookup {
		folded := make([]string, len(wire))
		for i, name := range wire {
			folded[i] = foldASCII(name)
		}
		exact, fold := buildHashIndex(wire), buildHashIndex(folded)
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
