#!/usr/bin/env bash
# A2A gRPC SendMessage load with h2load (Debian's nghttp2-client), a C load generator like wrk: the grpc-java
# client (benchmarks/grpc-load) needs more CPU per call than the server it drives on a 2-core machine.
# Every request is the same SendMessageRequest (text "hello benchmark" to the agent named by its tenant field):
# AgentX starts a new task for each, as for wrk's unique message ids. One call in flight per connection, as wrk.
# Checks one answer first (grpc-status 0, the text echoed), then prints the wrk scripts' result line.
# Usage: scripts/bench/h2load-grpc.sh host:port agent connections seconds   (AGENTX_API_KEY: the key to send)
set -euo pipefail
TARGET=$1 AGENT=$2 CONNECTIONS=$3 SECONDS_TO_RUN=$4
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install nghttp2-client" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$AGENT" "$WORK/request" <<'PY'
import struct, sys
def varint(n):
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([low])
        out += bytes([low | 0x80])
def field(number, data):  # a length-delimited protobuf field
    return varint(number << 3 | 2) + varint(len(data)) + data
part = field(1, b"hello benchmark")                                           # Part.text
message = field(1, b"h2load-message") + varint(4 << 3) + varint(1) + field(5, part)  # message_id, ROLE_USER, parts
request = field(1, sys.argv[1].encode()) + field(2, message)                  # tenant (the agent), message
open(sys.argv[2], "wb").write(b"\0" + struct.pack(">I", len(request)) + request)  # gRPC length-prefixed frame
PY

URL="http://$TARGET/lf.a2a.v1.A2AService/SendMessage"
HEADERS=(-H 'content-type: application/grpc' -H 'te: trailers' -H "x-api-key: ${AGENTX_API_KEY:-}")
sample=$(nghttp -v -d "$WORK/request" "${HEADERS[@]}" "$URL" 2>&1 | tr -d '\0')
grep -q 'grpc-status: 0' <<< "$sample" && grep -q 'hello benchmark' <<< "$sample" \
  || { echo "$URL does not answer SendMessage with a task echoing the text:"; echo "$sample" | tail -5; exit 1; } >&2

h2load -c "$CONNECTIONS" -m 1 -t 2 -D "$SECONDS_TO_RUN" -d "$WORK/request" "${HEADERS[@]}" \
  --log-file "$WORK/log" "$URL" > "$WORK/out"
python3 - "$WORK/out" "$WORK/log" <<'PY'
import re, sys
out = open(sys.argv[1]).read()
seconds, rps = re.search(r"finished in ([\d.]+)s, ([\d.]+) req/s", out).groups()
done, failed = re.search(r"requests: \d+ total, \d+ started, (\d+) done, \d+ succeeded, (\d+) failed", out).groups()
non2xx = sum(int(n) for n in re.search(r"status codes: \d+ 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", out).groups())
latencies = sorted(int(line.split()[2]) for line in open(sys.argv[2]) if line.strip())  # start, status, µs
pick = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))] / 1000 if latencies else 0
print(f"requests={done} rps={float(rps):.0f} p50={pick(0.50):.2f}ms p99={pick(0.99):.2f}ms "
      f"non2xx={non2xx + int(failed)} socket_errors=0")
PY
