package typescript

import (
	"fmt"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/internal/naming"
	"github.com/taskstatus/taskstatus/gen/internal/printer"
)

// tsValueDoc is the doc comment of a value's key: its description, and a
// @deprecated tag that editors and linters show where it is used (a tag
// statusgen writes, so tsDoc prints it unescaped).
func tsValueDoc(v *gen.EnumValue) (doc string, tags []string) {
	if v.Deprecated == "" {
		return v.Description, nil
	}
	return v.Description, []string{"@deprecated " + v.Deprecated}
}

// genAliases prints, for a spec with aliases, the table parse and decode
// read them from. The is guard stays exact: a type guard cannot map an
// alias to its value, and an alias is not a member of the union.
func genAliases(b *printer.File, spec *gen.Enum) {
	if !spec.HasAliases {
		return
	}
	t, lower := spec.Type, naming.Camel(spec.Type)
	if spec.Open {
		tsDoc(b, "", fmt.Sprintf("The aliases of %s: names that parse%s and decode%s read as a value, and that nothing writes. isKnown%s stays exact.", t, t, t, t))
	} else {
		tsDoc(b, "", fmt.Sprintf("The aliases of %s: names that parse%s (and decode%s, with a fallback) accept for a value, and that nothing writes. is%s stays exact.", t, t, t, t))
	}
	b.P("export const ", lower, "Aliases: Readonly<Record<string, ", knownType(spec), ">> = Object.freeze({")
	for _, l := range spec.Lookup {
		if l.Alias {
			b.Append(len(l.Name)+len(l.Value.Name)+32, func(buf []byte) []byte {
				buf = append(appendObjectKey(append(buf, "  "...), l.Name, false, true), ": "...)
				return append(printer.AppendJSONString(buf, l.Value.Name), ",\n"...)
			})
		}
	}
	// as const keeps each value a literal of the union: without it, a key
	// that Object.prototype has (toString, valueOf, constructor) takes its
	// contextual type from that method and the value widens to string,
	// which tsc --strict refuses.
	b.P("} as const);")
	b.P()
}
