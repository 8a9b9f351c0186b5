package golang

import (
	"strconv"
	"strings"
)

// genIntegrations prints the methods that make the type a value of the
// interfaces other libraries define rather than the standard encodings: a
// command-line flag (flag.Value; spf13/pflag's Value with -pflag) and a
// gqlgen enum (graphql.ContextMarshaler and ContextUnmarshaler, with
// -gqlgen). The third-party ones are opt-in, as enumer's are: a type that
// no one binds to gqlgen should not carry its methods.
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

// genGraphQL prints MarshalGQLContext and UnmarshalGQLContext, gqlgen's
// graphql.ContextMarshaler and ContextUnmarshaler, for a model type bound to
// a GraphQL enum whose values are the wire names (statusgen -graphql).
// gqlgen prefers them to MarshalGQL and UnmarshalGQL, and they can fail:
// the old MarshalGQL could not, and wrote null for an unset or invalid
// value, which gqlgen passed to the client as data in a field the schema
// says is non-null, with no error. What a client sends is read strictly,
// as ParseT reads it (aliases included): the fallback is for what a newer
// writer stores, not for a filter a person wrote, which would otherwise
// match the fallback's rows. Parameters have names longer than one letter,
// as everywhere in the file, so that the receiver (the type's first
// letter) never collides with them.
func (g *goFile) genGraphQL() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	g.P("// MarshalGQLContext implements gqlgen's graphql.ContextMarshaler: the wire name")
	g.P("// as a GraphQL string. The unset ", n.Type, " and an invalid one are errors, which")
	g.P("// gqlgen reports at the field's path (a nullable field is bound to *", n.Type, ",")
	g.P("// whose nil gqlgen writes as null without calling it).")
	g.P(g.method(), "MarshalGQLContext(_ context.Context, writer io.Writer) error {")
	g.P("if ", r, " == 0 {")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot encode the unset `, n.Type, ` in GraphQL; a field that may have none takes a *`, n.Type, `")`)
	g.P("}")
	g.P("if !", r, ".IsValid() {")
	g.P("return ", r, ".encodeError()")
	g.P("}")
	g.P("out, _ := ", r, ".MarshalJSON() // a valid value always encodes")
	g.P("_, err := writer.Write(out)")
	g.P("return err")
	g.P("}")
	g.P()
	g.P("// UnmarshalGQLContext implements gqlgen's graphql.ContextUnmarshaler for what")
	g.P("// gqlgen passes an enum, the string of a literal or a variable, which must")
	if m.AliasCount > 0 {
		g.P("// name a ", n.Type, " as ", n.Parse, " reads it (an alias as its value); any")
		g.P("// other string is an *", n.InvalidError, ".")
	} else {
		g.P("// name a ", n.Type, " as ", n.Parse, " reads it; any other string is an")
		g.P("// *", n.InvalidError, ".")
	}
	g.P("// The fallback never applies to what a client sends: a filter holding a")
	g.P("// name this build does not know must fail, not match the fallback's rows.")
	g.P("// nil (null) leaves ", r, " as it was; anything else is an error. On error ", r)
	g.P("// is left as it was.")
	g.P(g.ptrMethod(), "UnmarshalGQLContext(_ context.Context, input any) error {")
	g.P("switch input := input.(type) {")
	g.P("case nil:")
	g.P("return nil")
	g.P("case string:")
	g.P("return ", r, ".decodeInto(", n.Parse, "(input))")
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot decode GraphQL %T into `, n.Type, `; want a string or null", input)`)
	g.P("}")
	g.P()
}

// flagType is the name Type returns: the type's name in lower case, as
// pflag names its own types (string, duration).
func flagType(typ string) string { return strings.ToLower(typ) }
