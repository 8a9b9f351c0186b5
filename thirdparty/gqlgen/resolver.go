package gqlgen

import (
	"context"
	"fmt"

	"github.com/taskstatus/taskstatus/status"
)

// Resolver serves the test schema from tasks, a fixed table. It is written
// by hand (gqlgen.yml asks gqlgen for no resolver file).
type Resolver struct{}

// tasks holds a valid status, the unset one and one that is not valid (a
// number no value has, as a corrupt or newer row could give).
var tasks = map[string]status.Status{
	"pending": status.Pending,
	"unset":   0,
	"invalid": status.Status(200),
}

// Query returns the QueryResolver.
func (r *Resolver) Query() QueryResolver { return queryResolver{} }

type queryResolver struct{}

// Status resolves the status field.
func (queryResolver) Status(ctx context.Context, id string) (status.Status, error) {
	s, ok := tasks[id]
	if !ok {
		return 0, fmt.Errorf("no task %q", id)
	}
	return s, nil
}

// MaybeStatus resolves the maybeStatus field: nil (null) for no such task.
func (queryResolver) MaybeStatus(ctx context.Context, id string) (*status.Status, error) {
	s, ok := tasks[id]
	if !ok {
		return nil, nil
	}
	return &s, nil
}

// Filter resolves the filter field: the statuses as the server read them.
func (queryResolver) Filter(ctx context.Context, statuses []status.Status) ([]status.Status, error) {
	return statuses, nil
}
