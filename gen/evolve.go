package gen

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/taskstatus/taskstatus/internal/plainyaml"
)

// This file holds the keys that let a spec evolve without breaking its
// readers: a value's aliases (other wire names decoders accept), its
// deprecation, and its stable Go number. They are parsed, validated and
// built here, apart from the other keys, so that each rule has one place.

// evolveKey decodes one of the per-value keys aliases, deprecated, number.
func (p *parser) evolveKey(v *Value, key string, f *plainyaml.Node, what string) {
	switch key {
	case "aliases":
		if !p.kind(f, yaml.SequenceNode, what+".aliases") {
			return
		}
		if len(f.Content) == 0 {
			p.errorf(f, "%s.aliases is empty; list at least one alias or leave the key out", what)
			return
		}
		v.Aliases = make([]Alias, 0, len(f.Content))
		for i, item := range f.Content {
			if item.Kind == yaml.ScalarNode && item.Tag == "!!str" && item.Value != "" {
				// The common case, with no name formatted for errors it will
				// not have: a list may be millions long.
				v.Aliases = append(v.Aliases, Alias{Name: item.Value, Pos: p.pos(item)})
				continue
			}
			p.alias(v, item, fmt.Sprintf("%s.aliases[%d]", what, i))
		}
	case "deprecated":
		v.DeprecatedPos = p.pos(f)
		v.Deprecated = p.str(f, what+".deprecated")
		if strings.TrimSpace(v.Deprecated) == "" && f.Tag == "!!str" {
			p.errorf(f, "%s.deprecated is empty; give the reason, such as \"use SUSPENDED\"", what)
		}
	case "number":
		v.NumberPos = p.pos(f)
		if !p.kind(f, yaml.ScalarNode, what+".number") {
			return
		}
		n, err := strconv.Atoi(f.Value)
		if f.Tag == "!!int" && err == nil && len(f.Value) > 1 && f.Value[0] == '0' {
			// YAML 1.2 (and yaml.v3) read 010 as ten, YAML 1.1 readers as
			// eight: a stable number must mean the same to every reader.
			p.errorf(f, "%s.number %s has a leading zero, which YAML 1.1 reads as octal; write it without", what, f.Value)
			v.Number = -1
			return
		}
		if f.Tag != "!!int" || err != nil {
			p.errorf(f, "%s.number must be a positive integer, found %q", what, f.Value)
			v.Number = -1 // declared, though not a number: validation reports nothing more
			return
		}
		if n <= 0 {
			// Recorded as an invalid number so that validation reports it.
			n = -1
		}
		v.Number = n
	}
}

// alias decodes one item of a value's aliases: a wire name, or a mapping
// of the name and the go_name of a deprecated Go constant that keeps code
// using the value's old constant compiling after a rename.
func (p *parser) alias(v *Value, item *plainyaml.Node, what string) {
	a := Alias{Pos: p.pos(item)}
	nameNode := item
	if item.Kind == yaml.MappingNode {
		nameNode = nil
		p.fields(item, what, []string{"name", "go_name"}, func(key string, f *plainyaml.Node) {
			switch key {
			case "name":
				nameNode, a.Pos = f, p.pos(f)
			case "go_name":
				a = a.WithGoName(p.str(f, what+".go_name"), p.pos(f))
			}
		})
		if nameNode == nil {
			p.errorf(item, "%s has no name; an alias is a wire name, with an optional go_name", what)
			return
		}
		what += ".name"
	}
	a.Name = p.str(nameNode, what)
	switch {
	case a.Name != "":
		v.Aliases = append(v.Aliases, a)
	case nameNode.Tag == "!!str":
		p.errorf(nameNode, "%s is empty; an alias is a wire name", what)
	}
}

// validateEvolve checks the aliases, deprecations and numbers of s.
// byFold maps each valid wire name, lower-cased (FoldASCII), to its value.
func (s *Spec) validateEvolve(byFold map[string]*Value) ErrorList {
	var errs ErrorList
	type owner struct {
		alias *Alias
		value *Value
	}
	count := 0
	for i := range s.Values {
		count += len(s.Values[i].Aliases)
	}
	// Every name, the values' (alias nil) and then the aliases' that are
	// wire names, in order, and where each one's first equal but for ASCII
	// case is.
	owners := make([]owner, 0, count+len(byFold))
	for i := range s.Values {
		if v := &s.Values[i]; byFold[FoldASCII(v.Name)] == v {
			owners = append(owners, owner{nil, v})
		}
	}
	values := len(owners)
	for i := range s.Values {
		v := &s.Values[i]
		for j := range v.Aliases {
			if a := &v.Aliases[j]; wireProblem(a.Name) == "" {
				owners = append(owners, owner{a, v})
			}
		}
	}
	nameAt := func(pos int) string {
		if o := owners[pos]; o.alias != nil {
			return o.alias.Name
		}
		return owners[pos].value.Name
	}
	firstOf := firstFolds(len(owners), nameAt)
	at := values // the next alias's place in owners
	var numbered, unnumbered *Value
	numbers := make(map[int]*Value)
	for i := range s.Values {
		v := &s.Values[i]
		for j := range v.Aliases {
			a := &v.Aliases[j]
			if at == len(owners) || owners[at].alias != a { // not a wire name
				if errs.keep(a.Pos) {
					errs.add(a.Pos, "alias %q of %q %s", a.Name, v.Name, wireProblem(a.Name))
				}
				continue
			}
			dup := firstOf[at] >= 0 && errs.keep(a.Pos) // past MaxErrors, only an earlier one is listed
			var first owner
			if dup {
				first = owners[firstOf[at]]
			}
			at++
			switch {
			case dup && first.alias == nil && first.value.Name == a.Name:
				errs.add(a.Pos, "alias %q of %q is the name of value %q (%s); a name belongs to one value", a.Name, v.Name, first.value.Name, firstAt(first.value.NamePos, a.Pos))
			case dup && first.alias == nil:
				errs.add(a.Pos, "alias %q of %q differs only in case from value %q (%s); case-insensitive parsing could not tell them apart", a.Name, v.Name, first.value.Name, firstAt(first.value.NamePos, a.Pos))
			case dup:
				how := "is also"
				if first.alias.Name != a.Name {
					how = "differs only in case from"
				}
				errs.add(a.Pos, "alias %q of %q %s alias %q of %q (%s); a name belongs to one value", a.Name, v.Name, how, first.alias.Name, first.value.Name, firstAt(first.alias.Pos, a.Pos))
			}
		}
		switch {
		case v.Number < 0:
			errs.add(v.NumberPos, "number of %q must be a positive integer", v.Name)
		case v.Number > MaxValues:
			errs.add(v.NumberPos, "number %d of %q is more than statusgen supports (%d)", v.Number, v.Name, MaxValues)
		case v.Number > 0:
			if first, dup := numbers[v.Number]; dup {
				errs.add(v.NumberPos, "number %d of %q is also the number of %q (%s); each value needs its own", v.Number, v.Name, first.Name, firstAt(first.NumberPos, v.NumberPos))
				break
			}
			numbers[v.Number] = v
		}
		if v.Number != 0 && numbered == nil {
			numbered = v
		}
		if v.Number == 0 && unnumbered == nil {
			unnumbered = v
		}
	}
	if numbered != nil {
		for i := range s.Values {
			if v := &s.Values[i]; v.Number == 0 {
				errs.add(v.NamePos, "value %q has no number; once one value declares number (%q, line %d), every value must", v.Name, numbered.Name, numbered.NumberPos.Line)
			}
		}
	}
	if s.Fallback != "" {
		for pos := range owners {
			if equalFoldASCII(nameAt(pos), s.Fallback) {
				if o := owners[pos]; o.alias != nil && o.alias.Name == s.Fallback {
					errs.add(s.FallbackPos, "fallback %q is an alias of %q; name the value itself", s.Fallback, o.value.Name)
				}
				break
			}
		}
	}
	return errs
}

// aliasHolders maps each alias to the first value that holds it, so that
// asking which value an alias belongs to costs one lookup.
func (s *Spec) aliasHolders() map[string]*Value {
	count := 0
	for i := range s.Values {
		count += len(s.Values[i].Aliases)
	}
	holders := make(map[string]*Value, count)
	for i := range s.Values {
		for _, a := range s.Values[i].Aliases {
			if _, dup := holders[a.Name]; !dup {
				holders[a.Name] = &s.Values[i]
			}
		}
	}
	return holders
}

// A LookupName is one name that decoders accept: a value's wire name or
// one of its aliases.
type LookupName struct {
	Name  string
	Value *EnumValue
	Alias bool // Name is an alias of Value, not its wire name
}

// cleanEvolve drops from the values of a partial spec (see BuildPartial)
// the aliases and numbers that carry an error; numbers are kept only when
// every value has a clean one, since a partial numbering means nothing.
func cleanEvolve(values []Value, bad map[Pos]bool) {
	allNumbered := true
	for i := range values {
		v := &values[i]
		var kept []Alias
		for _, a := range v.Aliases {
			if !bad[a.Pos] && wireProblem(a.Name) == "" {
				if bad[a.GoNamePos()] {
					a = a.WithGoName("", Pos{})
				}
				kept = append(kept, a)
			}
		}
		v.Aliases = kept
		if bad[v.DeprecatedPos] {
			v.Deprecated = ""
		}
		if v.Number <= 0 || bad[v.NumberPos] {
			allNumbered = false
		}
	}
	for i := range values {
		if !allNumbered {
			values[i].Number = 0
		}
	}
	// Aliases that clash with a kept name or another alias carry an error
	// at their position, so none is left that two values share.
}

// buildEvolve fills in what the evolving keys add to the model: numbers,
// aliases, deprecations, and the lookup names in spec order.
func (e *Enum) buildEvolve(spec *Spec) {
	e.Dense = true
	names := len(spec.Values)
	for i := range spec.Values {
		names += len(spec.Values[i].Aliases)
	}
	e.Lookup = make([]LookupName, 0, names)
	for i := range e.Values {
		v, ev := &spec.Values[i], &e.Values[i]
		if v.Number > 0 {
			ev.Number = v.Number
			e.Numbered = true
		}
		if ev.Number != i+1 {
			e.Dense = false
		}
		ev.Aliases = v.Aliases
		ev.Deprecated = v.Deprecated
		ev.DeprecatedPos = v.DeprecatedPos
		ev.NumberPos = v.NumberPos
		e.Lookup = append(e.Lookup, LookupName{Name: v.Name, Value: ev})
		for _, a := range v.Aliases {
			e.Lookup = append(e.Lookup, LookupName{Name: a.Name, Value: ev, Alias: true})
			e.HasAliases = true
		}
		if v.Deprecated != "" {
			e.HasDeprecated = true
		}
	}
}

// MaxNumber returns the largest number of the enum's values.
func (e *Enum) MaxNumber() int {
	n := 0
	for _, v := range e.Values {
		n = max(n, v.Number)
	}
	return n
}
