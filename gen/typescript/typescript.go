// Package typescript prints the TypeScript module of an enum (union type,
// values, metadata, guards) and checks what TypeScript cannot express
// (Check).
package typescript

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// Generate returns a TypeScript module for the enum: a string-literal
// union type named after the spec's type, a frozen object of the values
// keyed by their names in PascalCase, per-value metadata,
// the categories, the values as a readonly tuple, and guard, parse and
// (with a fallback) decode functions. Every export has an explicit type, so
// the module compiles under --isolatedDeclarations. Strings are JSON
// literals, which TypeScript reads unchanged, comments are escaped so that
// no spec text can end them, and a key named __proto__ is written as a
// computed key, the one form that makes it an own property.
func Generate(spec *gen.Enum) ([]byte, error) { return output(spec).Bytes() }

// Write writes what Generate returns to w as it is printed, without
// holding it, and returns the first error: Check's, before anything is
// written, or w's.
func Write(w io.Writer, spec *gen.Enum) error { return output(spec).Stream(w) }

// output is what Generate and Write print, or what Check refuses.
func output(spec *gen.Enum) printer.Output {
	if err := Check(spec).Err(); err != nil {
		return printer.Refused(err)
	}
	return printer.Printed(func(b *printer.File) { write(b, spec) })
}

// write prints the module.
func write(b *printer.File, spec *gen.Enum) {
	t := spec.Type
	lower := naming.Camel(t)
	p := b.P
	p("// ", printer.Generated)
	p()
	if spec.Doc != "" {
		tsDoc(b, "", spec.Doc)
	}
	known := knownType(spec)
	p("export type ", known, " =")
	for i, v := range spec.Values {
		b.Append(len(v.Name)+16, func(buf []byte) []byte {
			buf = printer.AppendJSONString(append(buf, "  | "...), v.Name)
			if i == len(spec.Values)-1 {
				buf = append(buf, ';')
			}
			return append(buf, '\n')
		})
	}
	p()
	genOpenType(b, spec)
	tsDoc(b, "", fmt.Sprintf("The values of %s, keyed by their names in PascalCase, in spec order.", t))
	p("export const ", t, ": {")
	for _, v := range spec.Values {
		if doc, tags := tsValueDoc(&v); doc != "" || len(tags) > 0 {
			tsDoc(b, "  ", doc, tags...)
		}
		key := tsKey(&v)
		b.Append(len(key)+len(v.Name)+32, func(buf []byte) []byte {
			buf = appendObjectKey(append(buf, "  readonly "...), key, true, false)
			return append(printer.AppendJSONString(append(buf, ": "...), v.Name), ";\n"...)
		})
	}
	p("} = Object.freeze({")
	for _, v := range spec.Values {
		key := tsKey(&v)
		b.Append(len(key)+len(v.Name)+32, func(buf []byte) []byte {
			buf = appendObjectKey(append(buf, "  "...), key, true, true)
			return append(printer.AppendJSONString(append(buf, ": "...), v.Name), ",\n"...)
		})
	}
	p("});")
	p()
	catType := "string"
	if len(spec.Categories) > 0 {
		catType = t + "Category"
		tsDoc(b, "", fmt.Sprintf("The categories of %s.", t))
		var names []string
		for _, c := range spec.Categories {
			names = append(names, tsString(c.Name))
		}
		p("export type ", catType, " = ", strings.Join(names, " | "), ";")
		p()
		tsDoc(b, "", "The descriptions of the categories, in spec order.")
		p("export const ", lower, "Categories: Readonly<Record<", catType, ", string>> = Object.freeze({")
		for _, c := range spec.Categories {
			p("  ", tsObjectKey(c.Name, false), ": ", tsString(c.Description), ",")
		}
		p("});")
		p()
	}
	tsDoc(b, "", fmt.Sprintf("What the spec says of one %s.", t))
	p("export interface ", t, "Info {")
	p("  readonly description: string;")
	if len(spec.Categories) > 0 {
		p("  readonly category: ", catType, ";")
	}
	p("  /** A terminal value is final: it never moves to another. */")
	p("  readonly terminal: boolean;")
	p("  /** A client waiting on something in this state should poll it again. */")
	p("  readonly poll: boolean;")
	p("}")
	p()
	tsDoc(b, "", fmt.Sprintf("The metadata of every %s.", t))
	p("export const ", lower, "Info: Readonly<Record<", known, ", ", t, "Info>> = Object.freeze({")
	for _, v := range spec.Values {
		b.Append(2*len(v.Name)+len(v.Description)+128, func(buf []byte) []byte {
			buf = appendObjectKey(append(buf, "  "...), v.Name, false, true)
			buf = printer.AppendJSONString(append(buf, ": Object.freeze({ description: "...), v.Description)
			if len(spec.Categories) > 0 {
				buf = printer.AppendJSONString(append(buf, ", category: "...), v.Category.Name)
			}
			buf = strconv.AppendBool(append(buf, ", terminal: "...), v.Terminal)
			buf = strconv.AppendBool(append(buf, ", poll: "...), v.Poll)
			return append(buf, " }),\n"...)
		})
	}
	p("});")
	p()
	// A tuple, not a readonly T[]: APIs such as zod's z.enum need to know
	// the list is not empty.
	tsDoc(b, "", fmt.Sprintf("Every %s, in spec order, as a readonly tuple.", t))
	p("export const ", lower, "Values: readonly [")
	writeNames(b, spec)
	p("] = Object.freeze([")
	writeNames(b, spec)
	p("] as const);")
	p()
	genTransitions(b, spec)
	if spec.Polling != nil {
		tsDoc(b, "", "Backoff bounds, in milliseconds, for polling while the value asks to be polled: wait the initial bound, then double the wait up to the maximum.")
		p("export const ", lower, "PollInitialMs: number = ", spec.Polling.Initial.Milliseconds(), ";")
		p("export const ", lower, "PollMaxMs: number = ", spec.Polling.Max.Milliseconds(), ";")
		p()
	}
	if spec.Open {
		genOpenGuards(b, spec)
		return
	}
	tsDoc(b, "", fmt.Sprintf("Reports whether value is one of the wire names of %s, exactly.", t))
	p("export function is", t, "(value: unknown): value is ", t, " {")
	p("  return typeof value === \"string\" && Object.prototype.hasOwnProperty.call(", lower, "Info, value);")
	p("}")
	p()
	genAliases(b, spec)
	if spec.HasAliases {
		tsDoc(b, "", fmt.Sprintf("Returns value as a %s (an alias as its value), or throws an Error that names it and lists the valid names. It never applies the fallback.", t))
	} else {
		tsDoc(b, "", fmt.Sprintf("Returns value as a %s, or throws an Error that names it and lists the valid names. It never applies the fallback.", t))
	}
	p("export function parse", t, "(value: string): ", t, " {")
	p("  if (is", t, "(value)) {")
	p("    return value;")
	p("  }")
	if spec.HasAliases {
		p("  if (Object.prototype.hasOwnProperty.call(", lower, "Aliases, value)) {")
		p("    return ", lower, "Aliases[value] as ", t, ";")
		p("  }")
	}
	p("  throw new Error(`invalid ", t, " ${JSON.stringify(value)}; valid names are ${", lower, "Values.join(\", \")}`);")
	p("}")
	if spec.Fallback != nil {
		p()
		tsDoc(b, "", fmt.Sprintf("Returns value as a %s, or %s for a name this build does not know, so a client keeps working when a server adds a value; undefined for the empty string, null and undefined, which a Go client reads as unset.", t, spec.Fallback.Name))
		p("export function decode", t, "(value: string | null | undefined): ", t, " | undefined {")
		p("  if (value === undefined || value === null || value === \"\") {")
		p("    return undefined;")
		p("  }")
		if spec.HasAliases {
			p("  if (Object.prototype.hasOwnProperty.call(", lower, "Aliases, value)) {")
			p("    return ", lower, "Aliases[value] as ", t, ";")
			p("  }")
		}
		p("  return is", t, "(value) ? value : ", tsString(spec.Fallback.Name), ";")
		p("}")
	}
}

// Check reports what the TypeScript target cannot express for the enum,
// each at the spec node that causes it: a type name that is not a
// TypeScript identifier or is a reserved word, a type name (or the TInfo
// and TCategory names the module derives from it) that is one of
// TypeScript's global names, two values whose keys in the constant
// object would be the same, and polling bounds that are not a whole number
// of milliseconds or exceed what setTimeout can wait. Generate calls it
// before it emits anything; the CLI calls it beside Parse (through
// gen/targets), on a partial enum too, where an empty Type is skipped.
func Check(s *gen.Enum) gen.ErrorList {
	var errs gen.ErrorList
	var declared []string
	switch {
	case s.Type == "": // the type did not pass the spec's own checks
	case !tsIsIdentifier(s.Type):
		errs.Add(s.Spec.TypePos, "type %q is not a TypeScript identifier, which the module's type and constant are named; use a name such as Status", s.Type)
	case slices.Contains(tsReserved, s.Type):
		errs.Add(s.Spec.TypePos, "type %s is a reserved word of TypeScript, which cannot name the module's type and constant; use a name such as Status", s.Type)
	default:
		declared = append(declared, s.Type, s.Type+"Info")
	}
	if len(s.Categories) > 0 && len(declared) > 0 {
		declared = append(declared, s.Type+"Category")
	}
	if s.Open && len(declared) > 0 {
		declared = append(declared, knownType(s))
	}
	for _, name := range declared {
		if tsIsGlobal(name) {
			errs.Add(s.Spec.TypePos, "type %s makes the TypeScript module declare %s, a global name of TypeScript's standard library that it would shadow (in the module and in every file that imports it); choose another type name", s.Type, name)
			break
		}
	}
	first := make(map[string]*gen.EnumValue)
	for i := range s.Values {
		v := &s.Values[i]
		key := tsKey(v)
		if prev, ok := first[key]; ok {
			errs.Add(v.NamePos, "value %q has the TypeScript key %s, as %q does (%s): keys are the names in PascalCase; rename one of them or leave out -ts", v.Name, key, prev.Name, gen.FirstAt(prev.NamePos))
			continue
		}
		first[key] = v
	}
	if p := s.Polling; p != nil {
		for _, bound := range []struct {
			d   time.Duration
			pos gen.Pos
		}{{p.Initial, p.InitialPos}, {p.Max, p.MaxPos}} {
			switch {
			case bound.d%time.Millisecond != 0:
				errs.Add(bound.pos, "polling bound %s is not a whole number of milliseconds, which the TypeScript module's bounds count in; use a multiple of 1ms", printer.HumanDuration(bound.d))
			case bound.d.Milliseconds() > tsMaxTimeout:
				errs.Add(bound.pos, "polling bound %s is longer than setTimeout can wait (%d ms, about 24.8 days; longer delays fire at once); use a shorter bound", printer.HumanDuration(bound.d), tsMaxTimeout)
			}
		}
	}
	return errs
}

// tsMaxTimeout is the longest delay, in milliseconds, that setTimeout
// honours in browsers and Node: a signed 32-bit count.
const tsMaxTimeout = math.MaxInt32

// tsIsGlobal reports whether name is one of the global names the module may
// not declare.
func tsIsGlobal(name string) bool {
	_, es := slices.BinarySearch(tsGlobalsES, name)
	_, dom := slices.BinarySearch(tsGlobalsDOM, name)
	return es || dom
}

// tsKey is the key of v in the constant object: its name in PascalCase
// (Status.InReview for "in-review"), or the name itself when it has no
// letters or digits to join ("--"). It is quoted where it is not an
// identifier (Status["404"]).
func tsKey(v *gen.EnumValue) string {
	if key := naming.Pascal(v.Name); key != "" {
		return key
	}
	return v.Name
}

// tsObjectKey writes a property name for an object literal: bare when
// bare is set and it is an identifier, a string literal otherwise. In an
// object literal, __proto__: x (quoted or not) sets the object's prototype
// instead of adding a key; a computed key ["__proto__"] is an own property
// like any other.
func tsObjectKey(key string, bare bool) string { return string(appendObjectKey(nil, key, bare, true)) }

// appendObjectKey appends a property name: as tsObjectKey writes it in an
// object literal (where object is set), or for a type literal: bare when
// bare is set and it is an identifier ("404" is quoted), since __proto__
// needs no computed key there.
func appendObjectKey(b []byte, key string, bare, object bool) []byte {
	if object && key == "__proto__" {
		return append(printer.AppendJSONString(append(b, '['), key), ']')
	}
	if bare && tsIsIdentifier(key) {
		return append(b, key...)
	}
	return printer.AppendJSONString(b, key)
}

// writeNames writes the values' names as the lines of an array literal.
func writeNames(b *printer.File, spec *gen.Enum) {
	for _, v := range spec.Values {
		b.Append(len(v.Name)+16, func(buf []byte) []byte {
			return append(printer.AppendJSONString(append(buf, "  "...), v.Name), ",\n"...)
		})
	}
}

// tsString writes s as a JSON string literal, which TypeScript reads as the
// same string, with what does not show escaped.
func tsString(s string) string { return string(printer.AppendJSONString(nil, s)) }

// tsDoc writes text as a /** */ comment. "*/" is broken up and invisible
// characters are escaped, so the comment always ends where it should; every
// "@" gets a backslash (TSDoc's escape), because TypeScript reads
// @ts-expect-error, @ts-ignore and @ts-nocheck in comments as directives
// and editors read @deprecated and the other JSDoc tags, so spec text could
// otherwise break the build, silence a real error or mark a value. The
// tags statusgen means (such as @deprecated) come apart, as tags: lines
// printed after the text, whose own "@" stays (the text after it is
// escaped like the rest).
func tsDoc(b *printer.File, indent, text string, tags ...string) {
	var lines []string
	if text != "" {
		lines = printer.CommentLines(text)
	}
	for i, line := range lines {
		line = strings.ReplaceAll(line, "*/", "*\\/")
		lines[i] = strings.ReplaceAll(line, "@", "\\@")
	}
	for _, tag := range tags {
		name, rest, _ := strings.Cut(tag, " ")
		rest = strings.Join(printer.CommentLines(rest), " ")
		rest = strings.ReplaceAll(strings.ReplaceAll(rest, "*/", "*\\/"), "@", "\\@")
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, strings.TrimSpace(name+" "+rest))
	}
	if len(lines) == 1 {
		b.Line(indent, "/** ", lines[0], " */")
		return
	}
	b.Line(indent, "/**")
	for _, line := range lines {
		if line == "" {
			b.Line(indent, " *")
		} else {
			b.Line(indent, " * ", line)
		}
	}
	b.Line(indent, " */")
}

// genTransitions prints the relation gen.Build computed (the declared graph
// or the terminal rule): the frozen TNext record of each value's targets,
// and canTransitionT, which asks it. A value that may move to every other is
// written as a filter of the values, so a large spec under the terminal rule
// stays linear in size.
func genTransitions(b *printer.File, spec *gen.Enum) {
	p := b.P
	t, lower := spec.Type, naming.Camel(spec.Type)
	rel := spec.Transitions
	tsDoc(b, "", fmt.Sprintf("The values each %s may move to besides itself, in spec order (every value may also move to itself, so that retried updates stay idempotent).", t))
	known := knownType(spec)
	p("export const ", lower, "Next: Readonly<Record<", known, ", readonly ", known, "[]>> = Object.freeze({")
	for i, v := range spec.Values {
		var next []int
		size := len(v.Name) + len(lower) + 64
		if !rel.MovesAnywhere(i) {
			next = rel.Next(i)
			size += 16 * len(next)
		}
		b.Append(size, func(buf []byte) []byte {
			buf = append(appendObjectKey(append(buf, "  "...), v.Name, false, true), ": "...)
			if rel.MovesAnywhere(i) {
				buf = append(append(append(buf, "Object.freeze("...), lower...), "Values.filter((to) => to !== "...)
				return append(printer.AppendJSONString(buf, v.Name), ")),\n"...)
			}
			buf = append(buf, "Object.freeze(["...)
			for k, j := range next {
				if k > 0 {
					buf = append(buf, ", "...)
				}
				buf = printer.AppendJSONString(buf, spec.Values[j].Name)
			}
			return append(buf, "] as const),\n"...)
		})
	}
	p("});")
	p()
	if spec.Open {
		genOpenTransition(b, spec)
		return
	}
	tsDoc(b, "", fmt.Sprintf("Reports whether a %s may move from from to to: both are values, and to is from itself or one of %sNext[from].", t, lower))
	// Named after the type, as every other export: two modules re-exported
	// from one file (export * from) must not both export canTransition.
	p("export function canTransition", t, "(from: ", t, ", to: ", t, "): boolean {")
	// from === to goes last: first, with a one-value union TypeScript
	// would narrow from to never once they differ.
	p("  return is", t, "(from) && is", t, "(to) && (", lower, "Next[from].includes(to) || from === to);")
	p("}")
	p()
	tsDoc(b, "", "The values that may move to to besides to itself, in spec order, in a new array (empty for a name that is no value). A move to the same value is allowed, so to claim a task exactly once, move it only from one of these: UPDATE ... SET status = $1 WHERE id = $2 AND status = ANY($3) updates nothing when another worker moved it first.")
	p("export function ", lower, "Sources(to: ", t, "): ", t, "[] {")
	p("  return is", t, "(to) ? ", lower, "Values.filter((from) => from !== to && canTransition", t, "(from, to)) : [];")
	p("}")
	p()
}
