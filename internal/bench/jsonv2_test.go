//go:build goexperiment.jsonv2 && go1.27

// The constraint implies go1.27, which raises this file's language
// version so that vet lets it use encoding/json/v2 in a module whose go
// line is older.

package bench

import (
	jsonv2 "encoding/json/v2"
	"testing"

	"github.com/taskstatus/taskstatus/internal/bench/plain"
)

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
}
