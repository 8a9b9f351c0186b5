package jsonschema

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/internal/specshape"
	"golang.org/x/tools/txtar"
	"os"
)

// corpus returns the enums of every valid spec under gen/testdata (the
// golden cases, the hostile corpus, the end-to-end and migration cases),
// by name.
func corpus(t testing.TB) map[string]*gen.Enum {
	enums := make(map[string]*gen.Enum)
	add := func(name string, src []byte) {
		spec, err := gen.Parse(name, src)
		if err != nil {
			return // an error case: nothing to generate
		}
		e, err := gen.Build(spec)
		if err != nil {
			t.Fatalf("%s: Parse accepted the spec, Build refused it: %v", name, err)
		}
		enums[name] = e
	}
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".yaml":
			add(path, src)
		case ".txtar":
			for _, f := range txtar.Parse(src).Files {
				if strings.HasSuffix(f.Name, ".yaml") {
					add(path+"/"+f.Name, f.Data)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(enums) < 100 {
		t.Fatalf("found %d valid specs under ../testdata, want the corpus (over 100)", len(enums))
	}
	return enums
}

// shapeEnum returns the enum of a specshape spec of about size bytes.
func shapeEnum(t testing.TB, shape specshape.Shape, size int) *gen.Enum {
	src, _ := shape.Spec(size)
	spec, err := gen.Parse(shape.Name+".yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Generate writes the JSON itself; it must write exactly what
// encoding/json's Encoder wrote, for every spec of the corpus and a spec
// of each large shape.
func TestGenerateMatchesEncoder(t *testing.T) {
	enums := corpus(t)
	for _, shape := range specshape.Shapes {
		enums["specshape "+shape.Name] = shapeEnum(t, shape, 200_000)
	}
	for name, e := range enums {
		got, err := Generate(e)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := generateWithEncoder(e)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: Generate differs from encoding/json at byte %d:\n got: %q\nwant: %q", name, i, got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
}

// BenchmarkGenerate compares Generate with the encoding/json Encoder it
// replaced, on a 1 MB spec of each shape.
func BenchmarkGenerate(b *testing.B) {
	for _, shape := range specshape.Shapes {
		e := shapeEnum(b, shape, 1_000_000)
		for _, impl := range []struct {
			name     string
			generate func(*gen.Enum) ([]byte, error)
		}{{"direct", Generate}, {"encoder", generateWithEncoder}} {
			b.Run(shape.Name+"/"+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := impl.generate(e); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
