#!/usr/bin/env bash
# End-to-end latency of a cross-framework conversation through one AgentX: a LangChain.js agent delegates to a
# LangGraph.js agent whose tool asks a Mastra agent (distribution/src/test/js/frameworks, offline fake models),
# each a plugin process started by AgentX's supervisor from framework + script. p50/p99 over TURNS sequential
# turns after a warm-up, for one (Mastra), two (LangGraph.js → Mastra) and three agents (the whole conversation).
#
# Needs: a built distribution (mvn -B -q install -DskipTests), npm ci in sdks/node and distribution/src/test/js.
# Usage: scripts/bench-frameworks.sh [turns=1000] [store=h2|memory]
set -euo pipefail
TURNS=${1:-1000}
STORE=${2:-h2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"
SCRIPTS="$ROOT/distribution/src/test/js/frameworks"

require node
[ -d "$ROOT/distribution/src/test/js/node_modules/@langchain/langgraph" ] \
  || { echo "install the test scripts' packages: npm ci --prefix sdks/node && npm ci --prefix distribution/src/test/js" >&2; exit 1; }

BENCH_STORE=$([ "$STORE" = memory ] && echo memory || echo durable) agentx_copy
PORT=$(free_port)
for framework in langchain langgraph mastra; do
  cat > "$WORK/agentx/config/io.agentx.plugin~$framework-agents.cfg.json" <<JSON
{"framework": "$framework", "script": "$SCRIPTS/$framework-agents.mjs", "workingDirectory": "$SCRIPTS",
 "environment": ["API_KEY=$AGENTX_API_KEY", "AGENTX_URL=http://127.0.0.1:$PORT"]}
JSON
done
agentx_run "$PORT" "$(free_port)"
for agent in lc-delegate lg-weather mastra-weather; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/agents/$agent/.well-known/agent-card.json")" = 200 ]; do
    sleep 0.2
  done
done

echo "store: $STORE; $(machine "node $(node --version)")"
(cd "$SCRIPTS" && AGENTX_URL="http://127.0.0.1:$PORT" API_KEY="$AGENTX_API_KEY" TURNS="$TURNS" node frameworks-bench.mjs)
