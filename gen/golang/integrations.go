package golang

import (
	"strconv"
	"strings"
)

// genIntegrations prints the methods that make the type a value of the
// interfaces other libraries define rather than the standard encodings: a
// command-line flag (flag.Value; spf13/pflag's Value with -pflag) and a
// gqlgen scalar (graphql.Marshaler and Unmarshaler, with -gqlgen). The
// third-party ones are opt-in, as enumer's are: a type that no one binds
// to gqlgen should not carry its methods.
func (g *goFile) genIntegrations() {
	g.genFlag()
	if g.opts.PFlag {
		g.genPFlag()
	}
	if g.opts.GQLGen {
		g.genGraphQL()
	}
}

// genFlag prints Set. Set is strict like UnmarshalText, since a
// flag is typed by a person: a misspelt name must fail, not take the
// fallback; it ignores ASCII case because people type "running" for
// RUNNING. String, the third method flag.Value needs, is the enum's own:
// flag calls it on a new zero value to tell whether a default is worth
// printing, and the unset value's String differs from every valid one's,
// so an unset flag shows no default and a preset one shows its name.
func (g *goFile) genFlag() {
	n, r := g.m.Names, g.m.Receiver
	g.P("// Set implements flag.Value, so that a *", n.Type, " is a command-line flag")
	g.P("// (flag.Var(&v, name, usage)): it stores the ", n.Type, " named by name, ignoring")
	g.P("// the case of ASCII letters as ", n.ParseFold, " does. Any other name, the empty")
	g.P("// one included, is an *", n.InvalidError, " listing the valid names; the")
	g.P("// fallback never applies to what a person types. On error ", r, " is left as it was.")
	g.P(g.ptrMethod(), "Set(name string) error {")
	g.P("return ", r, ".decodeInto(", n.ParseFold, "(name))")
	g.P("}")
	g.P()
}

// genPFlag prints Type, which spf13/pflag's Value adds to flag.Value.
func (g *goFile) genPFlag() {
	m, n := g.m, g.m.Names
	g.P("// Type returns ", strconv.Quote(m.FlagType), ", the type's name in lower case, which")
	g.P("// spf13/pflag prints as the flag's argument in usage messages.")
	g.P("func (", n.Type, ") Type() string { return ", strconv.Quote(m.FlagType), " }")
	g.P()
}

// genGraphQL prints MarshalGQL and UnmarshalGQL, gqlgen's marshaler
// interface for a model type bound to a GraphQL enum whose values are the
// wire names (statusgen -graphql). The contract is JSON's: gqlgen hands
// UnmarshalGQL the string of an enum literal or of a variable, and writes
// what MarshalGQL writes into the JSON response. Parameters and locals
// have names longer than one letter, as everywhere in the file, so that
// the receiver (the type's first letter) never collides with them.
func (g *goFile) genGraphQL() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	g.P("// MarshalGQL implements gqlgen's graphql.Marshaler: the wire name as a string,")
	g.P("// or null when ", r, " is unset. It cannot report an error, so a value that")
	g.P("// is not valid, which MarshalJSON refuses, is written as null too.")
	g.P(g.method(), "MarshalGQL(writer io.Writer) {")
	g.P("if ", r, ".IsValid() {")
	g.P("out, _ := ", r, ".MarshalJSON() // a valid value always encodes")
	g.P("_, _ = writer.Write(out)")
	g.P("return")
	g.P("}")
	g.P(`_, _ = io.WriteString(writer, "null")`)
	g.P("}")
	g.P()
	g.P("// UnmarshalGQL implements gqlgen's graphql.Unmarshaler for what gqlgen passes")
	g.P("// an enum: the string of a literal or a variable. nil (null) leaves ", r, " as it")
	g.P("// was, as JSON null does; the empty string decodes to the unset ", n.Type, ";")
	if m.Fallback != "" {
		g.P("// a string that names no ", n.Type, " decodes to ", m.Fallback, ", since a newer")
		g.P("// client may have sent it; anything but a string is an error. On error ", r, " is")
		g.P("// left as it was.")
	} else {
		g.P("// any other string must be a wire name, and anything but a string is an")
		g.P("// error. On error ", r, " is left as it was.")
	}
	g.P(g.ptrMethod(), "UnmarshalGQL(input any) error {")
	g.P("switch input := input.(type) {")
	g.P("case nil:")
	g.P("return nil")
	g.P("case string:")
	g.P(`if input == "" {`)
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("}")
	g.P("return ", r, ".decodeInto(", n.Decode, "(input))")
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot decode GraphQL %T into `, n.Type, `; want a string or null", input)`)
	g.P("}")
	g.P()
}

// flagType is the name Type returns: the type's name in lower case, as
// pflag names its own types (string, duration).
func flagType(typ string) string { return strings.ToLower(typ) }
