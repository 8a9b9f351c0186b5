// Package downstream uses the aliased enum as a client would: staticcheck's
// SA1019 must flag the deprecated constants and nothing else
// (TestStaticcheckDeprecated).
package downstream

import "github.com/taskstatus/taskstatus/internal/aliasenum"

// Retire returns the status a retired entity should take.
func Retire(old bool) aliasenum.Status {
	if old {
		return aliasenum.Archived
	}
	return aliasenum.Suspended
}

// Stopped reports whether s is the status a stopped task takes, as code
// written when the value was named CANCELLED spells it.
func Stopped(s aliasenum.Status) bool {
	return s == aliasenum.Cancelled
}
