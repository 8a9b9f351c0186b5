package golang

import "strconv"

// This file prints the encodings of the category type: by name, as the
// value type's, so that a category stored or sent (a field, a map key, a
// column) keeps its meaning when the spec reorders its categories or
// inserts one; encoding/json would otherwise write its number. Decoding
// is strict: a category is never a fallback.

// genCategoryEncoding prints MarshalText, UnmarshalText, MarshalJSON,
// UnmarshalJSON, Scan and Value for the category type.
func (g *goFile) genCategoryEncoding() {
	m, n := g.m, g.m.Names
	if len(m.Categories) == 0 {
		return
	}
	c := n.Category
	g.P("// MarshalText implements encoding.TextMarshaler: the category's name, or empty")
	g.P("// text for the zero ", c, ".")
	g.P("func (c ", c, ") MarshalText() ([]byte, error) {")
	g.P("if c.IsValid() || c == 0 {")
	g.P("return []byte(c.name()), nil")
	g.P("}")
	g.P(`return nil, fmt.Errorf("`, m.Package, `: cannot encode invalid %v", c)`)
	g.P("}")
	g.P()
	g.P("// name returns the category's name, or \"\" for the zero ", c, ".")
	g.P("func (c ", c, ") name() string {")
	g.P("if c.IsValid() {")
	g.P("return ", m.Unexported, "CategoryInfo[c].name")
	g.P("}")
	g.P(`return ""`)
	g.P("}")
	g.P()
	g.P("// UnmarshalText implements encoding.TextUnmarshaler: empty text is the zero")
	g.P("// ", c, "; any other text must be a category's name. On error c is left as")
	g.P("// it was.")
	g.P("func (c *", c, ") UnmarshalText(text []byte) error {")
	g.P("switch string(text) {")
	g.P(`case "":`)
	g.P("*c = 0")
	for _, cat := range m.Categories {
		g.P("case ", strconv.Quote(cat.Name), ":")
		g.P("*c = ", cat.GoName)
	}
	g.P("default:")
	g.P(`return fmt.Errorf("`, m.Package, `: invalid `, c, ` %q", text)`)
	g.P("}")
	g.P("return nil")
	g.P("}")
	g.P()
	g.P("// MarshalJSON implements json.Marshaler: the name as a JSON string, or null for")
	g.P("// the zero ", c, ".")
	g.P("func (c ", c, ") MarshalJSON() ([]byte, error) {")
	g.P("if c == 0 {")
	g.P(`return []byte("null"), nil`)
	g.P("}")
	g.P("if !c.IsValid() {")
	g.P(`return nil, fmt.Errorf("`, m.Package, `: cannot encode invalid %v", c)`)
	g.P("}")
	g.P("return json.Marshal(c.name())")
	g.P("}")
	g.P()
	g.P("// UnmarshalJSON implements json.Unmarshaler: null leaves c as it was, as")
	g.P("// encoding/json does for every type; a string decodes as UnmarshalText.")
	g.P("func (c *", c, ") UnmarshalJSON(data []byte) error {")
	g.P(`if string(data) == "null" {`)
	g.P("return nil")
	g.P("}")
	g.P("var name string")
	g.P("if err := json.Unmarshal(data, &name); err != nil {")
	g.P(`return fmt.Errorf("`, m.Package, `: `, c, ` must be a JSON string: %w", err)`)
	g.P("}")
	g.P("return c.UnmarshalText([]byte(name))")
	g.P("}")
	g.P()
	g.P("// Scan implements sql.Scanner: NULL is the zero ", c, "; text must be a")
	g.P("// category's name.")
	g.P("func (c *", c, ") Scan(src any) error {")
	g.P("switch src := src.(type) {")
	g.P("case nil:")
	g.P("*c = 0")
	g.P("return nil")
	g.P("case string:")
	g.P("return c.UnmarshalText([]byte(src))")
	g.P("case []byte:")
	g.P("return c.UnmarshalText(src)")
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot scan %T into `, c, `", src)`)
	g.P("}")
	g.P()
	g.P("// Value implements driver.Valuer: the category's name, or NULL for the zero")
	g.P("// ", c, ".")
	g.P("func (c ", c, ") Value() (driver.Value, error) {")
	g.P("if c == 0 {")
	g.P("return nil, nil")
	g.P("}")
	g.P("if !c.IsValid() {")
	g.P(`return nil, fmt.Errorf("`, m.Package, `: cannot encode invalid %v", c)`)
	g.P("}")
	g.P("return c.name(), nil")
	g.P("}")
	g.P()
}
