#!/usr/bin/env bash
# Runs the integration tests against a throwaway PostgreSQL server: installs
# Debian's postgresql package if no server binaries are found, starts a
# server on loopback in a temporary data directory, runs go test in this
# module with TASKSTATUS_PG_DSN pointing at it, and always stops the server
# and removes the directory. Called by make integration; with arguments it
# runs them (from this module) instead of go test, as make bench-sql does.
set -euo pipefail
cd "$(dirname "$0")"

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then dirname "$(command -v pg_ctl)"; return 0; fi
  return 1
}

if ! bindir=$(find_bindir); then
  echo "integration: no PostgreSQL server found; installing Debian's postgresql package"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  bindir=$(find_bindir)
fi

# PostgreSQL refuses to run as root: as root, run it as the postgres user
# (which the package creates).
run() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  run() { runuser -u postgres -- "$@"; }
fi

tmp=$(mktemp -d /tmp/taskstatus-pg.XXXXXX)
chmod 755 "$tmp"
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
stop() {
  run "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT

run "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --no-sync >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log"; exit 1; }

# A port nobody uses: try a few at random.
started=""
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 30000))
  if run "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
       -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null; then
    started=yes; break
  fi
done
[ -n "$started" ] || { echo "integration: the server did not start:"; cat "$tmp/server.log"; exit 1; }
echo "integration: $("$bindir/postgres" --version) on 127.0.0.1:$port"

export TASKSTATUS_PG_DSN="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
if [ $# -gt 0 ]; then
  "$@"
else
  go test -count=1 -v ./...
fi
