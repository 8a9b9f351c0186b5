// Package aliasenum is the 13 statuses with aliases and a deprecation
// (aliases.yaml), generated with its fuzz targets and its encoding/json/v2
// methods: the tests show that an alias decodes to its value in every
// decoder (through UnmarshalJSONFrom too, where encoding/json runs on v2)
// and nothing else decodes differently from package status, that lookups
// stay allocation-free, and the benchmarks in internal/bench what the
// aliases cost.
package aliasenum

//go:generate go run ../../cmd/statusgen -spec aliases.yaml -out alias_gen.go -jsonv2 alias_jsonv2_gen.go -fuzz alias_fuzz_test.go -gqlgen
