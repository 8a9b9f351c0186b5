package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/taskstatus/taskstatus/internal/plainyaml"
)

// Parse reads a spec from src and validates it. filename is used only in
// error positions. On failure the error is an ErrorList holding every problem
// found, sorted by position; Parse never guesses past a mistake.
//
// Like go/parser, Parse returns what it decoded along with its errors: a
// Spec whose fields that failed to decode are left zero (nil when the file
// is not a YAML mapping at all). Such a Spec is for BuildPartial only, which
// keeps the parts that passed; everything else takes a Spec without errors.
func Parse(filename string, src []byte) (*Spec, error) {
	return parse(&parser{file: filename}, src)
}

func parse(p *parser, src []byte) (*Spec, error) {
	root := p.document(src)
	if root == nil {
		return nil, p.errs.Err()
	}
	spec := p.spec(root)
	p.errs.join(spec.validate())
	if err := p.errs.Err(); err != nil {
		return spec, err
	}
	return spec, nil
}

type parser struct {
	file string
	errs ErrorList

	onlyYAMLv3 bool // read every document with yaml.v3 (tests compare the two readers)
}

func (p *parser) pos(n *plainyaml.Node) Pos {
	return Pos{File: p.file, Line: int(n.Line), Col: int(n.Column)}
}

func (p *parser) errorf(n *plainyaml.Node, format string, args ...any) {
	p.errs.add(p.pos(n), format, args...)
}

// The regular expressions are compiled when first needed, not when the
// package starts: most runs meet none of what they match, and statusgen is
// a short process whose start is part of its time.

// yamlLine matches the position yaml.v3 puts in its syntax errors.
var yamlLine = lazyRegexp(`^yaml: (?:line (\d+): )?`)

// yamlParserProblem matches the problems yaml.v3's parser (as opposed to its
// scanner) reports. For those, v3.0.1 prints the 0-based line of the
// construct that failed, and for scanner problems the 1-based line; for both
// it leaves the line out when that number is 0.
var yamlParserProblem = lazyRegexp(`^(did not find expected|found duplicate %|found incompatible YAML document|found undefined tag handle)`)

// document parses src as exactly one YAML document and returns its root
// mapping, or nil after recording why there is none.
func (p *parser) document(src []byte) *plainyaml.Node {
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		p.errs.add(Pos{p.file, line, col}, "invalid UTF-8; a spec must be UTF-8 text")
		return nil
	}
	if bytes.HasPrefix(src, []byte("\uFEFF\uFEFF")) {
		// yaml.v3 drops one; the second shifts every column of the first
		// line and then reads as part of a key ("alues").
		p.errs.add(Pos{p.file, 1, 1}, "the file starts with two byte-order marks; remove one (a spec needs none)")
		return nil
	}
	// The plain YAML specs are written in is read several times faster
	// than yaml.v3 reads it, into the same tree; the rest, errors included,
	// is yaml.v3's.
	doc, ok := plainyaml.Parse(src)
	if !ok || p.onlyYAMLv3 {
		if doc = p.decodeYAMLv3(src); doc == nil {
			return nil
		}
	}
	root := doc.Content[0]
	if !p.kind(root, yaml.MappingNode, "the spec") {
		return nil
	}
	return root
}

// decodeYAMLv3 reads src with yaml.v3 as exactly one YAML document and
// returns its document node, or nil after recording why there is none.
func (p *parser) decodeYAMLv3(src []byte) *plainyaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(acceptYAML12(src)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errs.add(Pos{p.file, 1, 1}, "spec is empty; it needs at least type and values")
		} else {
			p.yamlError(src, err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		p.yamlError(src, err)
		return nil
	default:
		p.errs.add(Pos{p.file, extra.Line, extra.Column}, "a second YAML document; a spec file holds exactly one (remove the ---)")
		return nil
	}
	return plainyaml.FromYAML(&doc)
}

// yamlError records a yaml.v3 syntax error. yaml.v3 gives a line but no
// column; the column is that of the line's first tab when the problem is a
// character that cannot start a token (a tab where YAML wants spaces, the
// usual cause), that of the first control character for a control
// character, else that of the line's first character that is not a space,
// where the construct that failed starts.
func (p *parser) yamlError(src []byte, err error) {
	msg := err.Error()
	line := 0
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = msg[len(m[0]):]
	}
	if line == 0 || yamlParserProblem().MatchString(msg) {
		line++
	}
	col := 0
	if lines := strings.Split(string(src), "\n"); line <= len(lines) {
		text := strings.TrimPrefix(lines[line-1], "\uFEFF")
		at := strings.IndexFunc(text, func(r rune) bool { return r != ' ' })
		if tab := strings.IndexByte(text, '\t'); tab >= 0 && strings.HasPrefix(msg, "found character that cannot start any token") {
			at = tab
		}
		if ctl := strings.IndexFunc(text, unicode.IsControl); ctl >= 0 && strings.HasPrefix(msg, "control characters") {
			at = ctl
		}
		if at >= 0 {
			col = utf8.RuneCountInString(text[:at]) + 1
		} else {
			col = 1
		}
	}
	p.errs.add(Pos{File: p.file, Line: line, Col: col}, "YAML syntax: %s", msg)
}

// lazyRegexp returns a function that compiles expr on its first call.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// yaml12 matches a %YAML 1.2 directive line; the group is the version.
var yaml12 = lazyRegexp(`^%YAML[ \t]+(1\.2)(?:[ \t#\r\n]|$)`)

// acceptYAML12 returns src with a %YAML 1.2 directive rewritten as %YAML
// 1.1, byte for byte the same length, so that every position stays. yaml.v3
// refuses 1.2 as incompatible, yet what it reads is YAML 1.2's core schema
// where the two differ for a spec (yes, no, on and off are strings, not
// booleans), so declaring 1.2 changes nothing about how a spec is read.
// Only the lines before the document (comments, blank lines, directives)
// are looked at.
func acceptYAML12(src []byte) []byte {
	off := len(src) - len(bytes.TrimPrefix(src, []byte("\uFEFF")))
	for off < len(src) {
		end := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i + 1
		}
		line := src[off:end]
		trimmed := bytes.TrimSpace(line)
		switch {
		case len(trimmed) == 0 || trimmed[0] == '#':
		case line[0] == '%' && yaml12().Match(line):
			at := off + yaml12().FindSubmatchIndex(line)[2]
			out := bytes.Clone(src)
			copy(out[at:], "1.1")
			return out
		case line[0] == '%':
		default:
			return src
		}
		off = end
	}
	return src
}

// invalidUTF8 returns the line and column of the first byte of src that is
// not valid UTF-8.
func invalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size == 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return line, col
}

var kindNames = map[yaml.Kind]string{
	yaml.DocumentNode: "a document",
	yaml.SequenceNode: "a list",
	yaml.MappingNode:  "a mapping",
	yaml.ScalarNode:   "a scalar",
	yaml.AliasNode:    "an alias",
}

// kind reports whether n is of kind want, recording an error naming what
// was expected otherwise. Aliases are refused outright: a spec is short
// enough to write out, and refusing them rules out expansion bombs.
func (p *parser) kind(n *plainyaml.Node, want yaml.Kind, what string) bool {
	if n.Kind == yaml.AliasNode {
		p.errorf(n, "%s is an alias (*%s); aliases are not supported in a spec, write the value out", what, n.Value)
		return false
	}
	if n.Kind != want {
		found := kindNames[n.Kind]
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			found = "nothing"
		}
		p.errorf(n, "%s must be %s%s, found %s", what, kindNames[want], shapeExample(what), found)
		return false
	}
	return true
}

// shapeExample returns, for a key whose shape is easy to get wrong, an
// example of the right one to follow "must be a mapping".
func shapeExample(what string) string {
	switch what {
	case "sql":
		return " such as sql: {type: payment_intent_status}"
	case "polling":
		return " such as polling: {initial: 1s, max: 30s}"
	}
	return ""
}

// fields walks the mapping n, calling set for each key in known and
// recording unknown and duplicate keys.
func (p *parser) fields(n *plainyaml.Node, what string, known []string, set func(key string, value *plainyaml.Node)) {
	// A mapping has a few keys, which a scan checks for duplicates faster
	// than a map; one with many (all unknown, so all errors) gets a map,
	// so that it costs no more than its size.
	var seen map[string]*plainyaml.Node
	if len(n.Content) > 32 {
		seen = make(map[string]*plainyaml.Node)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s has a key that is not a plain name", what)
			continue
		}
		if first := firstKey(n.Content[:i], k.Value, seen); first != nil {
			p.errorf(k, "duplicate key %q in %s (first at line %d)", k.Value, what, first.Line)
			continue
		}
		if seen != nil {
			seen[k.Value] = k
		}
		if !slices.Contains(known, k.Value) {
			p.errorf(k, "unknown key %q in %s; known keys are %s", k.Value, what, strings.Join(known, ", "))
			continue
		}
		set(k.Value, v)
	}
}

// firstKey returns the scalar key named key among the keys of pairs (a
// mapping's Content up to some key), or nil: from seen when it is not nil,
// which holds them all, and by a scan otherwise.
func firstKey(pairs []*plainyaml.Node, key string, seen map[string]*plainyaml.Node) *plainyaml.Node {
	if seen != nil {
		return seen[key]
	}
	for i := 0; i < len(pairs); i += 2 {
		if k := pairs[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k
		}
	}
	return nil
}

// str decodes a string scalar. Other scalars are refused rather than
// converted, so "name: 404" or "name: yes" is a clear error, not a guess.
func (p *parser) str(n *plainyaml.Node, what string) string {
	if !p.kind(n, yaml.ScalarNode, what) {
		return ""
	}
	if n.Tag == "!!null" {
		if n.Value == "" {
			p.errorf(n, "%s is empty; %s", what, emptyHint(what))
		} else {
			p.errorf(n, "%s is %s, which YAML reads as no value; %s (quote it if you mean the text)", what, n.Value, emptyHint(what))
		}
		return ""
	}
	if n.Tag != "!!str" {
		p.errorf(n, "%s must be a string, found %s %s; quote it if you mean the text", what, strings.TrimPrefix(n.Tag, "!!"), n.Value)
		return ""
	}
	return n.Value
}

// emptyHint says what a key left without a value (name:, ~, null) should
// hold.
func emptyHint(what string) string {
	switch {
	case strings.HasPrefix(what, "values[") && strings.HasSuffix(what, ".name"):
		return "give the value's wire name"
	case strings.HasPrefix(what, "categories[") && strings.HasSuffix(what, ".name"):
		return "give the category's name"
	case what == "fallback":
		return "leave the key out for no fallback"
	case strings.HasPrefix(what, "polling."):
		return "write a Go duration such as 1s or 500ms"
	case what == "sql.type":
		return "name the SQL type, such as payment_intent_status, or leave the key out for the type's name in snake_case"
	}
	return "give it a value or leave the key out"
}

var yamlBools = map[string]bool{"true": true, "True": true, "TRUE": true, "false": false, "False": false, "FALSE": false}

func (p *parser) boolean(n *plainyaml.Node, what string) bool {
	if !p.kind(n, yaml.ScalarNode, what) {
		return false
	}
	// What yaml.v3 decodes into a bool: a !!bool that resolves as one (an
	// explicit !!bool tag on other text does not).
	switch b, ok := yamlBools[n.Value]; {
	case n.Tag == "!!bool" && ok:
		return b
	default:
		p.errorf(n, "%s must be true or false, found %q", what, n.Value)
		return false
	}
}

// duration decodes a Go duration; ok is false after an error. Whether the
// duration is positive is validation's to say (see validate), so that a
// hand-built Spec meets the same rule.
func (p *parser) duration(n *plainyaml.Node, what string) (d time.Duration, ok bool) {
	before := len(p.errs)
	s := p.str(n, what)
	if len(p.errs) > before {
		return 0, false
	}
	if s == "" {
		p.errorf(n, "%s is empty; write a Go duration such as 1s or 500ms", what)
		return 0, false
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		p.errorf(n, "%s: %q is not a Go duration such as 1s or 500ms", what, s)
		return 0, false
	}
	return d, true
}

func (p *parser) spec(root *plainyaml.Node) *Spec {
	// Until the keys are found, missing ones are reported at the root.
	s := &Spec{File: p.file, TypePos: p.pos(root), ValuesPos: p.pos(root)}
	keys := []string{"package", "type", "doc", "prefix", "open", "fallback", "polling", "sql", "categories", "values"}
	p.fields(root, "the spec", keys, func(key string, v *plainyaml.Node) {
		switch key {
		case "package":
			s.Package, s.PackagePos = p.str(v, "package"), p.pos(v)
		case "type":
			s.Type, s.TypePos = p.str(v, "type"), p.pos(v)
		case "doc":
			s.Doc, s.DocPos = p.str(v, "doc"), p.pos(v)
		case "prefix":
			s.Prefix, s.PrefixPos = p.str(v, "prefix"), p.pos(v)
		case "open":
			s.Open, s.OpenPos = p.boolean(v, "open"), p.pos(v)
		case "fallback":
			s.Fallback, s.FallbackPos = p.str(v, "fallback"), p.pos(v)
			if s.Fallback == "" && v.Tag == "!!str" {
				// In a Spec, "" is no fallback; in the file, that is
				// spelled by leaving the key out.
				p.errorf(v, "fallback is empty; leave the key out for no fallback")
			}
		case "polling":
			s.Polling = p.polling(v)
		case "sql":
			p.sql(v, s)
		case "categories":
			s.Categories, s.CategoriesPos = p.categories(v), p.pos(v)
		case "values":
			s.ValuesPos = p.pos(v)
			s.Values = p.values(v)
			if s.Values == nil {
				s.Values = []Value{} // present, so validate calls it empty, not missing
			}
		}
	})
	return s
}

// sql decodes the sql key, the names of the SQL target: type, the enum
// type's name, from which the domain and the functions derive theirs.
func (p *parser) sql(n *plainyaml.Node, s *Spec) {
	if !p.kind(n, yaml.MappingNode, "sql") {
		return
	}
	p.fields(n, "sql", []string{"type"}, func(key string, v *plainyaml.Node) {
		s.SQLType, s.SQLTypePos = p.str(v, "sql.type"), p.pos(v)
		if s.SQLType == "" && v.Tag == "!!str" {
			p.errorf(v, "sql.type is empty; %s", emptyHint("sql.type"))
		}
	})
}

func (p *parser) polling(n *plainyaml.Node) *Polling {
	if !p.kind(n, yaml.MappingNode, "polling") {
		return nil
	}
	pl := &Polling{}
	var haveInitial, haveMax bool
	decoded := true
	p.fields(n, "polling", []string{"initial", "max"}, func(key string, v *plainyaml.Node) {
		var ok bool
		switch key {
		case "initial":
			pl.Initial, ok = p.duration(v, "polling.initial")
			pl.InitialPos, haveInitial = p.pos(v), true
		case "max":
			pl.Max, ok = p.duration(v, "polling.max")
			pl.MaxPos, haveMax = p.pos(v), true
		}
		decoded = decoded && ok
	})
	if !haveInitial || !haveMax {
		p.errorf(n, "polling needs both initial and max, such as initial: 1s and max: 30s")
		return nil
	}
	if !decoded {
		return nil // already reported
	}
	return pl
}

func (p *parser) categories(n *plainyaml.Node) []Category {
	if !p.kind(n, yaml.SequenceNode, "categories") {
		return nil
	}
	var cats []Category
	for i, item := range n.Content {
		what := fmt.Sprintf("categories[%d]", i)
		if !p.kind(item, yaml.MappingNode, what) {
			continue
		}
		c := Category{NamePos: p.pos(item)}
		p.fields(item, what, []string{"name", "description"}, func(key string, v *plainyaml.Node) {
			switch key {
			case "name":
				c.Name, c.NamePos = p.str(v, what+".name"), p.pos(v)
			case "description":
				c.Description, c.DescriptionPos = p.str(v, what+".description"), p.pos(v)
			}
		})
		cats = append(cats, c)
	}
	return cats
}

func (p *parser) values(n *plainyaml.Node) []Value {
	if !p.kind(n, yaml.SequenceNode, "values") {
		return nil
	}
	items := n.Content
	if len(items) > MaxValues {
		// Only so many are decoded: a 10 MB list of a million empty
		// values would otherwise take a gigabyte of Values to refuse.
		p.errorf(n, "%d values is more than statusgen supports (%d)", len(items), MaxValues)
		items = items[:MaxValues]
	}
	vals := make([]Value, len(items))
	// The values are decoded apart from each other, so a long list is
	// split among the CPUs, each part with its own errors, which are then
	// appended in the list's order: the same Spec and errors as one pass.
	parts := 1
	if len(items) >= parallelValues {
		parts = min(runtime.GOMAXPROCS(0), len(items)/(parallelValues/2))
	}
	errs := make([]ErrorList, parts)
	var wg sync.WaitGroup
	for k := range parts {
		from, to := k*len(items)/parts, (k+1)*len(items)/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := &parser{file: p.file}
			for i := from; i < to; i++ {
				vals[i] = part.value(items[i], i)
				items[i] = nil // its nodes are garbage now, as the next ones are read
			}
			errs[k] = part.errs
		}()
	}
	wg.Wait()
	for _, e := range errs {
		p.errs.join(e)
	}
	return vals
}

// parallelValues is the length of a values list from which it is decoded
// on several CPUs: a few milliseconds of work.
const parallelValues = 8192

var valueKeys = []string{"name", "description", "category", "terminal", "poll", "go_name", "next", "aliases", "deprecated", "number"}

// value decodes item, the values list's i-th.
func (p *parser) value(item *plainyaml.Node, i int) Value {
	what := "values[" + strconv.Itoa(i) + "]"
	// A broken item stays in the list, nameless, so that validation does
	// not call the list empty; its error is already reported at NamePos.
	v := Value{NamePos: p.pos(item)}
	if !p.kind(item, yaml.MappingNode, what) {
		return v
	}
	var haveName bool
	p.fields(item, what, valueKeys, func(key string, f *plainyaml.Node) {
		switch key {
		case "name":
			v.Name, v.NamePos, haveName = p.str(f, what+".name"), p.pos(f), true
		case "description":
			v.Description, v.DescriptionPos = p.str(f, what+".description"), p.pos(f)
		case "category":
			v.Category, v.CategoryPos = p.str(f, what+".category"), p.pos(f)
		case "terminal":
			v.Terminal, v.TerminalPos = p.boolean(f, what+".terminal"), p.pos(f)
		case "poll":
			v.Poll, v.PollPos = p.boolean(f, what+".poll"), p.pos(f)
		case "go_name":
			v.GoName, v.GoNamePos = p.str(f, what+".go_name"), p.pos(f)
		case "next":
			p.next(f, what+".next", &v)
		default:
			p.evolveKey(&v, key, f, what)
		}
	})
	if !haveName {
		p.errorf(item, "%s has no name", what)
	}
	return v
}
