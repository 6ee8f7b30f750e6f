#!/usr/bin/env bash
# Gateway overhead: A2A SendMessage (JSON-RPC 1.0) sent (A) straight to a remote A2A echo agent and (B) through
# AgentX to the same remote, measured side by side in one run, A B A B …. The remote is the raw Jetty 12 echo
# (benchmarks/raw-jetty), which also serves its agent card; it runs for the whole run, so A and B hit the same
# JVM. AgentX (a fresh copy of distribution/target/agentx per round) knows it as the remote agent "fast"
# (config/io.agentx.router.remote~echo-remote.cfg.json) and serves it at /agents/fast. wrk at 1, 16 and 64
# connections, unique message ids, warm-up first, a sample response checked to be a completed task.
#
# Warm-up: 30 s at 16 connections before each variant (WARMUP_SECONDS). The gateway path needs it: on 2 cores
# AgentX's throughput through a remote agent keeps climbing for ~25 s of load while C2 compiles (5 s, as in
# bench-a2a.sh, measured it at a third of its steady state). AgentX runs with AGENTX_CDS=off (each round is a
# fresh copy, which would otherwise record a CDS archive on exit) and with AGENTX_JAVA_OPTS if you set it.
#
# Goals (docs: /work/shared/PERFORMANCE.md): added mean latency <= 0.15 ms at 1 connection;
# B >= 60 % of A's throughput at 16 connections.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), python3, curl.
# Usage: scripts/bench-gateway.sh [rounds=3] [seconds=10]      (env: WARMUP_SECONDS=30, AGENTX_JAVA_OPTS)
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"

require wrk
mvn -B -q -o -f "$ROOT/benchmarks/raw-jetty/pom.xml" package >/dev/null 2>&1 \
  || mvn -B -q -f "$ROOT/benchmarks/raw-jetty/pom.xml" package >/dev/null

# the A2A script of bench-a2a.sh, unchanged, plus wrk's mean latency (the figure the gateway goal is about)
cat > "$WORK/send-message-mean.lua" <<EOF
dofile("$LUA")
local print_summary = done
function done(summary, latency, requests)
  print_summary(summary, latency, requests)
  io.write(string.format("mean=%.3fms\n", latency.mean / 1000))
end
EOF
LUA="$WORK/send-message-mean.lua"

start_raw() { # port: the remote agent, for the whole run
  java -Xms64m -Xmx512m -XX:+UseG1GC -cp "$ROOT/benchmarks/raw-jetty/target/classes:$ROOT/benchmarks/raw-jetty/target/lib/*" \
    io.agentx.bench.RawJettyEcho "$1" > "$WORK/raw.log" 2>&1 &
  echo $! > "$WORK/raw.pid"
  CARD_URL="http://127.0.0.1:$1/.well-known/agent-card.json"; RAW_URL="http://127.0.0.1:$1/"
  wait_http "$CARD_URL"
  curl -s "$CARD_URL" | grep -q '"protocolBinding":"JSONRPC"' || { echo "$CARD_URL serves no agent card" >&2; exit 1; }
}
fast_is_healthy() { curl -s -u admin:bench "http://127.0.0.1:$1/api/v1/agents/fast" | grep -q '"healthyReplicas":1'; }
start_agentx() { # port: a fresh copy of the distribution with the remote agent "fast" configured before start
  agentx_copy # the gateway path alone, on the in-memory store (BENCH_STORE=durable keeps the durable one)
  printf '{"agentId":"fast","cardUrls":["%s"],"healthIntervalMillis":1000}\n' "$CARD_URL" \
    > "$WORK/agentx/config/io.agentx.router.remote~echo-remote.cfg.json"
  AGENTX_CDS=off agentx_run "$1"
  for _ in $(seq 1 300); do fast_is_healthy "$1" && break; sleep 0.1; done
  fast_is_healthy "$1" || { echo "the remote agent 'fast' never became healthy in AgentX:" >&2; \
    curl -s -u admin:bench "http://127.0.0.1:$1/api/v1/agents/fast" >&2; tail -20 "$WORK/agentx.log" >&2; exit 1; }
  GATEWAY_URL="http://127.0.0.1:$1/agents/fast"
}

measure() { # name round url
  sample_check "$3"
  wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -s "$LUA" "$3" > /dev/null 2>&1 # JIT warm-up
  for c in 1 16 64; do
    echo "$1 $2 c=$c $(wrk_line "$c" "$SECONDS_PER_LEVEL" "$3")" | tee -a "$RESULTS"
  done
}

machine "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "A = direct: wrk -> raw Jetty echo; B = gateway: wrk -> AgentX /agents/fast -> the same raw Jetty echo"
start_raw "$(free_port)"
echo "remote agent: $CARD_URL (pid $(cat "$WORK/raw.pid"))"
for round in $(seq "$ROUNDS"); do
  measure direct "$round" "$RAW_URL"
  start_agentx "$(free_port)"
  measure gateway "$round" "$GATEWAY_URL"
  echo "gateway $round rss_after_load_mb=$(( $(ps -o rss= -p "$(cat "$WORK/agentx.pid")") / 1024 ))" | tee -a "$RESULTS"
  stop_pid agentx
done
summarize gateway
