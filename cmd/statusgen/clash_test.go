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
// redeclared). A prefix in each spec, as the README shows, resolves it.
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
