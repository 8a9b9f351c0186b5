// Package enumertwin is the reference we measure and test against: the same
// 13 statuses as package status, with the methods enumer generates for them
// (go tool enumer, pinned in go.mod). Benchmarks compare speed with it, and
// the differential tests compare behaviour. Nothing outside this module's
// tests and benchmarks may import it.
package enumertwin

//go:generate go tool enumer -type=Status -json -text -sql -yaml -transform=snake-upper -output=status_enumer.go

// Status mirrors status.Status the way an enumer user would write it: an
// int starting at 0, so its zero value is Pending.
type Status int

// The statuses, in the order of statuses.yaml.
const (
	Pending Status = iota
	InProgress
	Processing
	Completed
	CompletedWithErrors
	Failed
	Canceled
	Unknown
	Skipped
	Draft
	Active
	Archived
	Suspended
)
