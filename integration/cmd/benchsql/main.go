// Command benchsql measures what the transition guard costs an UPDATE on
// PostgreSQL: the same UPDATE on three tables of the same rows, one
// unguarded, one with the trigger function as a plain row trigger
// (status_transition_guard), and one guarded by status_create_guard (a
// WHEN condition in plain SQL, whose function runs only to refuse). It
// runs a bulk UPDATE of every row and a series of single-row UPDATEs, the
// three tables in a rotating order each round, and prints the medians as
// a Markdown table with each guard's ratio to the unguarded table.
//
// With -variants it also measures other WHEN conditions side by side, each
// on a table of its own with the same trigger function, derived from the
// generated one (status_guard_condition): the same condition behind an
// IS DISTINCT FROM test, with IN lists in place of array constants, the
// text form on the enum column (all AFTER UPDATE, as create_guard's), and
// the same condition on a BEFORE UPDATE trigger. A third measure, a bulk
// UPDATE that sets every row to the value it has, shows what a same-value
// update costs. Beside the wall time it reports the CPU time of the
// server process, which other work on shared cores disturbs much less.
//
// It is a benchmark, not a test: nothing is judged. Run it with
// make bench-sql, which starts a throwaway server; or set
// TASKSTATUS_PG_DSN to a server you own (it creates and drops a database
// of its own):
//
//	benchsql [-rows 100000] [-rounds 7] [-singles 2000] [-variants unguarded,row-trigger,create-guard]
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/taskstatus/taskstatus/gen"
	"github.com/taskstatus/taskstatus/gen/sql"
)

// variant is one table and how it is guarded.
type variant struct {
	key, name, table string
	// guard returns the SQL that guards the table ("" for none), given
	// the generated WHEN conditions of column status, the enum column's
	// and a text column's.
	guard func(enum, text string) string
}

var variants = []variant{
	{"unguarded", "unguarded", "t_none", func(_, _ string) string { return "" }},
	{"row-trigger", "status_transition_guard trigger", "t_old", func(_, _ string) string {
		return `CREATE TRIGGER guard BEFORE UPDATE OF status ON t_old FOR EACH ROW EXECUTE FUNCTION status_transition_guard('status')`
	}},
	{"create-guard", "status_create_guard", "t_new", func(_, _ string) string { return `SELECT status_create_guard('t_new', 'status')` }},
	{"distinct", "WHEN: IS DISTINCT FROM, then the CASE", "t_distinct", func(cond, _ string) string {
		return whenTrigger("t_distinct", "OLD.status IS DISTINCT FROM NEW.status AND "+cond)
	}},
	{"in-list", "WHEN: IN lists, not array constants", "t_inlist", func(cond, _ string) string {
		return whenTrigger("t_inlist", anyArray.ReplaceAllStringFunc(cond, inList))
	}},
	{"before", "the same WHEN, BEFORE UPDATE (create_guard's trigger until it became AFTER)", "t_before", func(cond, _ string) string {
		return strings.Replace(whenTrigger("t_before", cond), "AFTER UPDATE", "BEFORE UPDATE", 1)
	}},
	{"floor", "WHEN (false): the trigger's floor, no condition to read", "t_floor", func(_, _ string) string {
		return whenTrigger("t_floor", "false")
	}},
	{"text", "WHEN: the text form on the enum column", "t_text", func(_, text string) string {
		return whenTrigger("t_text", text)
	}},
}

// anyArray matches one array-constant membership test of the condition.
var anyArray = regexp.MustCompile(`= ANY \('\{[^}]*\}'\)`)

// inList rewrites = ANY ('{"A","B"}') as IN ('A', 'B'); the names of
// statuses.yaml hold no quote or comma.
func inList(m string) string {
	inner := strings.TrimSuffix(strings.TrimPrefix(m, `= ANY ('{`), `}')`)
	names := strings.Split(strings.ReplaceAll(inner, `"`, ""), ",")
	return "IN ('" + strings.Join(names, "', '") + "')"
}

func whenTrigger(table, cond string) string {
	return `CREATE TRIGGER guard AFTER UPDATE OF status ON ` + table + ` FOR EACH ROW WHEN (` + cond + `) EXECUTE FUNCTION status_transition_guard('status')`
}

func main() {
	rows := flag.Int("rows", 100_000, "rows in each table, all moved by the bulk UPDATE")
	rounds := flag.Int("rounds", 7, "rounds; each runs every variant once, in a rotating order")
	singles := flag.Int("singles", 2000, "single-row UPDATEs per variant and round")
	names := flag.String("variants", "unguarded,row-trigger,create-guard", "the tables to measure, the first the baseline (of unguarded, row-trigger, create-guard, before, distinct, in-list, text, floor)")
	flag.Parse()
	var chosen []variant
	for _, k := range strings.Split(*names, ",") {
		i := slices.IndexFunc(variants, func(v variant) bool { return v.key == k })
		if i < 0 {
			fmt.Fprintf(os.Stderr, "benchsql: -variants: no variant %q\n", k)
			os.Exit(2)
		}
		chosen = append(chosen, variants[i])
	}
	if err := run(chosen, *rows, *rounds, *singles); err != nil {
		fmt.Fprintln(os.Stderr, "benchsql:", err)
		os.Exit(1)
	}
}

func run(variants []variant, rows, rounds, singles int) error {
	ctx := context.Background()
	dsn := os.Getenv("TASKSTATUS_PG_DSN")
	if dsn == "" {
		return fmt.Errorf("set TASKSTATUS_PG_DSN, or run make bench-sql")
	}
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("taskstatus_bench_%d", os.Getpid())
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return err
	}
	defer admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	u, err := url.Parse(dsn)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	db, err := pgxpool.New(ctx, u.String())
	if err != nil {
		return err
	}
	defer db.Close()

	src, err := os.ReadFile("../statuses.yaml")
	if err != nil {
		return err
	}
	spec, err := gen.Parse("statuses.yaml", src)
	if err != nil {
		return err
	}
	e, err := gen.Build(spec)
	if err != nil {
		return err
	}
	ddl, err := sql.Generate(e)
	if err != nil {
		return err
	}
	if _, err := db.Exec(ctx, string(ddl)); err != nil {
		return err
	}
	var enumCond, textCond string
	if err := db.QueryRow(ctx, `SELECT status_guard_condition('status', false), status_guard_condition('status', true)`).Scan(&enumCond, &textCond); err != nil {
		return err
	}
	for _, v := range variants {
		guard := v.guard(enumCond, textCond)
		// A few columns and one 2 kB text that does not compress (so it
		// is stored out of line, as large texts are).
		setup := []string{
			`CREATE TABLE ` + v.table + ` (id int PRIMARY KEY, status status NOT NULL, owner int NOT NULL, updated timestamptz NOT NULL, body text NOT NULL)`,
			fmt.Sprintf(`INSERT INTO %s SELECT i, 'IN_PROGRESS', i %% 97, now(), (SELECT string_agg(md5(i::text || ':' || k), '') FROM generate_series(1, 64) AS k) FROM generate_series(1, %d) AS i`, v.table, rows),
		}
		if guard != "" {
			setup = append(setup, guard)
		}
		setup = append(setup, `VACUUM ANALYZE `+v.table)
		for _, stmt := range setup {
			if _, err := db.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("%s: %w", stmt, err)
			}
		}
	}

	// The moves alternate between two statuses that may move into each
	// other, so every UPDATE is an allowed move that changes the row.
	to := [2]string{"PROCESSING", "IN_PROGRESS"}
	conn, err := db.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// The server process of this connection: its time on a CPU is read
	// from /proc beside the wall time (when the server runs on this
	// machine), since other work on shared cores stretches the wall time
	// of whichever variant it overlaps, and much less its CPU time.
	var pid int
	if err := conn.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		return err
	}
	cpu := func() time.Duration { return backendCPU(pid) }
	const bulkM, singleM, sameM = 0, 1, 2
	// wall[m][i], onCPU[m][i]: the rounds of measure m for variant i.
	var wall, onCPU [3][][]time.Duration
	for m := range wall {
		wall[m] = make([][]time.Duration, len(variants))
		onCPU[m] = make([][]time.Duration, len(variants))
	}
	measure := func(m, i int, per int, f func() error) error {
		c0, start := cpu(), time.Now()
		if err := f(); err != nil {
			return err
		}
		wall[m][i] = append(wall[m][i], time.Since(start)/time.Duration(per))
		onCPU[m][i] = append(onCPU[m][i], (cpu()-c0)/time.Duration(per))
		return nil
	}
	exec := func(sql string, args ...any) func() error {
		return func() error { _, err := conn.Exec(ctx, sql, args...); return err }
	}
	for r := range rounds {
		for k := range variants {
			i := (k + r) % len(variants)
			v := variants[i]
			if err := measure(bulkM, i, 1, exec(`UPDATE `+v.table+` SET status = $1`, to[r%2])); err != nil {
				return fmt.Errorf("%s: bulk UPDATE: %w", v.name, err)
			}
			if _, err := conn.Exec(ctx, `VACUUM `+v.table); err != nil {
				return err
			}
			stmt := `UPDATE ` + v.table + ` SET status = $1, updated = now() WHERE id = $2`
			err := measure(singleM, i, singles, func() error {
				for n := range singles {
					if _, err := conn.Exec(ctx, stmt, to[(r+1)%2], 1+(n*7919)%rows); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("%s: single UPDATE: %w", v.name, err)
			}
			if err := measure(sameM, i, 1, exec(`UPDATE `+v.table+` SET status = status`)); err != nil {
				return fmt.Errorf("%s: same-value UPDATE: %w", v.name, err)
			}
			if _, err := conn.Exec(ctx, `VACUUM `+v.table); err != nil {
				return err
			}
			// Put the rows the singles moved back with the rest.
			if _, err := conn.Exec(ctx, `UPDATE `+v.table+` SET status = $1 WHERE status <> $1`, to[r%2]); err != nil {
				return err
			}
			if _, err := conn.Exec(ctx, `VACUUM `+v.table); err != nil {
				return err
			}
		}
	}

	var version string
	if err := conn.QueryRow(ctx, `SHOW server_version`).Scan(&version); err != nil {
		return err
	}
	fmt.Printf("PostgreSQL %s, %d rows, %d rounds, %d single-row UPDATEs per round; medians, ratio to %s, spread = middle half of the rounds around the median\n", version, rows, rounds, singles, variants[0].name)
	for _, t := range []struct {
		what  string
		times [3][][]time.Duration
	}{{"wall time", wall}, {"the server process's CPU time", onCPU}} {
		if t.what != "wall time" && cpu() == 0 {
			fmt.Println("\n(no CPU time: the server's process is not readable in /proc here)")
			continue
		}
		fmt.Printf("\n%s:\n\n", t.what)
		fmt.Println("| guard | bulk UPDATE | ratio | spread | single-row UPDATE | ratio | spread | same-value bulk UPDATE | ratio |")
		fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
		b, s, m := t.times[bulkM], t.times[singleM], t.times[sameM]
		for i, v := range variants {
			fmt.Printf("| %s | %s | %.2fx | %s | %s | %.2fx | %s | %s | %.2fx |\n", v.name,
				median(b[i]).Round(time.Millisecond), ratio(b[i], b[0]), spread(b[i]),
				median(s[i]).Round(time.Microsecond/10), ratio(s[i], s[0]), spread(s[i]),
				median(m[i]).Round(time.Millisecond), ratio(m[i], m[0]))
		}
	}
	return nil
}

// backendCPU returns the time process pid has spent on a CPU, from
// /proc/pid/schedstat (nanoseconds), or 0 when it cannot be read.
func backendCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	ns, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return 0
	}
	return time.Duration(ns)
}

func ratio(d, base []time.Duration) float64 { return float64(median(d)) / float64(median(base)) }

// spread is the range of the middle half of the rounds, as a share of the
// median: how far apart the rounds were.
func spread(d []time.Duration) string {
	s := slices.Clone(d)
	slices.Sort(s)
	q1, q3 := s[len(s)/4], s[(3*len(s))/4]
	return fmt.Sprintf("±%.0f%%", 50*float64(q3-q1)/float64(median(d)))
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
