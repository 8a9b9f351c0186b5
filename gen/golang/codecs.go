package golang

// genEncoding prints every encoding of the type, one construct at a time.
func (g *goFile) genEncoding() {
	g.genEncodeError()
	g.genText()
	g.genBinary()
	g.genJSON()
	g.genSQL()
}

// genEncodeError prints the error every encoder returns for an invalid value.
func (g *goFile) genEncodeError() {
	m, r := g.m, g.m.Receiver
	recv := g.method()
	g.P("// encodeError reports an attempt to encode a value that is not valid;")
	g.P("// the encoders never write a name for it.")
	g.P(recv, "encodeError() error {")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot encode invalid %v", `, r, ")")
	g.P("}")
	g.P()
}

// genEncoder prints an encoder method in the shape every encoder shares: a
// valid value writes its wire name (the valid lines), the unset value
// writes what the encoding has for nothing (the unset lines: empty text,
// JSON null, SQL NULL), and any other value writes nothing and returns
// encodeError's error, after the zero results in fail ("nil, " or "").
// sig is what follows the receiver: "MarshalText() ([]byte, error)".
func (g *goFile) genEncoder(sig, fail string, valid, unset []string) {
	r := g.m.Receiver
	g.P(g.method(), sig, " {")
	g.P("if ", r, ".IsValid() {")
	for _, line := range valid {
		g.P(line)
	}
	g.P("}")
	g.P("if ", r, " == 0 {")
	for _, line := range unset {
		g.P(line)
	}
	g.P("}")
	g.P("return ", fail, r, ".encodeError()")
	g.P("}")
	g.P()
}

// genText prints the text encoding: MarshalText, AppendText, UnmarshalText (strict: no fallback).
func (g *goFile) genText() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	ptr := g.ptrMethod()
	names := g.table(n.NameTable, r)
	g.P("// MarshalText implements encoding.TextMarshaler: the wire name, or empty text when unset.")
	g.genEncoder("MarshalText() ([]byte, error)", "nil, ",
		[]string{"return []byte(" + names + "), nil // one allocation of the exact size"},
		[]string{"return nil, nil"})
	g.P("// AppendText implements encoding.TextAppender: it appends the wire name to dst,")
	g.P("// or nothing when ", r, " is unset.")
	g.genEncoder("AppendText(dst []byte) ([]byte, error)", "dst, ",
		[]string{"return append(dst, " + names + "...), nil"},
		[]string{"return dst, nil"})
	g.P("// UnmarshalText implements encoding.TextUnmarshaler. Empty text decodes to the")
	g.P("// unset ", n.Type, "; any other text must be a wire name, or it is an")
	if m.Fallback != "" {
		g.P("// *", n.InvalidError, ": text is what flags, YAML and XML use, where the")
		g.P("// fallback would turn a typo into ", m.Fallback, ". On error ", r, " is left as it was.")
	} else {
		g.P("// *", n.InvalidError, ". On error ", r, " is left as it was.")
	}
	g.P(ptr, "UnmarshalText(text []byte) error {")
	g.P("if len(text) == 0 {")
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("}")
	g.P("if value := ", n.Lookup, "(text); value != 0 {")
	g.P("*", r, " = value")
	g.P("return nil")
	g.P("}")
	g.P("return &", n.InvalidError, "{Input: string(text)}")
	g.P("}")
	g.P()
}

// genBinary prints the binary encoding (gob), which is the text encoding.
func (g *goFile) genBinary() {
	r := g.m.Receiver
	recv := g.method()
	ptr := g.ptrMethod()
	g.P("// MarshalBinary implements encoding.BinaryMarshaler with the text encoding,")
	g.P("// so that encoding/gob, which ignores text methods, stores the wire name")
	g.P("// rather than a position that inserting a value in the spec would change.")
	g.P(recv, "MarshalBinary() ([]byte, error) { return ", r, ".MarshalText() }")
	g.P()
	g.P("// AppendBinary implements encoding.BinaryAppender, as AppendText.")
	g.P(recv, "AppendBinary(dst []byte) ([]byte, error) { return ", r, ".AppendText(dst) }")
	g.P()
	g.P("// UnmarshalBinary implements encoding.BinaryUnmarshaler, as UnmarshalText.")
	g.P(ptr, "UnmarshalBinary(data []byte) error { return ", r, ".UnmarshalText(data) }")
	g.P()
}

// genJSON prints the JSON encoding, where the fallback applies.
func (g *goFile) genJSON() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	ptr := g.ptrMethod()
	g.P("// MarshalJSON implements json.Marshaler: the wire name as a JSON string, or null when unset.")
	g.genEncoder("MarshalJSON() ([]byte, error)", "nil, ",
		[]string{
			"name := " + g.table(n.NameTable, r),
			"out := make([]byte, 0, len(name)+2)",
			"out = append(out, '\"')",
			"out = append(out, name...)",
			"return append(out, '\"'), nil",
		},
		[]string{`return []byte("null"), nil`})
	g.P("// UnmarshalJSON implements json.Unmarshaler. null leaves ", r, " as it was, as")
	g.P("// encoding/json does for every type (so a field a peer sends as null keeps")
	g.P("// its value); the empty string decodes to the unset ", n.Type, ", as empty text")
	g.P("// does, so that a map key MarshalText wrote for it reads back;")
	if m.Fallback != "" {
		g.P("// a string that names no ", n.Type, " decodes to ", m.Fallback, ", since a newer writer")
		g.P("// may have sent it; anything but a string or null is an error. On error ", r, " is")
		g.P("// left as it was.")
	} else {
		g.P("// anything but a string or null is an error. On error ", r, " is left as it was.")
	}
	g.P(ptr, "UnmarshalJSON(data []byte) error {")
	g.P("if string(data) == \"null\" {")
	g.P("return nil")
	g.P("}")
	g.P("if string(data) == `\"\"` {")
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("}")
	g.P("if len(data) < 2 || data[0] != '\"' || data[len(data)-1] != '\"' {")
	g.P("if len(data) > 64 {")
	g.P(`data = append(data[:64:64], "..."...)`)
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot decode JSON %s into `, n.Type, `; want a string or null", data)`)
	g.P("}")
	g.P("text := data[1 : len(data)-1]")
	g.P("if value := ", n.Lookup, "(text); value != 0 {")
	g.P("*", r, " = value")
	g.P("return nil")
	g.P("}")
	g.P("// Not a wire name as it stands. Escapes and non-ASCII text (which may")
	g.P("// not be valid UTF-8) are rare enough to go the slow way, through")
	g.P("// encoding/json; bytes a JSON string cannot hold are refused.")
	g.P("for _, char := range text {")
	g.P("switch {")
	g.P("case char == '\\\\' || char >= 0x80:")
	g.P("var unquoted string")
	g.P("if err := json.Unmarshal(data, &unquoted); err != nil {")
	g.P("return err")
	g.P("}")
	if m.Replaced {
		g.P("if ", n.ReplacedJSON, "(text) {")
		g.P("// encoding/json stood U+FFFD in for invalid UTF-8 or a lone surrogate,")
		g.P("// and a wire name holds U+FFFD: the input named no value, as the")
		g.P("// text and SQL decoders, which see the bytes, agree.")
		if m.Fallback != "" {
			g.P("*", r, " = ", m.Fallback)
			g.P("return nil")
		} else {
			g.P("return &", n.InvalidError, "{Input: unquoted}")
		}
		g.P("}")
	}
	g.P("return ", r, ".decodeInto(", n.Decode+"(unquoted)", ")")
	g.P("case char == '\"' || char < ' ':")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot decode %.64q into `, n.Type, `: not a JSON string", data)`)
	g.P("}")
	g.P("}")
	g.P("return ", r, ".decodeInto(", n.Decode+"(text)", ")")
	g.P("}")
	g.P()
	if m.Replaced {
		g.genReplacedJSON()
	}
	g.P("// decodeInto stores value in *", r, " unless err is set.")
	g.P(ptr, "decodeInto(value ", n.Type, ", err error) error {")
	g.P("if err != nil {")
	g.P("return err")
	g.P("}")
	g.P("*", r, " = value")
	g.P("return nil")
	g.P("}")
	g.P()
}

// genSQL prints driver.Valuer and sql.Scanner, where the fallback applies.
func (g *goFile) genSQL() {
	m, n, r := g.m, g.m.Names, g.m.Receiver
	ptr := g.ptrMethod()
	g.P("// Value implements driver.Valuer: the wire name as a string, or NULL when unset.")
	g.genEncoder("Value() (driver.Value, error)", "nil, ",
		[]string{"return " + g.table(n.DriverValues, r) + ", nil"},
		[]string{"return nil, nil"})
	g.P("// Scan implements sql.Scanner for string and []byte columns. NULL scans to the")
	if m.Fallback != "" {
		g.P("// unset ", n.Type, "; a name this build does not know, which a newer writer may")
		g.P("// have stored, scans to ", m.Fallback, ". On error ", r, " is left as it was.")
	} else {
		g.P("// unset ", n.Type, "; on error ", r, " is left as it was.")
	}
	g.P(ptr, "Scan(src any) error {")
	g.P("switch src := src.(type) {")
	g.P("case nil:")
	g.P("*", r, " = 0")
	g.P("return nil")
	g.P("case string:")
	g.P("return ", r, ".decodeInto(", n.Decode+"(src)", ")")
	g.P("case []byte:")
	g.P("return ", r, ".decodeInto(", n.Decode+"(src)", ")")
	g.P("}")
	g.P(`return fmt.Errorf("`, m.Package, `: cannot scan %T into `, n.Type, `; want a string, []byte or NULL", src)`)
	g.P("}")
	g.P()
}

// genReplacedJSON prints, for a spec with a wire name holding U+FFFD, the
// check that keeps JSON from decoding to it what the other decoders do
// not: encoding/json replaces invalid UTF-8 and lone surrogate escapes with
// U+FFFD, so "\xff" and "\ud800" would otherwise name the value in JSON
// and nothing in text or SQL.
func (g *goFile) genReplacedJSON() {
	n := g.m.Names
	g.P("// ", n.ReplacedJSON, " reports whether decoding text, the inside of a JSON string")
	g.P("// encoding/json accepted, replaces anything with U+FFFD: invalid UTF-8, or a")
	g.P("// \\u escape of a surrogate that is not half of a pair.")
	g.P("func ", n.ReplacedJSON, "(text []byte) bool {")
	g.P("if !utf8.Valid(text) {")
	g.P("return true")
	g.P("}")
	g.P("escaped := func(i int) rune { // the \\uXXXX at text[i:], or -1")
	g.P("if i+6 > len(text) || text[i] != '\\\\' || text[i+1] != 'u' {")
	g.P("return -1")
	g.P("}")
	g.P("r, err := strconv.ParseUint(string(text[i+2:i+6]), 16, 32)")
	g.P("if err != nil {")
	g.P("return -1")
	g.P("}")
	g.P("return rune(r)")
	g.P("}")
	g.P("for i := 0; i < len(text); i++ {")
	g.P("if text[i] != '\\\\' {")
	g.P("continue")
	g.P("}")
	g.P("r := escaped(i)")
	g.P("switch {")
	g.P("case r < 0:")
	g.P("i++ // a one-character escape such as \\\\")
	g.P("case 0xD800 <= r && r < 0xDC00:")
	g.P("if low := escaped(i + 6); low < 0xDC00 || low >= 0xE000 {")
	g.P("return true")
	g.P("}")
	g.P("i += 11")
	g.P("case 0xDC00 <= r && r < 0xE000:")
	g.P("return true")
	g.P("default:")
	g.P("i += 5")
	g.P("}")
	g.P("}")
	g.P("return false")
	g.P("}")
	g.P()
}
