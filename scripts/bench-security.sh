#!/usr/bin/env bash
# What security costs end to end: SendMessage throughput and latency of one AgentX (echo agent, JSON-RPC 1.0,
# in-memory task store) with security off, with an API key, and with a JWT bearer token (HS256, verified once
# and then cached), switched live through the management API, off apikey jwt off apikey jwt … in the same run.
# wrk at 16 and 64 connections, unique message ids, after a 15 s warm-up.
#
# Needs: a built distribution (mvn -B -q install -DskipTests), wrk (apt-get install wrk), python3, curl.
# Usage: scripts/bench-security.sh [rounds=3] [seconds=10]
set -euo pipefail
ROUNDS=${1:-3}
SECONDS_PER_LEVEL=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"
SECRET="bench-hmac-secret-of-at-least-32-bytes!"

require wrk
agentx_copy # the protocol and security path, not the database
PORT=$(free_port)
agentx_run "$PORT"
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
measure() { # mode round
  sample_check
  for c in 16 64; do
    echo "$1 $2 c=$c $(wrk_line "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
  done
}

machine
configure false
wrk -t2 -c16 -d15s -s "$LUA" "$URL" > /dev/null 2>&1      # JIT warm-up
for round in $(seq "$ROUNDS"); do
  configure false; unset AGENTX_BEARER_TOKEN; measure off "$round"
  configure true; measure apikey "$round"
  export AGENTX_BEARER_TOKEN=$TOKEN; measure jwt "$round"; unset AGENTX_BEARER_TOKEN
done

summarize security
