package bench

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/taskstatus/taskstatus/internal/bench/openstatus"
	"github.com/taskstatus/taskstatus/internal/bench/plain"
	"github.com/taskstatus/taskstatus/internal/enumertwin"
	"github.com/taskstatus/taskstatus/status"
)

// The inputs, built once from the generated tables.
var (
	ours      = status.StatusValues()
	opens     = openstatus.StatusValues() // the same statuses, open (a string type)
	twins     = enumertwin.StatusValues()
	names     = status.StatusNames()
	nameBytes = func() (bs [][]byte) {
		for _, n := range names {
			bs = append(bs, []byte(n))
		}
		return bs
	}()
	// database/sql hands Scan an interface it already holds; boxing the
	// inputs here keeps the caller's conversion out of the numbers.
	boxedNames = func() (out []any) {
		for _, n := range names {
			out = append(out, n)
		}
		return out
	}()
	boxedBytes = func() (out []any) {
		for _, n := range nameBytes {
			out = append(out, n)
		}
		return out
	}()
	jsonDocs = func() (docs [][]byte) {
		for _, n := range names {
			docs = append(docs, []byte(`{"ID":"task-1","Status":"`+n+`"}`))
		}
		return docs
	}()
	// Invalid inputs, by kind: a near miss of every name (last byte
	// changed), every name in lower case, the empty string, and 40 bytes of
	// garbage.
	invalid = map[string][]string{
		"near-miss":  mapNames(func(n string) string { return n[:len(n)-1] + "X" }),
		"wrong-case": mapNames(strings.ToLower),
		"empty":      {""},
		"garbage-40": {"\x00\xff<script>alert(1)</script>;DROP TABLE x"},
	}
	invalidKinds = []string{"near-miss", "wrong-case", "empty", "garbage-40"}
)

func mapNames(f func(string) string) (out []string) {
	for _, n := range names {
		out = append(out, f(n))
	}
	return out
}

type (
	oursRecord struct {
		ID     string
		Status status.Status
	}
	enumerRecord struct {
		ID     string
		Status enumertwin.Status
	}
	plainRecord struct {
		ID     string
		Status plain.Status
	}
	openRecord struct {
		ID     string
		Status openstatus.Status
	}
	floorRecord struct {
		ID     string
		Status floorStatus
	}
)

// floorStatus is the cheapest json.Marshaler there can be: MarshalJSON
// returns a slice it already has, with no work and no allocation. Its row
// in BenchmarkJSONMarshal is the floor for any type that implements
// json.Marshaler, because encoding/json copies and re-scans every
// MarshalJSON result; nothing generated can beat it.
type floorStatus uint8

var floorJSON = func() (out [][]byte) {
	for _, n := range names {
		out = append(out, []byte(`"`+n+`"`))
	}
	return out
}()

func (s floorStatus) MarshalJSON() ([]byte, error) { return floorJSON[s], nil }

// v2FloorMarshal and v2FloorUnmarshal time, through the given Marshal or
// Unmarshal, the floor for the methods encoding/json/v2 prefers (and
// encoding/json, which runs on v2 from Go 1.27): a MarshalJSONTo that
// writes a name it already has and an UnmarshalJSONFrom that reads the
// value and stores once, with no lookup. jsonv2_test.go sets them in the
// builds that have encoding/json/v2; elsewhere they are nil and the
// impl=v2-floor rows are absent.
var (
	v2FloorMarshal   func(b *testing.B, marshal func(any) ([]byte, error))
	v2FloorUnmarshal func(b *testing.B, unmarshal func([]byte, any) error)
)

// Sinks keep results alive, so no call is optimised away.
var (
	sinkString string
	sinkBytes  []byte
	sinkErr    error
	sinkAny    any
	sinkOurs   status.Status
	sinkTwin   enumertwin.Status
)

func BenchmarkString(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, s := range ours {
				sinkString = s.String()
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, s := range twins {
				sinkString = s.String()
			}
		}
	})
	b.Run("impl=plain", func(b *testing.B) {
		for b.Loop() {
			for _, s := range plain.Values {
				sinkString = string(s)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				sinkOurs, sinkErr = status.ParseStatus(n)
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, n := range names {
				sinkTwin, sinkErr = enumertwin.StatusString(n)
			}
		}
	})
}

// BenchmarkParseInvalid: enumer accepts the wrong-case inputs (it retries
// in lower case), so that row compares our rejection with its success.
func BenchmarkParseInvalid(b *testing.B) {
	for _, kind := range invalidKinds {
		inputs := invalid[kind]
		b.Run("input="+kind+"/impl=statusgen", func(b *testing.B) {
			for b.Loop() {
				for _, in := range inputs {
					sinkOurs, sinkErr = status.ParseStatus(in)
				}
			}
		})
		b.Run("input="+kind+"/impl=enumer", func(b *testing.B) {
			for b.Loop() {
				for _, in := range inputs {
					sinkTwin, sinkErr = enumertwin.StatusString(in)
				}
			}
		})
	}
}

func BenchmarkJSONMarshal(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, s := range ours {
				sinkBytes, sinkErr = json.Marshal(oursRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, s := range twins {
				sinkBytes, sinkErr = json.Marshal(enumerRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=plain", func(b *testing.B) {
		for b.Loop() {
			for _, s := range plain.Values {
				sinkBytes, sinkErr = json.Marshal(plainRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=open", func(b *testing.B) {
		for b.Loop() {
			for _, s := range opens {
				sinkBytes, sinkErr = json.Marshal(openRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=marshaler-floor", func(b *testing.B) {
		for b.Loop() {
			for i := range floorJSON {
				sinkBytes, sinkErr = json.Marshal(floorRecord{"task-1", floorStatus(i)})
			}
		}
	})
	if v2FloorMarshal != nil {
		b.Run("impl=v2-floor", func(b *testing.B) { v2FloorMarshal(b, json.Marshal) })
	}
}

func BenchmarkJSONUnmarshal(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		var r oursRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = json.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		var r enumerRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = json.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=plain", func(b *testing.B) {
		var r plainRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = json.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=open", func(b *testing.B) {
		var r openRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = json.Unmarshal(doc, &r)
			}
		}
	})
	if v2FloorUnmarshal != nil {
		b.Run("impl=v2-floor", func(b *testing.B) { v2FloorUnmarshal(b, json.Unmarshal) })
	}
}

func BenchmarkMarshalText(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, s := range ours {
				sinkBytes, sinkErr = s.MarshalText()
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, s := range twins {
				sinkBytes, sinkErr = s.MarshalText()
			}
		}
	})
}

// BenchmarkAppendText: enumer has no AppendText; its row is what a caller
// would write instead, appending String().
func BenchmarkAppendText(b *testing.B) {
	buf := make([]byte, 0, 64)
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, s := range ours {
				sinkBytes, sinkErr = s.AppendText(buf[:0])
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, s := range twins {
				sinkBytes = append(buf[:0], s.String()...)
			}
		}
	})
}

func BenchmarkUnmarshalText(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		var s status.Status
		for b.Loop() {
			for _, n := range nameBytes {
				sinkErr = s.UnmarshalText(n)
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		var s enumertwin.Status
		for b.Loop() {
			for _, n := range nameBytes {
				sinkErr = s.UnmarshalText(n)
			}
		}
	})
}

func BenchmarkScanString(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		var s status.Status
		for b.Loop() {
			for _, n := range boxedNames {
				sinkErr = s.Scan(n)
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		var s enumertwin.Status
		for b.Loop() {
			for _, n := range boxedNames {
				sinkErr = s.Scan(n)
			}
		}
	})
}

func BenchmarkScanBytes(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		var s status.Status
		for b.Loop() {
			for _, n := range boxedBytes {
				sinkErr = s.Scan(n)
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		var s enumertwin.Status
		for b.Loop() {
			for _, n := range boxedBytes {
				sinkErr = s.Scan(n)
			}
		}
	})
}

func BenchmarkValue(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, s := range ours {
				sinkAny, sinkErr = s.Value()
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, s := range twins {
				sinkAny, sinkErr = s.Value()
			}
		}
	})
}
