#!/usr/bin/env bash
# The A2A gRPC binding against the JSON-RPC transport: SendMessage to the in-kernel echo agent on one AgentX,
# over gRPC (h2load, one call in flight per connection) and over JSON-RPC (wrk, unique message ids), in
# alternating pairs (G J G J …) so that both see the same machine, at 16 and 64 connections.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk and h2load (apt-get install wrk nghttp2-client).
# Usage: scripts/bench-grpc.sh [pairs=3] [seconds=10]   (WARMUP_SECONDS, default 60: both transports, before)
set -euo pipefail
PAIRS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"

require wrk h2load
http=$(free_port); grpc=$(free_port)
agentx_copy # the in-memory task store: the transports are what is compared
agentx_run "$http" "$grpc"
URL="http://127.0.0.1:$http/agents/echo"
sample_check

grpc_load() { "$ROOT/scripts/bench/h2load-grpc.sh" "127.0.0.1:$grpc" echo "$1" "$2"; }

machine
grpc_load 64 "$WARMUP_SECONDS" > /dev/null
wrk_line 64 "$WARMUP_SECONDS" > /dev/null
for pair in $(seq "$PAIRS"); do
  for c in 16 64; do
    echo "grpc $pair c=$c $(grpc_load "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
    echo "jsonrpc $pair c=$c $(wrk_line "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
  done
done
summarize grpc
