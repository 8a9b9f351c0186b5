package jsonschema

// The implementation that wrote the schema with encoding/json's Encoder
// (SetIndent, SetEscapeHTML(false)) and printer.JSONEscapeHidden, before
// Generate wrote it directly: the oracle that Generate must match byte for
// byte, and the baseline of BenchmarkGenerate.

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

func generateWithEncoder(spec *gen.Enum) ([]byte, error) {
	type branch struct {
		Const       string `json:"const"`
		Description string `json:"description,omitempty"`
		Deprecated  bool   `json:"deprecated,omitempty"`
	}
	doc := encSchema{
		Schema:      "https://json-schema.org/draft/2020-12/schema",
		Comment:     printer.Generated,
		Title:       spec.Type,
		Description: spec.Doc,
		Type:        "string",
	}
	var terminal, poll []string
	for _, v := range spec.Values {
		doc.Enum = append(doc.Enum, v.Name)
		// The deprecation follows the description as written: trimming
		// here would change a deprecated value's text and no other's.
		description := v.Description
		if v.Deprecated != "" {
			if description != "" {
				description += " "
			}
			description += "Deprecated: " + v.Deprecated
		}
		doc.OneOf = append(doc.OneOf, branch{v.Name, description, v.Deprecated != ""})
		if v.Terminal {
			terminal = append(terminal, v.Name)
		}
		if v.Poll {
			poll = append(poll, v.Name)
		}
	}
	// Aliases are accepted on input, so they are in enum and oneOf, each
	// marked deprecated (a standard annotation, which strict validators
	// accept, where an x- keyword would fail them); $defs/aliases says
	// whose they are.
	var aliases, deprecated *encSchema
	for _, v := range spec.Values {
		if len(v.Aliases) == 0 {
			continue
		}
		if aliases == nil {
			aliases = &encSchema{Description: "The aliases: names accepted on input and never written, one branch per value that has them, titled with the value's name."}
		}
		var names []string
		for _, a := range v.Aliases {
			doc.Enum = append(doc.Enum, a.Name)
			doc.OneOf = append(doc.OneOf, branch{a.Name, fmt.Sprintf("An alias of %s: accepted on input, never written.", v.Name), true})
			names = append(names, a.Name)
		}
		aliases.AnyOf = append(aliases.AnyOf, &encSchema{Title: v.Name, Enum: names})
	}
	for _, v := range spec.Values {
		if v.Deprecated != "" {
			if deprecated == nil {
				deprecated = &encSchema{Description: "The deprecated values: still valid, but no longer to be written."}
			}
			deprecated.Enum = append(deprecated.Enum, v.Name)
		}
	}
	nullable := &encSchema{
		Description: fmt.Sprintf("A %s, or null where it is unset (the generated code encodes its zero value as null).", spec.Type),
		AnyOf:       []any{&encSchema{Type: "string", Enum: doc.Enum}, map[string]string{"type": "null"}},
	}
	if spec.Open {
		encOpenRoot(&doc, spec)
		nullable = &encSchema{
			Description: fmt.Sprintf("A %s, \"\" where it is unset (the generated Go code encodes its zero value as \"\"), or null (which leaves a Go destination as it was).", spec.Type),
			AnyOf:       []any{&encSchema{Type: "string"}, map[string]string{"type": "null"}},
		}
	}
	defs := &encDefs{
		// The names again rather than {"$ref": "#"}: the schema has no $id,
		// so once it is pasted into another document (an OpenAPI
		// components section) "#" would mean that document's root.
		Aliases:    aliases,
		Deprecated: deprecated,
		Nullable:   nullable,
		Terminal:   encOneOfNames(&encSchema{Description: "The terminal values: once one is reached, it never moves to another."}, terminal),
	}
	pollDoc := "The values to poll again."
	if p := spec.Polling; p != nil {
		pollDoc = fmt.Sprintf("The values to poll again: wait %s, then double the wait after each poll, up to %s.", printer.HumanDuration(p.Initial), printer.HumanDuration(p.Max))
	}
	defs.Poll = encOneOfNames(&encSchema{Description: pollDoc}, poll)
	if spec.Fallback != nil {
		defs.Fallback = &encSchema{
			Description: "What a name this build does not know decodes to.",
			Const:       &spec.Fallback.Name,
		}
		if spec.Open {
			defs.Fallback.Description = "The value a name this build does not know behaves as (terminal, poll, category, next); the name itself is kept."
		}
	}
	if len(spec.Categories) > 0 {
		cats := &encSchema{Description: "The values by category, one branch per category, titled with its name, in spec order."}
		for _, c := range spec.Categories {
			var in []string
			for _, v := range c.Values {
				in = append(in, v.Name)
			}
			cats.AnyOf = append(cats.AnyOf, encOneOfNames(&encSchema{Title: c.Name, Description: c.Description}, in))
		}
		defs.Category = cats
	}
	if spec.Transitions.Declared() {
		defs.Next = encNextDef(spec)
	}
	doc.Defs = defs
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return printer.JSONEscapeHidden(b.Bytes()), nil
}

// encSchema is the part of a JSON Schema the emitter writes, in the order
// a reader expects the keywords.
type encSchema struct {
	Schema      string     `json:"$schema,omitempty"`
	Comment     string     `json:"$comment,omitempty"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Type        string     `json:"type,omitempty"`
	Const       *string    `json:"const,omitempty"`
	MinLength   int        `json:"minLength,omitempty"`
	Enum        []string   `json:"enum,omitempty"`
	Ref         string     `json:"$ref,omitempty"`
	Not         *encSchema `json:"not,omitempty"`
	OneOf       []any      `json:"oneOf,omitempty"`
	AnyOf       []any      `json:"anyOf,omitempty"`
	Defs        *encDefs   `json:"$defs,omitempty"`
}

// encOneOfNames makes s accept exactly names; with none it accepts nothing
// (not: {}), since an empty enum is not a valid schema for every validator.
func encOneOfNames(s *encSchema, names []string) *encSchema {
	if len(names) == 0 {
		s.Not = &encSchema{}
	} else {
		s.Enum = names
	}
	return s
}

// encDefs holds the $defs of the schema, in the order they are written.
type encDefs struct {
	Nullable *encSchema `json:"nullable"`
	Terminal *encSchema `json:"terminal"`
	Poll     *encSchema `json:"poll"`
	Fallback *encSchema `json:"fallback,omitempty"`
	Category *encSchema `json:"category,omitempty"`
	// Aliases and Deprecated are written only when the spec has some.
	Aliases    *encSchema `json:"aliases,omitempty"`
	Deprecated *encSchema `json:"deprecated,omitempty"`
	Next       *encSchema `json:"next,omitempty"`
}

// encNextDef is the transition relation (gen.Transitions) as $defs/next: one
// branch per value, titled with its name, that accepts the values it may
// move to besides itself. It is written only for a spec that declares its
// graph (whose size statusgen caps); under the terminal rule, $defs/terminal
// already says everything, and listing every value's targets would grow with
// the square of a large spec. It is a schema rather than an x-next keyword on each
// value's branch, because strict validators (Ajv's default) refuse unknown
// keywords.
func encNextDef(spec *gen.Enum) *encSchema {
	next := &encSchema{Description: "The transitions: one branch per value, titled with its name, in spec order, accepting the values it may move to besides itself (every value may also move to itself)."}
	rel := spec.Transitions
	for i, v := range spec.Values {
		// The names, even for a value that may move anywhere, rather than
		// {"$ref": "#"}: like the other definitions, a branch must mean the
		// same pasted into another document.
		var to []string
		for _, j := range rel.Next(i) {
			to = append(to, spec.Values[j].Name)
		}
		next.AnyOf = append(next.AnyOf, encOneOfNames(&encSchema{Title: v.Name}, to))
	}
	return next
}

// encOpenRoot turns the root of an open spec's schema into the names the spec
// lists or any other string but the empty one (the unset value, which
// $defs/nullable accepts): two branches of anyOf, the first with the
// names and their descriptions, the second for the names the spec does
// not list, which the enum keeps.
func encOpenRoot(doc *encSchema, spec *gen.Enum) {
	behaves := "nothing (not terminal, not polled, moving nowhere)"
	if spec.Fallback != nil {
		behaves = spec.Fallback.Name + " does"
	}
	known := &encSchema{Title: "known", Description: "A name the spec lists.", Type: "string", Enum: doc.Enum, OneOf: doc.OneOf}
	unknown := &encSchema{
		Title:       "unknown",
		Description: fmt.Sprintf("A name the spec does not list, such as one a newer writer added: %s is open, so readers keep it as it is, and it behaves as %s.", spec.Type, behaves),
		Type:        "string",
		MinLength:   1,
		Not:         &encSchema{Enum: doc.Enum},
	}
	doc.Enum, doc.OneOf = nil, nil
	doc.AnyOf = []any{known, unknown}
}
