// Package openstatus is the 13 statuses of statuses.yaml generated as an
// open enum (a string type), for the benchmarks in internal/bench.
package openstatus

//go:generate go run ../../../cmd/statusgen -spec statuses.yaml -out status_gen.go
