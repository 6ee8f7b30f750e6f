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
SCRIPTS="$ROOT/distribution/src/test/js/frameworks"
WORK=$(mktemp -d)
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
cleanup() { kill "$(cat "$WORK/server.pid" 2>/dev/null)" 2>/dev/null || true; sleep 1; rm -rf "$WORK"; }
trap cleanup EXIT

[ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
[ -d "$ROOT/distribution/src/test/js/node_modules/@langchain/langgraph" ] \
  || { echo "install the test scripts' packages: npm ci --prefix sdks/node && npm ci --prefix distribution/src/test/js" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
[ "$STORE" = memory ] && rm -f "$WORK/agentx/bundles/"agentx-store-*.jar   # the in-memory task store
PORT=$(free_port)
echo "{\"port\": $(free_port)}" > "$WORK/agentx/config/io.agentx.grpc.cfg.json"
for framework in langchain langgraph mastra; do
  cat > "$WORK/agentx/config/io.agentx.plugin~$framework-agents.cfg.json" <<JSON
{"framework": "$framework", "script": "$SCRIPTS/$framework-agents.mjs", "workingDirectory": "$SCRIPTS",
 "environment": ["API_KEY=$AGENTX_API_KEY", "AGENTX_URL=http://127.0.0.1:$PORT"]}
JSON
done
AGENTX_HTTP_PORT=$PORT AGENTX_ADMIN_PASSWORD=bench "$WORK/agentx/bin/agentx" run > "$WORK/agentx.log" 2>&1 &
echo $! > "$WORK/server.pid"
until grep -q "ready on http" "$WORK/agentx.log"; do sleep 0.1; done
for agent in lc-delegate lg-weather mastra-weather; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/agents/$agent/.well-known/agent-card.json")" = 200 ]; do
    sleep 0.2
  done
done

echo "store: $STORE; machine: $(nproc) cores, $(java -version 2>&1 | head -1), node $(node --version), commit $(git -C "$ROOT" rev-parse --short HEAD)"
(cd "$SCRIPTS" && AGENTX_URL="http://127.0.0.1:$PORT" API_KEY="$AGENTX_API_KEY" TURNS="$TURNS" node frameworks-bench.mjs)
