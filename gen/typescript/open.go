package typescript

import (
	"fmt"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// This file prints what differs in the module of an open spec. The union
// of the names the spec lists is KnownT, and T is KnownT | (string & {}):
// any string is a T, so a name a newer server sent type-checks and is
// kept, while an editor still offers the known names (a bare
// "| string" would absorb the literals and lose that). The tables are
// keyed by KnownT, so under --strict indexing them with a T needs a
// isKnownT guard first, and tInfoOf answers for any T.

// knownType is the name of the union of the names the spec lists: the
// type itself for a closed spec, KnownT for an open one.
func knownType(spec *gen.Enum) string {
	if spec.Open {
		return "Known" + spec.Type
	}
	return spec.Type
}

// genOpenType prints T itself for an open spec.
func genOpenType(b *printer.File, spec *gen.Enum) {
	if !spec.Open {
		return
	}
	t := spec.Type
	tsDoc(b, "", fmt.Sprintf("A %[1]s: one of the names the spec lists (Known%[1]s), or a name this build does not know, which a newer writer may have sent and which is kept as it is. The empty string is unset.", t))
	b.P("export type ", t, " = Known", t, " | (string & {});")
	b.P()
}

// genOpenBehaviour prints the function that says which known value a T
// behaves as: itself, its alias's value, the fallback for another name,
// or undefined (nothing).
func genOpenBehaviour(b *printer.File, spec *gen.Enum) {
	t, lower := spec.Type, naming.Camel(spec.Type)
	p := b.P
	genAliases(b, spec)
	tsDoc(b, "", fmt.Sprintf("The known value whose metadata and transitions answer for value: itself, the value an alias names, %s, and undefined for the empty string.", unknownAnswer(spec)))
	p("function ", lower, "Behaviour(value: ", t, "): Known", t, " | undefined {")
	p("  if (is", "Known", t, "(value)) {")
	p("    return value;")
	p("  }")
	if spec.HasAliases {
		p("  if (Object.prototype.hasOwnProperty.call(", lower, "Aliases, value)) {")
		p("    return ", lower, "Aliases[value];")
		p("  }")
	}
	if spec.Fallback != nil {
		p("  return value === \"\" ? undefined : ", tsString(spec.Fallback.Name), ";")
	} else {
		p("  return undefined;")
	}
	p("}")
	p()
}

// unknownAnswer says, for a comment, what a name the build does not know
// behaves as.
func unknownAnswer(spec *gen.Enum) string {
	if spec.Fallback != nil {
		return fmt.Sprintf("the fallback %s for a name this build does not know", spec.Fallback.Name)
	}
	return "undefined (nothing: not terminal, not polled, moving nowhere but to itself) for a name this build does not know"
}

// genOpenTransition prints canTransitionT for an open spec (prefixed, so
// that a barrel file can re-export several modules).
func genOpenTransition(b *printer.File, spec *gen.Enum) {
	t, lower := spec.Type, naming.Camel(spec.Type)
	p := b.P
	genOpenBehaviour(b, spec)
	tsDoc(b, "", fmt.Sprintf("Reports whether a %s may move from from to to: to is from itself or one of %sNext[from]. An alias moves as its value does, and a name this build does not know as %s.", t, lower, behavesAs(spec)))
	p("export function canTransition", t, "(from: ", t, ", to: ", t, "): boolean {")
	p("  const f = ", lower, "Behaviour(from);")
	p("  const n = ", lower, "Behaviour(to);")
	p("  if (f === undefined || n === undefined) {")
	p("    return from !== \"\" && from === to;")
	p("  }")
	p("  return f === n || ", lower, "Next[f].includes(n);")
	p("}")
	p()
}

func behavesAs(spec *gen.Enum) string {
	if spec.Fallback != nil {
		return "the fallback " + spec.Fallback.Name + " does"
	}
	return "nothing: only to itself, and nothing moves to it"
}

// genOpenGuards prints the guards, parse, decode and tInfoOf of an open
// spec.
func genOpenGuards(b *printer.File, spec *gen.Enum) {
	t, lower := spec.Type, naming.Camel(spec.Type)
	p := b.P
	tsDoc(b, "", fmt.Sprintf("Reports whether value is one of the wire names the spec lists for %s, exactly.", t))
	p("export function isKnown", t, "(value: unknown): value is Known", t, " {")
	p("  return typeof value === \"string\" && Object.prototype.hasOwnProperty.call(", lower, "Info, value);")
	p("}")
	p()
	tsDoc(b, "", fmt.Sprintf("Reports whether value is a set %s: any string but the empty one, since the enum is open.", t))
	p("export function is", t, "(value: unknown): value is ", t, " {")
	p("  return typeof value === \"string\" && value !== \"\";")
	p("}")
	p()
	tsDoc(b, "", fmt.Sprintf("Returns value as a Known%s (an alias as its value), or throws an Error that names it and lists the valid names: for what a person writes, where a typo must fail.", t))
	p("export function parse", t, "(value: string): Known", t, " {")
	p("  if (isKnown", t, "(value)) {")
	p("    return value;")
	p("  }")
	if spec.HasAliases {
		p("  if (Object.prototype.hasOwnProperty.call(", lower, "Aliases, value)) {")
		p("    return ", lower, "Aliases[value] as Known", t, ";")
		p("  }")
	}
	p("  throw new Error(`invalid ", t, " ${JSON.stringify(value)}; valid names are ${", lower, "Values.join(\", \")}`);")
	p("}")
	p()
	alias := ""
	if spec.HasAliases {
		alias = " (an alias as its value)"
	}
	tsDoc(b, "", fmt.Sprintf("Returns value as a %s%s: a name this build does not know is kept as it is, for what a machine wrote; undefined for the empty string, null and undefined (unset, as the Go type's zero value).", t, alias))
	p("export function decode", t, "(value: string | null | undefined): ", t, " | undefined {")
	p("  if (value === undefined || value === null || value === \"\") {")
	p("    return undefined;")
	p("  }")
	if spec.HasAliases {
		p("  if (Object.prototype.hasOwnProperty.call(", lower, "Aliases, value)) {")
		p("    return ", lower, "Aliases[value] as Known", t, ";")
		p("  }")
	}
	p("  return value;")
	p("}")
	p()
	tsDoc(b, "", fmt.Sprintf("Returns what the spec says of value: its own metadata, an alias's value's, and for a name this build does not know %s; undefined for the empty string.", infoAnswer(spec)))
	p("export function ", lower, "InfoOf(value: ", t, "): ", t, "Info | undefined {")
	p("  const known = ", lower, "Behaviour(value);")
	p("  return known === undefined ? undefined : ", lower, "Info[known];")
	p("}")
}

func infoAnswer(spec *gen.Enum) string {
	if spec.Fallback != nil {
		return "the fallback " + spec.Fallback.Name + "'s"
	}
	return "undefined (it is not terminal, not polled and in no category)"
}
