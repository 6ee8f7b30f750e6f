#!/usr/bin/env bash
# Plugin round trips and the A2A gRPC binding, each next to its limit, measured in the same run (A B C A B C …):
#   plugin-node / plugin-python  SendMessage over JSON-RPC (wrk) → AgentX → a Node / Python plugin echo agent → back
#   bare-node / bare-python      a bare @grpc/grpc-js / grpc.aio unary echo server driven by a grpc-java client
#   jsonrpc-echo / grpc-echo     SendMessage to the in-kernel echo agent over JSON-RPC (wrk) and over gRPC (h2load)
# at 16 and 64 connections (bare hops: calls in flight on one grpc-java channel), after a warm-up at 64
# (wrk and h2load: WARMUP_SECONDS, default 60; grpc-java: 15 s).
#
# Needs: a built distribution (mvn -B -q install -DskipTests), npm ci in sdks/node and distribution/src/test/js,
# wrk, h2load (nghttp2-client), node, Debian's python3-grpcio. AgentX runs on the in-memory task store
# (BENCH_STORE=durable: the default).
# Usage: scripts/bench-plugins.sh [rounds=3] [seconds=10]
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"
LOAD_CP="$ROOT/benchmarks/grpc-load/target/classes:$ROOT/benchmarks/grpc-load/target/lib/*"

require wrk h2load node
[ -d "$ROOT/distribution/src/test/js/node_modules/agentx-plugin" ] || { echo "run npm ci --prefix sdks/node && npm ci --prefix distribution/src/test/js" >&2; exit 1; }
mvn -B -q -f "$ROOT/benchmarks/grpc-load/pom.xml" package >/dev/null
[ -d "$ROOT/scripts/bench/node_modules/@grpc/grpc-js" ] || npm ci --silent --no-audit --no-fund --prefix "$ROOT/scripts/bench"

h2load_levels() { # name round host:port: A2A gRPC SendMessage to the echo agent
  "$ROOT/scripts/bench/h2load-grpc.sh" "$3" echo 64 "$WARMUP_SECONDS" > /dev/null
  for c in 16 64; do
    echo "$1 $2 c=$c $("$ROOT/scripts/bench/h2load-grpc.sh" "$3" echo "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
  done
}
grpc_levels() { # name round mode target
  java -cp "$LOAD_CP" io.agentx.bench.GrpcLoad "$3" "$4" 64 15 > /dev/null
  for c in 16 64; do
    echo "$1 $2 c=$c $(java -cp "$LOAD_CP" io.agentx.bench.GrpcLoad "$3" "$4" "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
  done
}
plugins_connected() {
  curl -s -u admin:bench "http://127.0.0.1:$1/api/v1/plugins" | python3 -c '
import json, sys
plugins = json.load(sys.stdin)["plugins"]
sys.exit(0 if len([p for p in plugins if p["connected"]]) == 2 else 1)'
}
start_agentx() { # http-port grpc-port: with a Node and a Python plugin echo agent
  agentx_copy
  cat > "$WORK/agentx/config/io.agentx.plugin~node-echo.cfg.json" <<JSON
{ "command": "node", "arguments": ["$ROOT/distribution/src/test/js/echo-plugin.mjs"], "workingDirectory": "$ROOT/distribution/src/test/js" }
JSON
  cat > "$WORK/agentx/config/io.agentx.plugin~py-echo.cfg.json" <<JSON
{ "command": "/usr/bin/python3", "arguments": ["$ROOT/distribution/src/test/plugins/echo_plugin.py"], "environment": ["PYTHONPATH=$ROOT/sdks/python"] }
JSON
  agentx_run "$1" "$2"
  for _ in $(seq 1 300); do plugins_connected "$1" && return 0; sleep 0.1; done
  echo "the plugins did not connect" >&2; exit 1
}
start_bare() { # node|python port
  if [ "$1" = node ]; then PORT=$2 node "$ROOT/scripts/bench/grpc-echo-server.mjs" > "$WORK/bare.log" 2>&1 &
  else PORT=$2 /usr/bin/python3 "$ROOT/scripts/bench/grpc_echo_server.py" > "$WORK/bare.log" 2>&1 & fi
  echo $! > "$WORK/server.pid"
  until grep -q "echo on" "$WORK/bare.log"; do sleep 0.1; done
}

machine "node $(node --version), $(/usr/bin/python3 --version)"
for round in $(seq "$ROUNDS"); do
  http=$(free_port); grpc=$(free_port); start_agentx "$http" "$grpc"
  URL="http://127.0.0.1:$http/agents/node-echo"; wrk_levels plugin-node "$round" 16 64
  URL="http://127.0.0.1:$http/agents/py-echo"; wrk_levels plugin-python "$round" 16 64
  URL="http://127.0.0.1:$http/agents/echo"; wrk_levels jsonrpc-echo "$round" 16 64
  h2load_levels grpc-echo "$round" "127.0.0.1:$grpc"
  stop_pid agentx
  port=$(free_port); start_bare node "$port"; grpc_levels bare-node "$round" echo "127.0.0.1:$port"; stop_pid server
  port=$(free_port); start_bare python "$port"; grpc_levels bare-python "$round" echo "127.0.0.1:$port"; stop_pid server
done
summarize plugins
