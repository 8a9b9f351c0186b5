package integration

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
)

// runScript runs a migration in one transaction ("transaction"), or
// statement by statement in one session, each its own transaction, as psql
// runs a file: stopping at the first error ("statements", psql -v
// ON_ERROR_STOP=1) or going on after it ("continue", psql's default). It
// fails the test on an error; tryScript returns the first.
func runScript(t *testing.T, db *sql.DB, mode string, script []byte) {
	t.Helper()
	if err := tryScript(db, mode, script); err != nil {
		t.Fatalf("migration (%s): %v\n%s", mode, err, script)
	}
}

func tryScript(db *sql.DB, mode string, script []byte) error {
	if mode == "transaction" {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.Exec(string(script)); err != nil {
			return err
		}
		return tx.Commit()
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	var first error
	for _, stmt := range splitSQL(string(script)) {
		if _, err := conn.ExecContext(context.Background(), stmt); err != nil && first == nil {
			first = fmt.Errorf("%s: %w", firstLine(stmt), err)
			if mode != "continue" {
				break
			}
		}
	}
	return first
}

// splitSQL splits a script into statements where psql does: at a
// semicolon outside quotes, dollar quotes and comments. Statements that
// hold only comments are left out.
func splitSQL(script string) []string {
	var stmts []string
	start, code := 0, false
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			if end := strings.IndexByte(script[i:], '\n'); end >= 0 {
				i += end
			} else {
				i = len(script)
			}
		case c == '\'' || c == '"':
			code = true
			for i++; i < len(script) && script[i] != c; i++ {
			}
		case c == '$':
			code = true
			j := i + 1
			for j < len(script) && (script[j] == '_' || script[j] >= 'a' && script[j] <= 'z' || script[j] >= 'A' && script[j] <= 'Z' || script[j] >= '0' && script[j] <= '9') {
				j++
			}
			if j < len(script) && script[j] == '$' {
				tag := script[i : j+1]
				if end := strings.Index(script[j+1:], tag); end >= 0 {
					i = j + 1 + end + len(tag) - 1
				} else {
					i = len(script)
				}
			}
		case c == ';':
			if code {
				stmts = append(stmts, script[start:i+1])
			}
			start, code = i+1, false
		case c > ' ':
			code = true
		}
	}
	if code {
		stmts = append(stmts, script[start:])
	}
	return stmts
}
