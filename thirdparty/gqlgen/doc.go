// Package gqlgen is a gqlgen server over the committed status.graphql and
// the generated status.Status, as a downstream module builds one: its tests
// run queries through gqlgen's own executor to show what a client receives
// for a valid, an unset and an invalid status in a non-null field, and for
// an alias and a name the build does not know in an argument.
//
// exec_gen.go and models_gen.go are gqlgen's output; after changing
// schema.graphqls, gqlgen.yml or status.graphql, regenerate them from this
// folder with
//
//	go run github.com/99designs/gqlgen generate
package gqlgen
