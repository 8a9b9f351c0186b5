// Package openenum holds two open enums generated from real status sets:
// GitLab's CI pipelines (pipeline.yaml, no fallback) and Stripe's
// PaymentIntents (payment.yaml, with a fallback, categories and a declared
// state machine). The tests show that a name this build does not know is
// kept byte for byte by every machine-facing decoder and written back
// unchanged, that what a person writes stays strict, and how such a name
// behaves; the benchmarks in internal/bench compare its JSON speed with a
// plain string's.
package openenum

//go:generate go run ../../cmd/statusgen -spec pipeline.yaml -out pipeline_gen.go -fuzz pipeline_fuzz_test.go -jsonv2 pipeline_jsonv2_gen.go
//go:generate go run ../../cmd/statusgen -spec payment.yaml -out payment_gen.go -gqlgen -pflag
