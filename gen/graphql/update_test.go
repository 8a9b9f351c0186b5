package graphql

// The documented go test ./gen/... -update reaches this package too. Its
// tests compare with no golden file, but the flag must be defined here, or
// the command fails on this package before running any test.
import _ "github.com/taskstatus/taskstatus/internal/golden"
