// Package jsonschema prints the JSON Schema (draft 2020-12) of an enum's
// wire form, with its metadata as $defs.
package jsonschema

import (
	"fmt"
	"io"
	"strconv"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// Generate returns a JSON Schema (draft 2020-12, usable as an OpenAPI 3.1
// component) for the enum's wire form: a string, one of the wire names. Each
// name is a oneOf branch with its const and description; the enum keyword
// repeats the names for tools that read only enum.
//
// The schema uses standard keywords only, so validators in strict mode
// (Ajv's default) load it as it is. The spec's metadata is written as
// schemas in $defs, each usable on its own through a $ref, and each
// self-contained, so it still means the same pasted into another document:
// nullable (a value or null, which is how the generated code encodes unset),
// terminal, poll (with the polling bounds in its description), fallback,
// category (one titled branch per category) and, for a spec that declares
// its graph, next (one titled branch per value; see nextDef).
func Generate(spec *gen.Enum) ([]byte, error) {
	return printer.Render(emitter(spec)), nil
}

// Write writes what Generate returns to w as it is printed, without
// holding it, and returns w's first error.
func Write(w io.Writer, spec *gen.Enum) error {
	return printer.Stream(w, emitter(spec))
}

// emitter returns what prints the schema, for Generate and Write.
func emitter(spec *gen.Enum) func(*printer.File) {
	// names is every name the schema accepts: the values, then each
	// value's aliases. The lists below are its parts, never copies.
	var aliasCount int
	for _, v := range spec.Values {
		aliasCount += len(v.Aliases)
	}
	names := make([]string, 0, len(spec.Values)+aliasCount)
	var terminal, poll, deprecatedNames []string
	for _, v := range spec.Values {
		names = append(names, v.Name)
		if v.Terminal {
			terminal = append(terminal, v.Name)
		}
		if v.Poll {
			poll = append(poll, v.Name)
		}
		if v.Deprecated != "" {
			deprecatedNames = append(deprecatedNames, v.Name)
		}
	}
	doc := jsonSchema{
		Schema:      "https://json-schema.org/draft/2020-12/schema",
		Comment:     printer.Generated,
		Title:       spec.Type,
		Description: spec.Doc,
		Type:        "string",
		Enum:        names,
		OneOf:       spec,
	}
	// Aliases are accepted on input, so they are in enum and oneOf, each
	// marked deprecated (a standard annotation, which strict validators
	// accept, where an x- keyword would fail them); $defs/aliases says
	// whose they are.
	var aliases, deprecated *jsonSchema
	if aliasCount > 0 {
		aliases = &jsonSchema{Description: "The aliases: names accepted on input and never written, one branch per value that has them, titled with the value's name."}
		aliases.AnyOf = make([]*jsonSchema, 0, countWithAliases(spec))
		for _, v := range spec.Values {
			if len(v.Aliases) == 0 {
				continue
			}
			start := len(names)
			for _, a := range v.Aliases {
				names = append(names, a.Name)
			}
			aliases.AnyOf = append(aliases.AnyOf, &jsonSchema{Title: v.Name, Enum: names[start:]})
		}
		doc.Enum = names
	}
	if len(deprecatedNames) > 0 {
		deprecated = &jsonSchema{Description: "The deprecated values: still valid, but no longer to be written.", Enum: deprecatedNames}
	}
	nullable := &jsonSchema{
		Description: fmt.Sprintf("A %s, or null where it is unset (the generated code encodes its zero value as null).", spec.Type),
		AnyOf:       []*jsonSchema{{Type: "string", Enum: doc.Enum}, {Type: "null"}},
	}
	if spec.Open {
		openRoot(&doc, spec)
		nullable = &jsonSchema{
			Description: fmt.Sprintf("A %s, \"\" where it is unset (the generated Go code encodes its zero value as \"\"), or null (which leaves a Go destination as it was).", spec.Type),
			AnyOf:       []*jsonSchema{{Type: "string"}, {Type: "null"}},
		}
	}
	defs := &jsonDefs{
		// The names again rather than {"$ref": "#"}: the schema has no $id,
		// so once it is pasted into another document (an OpenAPI
		// components section) "#" would mean that document's root.
		Aliases:    aliases,
		Deprecated: deprecated,
		Nullable:   nullable,
		Terminal:   oneOfNames(&jsonSchema{Description: "The terminal values: once one is reached, it never moves to another."}, terminal),
	}
	pollDoc := "The values to poll again."
	if p := spec.Polling; p != nil {
		pollDoc = fmt.Sprintf("The values to poll again: wait %s, then double the wait after each poll, up to %s.", printer.HumanDuration(p.Initial), printer.HumanDuration(p.Max))
	}
	defs.Poll = oneOfNames(&jsonSchema{Description: pollDoc}, poll)
	if spec.Fallback != nil {
		defs.Fallback = &jsonSchema{
			Description: "What a name this build does not know decodes to.",
			Const:       &spec.Fallback.Name,
		}
		if spec.Open {
			defs.Fallback.Description = "The value a name this build does not know behaves as (terminal, poll, category, next); the name itself is kept."
		}
	}
	if len(spec.Categories) > 0 {
		cats := &jsonSchema{Description: "The values by category, one branch per category, titled with its name, in spec order."}
		for _, c := range spec.Categories {
			in := make([]string, len(c.Values))
			for i, v := range c.Values {
				in[i] = v.Name
			}
			cats.AnyOf = append(cats.AnyOf, oneOfNames(&jsonSchema{Title: c.Name, Description: c.Description}, in))
		}
		defs.Category = cats
	}
	if spec.Transitions.Declared() {
		defs.Next = nextDef(spec)
	}
	doc.Defs = defs
	return func(f *printer.File) {
		doc.write(&writer{f: f})
		f.WriteByte('\n')
	}
}

// countWithAliases returns the number of values that have aliases.
func countWithAliases(spec *gen.Enum) int {
	n := 0
	for _, v := range spec.Values {
		if len(v.Aliases) > 0 {
			n++
		}
	}
	return n
}

// jsonSchema is the part of a JSON Schema the emitter writes, in the order
// a reader expects the keywords (the order write writes them in). A field
// at its zero value is left out.
type jsonSchema struct {
	Schema      string
	Comment     string
	Title       string
	Description string
	Type        string
	Const       *string
	MinLength   int
	Enum        []string
	Ref         string
	Not         *jsonSchema
	// OneOf, when set, is the branches of the enum's names: one per
	// value, then one per alias (see writeBranches).
	OneOf *gen.Enum
	AnyOf []*jsonSchema
	Defs  *jsonDefs
}

// write writes s as a JSON object, the keywords in their order.
func (s *jsonSchema) write(w *writer) {
	w.open('{')
	w.stringMember("$schema", s.Schema)
	w.stringMember("$comment", s.Comment)
	w.stringMember("title", s.Title)
	w.stringMember("description", s.Description)
	w.stringMember("type", s.Type)
	if s.Const != nil {
		w.key("const")
		w.string(*s.Const)
	}
	if s.MinLength != 0 {
		w.key("minLength")
		w.f.Append(20, func(b []byte) []byte { return strconv.AppendInt(b, int64(s.MinLength), 10) })
	}
	if len(s.Enum) > 0 {
		w.key("enum")
		w.open('[')
		for _, n := range s.Enum {
			w.element()
			w.string(n)
		}
		w.close(']')
	}
	w.stringMember("$ref", s.Ref)
	if s.Not != nil {
		w.key("not")
		s.Not.write(w)
	}
	if s.OneOf != nil && len(s.OneOf.Values) > 0 {
		w.key("oneOf")
		writeBranches(w, s.OneOf)
	}
	if len(s.AnyOf) > 0 {
		w.key("anyOf")
		w.open('[')
		for _, b := range s.AnyOf {
			w.element()
			b.write(w)
		}
		w.close(']')
	}
	if s.Defs != nil {
		w.key("$defs")
		s.Defs.write(w)
	}
	w.close('}')
}

// writeBranches writes the oneOf branches of the enum's names: each
// value's const and description (the deprecation after it, as written:
// trimming would change a deprecated value's text and no other's), then
// each alias's, deprecated.
func writeBranches(w *writer, spec *gen.Enum) {
	w.open('[')
	for _, v := range spec.Values {
		description := v.Description
		if v.Deprecated != "" {
			if description != "" {
				description += " "
			}
			description += "Deprecated: " + v.Deprecated
		}
		w.element()
		w.open('{')
		w.key("const")
		w.string(v.Name)
		w.stringMember("description", description)
		if v.Deprecated != "" {
			w.key("deprecated")
			w.f.WriteString("true")
		}
		w.close('}')
	}
	for _, v := range spec.Values {
		for _, a := range v.Aliases {
			w.element()
			w.open('{')
			w.key("const")
			w.string(a.Name)
			w.key("description")
			w.f.Append(len(v.Name)+64, func(b []byte) []byte {
				b = append(b, `"An alias of `...)
				b = printer.AppendJSONEscaped(b, v.Name)
				return append(b, `: accepted on input, never written."`...)
			})
			w.key("deprecated")
			w.f.WriteString("true")
			w.close('}')
		}
	}
	w.close(']')
}

// oneOfNames makes s accept exactly names; with none it accepts nothing
// (not: {}), since an empty enum is not a valid schema for every validator.
func oneOfNames(s *jsonSchema, names []string) *jsonSchema {
	if len(names) == 0 {
		s.Not = &jsonSchema{}
	} else {
		s.Enum = names
	}
	return s
}

// jsonDefs holds the $defs of the schema, in the order they are written.
type jsonDefs struct {
	Nullable *jsonSchema
	Terminal *jsonSchema
	Poll     *jsonSchema
	// The rest are written only when set: Aliases and Deprecated when the
	// spec has some.
	Fallback   *jsonSchema
	Category   *jsonSchema
	Aliases    *jsonSchema
	Deprecated *jsonSchema
	Next       *jsonSchema
}

// write writes d as a JSON object.
func (d *jsonDefs) write(w *writer) {
	w.open('{')
	for _, def := range []struct {
		name   string
		schema *jsonSchema
		always bool
	}{
		{"nullable", d.Nullable, true},
		{"terminal", d.Terminal, true},
		{"poll", d.Poll, true},
		{"fallback", d.Fallback, false},
		{"category", d.Category, false},
		{"aliases", d.Aliases, false},
		{"deprecated", d.Deprecated, false},
		{"next", d.Next, false},
	} {
		switch {
		case def.schema != nil:
			w.key(def.name)
			def.schema.write(w)
		case def.always:
			w.key(def.name)
			w.f.WriteString("null")
		}
	}
	w.close('}')
}

// nextDef is the transition relation (gen.Transitions) as $defs/next: one
// branch per value, titled with its name, that accepts the values it may
// move to besides itself. It is written only for a spec that declares its
// graph (whose size statusgen caps); under the terminal rule, $defs/terminal
// already says everything, and listing every value's targets would grow with
// the square of a large spec. It is a schema rather than an x-next keyword on each
// value's branch, because strict validators (Ajv's default) refuse unknown
// keywords.
func nextDef(spec *gen.Enum) *jsonSchema {
	next := &jsonSchema{Description: "The transitions: one branch per value, titled with its name, in spec order, accepting the values it may move to besides itself (every value may also move to itself)."}
	rel := spec.Transitions
	for i, v := range spec.Values {
		// The names, even for a value that may move anywhere, rather than
		// {"$ref": "#"}: like the other definitions, a branch must mean the
		// same pasted into another document.
		moves := rel.Next(i)
		to := make([]string, len(moves))
		for k, j := range moves {
			to[k] = spec.Values[j].Name
		}
		next.AnyOf = append(next.AnyOf, oneOfNames(&jsonSchema{Title: v.Name}, to))
	}
	return next
}

// openRoot turns the root of an open spec's schema into the names the spec
// lists or any other string but the empty one (the unset value, which
// $defs/nullable accepts): two branches of anyOf, the first with the
// names and their descriptions, the second for the names the spec does
// not list, which the enum keeps.
func openRoot(doc *jsonSchema, spec *gen.Enum) {
	behaves := "nothing (not terminal, not polled, moving nowhere)"
	if spec.Fallback != nil {
		behaves = spec.Fallback.Name + " does"
	}
	known := &jsonSchema{Title: "known", Description: "A name the spec lists.", Type: "string", Enum: doc.Enum, OneOf: doc.OneOf}
	unknown := &jsonSchema{
		Title:       "unknown",
		Description: fmt.Sprintf("A name the spec does not list, such as one a newer writer added: %s is open, so readers keep it as it is, and it behaves as %s.", spec.Type, behaves),
		Type:        "string",
		MinLength:   1,
		Not:         &jsonSchema{Enum: doc.Enum},
	}
	doc.Enum, doc.OneOf = nil, nil
	doc.AnyOf = []*jsonSchema{known, unknown}
}

// A writer writes JSON as encoding/json's Encoder does with SetIndent("",
// "  "): each member and element on a line of its own, indented two
// spaces a level, and an empty object or array as {} or []. Strings are
// written by printer.AppendJSONString, which escapes as that Encoder (with
// SetEscapeHTML(false)) and printer.JSONEscapeHidden did.
type writer struct {
	f     *printer.File
	depth int
	// empty reports whether the object or array last opened has no member
	// yet.
	empty bool
}

// indents is a newline and the indentation of the deepest level written.
const indents = "\n                                "

func (w *writer) newline() { w.f.WriteString(indents[:1+2*w.depth]) }

func (w *writer) open(c byte) {
	w.f.WriteByte(c)
	w.depth++
	w.empty = true
}

func (w *writer) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.f.WriteByte(c)
	w.empty = false
}

// element starts an element of an array.
func (w *writer) element() {
	if !w.empty {
		w.f.WriteByte(',')
	}
	w.empty = false
	w.newline()
}

// key starts the member name of an object.
func (w *writer) key(name string) {
	w.element()
	w.string(name)
	w.f.WriteString(": ")
}

func (w *writer) string(s string) {
	w.f.Append(len(s)+len(s)/2+16, func(b []byte) []byte { return printer.AppendJSONString(b, s) })
}

// stringMember writes the member name: s, unless s is empty.
func (w *writer) stringMember(name, s string) {
	if s != "" {
		w.key(name)
		w.string(s)
	}
}
