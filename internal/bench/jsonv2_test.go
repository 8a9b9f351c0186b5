//go:build goexperiment.jsonv2 && go1.27

// The constraint implies go1.27, which raises this file's language
// version so that vet lets it use encoding/json/v2 in a module whose go
// line is older.

package bench

import (
	"encoding/json"
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
	"testing"

	"github.com/taskstatus/taskstatus/internal/bench/plain"
)

// v2FloorStatus is the cheapest type encoding/json/v2 can marshal and
// unmarshal through its own methods: MarshalJSONTo writes a name from the
// table, with no check, and UnmarshalJSONFrom reads the value the decoder
// has checked and stores its length, with no lookup. Its rows are the
// floor for the generated MarshalJSONTo and UnmarshalJSONFrom: nothing
// that must check its input and find a value can beat them.
type v2FloorStatus uint8

type v2FloorRecord struct {
	ID     string
	Status v2FloorStatus
}

func (s v2FloorStatus) MarshalJSONTo(enc *jsontext.Encoder) error {
	return enc.WriteToken(jsontext.String(names[s]))
}

func (s *v2FloorStatus) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	value, err := dec.ReadValue()
	*s = v2FloorStatus(len(value))
	return err
}

func init() {
	v2FloorMarshal = func(b *testing.B, marshal func(any) ([]byte, error)) {
		for b.Loop() {
			for i := range names {
				sinkBytes, sinkErr = marshal(v2FloorRecord{"task-1", v2FloorStatus(i)})
			}
		}
	}
	v2FloorUnmarshal = func(b *testing.B, unmarshal func([]byte, any) error) {
		var r v2FloorRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = unmarshal(doc, &r)
			}
		}
	}
}

// marshalV2 and unmarshalV2 are the encoding/json/v2 API with the
// signatures of encoding/json's, for the floor rows.
func marshalV2(in any) ([]byte, error)     { return jsonv2.Marshal(in) }
func unmarshalV2(in []byte, out any) error { return jsonv2.Unmarshal(in, out) }

// BenchmarkJSONv2Marshal is BenchmarkJSONMarshal through the
// encoding/json/v2 API, which calls MarshalJSONTo.
func BenchmarkJSONv2Marshal(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		for b.Loop() {
			for _, s := range ours {
				sinkBytes, sinkErr = jsonv2.Marshal(oursRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		for b.Loop() {
			for _, s := range twins {
				sinkBytes, sinkErr = jsonv2.Marshal(enumerRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=plain", func(b *testing.B) {
		for b.Loop() {
			for _, s := range plain.Values {
				sinkBytes, sinkErr = jsonv2.Marshal(plainRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=open", func(b *testing.B) {
		for b.Loop() {
			for _, s := range opens {
				sinkBytes, sinkErr = jsonv2.Marshal(openRecord{"task-1", s})
			}
		}
	})
	b.Run("impl=v2-floor", func(b *testing.B) { v2FloorMarshal(b, marshalV2) })
}

// BenchmarkJSONv2Unmarshal is BenchmarkJSONUnmarshal through the
// encoding/json/v2 API, which calls UnmarshalJSONFrom.
func BenchmarkJSONv2Unmarshal(b *testing.B) {
	b.Run("impl=statusgen", func(b *testing.B) {
		var r oursRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = jsonv2.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=enumer", func(b *testing.B) {
		var r enumerRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = jsonv2.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=plain", func(b *testing.B) {
		var r plainRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = jsonv2.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=open", func(b *testing.B) {
		var r openRecord
		for b.Loop() {
			for _, doc := range jsonDocs {
				sinkErr = jsonv2.Unmarshal(doc, &r)
			}
		}
	})
	b.Run("impl=v2-floor", func(b *testing.B) { v2FloorUnmarshal(b, unmarshalV2) })
}

// TestV2Floor proves the floor rows do what they claim: the same documents
// as the other rows, read back through the decoder's checks.
func TestV2Floor(t *testing.T) {
	for i, doc := range jsonDocs {
		for api, marshal := range map[string]func(any) ([]byte, error){"json": json.Marshal, "jsonv2": marshalV2} {
			if b, err := marshal(v2FloorRecord{"task-1", v2FloorStatus(i)}); string(b) != string(doc) || err != nil {
				t.Errorf("%s.Marshal = %s, %v; want %s", api, b, err, doc)
			}
		}
		for api, unmarshal := range map[string]func([]byte, any) error{"json": json.Unmarshal, "jsonv2": unmarshalV2} {
			var r v2FloorRecord
			if err := unmarshal(doc, &r); err != nil || r.ID != "task-1" || int(r.Status) != len(names[i])+2 {
				t.Errorf("%s.Unmarshal(%s) = %+v, %v", api, doc, r, err)
			}
			if err := unmarshal([]byte(`{"Status":"x`), &r); err == nil {
				t.Errorf("%s.Unmarshal of a cut document succeeded", api)
			}
		}
	}
}
