package naming

import "testing"

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"COMPLETED_WITH_ERRORS": "CompletedWithErrors",
		"in-review":             "InReview",
		"a.b c":                 "ABC",
		"__x__":                 "X",
		"PENDING":               "Pending",
		"already Camel":         "AlreadyCamel",
		"404":                   "404",
		"élan":                  "Élan",
		"":                      "",
		// A word that mixes cases keeps them.
		"CrashLoopBackOff": "CrashLoopBackOff",
		"OOMKilled":        "OOMKilled",
		"iOS":              "IOS",
		"macOS_app":        "MacOSApp",
		"HTTP2":            "Http2",
		"ÉCHEC_fatal":      "ÉchecFatal",
	} {
		if got := Pascal(in); got != want {
			t.Errorf("Pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{
		"Status": "status", "HTTPStatus": "httpStatus", "URL": "url", "OrderState": "orderState", "X": "x",
	} {
		if got := Camel(in); got != want {
			t.Errorf("Camel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"Status": "status", "HTTPState": "http_state", "OrderState": "order_state", "URL": "url", "Task2Status": "task2_status",
	} {
		if got := Snake(in); got != want {
			t.Errorf("Snake(%q) = %q, want %q", in, got, want)
		}
	}
}
