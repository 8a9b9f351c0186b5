package gen

// This file holds the rules of the open key. A closed enum (the default)
// knows every name it will ever read: a name its spec does not list is an
// error, or decodes to the fallback, which replaces it. An open enum
// (open: true) keeps such a name: a client built from an older spec reads
// what a newer server wrote, stores it and writes it back unchanged, and
// asks whether its build knows the name (IsKnown in Go) where it matters.
//
// The fallback keeps one meaning in an open spec: a name the build does
// not know behaves as the fallback does (terminal, poll, category and
// transitions), though it is never replaced by it. Without a fallback such
// a name behaves as nothing: not terminal, not polled, in no category, and
// moving nowhere but to itself. So a spec that declared a placeholder
// value only for decoding (GitLab's "unknown") drops it when it opens, and
// names as fallback the real value whose behaviour unknown names should
// borrow, if any.
//
// number is refused in an open spec: it sets the Go constant's value, and
// an open enum's constants are their wire names.

// validateOpen reports the keys that contradict open: true.
func (s *Spec) validateOpen() ErrorList {
	var errs ErrorList
	if !s.Open {
		return nil
	}
	for i := range s.Values {
		v := &s.Values[i]
		if v.Number != 0 {
			errs.add(v.NumberPos, "number of %q sets a Go constant's value, but the spec is open (line %d), so each constant is its wire name; remove number from the values, or remove open: true", v.Name, s.OpenPos.Line)
		}
	}
	return errs
}
