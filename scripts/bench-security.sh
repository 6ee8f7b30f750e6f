#!/usr/bin/env bash
# What security costs end to end: SendMessage throughput and latency of one AgentX (echo agent, JSON-RPC 1.0,
# in-memory task store) with security off, with an API key, and with a JWT bearer token (HS256, verified once
# and then cached), switched live through the management API, off apikey jwt off apikey jwt … in the same run.
# wrk at 16 and 64 connections, unique message ids, after a 15 s warm-up.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), python3, curl.
# Usage: scripts/bench-security.sh [rounds=3] [seconds=10]
set -euo pipefail
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LUA="$ROOT/scripts/bench/send-message.lua"
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
SECRET="bench-hmac-secret-of-at-least-32-bytes!"
cleanup() { kill "$(cat "$WORK/server.pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
rm -f "$WORK/agentx/bundles/"agentx-store-*.jar     # the protocol and security path, not the database
PORT=$(free_port)
AGENTX_HTTP_PORT=$PORT AGENTX_ADMIN_PASSWORD=bench AGENTX_API_KEY="$AGENTX_API_KEY" "$WORK/agentx/bin/agentx" run \
  > "$WORK/agentx.log" 2>&1 &
echo $! > "$WORK/server.pid"
until grep -q "ready on http" "$WORK/agentx.log"; do sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
URL="$BASE/agents/echo"

TOKEN=$(python3 - "$SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time
b64 = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()
header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = b64(json.dumps({"iss": "https://idp.bench", "aud": "agentx", "sub": "bench", "exp": int(time.time()) + 86400}).encode())
signature = b64(hmac.new(sys.argv[1].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())
print(f"{header}.{claims}.{signature}")
PY
)

configure() { # enforce: true|false; waits until a call shows the new setting applies
  curl -sf -u admin:bench -X PUT -H 'Content-Type: application/json' "$BASE/api/v1/configurations/io.agentx.security" \
    -d '{"enforce": '"$1"', "jwtIssuer": "https://idp.bench", "jwtAudiences": ["agentx"], "jwtHmacSecret": "'"$SECRET"'"}' > /dev/null
  local expected=$([ "$1" = true ] && echo 401 || echo 200)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL" -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' \
      -d '{"jsonrpc":"2.0","id":1,"method":"GetTask","params":{"id":"none"}}')" = "$expected" ]; do sleep 0.1; done
}
sample_check() {
  local auth=(-H "X-API-Key: $AGENTX_API_KEY")
  [ -n "${AGENTX_BEARER_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $AGENTX_BEARER_TOKEN")
  curl -s "$URL" "${auth[@]}" -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' \
    -d '{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"check-'"$RANDOM"'","role":"ROLE_USER","parts":[{"text":"hello benchmark"}]}}}' \
    | grep -q '"TASK_STATE_COMPLETED"' || { echo "$1: SendMessage does not complete" >&2; exit 1; }
}
measure() { # mode round
  sample_check "$1"
  for c in 16 64; do
    line=$(wrk -t2 -c"$c" -d"${SECONDS_PER_LEVEL}s" -s "$LUA" "$URL" 2>&1 | grep '^requests=')
    echo "$1 $2 c=$c $line" | tee -a "$RESULTS"
  done
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD)"
configure false
wrk -t2 -c16 -d15s -s "$LUA" "$URL" > /dev/null 2>&1      # JIT warm-up
for round in $(seq "$ROUNDS"); do
  configure false; unset AGENTX_BEARER_TOKEN; measure off "$round"
  configure true; measure apikey "$round"
  export AGENTX_BEARER_TOKEN=$TOKEN; measure jwt "$round"; unset AGENTX_BEARER_TOKEN
done

echo; echo "medians over $ROUNDS rounds (requests/s, p99 ms):"
for mode in off apikey jwt; do
  for c in 16 64; do
    grep "^$mode .* c=$c " "$RESULTS" | sed -E 's/.*rps=([0-9]+) .*p99=([0-9.]+)ms.*/\1 \2/' | sort -n \
      | awk -v m="$mode" -v c="$c" '{r[NR]=$1; p[NR]=$2} END {printf "%-7s c=%-3s rps=%s p99=%s\n", m, c, r[int((NR+1)/2)], p[int((NR+1)/2)]}'
  done
done
