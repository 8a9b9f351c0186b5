package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"math/rand/v2"
	"os"
	"testing"
)

func loadStatuses(t testing.TB) *Spec {
	t.Helper()
	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := Parse("statuses.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// The same spec gives the same bytes every time (no map order, no clock),
// and the bytes are already gofmt'd.
func TestGenerateIsDeterministicAndFormatted(t *testing.T) {
	spec := loadStatuses(t)
	first, err := Generate(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		again, err := Generate(loadStatuses(t), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("run %d differs from run 0: %s", i+1, firstDiff(first, again))
		}
	}
	formatted, err := format.Source(first)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(formatted, first) {
		t.Errorf("output is not gofmt-stable: %s", firstDiff(first, formatted))
	}
	if !bytes.HasPrefix(first, []byte(Header+"\n\n")) {
		t.Errorf("output does not start with the header line")
	}
}

func TestOptionsPackageOverridesSpec(t *testing.T) {
	spec := loadStatuses(t)
	a, _ := Generate(spec, Options{})
	b, err := Generate(spec, Options{Package: "other"})
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Replace(a, []byte("package status\n"), []byte("package other\n"), 1)
	want = bytes.ReplaceAll(want, []byte(`"status: `), []byte(`"other: `))
	if !bytes.Equal(b, want) {
		t.Errorf("-package changed more than the package clause and error prefixes: %s", firstDiff(want, b))
	}
	if _, err := Generate(spec, Options{Package: "not-a-name"}); err == nil {
		t.Error("Generate accepted package not-a-name")
	}
}

// Every name is found within the advertised number of comparisons, for
// specs of every size the benchmarks use, and case variants land in the
// same slot.
func TestIndexFindsEveryName(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{1, 2, 13, 100, 1000, 10000} {
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("VALUE_%d_%x", i, rng.Uint32())
		}
		ix := buildIndex(names)
		if len(ix.Slots) < 2*n {
			t.Errorf("n=%d: %d slots, want at least %d", n, len(ix.Slots), 2*n)
		}
		for i, name := range names {
			j, probes := hashName(name, ix.Seed, ix.Bits), 1
			for ix.Slots[j] != i+1 {
				if ix.Slots[j] == 0 {
					t.Fatalf("n=%d: %q not found", n, name)
				}
				j, probes = (j+1)%uint64(len(ix.Slots)), probes+1
			}
			if probes > ix.Longest {
				t.Fatalf("n=%d: %q needs %d probes, Longest is %d", n, name, probes, ix.Longest)
			}
			if hashName(foldASCII(name), ix.Seed, ix.Bits) != hashName(name, ix.Seed, ix.Bits) {
				t.Fatalf("n=%d: %q and its lower case hash apart", n, name)
			}
		}
		t.Logf("n=%d: %d slots, seed %d, longest lookup %d", n, len(ix.Slots), ix.Seed, ix.Longest)
	}
}

// The generated type is the smallest unsigned type that holds every value
// and one more, so that loops over the values end.
func TestUnderlyingType(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{1, "uint8"}, {254, "uint8"}, {255, "uint16"}, {maxValues, "uint16"}} {
		spec := &Spec{Type: "T", Package: "p"}
		for i := range tt.n {
			spec.Values = append(spec.Values, Value{Name: fmt.Sprintf("V%d", i)})
		}
		if got := newModel(spec, "p").Underlying; got != tt.want {
			t.Errorf("%d values: %s, want %s", tt.n, got, tt.want)
		}
	}
}
