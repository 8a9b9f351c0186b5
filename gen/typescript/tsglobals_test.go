package typescript

import (
	"go/token"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
)

// TestTypeScriptGlobals checks the names the TypeScript target refuses
// against the installed compiler's libraries. make ts-check lists them
// (web/ts-globals.cjs) and sets TASKSTATUS_TS_GLOBALS_ES and
// TASKSTATUS_TS_GLOBALS_DOM to the two files; without them the test skips.
// Every global of lib.es2022 that could be a spec's type is refused, and
// every DOM name in tsGlobalsDOM is a global of lib.dom, so the list cannot
// rot.
func TestTypeScriptGlobals(t *testing.T) {
	esFile, domFile := os.Getenv("TASKSTATUS_TS_GLOBALS_ES"), os.Getenv("TASKSTATUS_TS_GLOBALS_DOM")
	if esFile == "" || domFile == "" {
		t.Skip("run make ts-check, which lists the compiler's globals")
	}
	read := func(file string) []string {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		names := strings.Fields(string(data))
		if len(names) < 100 {
			t.Fatalf("%s lists %d names; the compiler's libraries have hundreds", file, len(names))
		}
		return names
	}
	for _, name := range read(esFile) {
		if !(token.IsIdentifier(name) && token.IsExported(name)) {
			continue // no spec's type can be named so
		}
		spec := &gen.Spec{File: "spec.yaml", Type: name, TypePos: gen.Pos{File: "spec.yaml", Line: 1, Col: 7}, Values: []gen.Value{{Name: "A"}}}
		if Check(gen.BuildPartial(spec, nil)) == nil {
			t.Errorf("type %s is accepted, but it is a global of lib.es2022; add it to tsGlobalsES", name)
		}
	}
	dom := read(domFile)
	for _, name := range tsGlobalsDOM {
		if !slices.Contains(dom, name) {
			t.Errorf("tsGlobalsDOM holds %s, which lib.dom does not declare", name)
		}
	}
}
