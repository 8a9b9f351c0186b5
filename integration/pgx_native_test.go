package integration

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/taskstatus/taskstatus/status"
)

// registerStatusTypes is docs/postgresql.md's recipe for pgx's native
// interface (pgx.Connect, pgxpool), copied here so that the tests prove what
// the page tells people to paste (TestDocRecipe keeps the two the same).
// database/sql needs none of it: there the
// generated Value and Scan are enough.
func registerStatusTypes(ctx context.Context, conn *pgx.Conn) error {
	// Each array after its element: LoadType looks the element up in the type map.
	for _, name := range []string{"status", "_status", "status_text", "_status_text"} {
		t, err := conn.LoadType(ctx, name)
		if err != nil {
			return err
		}
		conn.TypeMap().RegisterType(t)
	}
	// QueryExecModeExec and QueryExecModeSimpleProtocol never learn a
	// parameter's type, so pgx goes by the Go type.
	conn.TypeMap().RegisterDefaultPgType([]status.Status(nil), "_status")
	return nil
}

// docs/postgresql.md's snippet is this file's registerStatusTypes, byte for byte.
func TestDocRecipe(t *testing.T) {
	doc, err := os.ReadFile("../docs/postgresql.md")
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.ReadFile("pgx_native_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fromDoc, fromTest := funcSource(string(doc), "registerStatusTypes"), funcSource(string(self), "registerStatusTypes")
	if fromTest == "" || fromDoc != fromTest {
		t.Errorf("docs/postgresql.md's registerStatusTypes differs from pgx_native_test.go's; doc:\n%s\ntest:\n%s", fromDoc, fromTest)
	}
}

// funcSource returns the text of the top-level function name in src, from
// "func" to its closing brace, or "" when there is none.
func funcSource(src, name string) string {
	start := strings.Index(src, "\nfunc "+name+"(")
	if start < 0 {
		return ""
	}
	end := strings.Index(src[start:], "\n}\n")
	if end < 0 {
		return ""
	}
	return src[start+1 : start+end+2]
}

// execModes are all of pgx's QueryExecModes: they differ in whether pgx
// knows a parameter's type (from a prepared or described statement) or has
// to guess it from the Go value, and in binary or text results.
var execModes = []pgx.QueryExecMode{
	pgx.QueryExecModeCacheStatement,
	pgx.QueryExecModeCacheDescribe,
	pgx.QueryExecModeDescribeExec,
	pgx.QueryExecModeExec,
	pgx.QueryExecModeSimpleProtocol,
}

// arrayTable holds a status in each SQL form: the enum, its array, the
// checked text domain and its array.
const arrayTable = `CREATE TABLE runs (id serial PRIMARY KEY, s status, ss status[], t status_text, ts status_text[])`

// newPgxConfig returns a pgx configuration for a fresh database (newDB's,
// dropped when the test ends) with the DDL and arrayTable applied.
func newPgxConfig(t *testing.T) *pgx.ConnConfig {
	t.Helper()
	db := newDB(t)
	applyDDL(t, db)
	mustExec(t, db, arrayTable)
	cfg, err := pgx.ParseConfig(os.Getenv("TASKSTATUS_PG_DSN"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT current_database()`).Scan(&cfg.Database); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func connect(t *testing.T, cfg *pgx.ConnConfig) *pgx.Conn {
	t.Helper()
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func typeOID(t *testing.T, conn *pgx.Conn, name string) uint32 {
	t.Helper()
	var oid uint32
	if err := conn.QueryRow(context.Background(), `SELECT $1::text::regtype::oid`, name).Scan(&oid); err != nil {
		t.Fatal(err)
	}
	return oid
}

// withNull is every status with the unset one, which is NULL in SQL, in the middle.
func withNull() []status.Status {
	all := status.StatusValues()
	return slices.Insert(all, len(all)/2, 0)
}

// arrayText is how PostgreSQL prints an array of statuses: '{PENDING,NULL,...}'.
func arrayText(ss []status.Status) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.String()
		if s == 0 {
			names[i] = "NULL"
		}
	}
	return "{" + strings.Join(names, ",") + "}"
}

// Without the recipe, pgx's native interface cannot send a []status.Status
// nor read a status[] column, in any mode, and CopyFrom cannot write one:
// these are the messages users meet.
func TestPgxWithoutRegistration(t *testing.T) {
	ctx := context.Background()
	cfg := newPgxConfig(t)
	conn := connect(t, cfg)
	in := []status.Status{status.Pending, 0, status.Failed}
	for _, array := range []string{"status[]", "status_text[]"} {
		oid := typeOID(t, conn, array)
		for _, mode := range execModes {
			t.Run(array+"/"+mode.String(), func(t *testing.T) {
				var n int
				err := conn.QueryRow(ctx, `SELECT cardinality($1::`+array+`)`, mode, in).Scan(&n)
				paramOID := oid
				if mode == pgx.QueryExecModeExec || mode == pgx.QueryExecModeSimpleProtocol {
					paramOID = 0 // these modes never learn the parameter's type
				}
				want := fmt.Sprintf("unable to encode []status.Status{0x1, 0x0, 0x6} into text format for unknown type (OID %d): cannot find encode plan", paramOID)
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("sending []status.Status: %v\nwant an error with %q", err, want)
				}

				var out []status.Status
				err = conn.QueryRow(ctx, `SELECT ARRAY['PENDING', NULL]::`+array, mode).Scan(&out)
				want = fmt.Sprintf("cannot scan unknown type (OID %d) in text format into *[]status.Status", oid)
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("reading %s: %v\nwant an error with %q", array, err, want)
				}
			})
		}
	}

	// A single status needs nothing: the generated Value and Scan do it.
	var one status.Status
	if err := conn.QueryRow(ctx, `SELECT $1::status`, status.Suspended).Scan(&one); err != nil || one != status.Suspended {
		t.Errorf("a single status without the recipe: %v, %v", one, err)
	}

	_, err := conn.CopyFrom(ctx, pgx.Identifier{"runs"}, []string{"ss"}, pgx.CopyFromRows([][]any{{in}}))
	want := fmt.Sprintf("unable to encode []status.Status{0x1, 0x0, 0x6} into binary format for unknown type (OID %d): cannot find encode plan", typeOID(t, conn, "status[]"))
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("CopyFrom of a status[] column: %v\nwant an error with %q", err, want)
	}
}

// With the recipe, a []status.Status goes into status[] and status_text[]
// columns and comes back, NULL element included, in every mode; and works
// with = ANY($1), the usual reason to send one.
func TestPgxArraysInEveryMode(t *testing.T) {
	ctx := context.Background()
	cfg := newPgxConfig(t)
	conn := connect(t, cfg)
	if err := registerStatusTypes(ctx, conn); err != nil {
		t.Fatal(err)
	}
	in := withNull()
	for _, mode := range execModes {
		t.Run(mode.String(), func(t *testing.T) {
			var id int
			if err := conn.QueryRow(ctx, `INSERT INTO runs (s, ss, t, ts) VALUES ($1, $2, $3, $4) RETURNING id`,
				mode, status.CompletedWithErrors, in, status.Draft, in).Scan(&id); err != nil {
				t.Fatalf("insert: %v", err)
			}
			checkRow(t, conn, mode, id, status.CompletedWithErrors, status.Draft, in)

			// Only the statuses asked for match; the NULL element matches nothing.
			var matched []status.Status
			err := conn.QueryRow(ctx, `SELECT array_agg(x ORDER BY x) FROM unnest($2::status[]) x WHERE x = ANY($1)`,
				mode, []status.Status{status.Failed, 0, status.Pending}, in).Scan(&matched)
			if want := []status.Status{status.Pending, status.Failed}; err != nil || !slices.Equal(matched, want) {
				t.Errorf("= ANY($1): %v, %v; want %v", matched, err, want)
			}
		})
	}
}

// checkRow reads row id back every way a user might: into []status.Status
// (the NULL element is the unset status, 0), into []*status.Status (the
// NULL element is nil), and as the text PostgreSQL stores, which shows the
// NULL element arrived as NULL.
func checkRow(t *testing.T, conn *pgx.Conn, mode pgx.QueryExecMode, id int, s, text status.Status, want []status.Status) {
	t.Helper()
	ctx := context.Background()
	var gotS, gotT status.Status
	var ss, ts []status.Status
	var ssPtr, tsPtr []*status.Status
	var ssText, tsText string
	err := conn.QueryRow(ctx, `SELECT s, t, ss, ts, ss, ts, ss::text, ts::text FROM runs WHERE id = $1`, mode, id).
		Scan(&gotS, &gotT, &ss, &ts, &ssPtr, &tsPtr, &ssText, &tsText)
	if err != nil {
		t.Fatalf("select: %v", err)
	}
	if gotS != s || gotT != text {
		t.Errorf("s = %v, t = %v; want %v, %v", gotS, gotT, s, text)
	}
	if !slices.Equal(ss, want) || !slices.Equal(ts, want) {
		t.Errorf("status[] read back as %v\nstatus_text[] read back as %v\nwant %v", ss, ts, want)
	}
	for name, got := range map[string][]*status.Status{"status[]": ssPtr, "status_text[]": tsPtr} {
		if !slices.EqualFunc(got, want, func(p *status.Status, w status.Status) bool {
			return (p == nil && w == 0) || (p != nil && *p == w)
		}) {
			t.Errorf("%s into []*status.Status: %v, want %v with nil for NULL", name, got, want)
		}
	}
	if wantText := arrayText(want); ssText != wantText || tsText != wantText {
		t.Errorf("stored as %s and %s, want %s", ssText, tsText, wantText)
	}
}

// Without RegisterDefaultPgType, the recipe is enough for the modes that
// describe their statements but not for Exec and SimpleProtocol.
func TestPgxRecipeNeedsDefaultType(t *testing.T) {
	ctx := context.Background()
	cfg := newPgxConfig(t)
	conn := connect(t, cfg)
	for _, name := range []string{"status", "_status"} {
		typ, err := conn.LoadType(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		conn.TypeMap().RegisterType(typ)
	}
	for _, mode := range execModes {
		var n int
		err := conn.QueryRow(ctx, `SELECT cardinality($1::status[])`, mode, []status.Status{status.Pending}).Scan(&n)
		guesses := mode == pgx.QueryExecModeExec || mode == pgx.QueryExecModeSimpleProtocol
		if guesses != (err != nil) {
			t.Errorf("%v without RegisterDefaultPgType: %v", mode, err)
		}
	}
}

// CopyFrom writes status, status[], status_text and status_text[] columns
// (in binary) from statuses, slices of them and NULLs.
func TestPgxCopyFrom(t *testing.T) {
	ctx := context.Background()
	cfg := newPgxConfig(t)
	conn := connect(t, cfg)
	if err := registerStatusTypes(ctx, conn); err != nil {
		t.Fatal(err)
	}
	in := withNull()
	rows := [][]any{
		{1, status.Pending, in, status.Archived, in},
		{2, status.Status(0), []status.Status{}, status.Status(0), []status.Status(nil)},
	}
	n, err := conn.CopyFrom(ctx, pgx.Identifier{"runs"}, []string{"id", "s", "ss", "t", "ts"}, pgx.CopyFromRows(rows))
	if err != nil || n != int64(len(rows)) {
		t.Fatalf("CopyFrom: %d rows, %v", n, err)
	}
	checkRow(t, conn, pgx.QueryExecModeCacheStatement, 1, status.Pending, status.Archived, in)

	// An unset status is NULL, an empty slice an empty array, a nil slice NULL.
	var sNull, tNull bool
	var ss, ts string
	if err := conn.QueryRow(ctx, `SELECT s IS NULL, t IS NULL, coalesce(ss::text, 'NULL'), coalesce(ts::text, 'NULL') FROM runs WHERE id = 2`).
		Scan(&sNull, &tNull, &ss, &ts); err != nil {
		t.Fatal(err)
	}
	if !sNull || !tNull || ss != "{}" || ts != "NULL" {
		t.Errorf("row 2: s NULL %v, t NULL %v, ss %s, ts %s; want true, true, {}, NULL", sNull, tNull, ss, ts)
	}

	// The database still checks what CopyFrom sends: the domain refuses a
	// name outside the spec inside an array too.
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"runs"}, []string{"ts"}, pgx.CopyFromRows([][]any{{[]string{"PENDING", "RETRYING"}}}))
	if err == nil {
		t.Error("CopyFrom put RETRYING into a status_text[] column")
	}
}

// A pool registers the types on every connection it opens, in AfterConnect.
func TestPgxPoolAfterConnect(t *testing.T) {
	ctx := context.Background()
	connCfg := newPgxConfig(t)
	cfg, err := pgxpool.ParseConfig("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig = connCfg
	cfg.MaxConns = 2
	cfg.AfterConnect = registerStatusTypes
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()

	// Two connections held at once, so both went through AfterConnect.
	in := withNull()
	var held []*pgxpool.Conn
	for range cfg.MaxConns {
		c, err := pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Release()
		held = append(held, c)
	}
	for i, c := range held {
		var out []status.Status
		if err := c.QueryRow(ctx, `SELECT $1::status[]`, in).Scan(&out); err != nil || !slices.Equal(out, in) {
			t.Errorf("connection %d: %v, %v; want %v", i, out, err, in)
		}
	}
	for _, c := range held {
		c.Release()
	}
	held = nil

	// And through the pool itself.
	var out []*status.Status
	if err := pool.QueryRow(ctx, `SELECT ARRAY['FAILED', NULL]::status_text[]`).Scan(&out); err != nil ||
		len(out) != 2 || out[0] == nil || *out[0] != status.Failed || out[1] != nil {
		t.Errorf("pool: %v, %v; want [FAILED <nil>]", out, err)
	}
}
