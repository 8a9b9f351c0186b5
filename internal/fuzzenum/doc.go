// Package fuzzenum is an enum generated from outcome.yaml, a small spec of
// aliases and names made to make the decoders disagree (U+FFFD in an alias,
// a non-ASCII alias, a name JSON escapes, a name that is a prefix of an
// alias, a fallback). Its generated fuzz targets run in go test (their
// seeds) and, each for a few seconds, in make fuzz-ci, which CI runs.
package fuzzenum

//go:generate go run ../../cmd/statusgen -spec outcome.yaml -out outcome_gen.go -fuzz outcome_fuzz_test.go
