#!/usr/bin/env bash
# The A2A gRPC binding against the JSON-RPC transport: SendMessage to the in-kernel echo agent on one AgentX,
# over gRPC (h2load, one call in flight per connection) and over JSON-RPC (wrk, unique message ids), in
# alternating pairs (G J G J …) so that both see the same machine, at 16 and 64 connections.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk and h2load (apt-get install wrk nghttp2-client).
# Usage: scripts/bench-grpc.sh [pairs=3] [seconds=10]   (WARMUP_SECONDS, default 60: both transports, before)
set -euo pipefail
# every A2A call needs credentials: the load generators send this key, AgentX accepts it
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
PAIRS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LUA="$ROOT/scripts/bench/send-message.lua"
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
cleanup() { for p in $(cat "$WORK"/*.pid 2>/dev/null); do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install nghttp2-client" >&2; exit 1; }
[ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }

# shellcheck source=bench/wrk-levels.sh
. "$ROOT/scripts/bench/wrk-levels.sh"

http=$(free_port); grpc=$(free_port)
cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
rm -f "$WORK/agentx/bundles/"agentx-store-*.jar # the in-memory task store: the transports are what is compared
AGENTX_HTTP_PORT=$http AGENTX_GRPC_PORT=$grpc AGENTX_ADMIN_PASSWORD=bench "$WORK/agentx/bin/agentx" run > "$WORK/agentx.log" 2>&1 &
echo $! > "$WORK/server.pid"
until grep -q "ready on http" "$WORK/agentx.log"; do sleep 0.1; done
URL="http://127.0.0.1:$http/agents/echo"
sample_check

grpc_load() { "$ROOT/scripts/bench/h2load-grpc.sh" "127.0.0.1:$grpc" echo "$1" "$2"; }
json_load() { wrk -t2 -c"$1" -d"$2s" -s "$LUA" "$URL" 2>&1 | grep '^requests='; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD)"
grpc_load 64 "$WARMUP_SECONDS" > /dev/null
json_load 64 "$WARMUP_SECONDS" > /dev/null
for pair in $(seq "$PAIRS"); do
  for c in 16 64; do
    echo "grpc $pair c=$c $(grpc_load "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
    echo "jsonrpc $pair c=$c $(json_load "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
  done
done

echo; echo "medians over $PAIRS pairs:"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) (\d+) c=(\d+) requests=\d+ rps=(\d+) p50=([\d.]+)ms p99=([\d.]+)ms non2xx=(\d+)", line)
    if m:
        rows.setdefault((m[1], int(m[3])), {})[int(m[2])] = (int(m[4]), float(m[6]), int(m[7]))
for c in (16, 64):
    grpc, json = rows.get(("grpc", c), {}), rows.get(("jsonrpc", c), {})
    ratios = [grpc[p][0] / json[p][0] for p in grpc if p in json and json[p][0]]
    print(f"c={c:<3} grpc rps={statistics.median(r[0] for r in grpc.values()):>7.0f} "
          f"p99={statistics.median(r[1] for r in grpc.values()):.2f}ms | "
          f"jsonrpc rps={statistics.median(r[0] for r in json.values()):>7.0f} "
          f"p99={statistics.median(r[1] for r in json.values()):.2f}ms | "
          f"grpc/jsonrpc per pair {' '.join(f'{r:.2f}' for r in ratios)} median {statistics.median(ratios):.2f} "
          f"errors={sum(r[2] for r in list(grpc.values()) + list(json.values()))}")
PY
