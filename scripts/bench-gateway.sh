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
# every A2A call needs credentials: the load generators send this key, AgentX accepts it
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
LEVELS=(1 16 64)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
cleanup() {
  for f in "$WORK"/*.pid; do
    [ -e "$f" ] || continue
    p=$(cat "$f"); kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
mvn -B -q -o -f "$ROOT/benchmarks/raw-jetty/pom.xml" package >/dev/null 2>&1 \
  || mvn -B -q -f "$ROOT/benchmarks/raw-jetty/pom.xml" package >/dev/null

# the A2A script of bench-a2a.sh, unchanged, plus wrk's mean latency (the figure the gateway goal is about)
LUA="$WORK/send-message-mean.lua"
cat > "$LUA" <<EOF
dofile("$ROOT/scripts/bench/send-message.lua")
local print_summary = done
function done(summary, latency, requests)
  print_summary(summary, latency, requests)
  io.write(string.format("mean=%.3fms\n", latency.mean / 1000))
end
EOF

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

start_raw() { # port: the remote agent, for the whole run
  java -Xms64m -Xmx512m -XX:+UseG1GC -cp "$ROOT/benchmarks/raw-jetty/target/classes:$ROOT/benchmarks/raw-jetty/target/lib/*" \
    io.agentx.bench.RawJettyEcho "$1" > "$WORK/raw.log" 2>&1 &
  echo $! > "$WORK/raw.pid"
  CARD_URL="http://127.0.0.1:$1/.well-known/agent-card.json"; RAW_URL="http://127.0.0.1:$1/"
  wait_http "$CARD_URL"
  curl -s "$CARD_URL" | grep -q '"protocolBinding":"JSONRPC"' || { echo "$CARD_URL serves no agent card" >&2; exit 1; }
}
start_agentx() { # port: a fresh copy of the distribution with the remote agent "fast" configured before start
  rm -rf "$WORK/agentx"; cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
  # the gateway path alone, on the in-memory store (BENCH_STORE=durable keeps the durable one; see bench-store.sh)
  [ "${BENCH_STORE:-memory}" = durable ] || rm -f "$WORK/agentx/bundles/"agentx-store-*.jar
  printf '{"agentId":"fast","cardUrls":["%s"],"healthIntervalMillis":1000}\n' "$CARD_URL" \
    > "$WORK/agentx/config/io.agentx.router.remote~echo-remote.cfg.json"
  AGENTX_CDS=off AGENTX_HTTP_PORT=$1 AGENTX_ADMIN_PASSWORD=bench AGENTX_API_KEY="$AGENTX_API_KEY" "$WORK/agentx/bin/agentx" run > "$WORK/agentx.log" 2>&1 &
  echo $! > "$WORK/agentx.pid"
  for _ in $(seq 1 300); do grep -q "ready on http" "$WORK/agentx.log" && break; sleep 0.1; done
  grep -q "ready on http" "$WORK/agentx.log" || { echo "AgentX did not start:" >&2; tail -20 "$WORK/agentx.log" >&2; exit 1; }
  for _ in $(seq 1 300); do
    curl -s -u admin:bench "http://127.0.0.1:$1/api/v1/agents/fast" | grep -q '"healthyReplicas":1' && break
    sleep 0.1
  done
  curl -s -u admin:bench "http://127.0.0.1:$1/api/v1/agents/fast" | grep -q '"healthyReplicas":1' \
    || { echo "the remote agent 'fast' never became healthy in AgentX:" >&2; \
         curl -s -u admin:bench "http://127.0.0.1:$1/api/v1/agents/fast" >&2; tail -20 "$WORK/agentx.log" >&2; exit 1; }
  GATEWAY_URL="http://127.0.0.1:$1/agents/fast"
}
stop_agentx() {
  kill "$(cat "$WORK/agentx.pid")" 2>/dev/null || true; wait "$(cat "$WORK/agentx.pid")" 2>/dev/null || true
  rm -f "$WORK/agentx.pid"
}

sample_check() { # url: a real success before measuring, a completed task echoing the text
  curl -s "$1" -H "X-API-Key: $AGENTX_API_KEY" -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' -d '{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"check-'"$RANDOM"'","role":"ROLE_USER","parts":[{"text":"hello benchmark"}]}}}' \
    > "$WORK/sample.json"
  grep -q '"TASK_STATE_COMPLETED"' "$WORK/sample.json" && grep -q '"hello benchmark"' "$WORK/sample.json" \
    || { echo "$1 does not answer SendMessage with a completed task:" >&2; cat "$WORK/sample.json" >&2; exit 1; }
}

measure() { # name round url
  sample_check "$3"
  wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -s "$LUA" "$3" > /dev/null 2>&1 # JIT warm-up
  for c in "${LEVELS[@]}"; do
    threads=$([ "$c" = 1 ] && echo 1 || echo 2)
    out=$(wrk -t"$threads" -c"$c" -d"${SECONDS_PER_LEVEL}s" -s "$LUA" "$3" 2>&1)
    line=$(grep '^requests=' <<<"$out") || { echo "wrk failed: $out" >&2; exit 1; }
    echo "$1 $2 c=$c $line $(grep '^mean=' <<<"$out")" | tee -a "$RESULTS"
  done
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)," \
  "commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo "A = direct: wrk -> raw Jetty echo; B = gateway: wrk -> AgentX /agents/fast -> the same raw Jetty echo"
rawport=$(free_port); start_raw "$rawport"
echo "remote agent: $CARD_URL (pid $(cat "$WORK/raw.pid"))"
for round in $(seq "$ROUNDS"); do
  measure direct "$round" "$RAW_URL"
  port=$(free_port); start_agentx "$port"
  measure gateway "$round" "$GATEWAY_URL"
  echo "gateway $round rss_after_load_mb=$(( $(ps -o rss= -p "$(cat "$WORK/agentx.pid")") / 1024 ))" | tee -a "$RESULTS"
  stop_agentx
done

echo; echo "medians over $ROUNDS round(s):"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) (\d+) c=(\d+) requests=\d+ rps=(\d+) p50=([\d.]+)ms p99=([\d.]+)ms non2xx=(\d+) '
                 r'socket_errors=(\d+) mean=([\d.]+)ms', line)
    if m:
        rows.setdefault((m[1], int(m[3])), []).append(
            (int(m[4]), float(m[5]), float(m[6]), int(m[7]), int(m[8]), float(m[9]), int(m[2])))
def med(name, c, i):
    return statistics.median(r[i] for r in rows[(name, c)])
levels = sorted({c for _, c in rows})
print(f"{'server':8} {'conns':>5} {'req/s':>8} {'mean ms':>8} {'p50 ms':>7} {'p99 ms':>7} {'non2xx':>6} {'sockerr':>7}")
for name in ('direct', 'gateway'):
    for c in levels:
        if (name, c) in rows:
            r = rows[(name, c)]
            print(f"{name:8} {c:5} {med(name,c,0):8.0f} {med(name,c,5):8.3f} {med(name,c,1):7.2f} {med(name,c,2):7.2f} "
                  f"{sum(x[3] for x in r):6} {sum(x[4] for x in r):7}")
print()
verdicts = []
for c in levels:
    if ('direct', c) in rows and ('gateway', c) in rows:
        a, b = rows[('direct', c)], rows[('gateway', c)]
        ratios = [y[0] / x[0] for x, y in zip(a, b)]  # B/A of each round's pair
        added = [y[5] - x[5] for x, y in zip(a, b)]
        line = (f"c={c:<3} A direct {med('direct',c,0):7.0f} req/s, B gateway {med('gateway',c,0):7.0f} req/s, "
                f"B/A = {statistics.median(ratios):.2f}, added mean latency B-A = {statistics.median(added):.3f} ms")
        if c == 1:
            ok = statistics.median(added) <= 0.15
            line += f"  (goal <= 0.15 ms: {'met' if ok else 'MISSED'})"
            verdicts.append(ok)
        if c == 16:
            ok = statistics.median(ratios) >= 0.60
            line += f"  (goal B/A >= 0.60: {'met' if ok else 'MISSED'})"
            verdicts.append(ok)
        print(line)
print("goals: added mean latency <= 0.15 ms at 1 connection; B >= 60 % of A at 16 connections"
      + ("" if not verdicts else (" -> all met" if all(verdicts) else " -> NOT all met")))
PY
