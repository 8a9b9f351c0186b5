// Package integration holds the tests that need a real PostgreSQL server:
// the DDL statusgen emits, migrations between specs, and the generated
// Scan and Value methods through database/sql with pgx's stdlib driver and
// through pgx's native interface (arrays need the types registered).
//
// It is a module of its own so that the main module's go.mod never
// requires a database driver. Run the tests with make integration (from the
// repository root), which installs PostgreSQL if it is missing, starts a
// throwaway server on loopback, runs them, and stops it; or point
// TASKSTATUS_PG_DSN at a server you own (each test creates and drops its
// own database).
package integration
