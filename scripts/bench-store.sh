#!/usr/bin/env bash
# What the durable task store costs: SendMessage throughput of AgentX (echo agent, JSON-RPC 1.0, blocking) with
# the in-memory store (the store bundle removed), the embedded H2 store (the default) and PostgreSQL, measured in
# the same run, A B C A B C …, with wrk at 1, 16 and 64 connections and unique message ids.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), and for PostgreSQL
# Debian's postgresql package (this script starts a throwaway server with scripts/postgres-for-tests.sh).
# Usage: scripts/bench-store.sh [rounds=3] [seconds=10]      (env: WARMUP_SECONDS=60)
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"
# (not under $WORK: the server may run as the postgres user, which cannot enter a private mktemp folder)
export AGENTX_PG_DIR="/tmp/agentx-bench-pg-$$" AGENTX_PG_PORT=${AGENTX_PG_PORT:-55433}
on_exit() { "$ROOT/scripts/postgres-for-tests.sh" stop; }

require wrk
eval "$("$ROOT/scripts/postgres-for-tests.sh" start)"
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql"

start_agentx() { # store port
  BENCH_STORE=durable agentx_copy
  case "$1" in
    memory) rm "$WORK/agentx/bundles/"agentx-store-*.jar ;;
    postgresql)
      PGPASSWORD=$AGENTX_TEST_PG_PASSWORD "$PSQL" -q -h 127.0.0.1 -p "$AGENTX_PG_PORT" -U "$AGENTX_TEST_PG_USER" -d agentx_test \
        -c 'DROP TABLE IF EXISTS agentx_push_outbox, agentx_push_config, agentx_task_event, agentx_task, agentx_schema_version'
      printf 'url=%s\nuser=%s\npassword=%s\n' "$AGENTX_TEST_PG_URL" "$AGENTX_TEST_PG_USER" "$AGENTX_TEST_PG_PASSWORD" \
        > "$WORK/agentx/config/io.agentx.store.cfg" ;;
  esac
  agentx_run "$2"
  if [ "$1" = postgresql ]; then until grep -q "Task store connected to jdbc:postgresql" "$WORK/agentx.log"; do sleep 0.1; done; fi
  URL="http://127.0.0.1:$2/agents/echo"
}

machine
for round in $(seq "$ROUNDS"); do
  for store in memory h2 postgresql; do
    start_agentx "$store" "$(free_port)"; wrk_levels "$store" "$round" 1 16 64
    [ "$store" = memory ] || grep -q "jdbc:" "$WORK/agentx.log" || { echo "the $store run did not use the store" >&2; exit 1; }
    stop_pid agentx
  done
done
summarize store
