package gen

import (
	"fmt"
	"strings"
	"testing"
)

// A nameIndex answers what a map of the enum's Lookup by name answers,
// while it scans for the aliases and after it indexed them.
func TestNameIndexFindsWhatLookupHolds(t *testing.T) {
	var src strings.Builder
	src.WriteString("type: T\nvalues:\n")
	for i := range 20 {
		fmt.Fprintf(&src, "  - name: V%d\n    aliases: [A%d, B%d]\n", i, i, i)
	}
	src.WriteString("  - name: PLAIN\n")
	_, e, err := Load("spec.yaml", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]LookupName)
	for _, l := range e.Lookup {
		want[l.Name] = l
	}
	x := newNameIndex(e)
	var asked []string
	for i := range 30 { // past maxAliasScans names that are no value, known or not
		asked = append(asked, fmt.Sprintf("A%d", i), fmt.Sprintf("V%d", i), fmt.Sprintf("X%d", i))
	}
	asked = append(asked, "PLAIN", "B0", "B19", "")
	for _, name := range asked {
		got, ok := x.find(name)
		w, wok := want[name]
		if got != w || ok != wok {
			t.Errorf("find(%q) = %+v, %v; the Lookup holds %+v, %v", name, got, ok, w, wok)
		}
	}
	if x.aliases == nil {
		t.Errorf("after %d names that are no value, the aliases are not indexed", len(asked))
	}
	// An enum without aliases is answered from its values alone.
	_, e, err = Load("plain.yaml", []byte("type: T\nvalues:\n  - name: A\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := newNameIndex(e).find("B"); ok {
		t.Errorf("find(B) found a name the enum does not have")
	}
}
