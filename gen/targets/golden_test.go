package targets

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/sql"
	"github.com/taskstatus/taskstatus/internal/golden"
	"github.com/taskstatus/taskstatus/internal/textdiff"
	"golang.org/x/tools/txtar"
)

// Each folder of testdata/golden is one case: case.txtar holds a comment
// saying what the case is for, the spec (spec.yaml) and optionally an
// options section (the word hash-lookup forces the hash-table lookups).
// Beside it, one file per target pins that target's output, named by the
// registry's Golden field (want.go, want.sql, ...), or, where the target
// refuses the spec, its errors (graphql.errors); so a new target adds a
// file to each case and rewrites none. Each archive in testdata/errors holds
// a broken spec.yaml and the exact errors it must produce. go test
// ./gen/... -update rewrites the expected files (and removes those no target
// writes any more); review the diff.

func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("../testdata/golden/*/case.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in ../testdata/golden (%v)", err)
	}
	for _, file := range cases {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			spec, err := gen.Parse("spec.yaml", section(t, ar, "spec.yaml"))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			pinned := map[string]bool{"case.txtar": true}
			for _, o := range goldenOutputs(t, spec, ar) {
				pinned[o.file] = true
				golden.File(t, filepath.Join(dir, o.file), o.out)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				switch {
				case pinned[e.Name()]:
				case golden.Update():
					if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
						t.Fatal(err)
					}
				default:
					t.Errorf("%s: no target writes it (go test ./gen/... -update removes it)", filepath.Join(dir, e.Name()))
				}
			}
		})
	}
}

// Each archive in testdata/migrations holds old.yaml and new.yaml and
// either the statements that migrate a database from one to the other
// (want.sql) or the refusal (errors).
func TestMigrations(t *testing.T) {
	forEachArchive(t, "../testdata/migrations", func(t *testing.T, ar *txtar.Archive) {
		old, new := migrationEnums(t, ar)
		sql, err := sql.Migration(old, new)
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

// sql.WriteMigration writes what sql.Migration returns for each archive
// of testdata/migrations, or the comment that says there is nothing to
// migrate where that is nothing; a refusal writes nothing, and a writer's
// error is returned.
func TestMigrationsStreamed(t *testing.T) {
	forEachArchive(t, "../testdata/migrations", func(t *testing.T, ar *txtar.Archive) {
		o, n := migrationEnums(t, ar)
		want, wantErr := sql.Migration(o, n)
		if wantErr == nil && len(want) == 0 {
			want = sql.NothingToMigrate(n)
		}
		var got bytes.Buffer
		err := sql.WriteMigration(&got, o, n)
		switch {
		case wantErr != nil && (err == nil || err.Error() != wantErr.Error()):
			t.Errorf("WriteMigration returned %v, want Migration's error %v", err, wantErr)
		case wantErr != nil && got.Len() > 0:
			t.Errorf("WriteMigration refused the migration, but wrote:\n%s", got.Bytes())
		case wantErr == nil && err != nil:
			t.Errorf("WriteMigration: %v", err)
		case wantErr == nil && !bytes.Equal(got.Bytes(), want):
			t.Errorf("WriteMigration wrote what Migration does not return:\n%s", textdiff.Unified("Migration", "WriteMigration", want, got.Bytes()))
		}
		if wantErr == nil {
			if err := sql.WriteMigration(failingWriter{}, o, n); !errors.Is(err, errWrite) {
				t.Errorf("WriteMigration to a writer that fails returned %v, want its error", err)
			}
		}
	})
}

// errWrite is what failingWriter returns.
var errWrite = errors.New("disk full")

// A failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

// An archive in testdata/errors may name targets in a targets section
// (their flags, one a line; -out when it has none); their checks then run
// on what of the spec decoded cleanly (gen.BuildPartial), and what they
// refuse must come out in the same sorted list as the spec's own errors, as
// statusgen prints it.
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
		if asked == nil {
			asked = []*Target{Lookup("out")}
		}
		all := Check(gen.BuildPartial(spec, specErrs), specErrs, asked)
		if all == nil {
			t.Fatal("the spec and the targets' checks accepted a broken spec")
		}
		compare(t, ar, "errors", []byte(all.Error()+"\n"))
	})
}

// goldenOutputs generates every target of the registry that has a golden
// file, in registry order, or pins what the target's Check refuses in a
// file named after its flag (graphql.errors); an options section holding
// hash-lookup, gqlgen or pflag sets that option of the Go outputs.
func goldenOutputs(t *testing.T, spec *gen.Spec, ar *txtar.Archive) []output {
	t.Helper()
	var opts Options
	for _, f := range ar.Files {
		if f.Name == "options" {
			words := strings.Fields(string(f.Data))
			opts.Go.HashLookup = slices.Contains(words, "hash-lookup")
			opts.Go.GQLGen = slices.Contains(words, "gqlgen")
			opts.Go.PFlag = slices.Contains(words, "pflag")
		}
	}
	e := mustBuild(t, spec)
	var outs []output
	for _, target := range List {
		if target.Golden == "" {
			continue
		}
		if refused := checkOf(target, e); refused != nil {
			// A target may refuse a spec the others take (names GraphQL
			// cannot hold); its refusal is pinned instead of its output.
			outs = append(outs, output{target.Flag + ".errors", []byte(refused.Error() + "\n")})
			if target.Write != nil {
				var w bytes.Buffer
				if err := target.Write(&w, e, opts); err == nil || err.Error() != refused.Error() || w.Len() > 0 {
					t.Errorf("-%s: Write returned %v and wrote %d bytes, want Check's refusal and nothing written", target.Flag, err, w.Len())
				}
			}
			continue
		}
		out, err := target.Generate(e, opts)
		if err != nil {
			t.Fatalf("-%s: %v", target.Flag, err)
		}
		outs = append(outs, output{target.Golden, out})
		// What the CLI writes to the file, streamed, is what Generate returns.
		if target.Write != nil {
			var w bytes.Buffer
			if err := target.Write(&w, e, opts); err != nil {
				t.Errorf("-%s: Write: %v", target.Flag, err)
			} else if !bytes.Equal(w.Bytes(), out) {
				t.Errorf("-%s: Write wrote other bytes than Generate returns:\n%s", target.Flag, textdiff.Unified("Generate", "Write", out, w.Bytes()))
			}
		}
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

// output is one target's output and the file of the case that pins it.
type output struct {
	file string
	out  []byte
}

// mustBuild builds the enum of a spec that Parse accepted.
// migrationEnums returns the enums of a migration archive's old.yaml and
// new.yaml.
func migrationEnums(t *testing.T, ar *txtar.Archive) (old, new *gen.Enum) {
	t.Helper()
	for i, name := range []string{"old.yaml", "new.yaml"} {
		spec, err := gen.Parse(name, section(t, ar, name))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			old = mustBuild(t, spec)
		} else {
			new = mustBuild(t, spec)
		}
	}
	return old, new
}

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
			if golden.Update() {
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
		if golden.Update() {
			ar.Files[i].Data = got
			return
		}
		if want := ar.Files[i].Data; !bytes.Equal(got, want) {
			t.Errorf("%s differs from the archive (if the change is intended: go test ./gen/... -update, and review the diff):\n%s", name, textdiff.Unified(name, name+" (generated)", want, got))
		}
		return
	}
	if golden.Update() {
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
