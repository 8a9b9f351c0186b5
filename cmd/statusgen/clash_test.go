package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Two specs in one package, both with a value FAILED: the second is refused
// before anything is written, at the spec line that makes the name and with
// the other file's position (the build used to break with Failed
// redeclared). A prefix in each spec, as docs/spec.md shows, resolves it.
func TestClashWithAnotherSpecInThePackage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "jobs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	batch := write("batch.yaml", "type: BatchState\nvalues:\n  - name: RUNNING\n  - name: FAILED\n")
	upload := write("upload.yaml", "type: UploadState\nvalues:\n  - name: FAILED\n  - name: DONE\n")
	batchOut, uploadOut := filepath.Join(dir, "batch_gen.go"), filepath.Join(dir, "upload_gen.go")
	if code, _, stderr := statusgen(t, "-spec", batch, "-out", batchOut); code != exitOK {
		t.Fatalf("first spec: exit %d: %s", code, stderr)
	}
	code, _, stderr := statusgen(t, "-spec", upload, "-out", uploadOut)
	// The position of Failed's declaration in the first output.
	line := slices.IndexFunc(strings.Split(readFile(t, batchOut), "\n"), func(l string) bool {
		return strings.HasPrefix(l, "\tFailed ") || l == "\tFailed"
	}) + 1
	want := upload + ":3:11: Failed is also declared at " + batchOut + ":" + strconv.Itoa(line) + ":2\n"
	if code != exitError || stderr != want {
		t.Errorf("second spec: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(uploadOut); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote %s (%v)", uploadOut, err)
	}
	// Regenerating the first spec over its own output is no clash.
	if code, _, stderr := statusgen(t, "-spec", batch, "-out", batchOut); code != exitOK {
		t.Errorf("regenerating the first spec: exit %d: %s", code, stderr)
	}

	// A hand-written test file of the package counts for the enum file
	// too: go test and go vet compile it with both (it used to be read only
	// for -fuzz, so ParseWidget in a _test.go broke go vet after a run that
	// exited 0). A test file of the external package does not count.
	write("helpers_test.go", "package jobs\n\nfunc fuzzUploadStateSeeds() {}\n\nfunc ParseUploadState() {}\n")
	write("external_test.go", "package jobs_test\n\nfunc UploadFailed() {}\n")
	write("upload.yaml", "type: UploadState\nprefix: Upload\nvalues:\n  - name: FAILED\n  - name: DONE\n")
	code, _, stderr = statusgen(t, "-spec", upload, "-out", uploadOut)
	want = upload + ":1:7: ParseUploadState is also declared at " + filepath.Join(dir, "helpers_test.go") + ":5:6\n"
	if code != exitError || stderr != want {
		t.Errorf("-out beside a test file: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	write("helpers_test.go", "package jobs\n\nfunc fuzzUploadStateSeeds() {}\n")
	if code, _, stderr := statusgen(t, "-spec", upload, "-out", uploadOut); code != exitOK {
		t.Errorf("with a prefix: exit %d: %s", code, stderr)
	}
	code, _, stderr = statusgen(t, "-spec", upload, "-out", uploadOut, "-fuzz", filepath.Join(dir, "upload_fuzz_test.go"))
	want = upload + ":1:7: fuzzUploadStateSeeds is also declared at " + filepath.Join(dir, "helpers_test.go") + ":3:6\n"
	if code != exitError || stderr != want {
		t.Errorf("-fuzz beside a test file: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
}

// Methods clash too: a hand-written IsTerminal on the generated type, or a
// stale -jsonv2 file of the same type under another name, used to pass the
// check (it compared top-level names only) and break the build with
// "method ... already declared". Each is refused at the spec's type, with
// the other file's position, and nothing is written.
func TestMethodClashWithAnotherFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "jobs")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	specPath := filepath.Join(dir, "job.yaml")
	if err := os.WriteFile(specPath, []byte("type: JobState\nvalues:\n  - name: RUNNING\n  - name: DONE\n    terminal: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, v2 := filepath.Join(dir, "job_gen.go"), filepath.Join(dir, "job_jsonv2_gen.go")
	if code, _, stderr := statusgen(t, "-spec", specPath, "-out", out, "-jsonv2", v2); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	// Regenerating over the same outputs is no clash.
	if code, _, stderr := statusgen(t, "-spec", specPath, "-out", out, "-jsonv2", v2); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}

	// The same spec generated under new file names: the old -jsonv2 file
	// still declares the methods.
	code, _, stderr := statusgen(t, "-spec", specPath, "-out", out, "-jsonv2", filepath.Join(dir, "v2_gen.go"))
	want := specPath + ":1:7: method JobState.MarshalJSONTo is also declared at " + v2 + ":"
	if code != exitError || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "; method JobState.UnmarshalJSONFrom is also declared at "+v2+":") {
		t.Errorf("stale -jsonv2 file: exit %d, stderr:\n%s\nwant exit 1 and lines starting %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "v2_gen.go")); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote v2_gen.go (%v)", err)
	}

	helper := filepath.Join(dir, "helpers.go")
	if err := os.WriteFile(helper, []byte("package jobs\n\nfunc (j JobState) IsTerminal() bool { return false }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = statusgen(t, "-spec", specPath, "-out", out)
	if want := specPath + ":1:7: method JobState.IsTerminal is also declared at " + helper + ":3:19\n"; code != exitError || stderr != want {
		t.Errorf("hand-written method: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	// Each output is staged in a temporary file as soon as it is made;
	// a refused run removes them all.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a refused run left %s behind", e.Name())
		}
	}
}
