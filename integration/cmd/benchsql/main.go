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
// IS DISTINCT FROM test, with IN lists in place of array constants, and
// the text form on the enum column. A third measure, a bulk UPDATE that
// sets every row to the value it has, shows what a same-value update costs.
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
	return `CREATE TRIGGER guard BEFORE UPDATE OF status ON ` + table + ` FOR EACH ROW WHEN (` + cond + `) EXECUTE FUNCTION status_transition_guard('status')`
}

func main() {
	rows := flag.Int("rows", 100_000, "rows in each table, all moved by the bulk UPDATE")
	rounds := flag.Int("rounds", 7, "rounds; each runs every variant once, in a rotating order")
	singles := flag.Int("singles", 2000, "single-row UPDATEs per variant and round")
	names := flag.String("variants", "unguarded,row-trigger,create-guard", "the tables to measure, the first the baseline (of unguarded, row-trigger, create-guard, distinct, in-list, text)")
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
	bulk := make([][]time.Duration, len(variants))
	single := make([][]time.Duration, len(variants))
	same := make([][]time.Duration, len(variants))
	conn, err := db.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	for r := range rounds {
		for k := range variants {
			i := (k + r) % len(variants)
			v := variants[i]
			start := time.Now()
			if _, err := conn.Exec(ctx, `UPDATE `+v.table+` SET status = $1`, to[r%2]); err != nil {
				return fmt.Errorf("%s: bulk UPDATE: %w", v.name, err)
			}
			bulk[i] = append(bulk[i], time.Since(start))
			if _, err := conn.Exec(ctx, `VACUUM `+v.table); err != nil {
				return err
			}
			stmt := `UPDATE ` + v.table + ` SET status = $1, updated = now() WHERE id = $2`
			start = time.Now()
			for n := range singles {
				if _, err := conn.Exec(ctx, stmt, to[(r+1)%2], 1+(n*7919)%rows); err != nil {
					return fmt.Errorf("%s: single UPDATE: %w", v.name, err)
				}
			}
			single[i] = append(single[i], time.Since(start)/time.Duration(singles))
			start = time.Now()
			if _, err := conn.Exec(ctx, `UPDATE `+v.table+` SET status = status`); err != nil {
				return fmt.Errorf("%s: same-value UPDATE: %w", v.name, err)
			}
			same[i] = append(same[i], time.Since(start))
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
	fmt.Printf("PostgreSQL %s, %d rows, %d rounds (medians; ratio to unguarded), %d single-row UPDATEs per round\n\n", version, rows, rounds, singles)
	fmt.Println("| guard | bulk UPDATE | ratio | spread | single-row UPDATE | ratio | spread | same-value bulk UPDATE | ratio |")
	fmt.Println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	b0, s0, m0 := median(bulk[0]), median(single[0]), median(same[0])
	for i, v := range variants {
		b, s, m := median(bulk[i]), median(single[i]), median(same[i])
		fmt.Printf("| %s | %s | %.2fx | %s | %s | %.2fx | %s | %s | %.2fx |\n", v.name,
			b.Round(time.Millisecond), float64(b)/float64(b0), spread(bulk[i]),
			s.Round(time.Microsecond/10), float64(s)/float64(s0), spread(single[i]),
			m.Round(time.Millisecond), float64(m)/float64(m0))
	}
	return nil
}

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
