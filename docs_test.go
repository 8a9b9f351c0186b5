package taskstatus_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// The README links the topic pages under docs/, and those pages link back
// into it and to each other: every relative link in them must name a file
// that exists and, after a #, a heading of that file, so a page moved or a
// section renamed fails here rather than in a reader's browser.
func TestDocLinks(t *testing.T) {
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	pages, err := filepath.Glob("docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range append([]string{"README.md"}, pages...) {
		src, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(src), -1) {
			target := m[1]
			if strings.Contains(target, "://") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := page
			if file != "" {
				path = filepath.Join(filepath.Dir(page), file)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Errorf("%s: link %s: %v", page, target, err)
				continue
			}
			if anchor != "" && !headingAnchors(string(body))[anchor] {
				t.Errorf("%s: link %s: %s has no heading with that anchor", page, target, path)
			}
		}
	}
}

// headingAnchors returns the anchors a Markdown renderer gives src's
// headings, as GitHub makes them: lower case, spaces to hyphens, and
// everything but letters, digits, hyphens and underscores dropped.
func headingAnchors(src string) map[string]bool {
	anchors := map[string]bool{}
	inFence := false
	for _, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			}
		}
		anchors[b.String()] = true
	}
	return anchors
}

// No hand-written Go file grows past 600 lines: past that a file holds more
// than one construct, and a change to one means reading all of them. What
// statusgen or gqlgen generated (the "Code generated" header) and the
// goldens under testdata do not count.
func TestHandWrittenFilesStaySmall(t *testing.T) {
	const limit = 600
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") && path != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`).Match(src) {
			return nil
		}
		if n := strings.Count(string(src), "\n"); n > limit {
			t.Errorf("%s has %d lines, more than %d: split it by construct", path, n, limit)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
