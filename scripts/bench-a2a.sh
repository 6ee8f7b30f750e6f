#!/usr/bin/env bash
# A2A SendMessage throughput and latency: AgentX (echo agent, JSON-RPC 1.0) against two references measured in
# the same run, A B C A B C …: a raw Jetty 12 JSON-RPC echo (benchmarks/raw-jetty) and the @a2a-js/sdk
# reference server (scripts/bench/reference-server.mjs). wrk at 1, 16 and 64 connections, unique message ids.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), node + npm.
# AgentX runs on the in-memory task store (BENCH_STORE=durable: the default durable store).
# Usage: scripts/bench-a2a.sh [rounds=3] [seconds=10]      (env: WARMUP_SECONDS=60)
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"

require wrk node
mvn -B -q -f "$ROOT/benchmarks/raw-jetty/pom.xml" package >/dev/null
[ -d "$ROOT/scripts/bench/node_modules" ] || npm ci --silent --no-audit --no-fund --prefix "$ROOT/scripts/bench"

start_agentx() { # port: the protocol path alone (what the durable store costs is scripts/bench-store.sh)
  agentx_copy
  agentx_run "$1"
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

machine "node $(node --version)"
for round in $(seq "$ROUNDS"); do
  start_agentx "$(free_port)"; wrk_levels agentx "$round" 1 16 64
  echo "agentx $round rss_after_load_mb=$(( $(ps -o rss= -p "$(cat "$WORK/agentx.pid")") / 1024 ))" | tee -a "$RESULTS"
  stop_pid agentx
  start_raw "$(free_port)"; wrk_levels raw-jetty "$round" 1 16 64; stop_pid server
  start_js "$(free_port)"; wrk_levels a2a-js "$round" 1 16 64; stop_pid server
done
summarize a2a
