// Package thirdparty proves statusgen's output against the libraries its
// integrations target, spf13/pflag and gqlparser (the GraphQL parser and
// validator gqlgen runs on), without making them dependencies of the main
// module: it is a module of its own, tested by make thirdparty.
package thirdparty
