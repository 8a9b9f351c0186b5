package gqlgen

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// response is a GraphQL response as a client reads it.
type response struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message string `json:"message"`
		Path    []any  `json:"path"`
	} `json:"errors"`
}

// do runs one query with its variables through gqlgen's HTTP handler.
func do(t *testing.T, query string, variables map[string]any) response {
	t.Helper()
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{}}))
	srv.AddTransport(transport.POST{})
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var resp response
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%s: response %s: %v", query, rec.Body, err)
	}
	t.Logf("%s %v: %s", query, variables, rec.Body)
	return resp
}

// A valid status is its wire name; an unset or invalid one in a non-null
// field is an error at the field's path, which gqlgen reports beside the
// data, never a silent null that breaks the schema's promise.
func TestNonNullField(t *testing.T) {
	resp := do(t, `{ status(id: "pending") }`, nil)
	if len(resp.Errors) != 0 || string(resp.Data["status"]) != `"PENDING"` {
		t.Errorf("pending: data %s, errors %v; want PENDING and no error", resp.Data["status"], resp.Errors)
	}
	for _, id := range []string{"unset", "invalid"} {
		resp := do(t, `{ status(id: "`+id+`") }`, nil)
		if len(resp.Errors) != 1 || !slices.Equal(resp.Errors[0].Path, []any{"status"}) || !strings.Contains(resp.Errors[0].Message, "cannot encode") {
			t.Errorf("%s: errors %v; want one error at [status] saying the value cannot be encoded", id, resp.Errors)
		}
		if got := string(resp.Data["status"]); got != "" && got != "null" {
			t.Errorf("%s: data %s; want no status", id, got)
		}
	}
	// A nullable field takes a pointer, whose nil is null: no error.
	resp = do(t, `{ maybeStatus(id: "no such task") }`, nil)
	if len(resp.Errors) != 0 || string(resp.Data["maybeStatus"]) != "null" {
		t.Errorf("maybeStatus: data %s, errors %v; want null and no error", resp.Data["maybeStatus"], resp.Errors)
	}
}

// What a client sends is read strictly: a name is its value, the fallback
// named as itself is the fallback, and a name the build does not know
// (RETRYING, which the deployed schema has and this build does not) is an
// error, never the fallback, both as a literal and in a variable. (Aliases,
// deprecated enum values of the schema, are read as their values: see
// TestGQLAlias in the parent folder.)
func TestArguments(t *testing.T) {
	for _, tt := range []struct {
		query     string
		variables map[string]any
		want      string // the filter's data; "" for an error
	}{
		{`{ filter(statuses: [CANCELED, PENDING]) }`, nil, `["CANCELED","PENDING"]`},
		{`query($s: [Status!]!) { filter(statuses: $s) }`, map[string]any{"s": []string{"CANCELED", "UNKNOWN"}}, `["CANCELED","UNKNOWN"]`},
		{`{ filter(statuses: [UNKNOWN]) }`, nil, `["UNKNOWN"]`},
		{`{ filter(statuses: [RETRYING]) }`, nil, ""},
		{`query($s: [Status!]!) { filter(statuses: $s) }`, map[string]any{"s": []string{"PENDING", "RETRYING"}}, ""},
	} {
		resp := do(t, tt.query, tt.variables)
		got := string(resp.Data["filter"])
		switch {
		case tt.want != "" && (got != tt.want || len(resp.Errors) != 0):
			t.Errorf("%s %v: data %s, errors %v; want %s", tt.query, tt.variables, got, resp.Errors, tt.want)
		case tt.want == "" && (len(resp.Errors) == 0 || !strings.Contains(resp.Errors[0].Message, "RETRYING")):
			t.Errorf("%s %v: data %s, errors %v; want an error naming RETRYING", tt.query, tt.variables, got, resp.Errors)
		}
	}
}
