// Package taskstatus holds what a client or server of an async-task API
// needs from a status enum beyond the enum itself, written once for every
// enum statusgen generates: Poll waits for a task to end with the backoff
// its spec declares, Transition refuses a move the spec does not allow
// (out of a terminal status, or off the graph its next keys declare), and
// Terminal and SQLList turn the terminal rule into a SQL guard.
//
// It carries no statuses of its own, so a downstream enum generated from
// its own spec uses these helpers without importing this module's status
// package (the 13 statuses of our API); the constraints Pollable and
// Transitionable say what the helpers ask of an enum, and every generated
// enum satisfies them.
//
// The enum and the spec language are documented elsewhere: the status
// package is this module's own enum, and cmd/statusgen generates one from
// a YAML spec.
package taskstatus
