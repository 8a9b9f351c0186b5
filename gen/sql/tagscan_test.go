package sql

import (
	"strings"
	"testing"
)

// A tagScan, read in pieces cut anywhere, chooses the tags dollarTag
// chooses for the whole text: alone, and between text before and after
// it.
func FuzzTagScan(f *testing.F) {
	long := strings.Repeat("x", 2*maxTag)
	for _, body := range []string{
		"", "$", "$fn", "$fn$", "fn$", "$fn$fn$", "$fn$fn1$", "$$fn$", "$fn1$fn2$fn$", "$fn01$", "$FN$", "$do$do1$",
		long + "$fn$" + long, "$fn$" + long + "$fn", long + "$fn1$" + long + "$fn", "$do" + long + "do1$",
		"$fn" + strings.Repeat("1", maxTag) + "$" + long, long + "$fn$$fn1$$fn2$$fn3$$fn4$$fn5$$fn6$$fn7$$fn8$$fn9$$fn10$",
	} {
		f.Add(body, "BEGIN $", "$ END", 3, len(body)/2)
		f.Add(body, " EXECUTE $fn1$", "do1$; END", len(body)-1, 1)
		f.Add(body, "", "", 0, len(body))
	}
	f.Fuzz(func(t *testing.T, body, before, after string, i, j int) {
		// Cut the body in three pieces at i and j.
		i, j = clamp(i, len(body)), clamp(j, len(body))
		if i > j {
			i, j = j, i
		}
		s := newTagScan("fn", "do")
		for _, piece := range []string{body[:i], body[i:j], body[j:]} {
			s.Write([]byte(piece))
		}
		if got, want := s.tag("fn"), dollarTag("fn", body); got != want {
			t.Errorf("tag of %q read as %q, %q, %q = %s, want %s", body, body[:i], body[i:j], body[j:], got, want)
		}
		if got, want := s.tagAround("do", before, after), dollarTag("do", before+body+after); got != want {
			t.Errorf("tag of %q + %q + %q = %s, want %s", before, body, after, got, want)
		}
		if got, want := bodyTag("do", []byte(body)), dollarTag("do", body); got != want {
			t.Errorf("bodyTag of %q = %s, want %s", body, got, want)
		}
	})
}

// clamp returns i within 0 to n.
func clamp(i, n int) int {
	if i < 0 {
		i = -i
	}
	if n == 0 {
		return 0
	}
	return i % (n + 1)
}
