#!/usr/bin/env bash
# A2A SendMessage throughput and latency: AgentX (echo agent, JSON-RPC 1.0) against two references measured in
# the same run, A B C A B C …: a raw Jetty 12 JSON-RPC echo (benchmarks/raw-jetty) and the @a2a-js/sdk
# reference server (scripts/bench/reference-server.mjs). wrk at 1, 16 and 64 connections, unique message ids.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), node + npm.
# AgentX runs on the in-memory task store (BENCH_STORE=durable: the default durable store).
# Usage: scripts/bench-a2a.sh [rounds=3] [seconds=10]
set -euo pipefail
# every A2A call needs credentials: the load generators send this key, AgentX accepts it
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LUA="$ROOT/scripts/bench/send-message.lua"
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
cleanup() { for p in $(cat "$WORK"/*.pid 2>/dev/null); do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
mvn -B -q -f "$ROOT/benchmarks/raw-jetty/pom.xml" package >/dev/null
[ -d "$ROOT/scripts/bench/node_modules" ] || npm ci --silent --no-audit --no-fund --prefix "$ROOT/scripts/bench"

# shellcheck source=bench/wrk-levels.sh
. "$ROOT/scripts/bench/wrk-levels.sh"
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

start_agentx() {
  rm -rf "$WORK/agentx"; cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
  # The protocol path alone, on the in-memory store: what the durable store costs is scripts/bench-store.sh.
  # BENCH_STORE=durable keeps the default (durable) store.
  [ "${BENCH_STORE:-memory}" = durable ] || rm -f "$WORK/agentx/bundles/"agentx-store-*.jar
  AGENTX_HTTP_PORT=$1 AGENTX_ADMIN_PASSWORD=bench AGENTX_API_KEY="$AGENTX_API_KEY" "$WORK/agentx/bin/agentx" run > "$WORK/agentx.log" 2>&1 &
  echo $! > "$WORK/server.pid"
  until grep -q "ready on http" "$WORK/agentx.log"; do sleep 0.1; done
  URL="http://127.0.0.1:$1/agents/echo"
}
start_raw() {
  java -Xms64m -Xmx512m -XX:+UseG1GC -cp "$ROOT/benchmarks/raw-jetty/target/classes:$ROOT/benchmarks/raw-jetty/target/lib/*" \
    io.agentx.bench.RawJettyEcho "$1" > "$WORK/raw.log" 2>&1 &
  echo $! > "$WORK/server.pid"; URL="http://127.0.0.1:$1/"; wait_http "$URL"
}
start_js() {
  PORT=$1 node "$ROOT/scripts/bench/reference-server.mjs" > "$WORK/js.log" 2>&1 &
  echo $! > "$WORK/server.pid"; URL="http://127.0.0.1:$1/a2a/jsonrpc"; wait_http "http://127.0.0.1:$1/.well-known/agent-card.json"
}
stop_server() { kill "$(cat "$WORK/server.pid")" 2>/dev/null || true; wait "$(cat "$WORK/server.pid")" 2>/dev/null || true; rm -f "$WORK/server.pid"; }


echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version), commit $(git -C "$ROOT" rev-parse --short HEAD)"
for round in $(seq "$ROUNDS"); do
  port=$(free_port); start_agentx "$port"; measure agentx "$round"
  echo "agentx $round rss_after_load_mb=$(( $(ps -o rss= -p "$(cat "$WORK/server.pid")") / 1024 ))" | tee -a "$RESULTS"
  stop_server
  port=$(free_port); start_raw "$port"; measure raw-jetty "$round"; stop_server
  port=$(free_port); start_js "$port"; measure a2a-js "$round"; stop_server
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
print(f"{'server':10} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'non2xx':>6}")
for name in ('agentx', 'raw-jetty', 'a2a-js'):
    for c in (1, 16, 64):
        if (name, c) in rows:
            print(f"{name:10} {c:5} {med(name,c,0):8.0f} {med(name,c,1):7.2f} {med(name,c,2):7.2f} {sum(r[3] for r in rows[(name,c)]):6}")
for c in (1, 16, 64):
    if ('agentx', c) in rows and ('raw-jetty', c) in rows and ('a2a-js', c) in rows:
        ratios_raw = [a[0] / b[0] for a, b in zip(rows[('agentx', c)], rows[('raw-jetty', c)])]
        ratios_js = [a[0] / b[0] for a, b in zip(rows[('agentx', c)], rows[('a2a-js', c)])]
        print(f"c={c}: agentx/raw-jetty = {statistics.median(ratios_raw):.2f} (goal >= 0.50), "
              f"agentx/a2a-js = {statistics.median(ratios_js):.1f}x (goal >= 3x)")
PY
