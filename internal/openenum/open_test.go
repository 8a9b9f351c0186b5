package openenum

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding"
	"encoding/gob"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/taskstatus/taskstatus"
)

// Names GitLab and Stripe added after these specs were written, or that
// no one has written yet: what a client built from them must keep.
const (
	newPipeline = "canceling"
	newPayment  = "requires_reauthentication"
)

// A record as a client stores it: statuses in values, in a slice, and as
// the names of a map's members.
type record struct {
	ID       int              `json:"id" xml:"id"`
	Status   Pipeline         `json:"status" xml:"status"`
	History  []Pipeline       `json:"history" xml:"history"`
	ByStatus map[Pipeline]int `json:"by_status" xml:"-"`
	Payment  Payment          `json:"payment" xml:"payment"`
	Previous Payment          `json:"previous" xml:"previous"`
	Omitted  Pipeline         `json:"omitted,omitempty" xml:"omitted,omitempty"`
}

// The document is in encoding/json's own form (members in field order,
// map keys sorted, no spaces), so that byte for byte is the test.
const document = `{"id":7,"status":"canceling","history":["created","waiting_for_callback","running","cancelled"],` +
	`"by_status":{"":4,"canceling":1,"success":2,"waiting_for_callback":3},"payment":"requires_reauthentication","previous":""}`

func TestJSONRoundTripKeepsUnknownNames(t *testing.T) {
	var r record
	if err := json.Unmarshal([]byte(document), &r); err != nil {
		t.Fatal(err)
	}
	if r.Status != newPipeline || r.Payment != newPayment || r.History[1] != "waiting_for_callback" || r.ByStatus[newPipeline] != 1 {
		t.Errorf("decoded %+v; the names this build does not know are lost", r)
	}
	if r.History[3] != "cancelled" || r.History[3].Canonical() != PipelineCanceled {
		t.Errorf("alias decoded as %q (canonical %q), want it kept as cancelled, canonical canceled", r.History[3], r.History[3].Canonical())
	}
	if r.Previous != "" || r.Previous.IsValid() || r.ByStatus[""] != 4 {
		t.Errorf(`"" decoded as %q, valid %v; want the unset value, as a value and as a key`, r.Previous, r.Previous.IsValid())
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != document {
		t.Errorf("round trip changed the document:\n got %s\nwant %s", out, document)
	}
}

// TestMapKeysLossless decodes a map whose keys are names this build does
// not know. encoding/json decodes an object's names through UnmarshalText
// when the key type has it (encoding/json/v2, which Go 1.27's
// encoding/json runs on, only through it); the open type has none, so
// every name stays: make test-min (Go 1.24), make test and make
// test-go1.27 run this test on each.
func TestMapKeysLossless(t *testing.T) {
	in := map[Pipeline]int{newPipeline: 1, "waiting_for_callback": 2, PipelineRunning: 3, "": 4}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"":4,"canceling":1,"running":3,"waiting_for_callback":2}`
	if string(data) != want {
		t.Errorf("Marshal = %s, want %s", data, want)
	}
	var out map[Pipeline]int
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(in, out) {
		t.Errorf("map keys changed: %v, want %v", out, in)
	}
	var payments map[Payment]bool
	if err := json.Unmarshal([]byte(`{"requires_reauthentication":true,"paused":false}`), &payments); err != nil {
		t.Fatal(err)
	}
	if len(payments) != 2 || !payments[newPayment] {
		t.Errorf("two unknown keys decoded as %v; want both kept", payments)
	}
}

// TestNoTextMethods pins the choice the type's doc comment explains: no
// method of encoding/json, encoding (text and binary) or encoding/json/v2
// stands between the type and the encoders, which treat it as a string.
func TestNoTextMethods(t *testing.T) {
	for _, v := range []any{new(Pipeline), new(Payment)} {
		if _, ok := v.(encoding.TextUnmarshaler); ok {
			t.Errorf("%T is an encoding.TextUnmarshaler: a strict one loses map keys, a lenient one makes flag.TextVar accept typos", v)
		}
		if _, ok := v.(encoding.TextMarshaler); ok {
			t.Errorf("%T is an encoding.TextMarshaler, which encoding/json would call for every value", v)
		}
		if _, ok := v.(json.Unmarshaler); ok {
			t.Errorf("%T is a json.Unmarshaler", v)
		}
		if _, ok := v.(json.Marshaler); ok {
			t.Errorf("%T is a json.Marshaler", v)
		}
		if _, ok := v.(encoding.BinaryUnmarshaler); ok {
			t.Errorf("%T is an encoding.BinaryUnmarshaler", v)
		}
		methods := reflect.TypeOf(v).NumMethod()
		for i := range methods {
			if name := reflect.TypeOf(v).Method(i).Name; strings.HasPrefix(name, "MarshalJSON") || strings.HasPrefix(name, "UnmarshalJSON") {
				t.Errorf("%T has %s", v, name)
			}
		}
	}
}

func TestGobAndXMLKeepUnknownNames(t *testing.T) {
	in := record{ID: 1, Status: newPipeline, History: []Pipeline{PipelineCreated, "waiting_for_callback"}, ByStatus: map[Pipeline]int{newPipeline: 2}, Payment: newPayment}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out record
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("gob: %+v, want %+v", out, in)
	}
	data, err := xml.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var fromXML record
	if err := xml.Unmarshal(data, &fromXML); err != nil {
		t.Fatal(err)
	}
	in.ByStatus = nil // xml:"-"
	if !reflect.DeepEqual(in, fromXML) {
		t.Errorf("xml: %+v, want %+v", fromXML, in)
	}
}

func TestSQL(t *testing.T) {
	for _, src := range []any{newPipeline, []byte(newPipeline)} {
		p := PipelineRunning
		if err := p.Scan(src); err != nil || p != newPipeline {
			t.Errorf("Scan(%T %q) = %q, %v; want it kept", src, src, p, err)
		}
	}
	b := []byte("running")
	var p Pipeline
	if err := p.Scan(b); err != nil {
		t.Fatal(err)
	}
	b[0] = 'X' // a driver reuses its buffer: Scan must have copied it
	if p != PipelineRunning {
		t.Errorf("Scan kept the driver's buffer: %q", p)
	}
	if err := p.Scan(nil); err != nil || p != "" {
		t.Errorf("Scan(nil) = %q, %v; want unset", p, err)
	}
	p = PipelineRunning
	if err := p.Scan(42); err == nil || p != PipelineRunning {
		t.Errorf("Scan(42) = %q, %v; want an error that leaves it as it was", p, err)
	}
	for _, tc := range []struct {
		p    Pipeline
		want driver.Value
	}{{newPipeline, newPipeline}, {PipelineSuccess, "success"}, {"", nil}} {
		if got, err := tc.p.Value(); err != nil || got != tc.want {
			t.Errorf("Value(%q) = %#v, %v; want %#v", tc.p, got, err, tc.want)
		}
	}
}

// TestPersonInputIsStrict: what a person writes (a flag, a parse, a
// GraphQL literal) must name a value the spec lists.
func TestPersonInputIsStrict(t *testing.T) {
	if _, err := ParsePipeline(newPipeline); !errors.As(err, new(*InvalidPipelineError)) {
		t.Errorf("ParsePipeline(%q) error = %v, want *InvalidPipelineError", newPipeline, err)
	}
	if p, err := ParsePipeline("cancelled"); err != nil || p != PipelineCanceled {
		t.Errorf("ParsePipeline(alias) = %q, %v; want canceled", p, err)
	}
	if _, err := ParsePipeline("RUNNING"); err == nil {
		t.Error("ParsePipeline accepted a case variant")
	}
	if p, err := ParsePipelineFold("RUNNING"); err != nil || p != PipelineRunning {
		t.Errorf("ParsePipelineFold(RUNNING) = %q, %v", p, err)
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	status := PipelineCreated
	fs.Var(&status, "status", "pipeline status")
	if err := fs.Parse([]string{"-status", newPipeline}); err == nil || status != PipelineCreated {
		t.Errorf("-status %s: %v, status %q; want an error that leaves it as it was", newPipeline, err, status)
	}
	if err := fs.Parse([]string{"-status", "Success"}); err != nil || status != PipelineSuccess {
		t.Errorf("-status Success: %v, status %q", err, status)
	}
	var gql Payment
	if err := gql.UnmarshalGQL(newPayment); err == nil || gql != "" {
		t.Errorf("UnmarshalGQL(%q) = %q, %v; want an error", newPayment, gql, err)
	}
	var out bytes.Buffer
	Payment(newPayment).MarshalGQL(&out)
	if out.String() != `"requires_reauthentication"` {
		t.Errorf("MarshalGQL = %s", out.String())
	}
}

func TestIsKnown(t *testing.T) {
	for _, p := range PipelineValues() {
		if !p.IsKnown() || !p.IsValid() {
			t.Errorf("%q: IsKnown %v, IsValid %v", p, p.IsKnown(), p.IsValid())
		}
	}
	for _, tc := range []struct {
		p            Pipeline
		known, valid bool
	}{{"cancelled", true, true}, {newPipeline, false, true}, {"Running", false, true}, {"", false, false}} {
		if tc.p.IsKnown() != tc.known || tc.p.IsValid() != tc.valid {
			t.Errorf("%q: IsKnown %v, IsValid %v; want %v, %v", tc.p, tc.p.IsKnown(), tc.p.IsValid(), tc.known, tc.valid)
		}
	}
	if got := len(PipelineNames()); got != 11 || PipelineNames()[0] != "created" {
		t.Errorf("PipelineNames() = %v", PipelineNames())
	}
}

// Without a fallback, a name this build does not know behaves as nothing.
func TestUnknownWithoutFallback(t *testing.T) {
	u := Pipeline(newPipeline)
	if u.IsTerminal() || u.ShouldPoll() || u.Description() != "" || u.Next() != nil {
		t.Errorf("%q: terminal %v, poll %v, description %q, next %v; want nothing", u, u.IsTerminal(), u.ShouldPoll(), u.Description(), u.Next())
	}
	if !u.CanTransitionTo(u) {
		t.Error("an unknown name cannot move to itself")
	}
	for p := range PipelineValuesSeq() {
		if u.CanTransitionTo(p) || p.CanTransitionTo(u) {
			t.Errorf("moves between %q and %q are allowed", u, p)
		}
	}
	if u.CanTransitionTo("waiting_for_callback") {
		t.Error("an unknown name may move to another unknown name")
	}
	var unset Pipeline
	if unset.CanTransitionTo(unset) || unset.IsTerminal() || unset.ShouldPoll() {
		t.Error("the unset value moves or answers")
	}
	if c := Pipeline("cancelled"); !c.IsTerminal() || c.CanTransitionTo(PipelineRunning) {
		t.Error("an alias does not behave as its value")
	}
}

// With a fallback, a name this build does not know behaves as the
// fallback, both as the source and as the target of a move.
func TestUnknownWithFallback(t *testing.T) {
	u := Payment(newPayment)
	fb := PaymentProcessing
	if u.IsTerminal() != fb.IsTerminal() || u.ShouldPoll() != fb.ShouldPoll() || u.Category() != fb.Category() || !u.ShouldPoll() {
		t.Errorf("%q answers terminal %v, poll %v, category %v; want %s's", u, u.IsTerminal(), u.ShouldPoll(), u.Category(), fb)
	}
	if u.Description() != "" {
		t.Errorf("Description of an unknown name = %q, want none", u.Description())
	}
	moves := 0
	for p := range PaymentValuesSeq() {
		if u.CanTransitionTo(p) != fb.CanTransitionTo(p) || p.CanTransitionTo(u) != p.CanTransitionTo(fb) {
			t.Errorf("moves between %q and %q differ from those between %s and it", u, p, fb)
		}
		if u.CanTransitionTo(p) {
			moves++
		}
	}
	if moves == 0 || moves == len(PaymentValues()) {
		t.Errorf("the fallback moves to %d of %d values; the test needs a graph that tells", moves, len(PaymentValues()))
	}
	if !slices.Contains(u.Next(), fb) || slices.Contains(fb.Next(), fb) {
		t.Errorf("Next(%q) = %v, Next(%s) = %v", u, u.Next(), fb, fb.Next())
	}
	var unset Payment
	if unset.Category() != 0 || unset.ShouldPoll() || unset.CanTransitionTo(fb) {
		t.Error("the unset value borrows the fallback's behaviour")
	}
}

// taskstatus.Poll and Transition take an open enum: an unknown name is a
// valid status that answers as the spec says.
func TestPollAndTransition(t *testing.T) {
	fetches := []Pipeline{PipelineRunning, newPipeline}
	opts := taskstatus.PollOptions{Clock: noWait{}}
	got, _, err := taskstatus.Poll(context.Background(), opts, func(context.Context) (Pipeline, int, error) {
		s := fetches[0]
		fetches = fetches[1:]
		return s, 0, nil
	})
	if err != nil || got != newPipeline {
		t.Errorf("Poll = %q, %v; want %q, which is not polled", got, err, newPipeline)
	}
	if err := taskstatus.Transition(PipelineRunning, Pipeline(newPipeline)); err == nil {
		t.Error("Transition to an unknown name without a fallback is allowed")
	}
	if err := taskstatus.Transition(PaymentRequiresAction, Payment(newPayment)); err != nil {
		t.Errorf("Transition to an unknown name that moves as processing: %v", err)
	}
}

type noWait struct{}

func (noWait) Sleep(context.Context, time.Duration) error { return nil }
