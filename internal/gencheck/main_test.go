package main

import (
	"slices"
	"testing"
)

// make check replays exactly the statusgen and mkdoc lines make generate
// runs: every one of the module's (each with its own flags; a file may hold
// several) and no other.
func TestFindsTheModulesLines(t *testing.T) {
	lines, err := find("../..")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{} // by file and spec
	for _, l := range lines {
		got[l.file+" "+l.args[1]] = l.args
	}
	want := map[string][]string{
		"../../status/doc.go ../statuses.yaml": {"-spec", "../statuses.yaml", "-out", "status_gen.go", "-gqlgen", "-pflag", "-jsonv2", "status_jsonv2_gen.go", "-fuzz", "status_fuzz_test.go", "-sql", "status.sql",
			"-jsonschema", "../docs/status.schema.json", "-ts", "../web/status.ts", "-md", "../docs/statuses.md",
			"-graphql", "status.graphql"},
		"../../internal/batchstatus/doc.go batch.yaml":         {"-spec", "batch.yaml", "-out", "batch_gen.go"},
		"../../internal/testenum/doc.go testenum.yaml":         {"-spec", "testenum.yaml", "-out", "sample_gen.go", "-fuzz", "sample_fuzz_test.go"},
		"../../internal/aliasenum/doc.go aliases.yaml":         {"-spec", "aliases.yaml", "-out", "alias_gen.go", "-jsonv2", "alias_jsonv2_gen.go", "-fuzz", "alias_fuzz_test.go", "-gqlgen"},
		"../../internal/fuzzenum/doc.go outcome.yaml":          {"-spec", "outcome.yaml", "-out", "outcome_gen.go", "-fuzz", "outcome_fuzz_test.go"},
		"../../internal/openenum/doc.go pipeline.yaml":         {"-spec", "pipeline.yaml", "-out", "pipeline_gen.go", "-fuzz", "pipeline_fuzz_test.go", "-jsonv2", "pipeline_jsonv2_gen.go"},
		"../../internal/openenum/doc.go payment.yaml":          {"-spec", "payment.yaml", "-out", "payment_gen.go", "-gqlgen", "-pflag"},
		"../../internal/bench/openstatus/doc.go statuses.yaml": {"-spec", "statuses.yaml", "-out", "status_gen.go"},
		"../../cmd/statusgen/main.go doc.go":                   {"-doc", "doc.go", "-flags", "../../docs/flags.md", "-rules", "../../docs/rules.md"},
	}
	if len(got) != len(want) {
		t.Errorf("found %d lines, want %d: %v", len(got), len(want), got)
	}
	for file, args := range want {
		if !slices.Equal(got[file], args) {
			t.Errorf("%s: %q, want %q", file, got[file], args)
		}
	}
}

func TestStatusgenArgs(t *testing.T) {
	for line, want := range map[string][]string{
		"//go:generate go run ../../cmd/statusgen -spec a.yaml -out a_gen.go": {"-spec", "a.yaml", "-out", "a_gen.go"},
		"//go:generate go tool statusgen -spec a.yaml -out a_gen.go":          {"-spec", "a.yaml", "-out", "a_gen.go"},
		"//go:generate go tool enumer -type=Status":                           nil,
		"// go:generate statusgen -spec a.yaml":                               nil,
	} {
		got, ok := statusgenArgs(line)
		if ok != (want != nil) || !slices.Equal(got, want) {
			t.Errorf("%q: %q, %v; want %q", line, got, ok, want)
		}
	}
}
