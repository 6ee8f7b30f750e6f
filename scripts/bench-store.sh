#!/usr/bin/env bash
# What the durable task store costs: SendMessage throughput of AgentX (echo agent, JSON-RPC 1.0, blocking) with
# the in-memory store (the store bundle removed), the embedded H2 store (the default) and PostgreSQL, measured in
# the same run, A B C A B C …, with wrk at 1, 16 and 64 connections and unique message ids.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), and for PostgreSQL
# Debian's postgresql package (this script starts a throwaway server with scripts/postgres-for-tests.sh).
# Usage: scripts/bench-store.sh [rounds=3] [seconds=10]
set -euo pipefail
# every A2A call needs credentials: the load generators send this key, AgentX accepts it
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LUA="$ROOT/scripts/bench/send-message.lua"
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
# (not under $WORK: the server may run as the postgres user, which cannot enter a private mktemp folder)
export AGENTX_PG_DIR="/tmp/agentx-bench-pg-$$" AGENTX_PG_PORT=${AGENTX_PG_PORT:-55433}
cleanup() {
  for p in $(cat "$WORK"/*.pid 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  "$ROOT/scripts/postgres-for-tests.sh" stop || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
eval "$("$ROOT/scripts/postgres-for-tests.sh" start)"
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"

# shellcheck source=bench/wrk-levels.sh
. "$ROOT/scripts/bench/wrk-levels.sh"

start_agentx() { # store port
  rm -rf "$WORK/agentx"; cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
  case "$1" in
    memory) rm "$WORK/agentx/bundles/"agentx-store-*.jar ;;
    postgresql)
      PGPASSWORD=$AGENTX_TEST_PG_PASSWORD "$PSQL" -q -h 127.0.0.1 -p "$AGENTX_PG_PORT" -U "$AGENTX_TEST_PG_USER" -d agentx_test \
        -c 'DROP TABLE IF EXISTS agentx_push_outbox, agentx_push_config, agentx_task_event, agentx_task, agentx_schema_version'
      printf 'url=%s\nuser=%s\npassword=%s\n' "$AGENTX_TEST_PG_URL" "$AGENTX_TEST_PG_USER" "$AGENTX_TEST_PG_PASSWORD" \
        > "$WORK/agentx/config/io.agentx.store.cfg" ;;
  esac
  AGENTX_HTTP_PORT=$2 AGENTX_ADMIN_PASSWORD=bench AGENTX_API_KEY="$AGENTX_API_KEY" "$WORK/agentx/bin/agentx" run > "$WORK/agentx.log" 2>&1 &
  echo $! > "$WORK/server.pid"
  until grep -q "ready on http" "$WORK/agentx.log"; do sleep 0.1; done
  if [ "$1" = postgresql ]; then until grep -q "Task store connected to jdbc:postgresql" "$WORK/agentx.log"; do sleep 0.1; done; fi
  URL="http://127.0.0.1:$2/agents/echo"
}
stop_server() { kill "$(cat "$WORK/server.pid")" 2>/dev/null || true; wait "$(cat "$WORK/server.pid")" 2>/dev/null || true; rm -f "$WORK/server.pid"; }


echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD)"
for round in $(seq "$ROUNDS"); do
  for store in memory h2 postgresql; do
    port=$(free_port); start_agentx "$store" "$port"; measure "$store" "$round"
    [ "$store" = memory ] || grep -q "jdbc:" "$WORK/agentx.log" || { echo "the $store run did not use the store" >&2; exit 1; }
    stop_server
  done
done

echo; echo "medians over $ROUNDS rounds:"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) (\d+) c=(\d+) requests=\d+ rps=(\d+) p50=([\d.]+)ms p99=([\d.]+)ms non2xx=(\d+)', line)
    if m:
        rows.setdefault((m[1], int(m[3])), []).append((int(m[4]), float(m[5]), float(m[6]), int(m[7])))
def med(name, c, i):
    return statistics.median(r[i] for r in rows[(name, c)])
print(f"{'store':10} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'non2xx':>6}")
for name in ('memory', 'h2', 'postgresql'):
    for c in (1, 16, 64):
        if (name, c) in rows:
            print(f"{name:10} {c:5} {med(name,c,0):8.0f} {med(name,c,1):7.2f} {med(name,c,2):7.2f} {sum(r[3] for r in rows[(name,c)]):6}")
for name in ('h2', 'postgresql'):
    for c in (1, 16, 64):
        if (name, c) in rows and ('memory', c) in rows:
            cost = [1 - a[0] / b[0] for a, b in zip(rows[(name, c)], rows[('memory', c)])]
            print(f"c={c}: {name} costs {100 * statistics.median(cost):.0f} % of in-memory throughput" + (" (goal <= 20 %)" if c == 64 else ""))
PY
