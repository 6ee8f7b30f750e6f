#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests (Debian's `postgresql` package).
#   scripts/postgres-for-tests.sh start   starts it and prints the export lines the tests read
#   scripts/postgres-for-tests.sh stop    stops it and deletes its data
# Settings: AGENTX_PG_DIR (default /tmp/agentx-test-pg), AGENTX_PG_PORT (default: 55432, or the next free port
# above it when another server holds it).
set -euo pipefail
dir=${AGENTX_PG_DIR:-/tmp/agentx-test-pg}
port=${AGENTX_PG_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
# PostgreSQL refuses to run as root: then the server runs as the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ ! -s "$dir/PG_VERSION" ]; then
      rm -rf "$dir" && mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      pwfile=$(mktemp) && echo agentx > "$pwfile" && chmod 644 "$pwfile"
      as_owner "$bin/initdb" -D "$dir" -U agentx --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 >/dev/null
      rm -f "$pwfile"
    fi
    if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      port=$(cat "$dir/agentx-port" 2>/dev/null || echo "$port")
    else
      if [ -z "${AGENTX_PG_PORT:-}" ]; then
        while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
      fi
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
      echo "$port" | as_owner tee "$dir/agentx-port" >/dev/null
    fi
    PGPASSWORD=agentx "$bin/psql" -h 127.0.0.1 -p "$port" -U agentx -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'agentx_test'" | grep -q 1 \
      || PGPASSWORD=agentx "$bin/createdb" -h 127.0.0.1 -p "$port" -U agentx agentx_test
    echo "export AGENTX_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/agentx_test"
    echo "export AGENTX_TEST_PG_USER=agentx"
    echo "export AGENTX_TEST_PG_PASSWORD=agentx"
    ;;
  stop)
    if [ -s "$dir/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$dir"
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
