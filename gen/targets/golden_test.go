package targets

import (
	"bytes"
	"flag"
	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/textdiff"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*/*.txtar")

// Each archive in testdata/golden holds a comment saying what the case is
// for, a spec.yaml, optionally an options section (the word hash-lookup forces
// the hash-table lookups), and the Go file it must generate (want.go). Each archive
// in testdata/errors holds a broken spec.yaml and the exact errors it must
// produce. go test ./gen/... -update rewrites the expected parts; review the diff.

func TestGolden(t *testing.T) {
	forEachArchive(t, "../testdata/golden", func(t *testing.T, ar *txtar.Archive) {
		spec, err := gen.Parse("spec.yaml", section(t, ar, "spec.yaml"))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		for _, g := range goldenOutputs(t, spec, ar) {
			compare(t, ar, g.section, g.out)
		}
	})
}

// Each archive in testdata/migrations holds old.yaml and new.yaml and
// either the statements that migrate a database from one to the other
// (want.sql) or the refusal (errors).
func TestMigrations(t *testing.T) {
	forEachArchive(t, "../testdata/migrations", func(t *testing.T, ar *txtar.Archive) {
		old, err := gen.Parse("old.yaml", section(t, ar, "old.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		new, err := gen.Parse("new.yaml", section(t, ar, "new.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		sql, err := sql.Migration(mustBuild(t, old), mustBuild(t, new))
		for _, f := range ar.Files {
			switch f.Name {
			case "want.sql":
				if err != nil {
					t.Fatalf("sql.Migration: %v", err)
				}
				compare(t, ar, "want.sql", sql)
			case "errors":
				if err == nil {
					t.Fatalf("sql.Migration accepted it:\n%s", sql)
				}
				compare(t, ar, "errors", []byte(err.Error()+"\n"))
			}
		}
	})
}

// An archive in testdata/errors may name targets in a targets section
// (their flags, one a line); their checks then run on what of the spec
// decoded cleanly (gen.BuildPartial), and what they refuse must come out in
// the same sorted list as the spec's own errors, as statusgen prints it.
func TestErrors(t *testing.T) {
	forEachArchive(t, "../testdata/errors", func(t *testing.T, ar *txtar.Archive) {
		spec, err := gen.Parse("spec.yaml", section(t, ar, "spec.yaml"))
		specErrs, ok := err.(gen.ErrorList)
		if err != nil && !ok {
			t.Errorf("Parse returned %T, want ErrorList", err)
		}
		var asked []*Target
		for _, f := range ar.Files {
			if f.Name != "targets" {
				continue
			}
			for _, flag := range strings.Fields(string(f.Data)) {
				target := Lookup(flag)
				if target == nil {
					t.Fatalf("targets section names %q, which is no target", flag)
				}
				asked = append(asked, target)
			}
		}
		all := Check(gen.BuildPartial(spec, specErrs), specErrs, asked)
		if all == nil {
			t.Fatal("the spec and the targets' checks accepted a broken spec")
		}
		compare(t, ar, "errors", []byte(all.Error()+"\n"))
	})
}

// goldenOutputs generates every target of the registry that has a golden
// section, in registry order, or pins what the target's Check refuses in a
// section named after its flag (graphql.errors); an options section
// holding hash-lookup sets Options.Go.HashLookup.
func goldenOutputs(t *testing.T, spec *gen.Spec, ar *txtar.Archive) []golden {
	t.Helper()
	var opts Options
	for _, f := range ar.Files {
		if f.Name == "options" {
			opts.Go.HashLookup = strings.Contains(string(f.Data), "hash-lookup")
		}
	}
	e := mustBuild(t, spec)
	var outs []golden
	for _, target := range List {
		if target.Golden == "" {
			continue
		}
		if refused := checkOf(target, e); refused != nil {
			// A target may refuse a spec the others take (names GraphQL
			// cannot hold); its refusal is pinned instead of its output.
			outs = append(outs, golden{target.Flag + ".errors", []byte(refused.Error() + "\n")})
			continue
		}
		out, err := target.Generate(e, opts)
		if err != nil {
			t.Fatalf("-%s: %v", target.Flag, err)
		}
		outs = append(outs, golden{target.Golden, out})
	}
	return outs
}

// checkOf returns what target's Check refuses for e, or nil.
func checkOf(target Target, e *gen.Enum) error {
	if target.Check == nil {
		return nil
	}
	return target.Check(e).Err()
}

// golden is one target's output and the archive section that pins it.
type golden struct {
	section string
	out     []byte
}

// mustBuild builds the enum of a spec that Parse accepted.
func mustBuild(t testing.TB, spec *gen.Spec) *gen.Enum {
	t.Helper()
	e, err := gen.Build(spec)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return e
}

func forEachArchive(t *testing.T, dir string, test func(*testing.T, *txtar.Archive)) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no archives in %s (%v)", dir, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			test(t, ar)
			if *update {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func section(t *testing.T, ar *txtar.Archive, name string) []byte {
	t.Helper()
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("archive has no %s section", name)
	return nil
}

// compare checks got against the archive's section name, or stores it there
// under -update. A mismatch shows the first line that differs.
func compare(t *testing.T, ar *txtar.Archive, name string, got []byte) {
	t.Helper()
	for i := range ar.Files {
		if ar.Files[i].Name != name {
			continue
		}
		if *update {
			ar.Files[i].Data = got
			return
		}
		if want := ar.Files[i].Data; !bytes.Equal(got, want) {
			t.Errorf("%s differs from the archive (if the change is intended: go test ./gen/... -update, and review the diff):\n%s", name, textdiff.Unified(name, name+" (generated)", want, got))
		}
		return
	}
	if *update {
		ar.Files = append(ar.Files, txtar.File{Name: name, Data: got})
		return
	}
	t.Fatalf("archive has no %s section", name)
}

// names returns the spec's wire names in spec order.
func names(s *gen.Spec) []string {
	out := make([]string, len(s.Values))
	for i, v := range s.Values {
		out[i] = v.Name
	}
	return out
}
