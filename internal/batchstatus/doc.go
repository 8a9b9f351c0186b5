// Package batchstatus is an enum generated from a third spec, batch.yaml
// (OpenAI's batch statuses), whose polling bounds differ from the
// statuses': the taskstatus package's tests poll it to check that Poll
// follows the bounds of the enum it polls, and use it as a downstream enum
// would, without the status package.
package batchstatus

//go:generate go run ../../cmd/statusgen -spec batch.yaml -out batch_gen.go
