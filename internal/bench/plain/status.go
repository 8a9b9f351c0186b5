// Package plain is the floor for the benchmarks: the 13 statuses as a
// plain string type with no methods and no validation, which is what a
// status field costs when it costs nothing extra.
package plain

// Status is a wire name, unchecked.
type Status string

// The statuses, in the order of statuses.yaml.
const (
	Pending             Status = "PENDING"
	InProgress          Status = "IN_PROGRESS"
	Processing          Status = "PROCESSING"
	Completed           Status = "COMPLETED"
	CompletedWithErrors Status = "COMPLETED_WITH_ERRORS"
	Failed              Status = "FAILED"
	Canceled            Status = "CANCELED"
	Unknown             Status = "UNKNOWN"
	Skipped             Status = "SKIPPED"
	Draft               Status = "DRAFT"
	Active              Status = "ACTIVE"
	Archived            Status = "ARCHIVED"
	Suspended           Status = "SUSPENDED"
)

// Values lists the statuses in spec order.
var Values = []Status{
	Pending, InProgress, Processing, Completed, CompletedWithErrors, Failed, Canceled,
	Unknown, Skipped, Draft, Active, Archived, Suspended,
}
