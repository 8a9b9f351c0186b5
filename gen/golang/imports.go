package golang

import "strconv"

// stdImports lists, sorted by path, every standard-library package the
// emitters may print a selector of. The outputs import only the standard
// library.
var stdImports = [...]struct{ name, path string }{
	{"context", "context"},
	{"driver", "database/sql/driver"},
	{"json", "encoding/json"},
	{"jsontext", "encoding/json/jsontext"},
	{"errors", "errors"},
	{"fmt", "fmt"},
	{"io", "io"},
	{"iter", "iter"},
	{"slices", "slices"},
	{"strconv", "strconv"},
	{"strings", "strings"},
	{"testing", "testing"},
	{"time", "time"},
	{"utf8", "unicode/utf8"},
}

// stdImport returns the index in stdImports of the package named name, or
// -1.
func stdImport(name string) int {
	for i, p := range stdImports {
		if p.name == name {
			return i
		}
	}
	return -1
}

// scanImports records the packages that code, a line without its trailing
// comment, names: one for each selector on a package's name (fmt.Errorf,
// io.Writer). So the imports follow what was printed, and an option that
// leaves out a method leaves out its imports too. The generated code
// declares no name that is also a package's (the receiver has one letter,
// locals longer names), so a selector on one of those names is the
// package. String and rune literals are skipped.
func (l *layout) scanImports(code string) {
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"' || c == '`' || c == '\'':
			i = skipLiteral(code, i) - 1
		case identByte(c):
			j := i + 1
			for j < len(code) && (identByte(code[j]) || '0' <= code[j] && code[j] <= '9') {
				j++
			}
			if j < len(code) && code[j] == '.' && (i == 0 || code[i-1] != '.') && c >= 'c' && c <= 'u' {
				if k := stdImport(code[i:j]); k >= 0 {
					l.imports |= 1 << k
				}
			}
			i = j - 1
		case '0' <= c && c <= '9':
			for i+1 < len(code) && (identByte(code[i+1]) || '0' <= code[i+1] && code[i+1] <= '9') {
				i++
			}
		}
	}
}

// identByte reports whether c can start an identifier (any byte of a
// non-ASCII letter can).
func identByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
}

// importDecl returns the import declaration of the packages of stdImports
// whose bits are set, as gofmt prints it after the package clause.
func importDecl(bits uint32) []byte {
	var paths []string
	for i, p := range stdImports {
		if bits&(1<<i) != 0 {
			paths = append(paths, p.path)
		}
	}
	switch len(paths) {
	case 0:
		return nil
	case 1:
		return append(strconv.AppendQuote([]byte("\nimport "), paths[0]), '\n')
	}
	decl := []byte("\nimport (\n")
	for _, path := range paths {
		decl = append(decl, '\t')
		decl = strconv.AppendQuote(decl, path)
		decl = append(decl, '\n')
	}
	return append(decl, ")\n"...)
}
