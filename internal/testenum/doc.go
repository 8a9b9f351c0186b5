// Package testenum is an enum generated from a second spec, testenum.yaml,
// that exercises what the statuses do not: 300 values (so the name lookups
// are hash tables rather than switches), no fallback, and names of every
// length class in both cases. Its generated fuzz targets run in go test
// (their seeds) and in make fuzz.
package testenum

//go:generate go run ../../cmd/statusgen -spec testenum.yaml -out sample_gen.go -fuzz sample_fuzz_test.go
