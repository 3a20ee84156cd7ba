#!/usr/bin/env bash
# Runs every Portal test. PostgreSQL and Redis are started on 127.0.0.1, with their data in a temporary
# folder, unless PORTAL_TEST_POSTGRES / PORTAL_TEST_REDIS point at servers that already run. Missing
# server packages are installed from Debian (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")"

PG_PORT="${PORTAL_TEST_PG_PORT:-55432}"
REDIS_PORT="${PORTAL_TEST_REDIS_PORT:-56379}"
WORK="$(mktemp -d -t portal-test.XXXXXX)"
STARTED_PG="" STARTED_REDIS=""

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
install_packages() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

cleanup() {
  if [ -n "$STARTED_PG" ]; then $PG_AS "$(pg_bin)/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ -n "$STARTED_REDIS" ]; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_postgres() {
  if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    echo "test.sh: installing PostgreSQL"; install_packages postgresql
  fi
  local bin; bin="$(pg_bin)"
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    echo "test.sh: PostgreSQL already answers on 127.0.0.1:$PG_PORT"; return
  fi
  # initdb refuses to run as root, so root runs the throwaway cluster as the postgres user.
  PG_AS=""
  if [ "$(id -u)" = 0 ]; then PG_AS="runuser -u postgres --"; fi
  mkdir -p "$WORK/pg"; chmod 755 "$WORK"
  if [ -n "$PG_AS" ]; then chown postgres "$WORK/pg"; fi
  $PG_AS "$bin/initdb" -D "$WORK/pg" -U portal --auth=trust -E UTF8 --no-locale >/dev/null
  $PG_AS "$bin/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  STARTED_PG=1
  echo "test.sh: PostgreSQL started on 127.0.0.1:$PG_PORT"
}

start_redis() {
  if ! command -v redis-server >/dev/null; then
    echo "test.sh: installing Redis"; install_packages redis-server
  fi
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    echo "test.sh: Redis already answers on 127.0.0.1:$REDIS_PORT"; return
  fi
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$WORK" \
    --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  STARTED_REDIS=1
  echo "test.sh: Redis started on 127.0.0.1:$REDIS_PORT"
}

# Browser tests drive Debian's Chromium through Playwright (with a CJK font so Chinese text renders).
if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: installing Chromium"; install_packages chromium fonts-wqy-zenhei
fi

# The cluster tests (Portal.Tests/Cluster) start, kill and restart a redis-server of their own.
if [ ! -x /usr/bin/redis-server ]; then
  echo "test.sh: installing Redis"; install_packages redis-server
fi

PG_AS=""
if [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  start_postgres
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=portal;Database=postgres"
fi
if [ -z "${PORTAL_TEST_REDIS:-}" ]; then
  start_redis
  export PORTAL_TEST_REDIS="127.0.0.1:$REDIS_PORT"
fi

status=0
dotnet test Portal.sln --logger "trx;LogFileName=portal.trx" --results-directory "$WORK/results" "$@" || status=$?

# One closing line that any CI reads: "N passed, N failed".
trx="$(ls "$WORK"/results/*.trx 2>/dev/null | head -n 1 || true)"
if [ -n "$trx" ]; then
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  total="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  executed="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  echo "tests: ${passed:-0} passed, ${failed:-0} failed, $(( ${total:-0} - ${executed:-0} )) skipped"
fi
exit $status
