# Shared by the scripts/bench-*.sh (sourced once ROOT is set): a work folder that is removed on exit together with
# every process whose pid file is in it, tool checks, free ports, a fresh AgentX from the built distribution, and
# the sample request that proves a server really answers before it is measured.

# every A2A call needs credentials: the load generators send this key, AgentX accepts it
export AGENTX_API_KEY=${AGENTX_API_KEY:-bench-$(date +%s)-key}
WORK=$(mktemp -d)
RESULTS="$WORK/results.txt"
LUA="$ROOT/scripts/bench/send-message.lua"

# Stops each process named by a $WORK/*.pid file, runs the script's own on_exit if it has one, removes $WORK.
bench_cleanup() {
  for file in "$WORK"/*.pid; do
    [ -e "$file" ] && stop_pid "$(basename "$file" .pid)"
  done
  if declare -F on_exit > /dev/null; then on_exit || true; fi
  rm -rf "$WORK"
}
trap bench_cleanup EXIT

require() { # tool…: exits naming the Debian package of the first tool missing, or if AgentX is not built
  local tool package
  for tool in "$@"; do
    command -v "$tool" > /dev/null && continue
    case $tool in h2load | nghttp) package=nghttp2-client ;; *) package=$tool ;; esac
    echo "$tool is missing: apt-get install $package" >&2
    exit 1
  done
  [ -x "$ROOT/distribution/target/agentx/bin/agentx" ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
}

machine() { # extra words…: the line every result file starts with
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1),${*:+ $*,} commit $(git -C "$ROOT" rev-parse --short HEAD)"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() { # url: until it answers at all (30 s at most)
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2
  return 1
}

stop_pid() { # name: stops the process of $WORK/name.pid and waits for it
  local pid
  pid=$(cat "$WORK/$1.pid" 2> /dev/null) || return 0
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  rm -f "$WORK/$1.pid"
}

agentx_copy() { # a fresh $WORK/agentx; on the in-memory task store unless BENCH_STORE=durable (see bench-store.sh)
  rm -rf "$WORK/agentx"
  cp -r "$ROOT/distribution/target/agentx" "$WORK/agentx"
  [ "${BENCH_STORE:-memory}" = durable ] || rm -f "$WORK/agentx/bundles/"agentx-store-*.jar
}

agentx_run() { # http-port [grpc-port]: starts $WORK/agentx (pid file agentx.pid), returns once it says it is ready
  env AGENTX_HTTP_PORT="$1" ${2:+AGENTX_GRPC_PORT="$2"} AGENTX_ADMIN_PASSWORD=bench AGENTX_API_KEY="$AGENTX_API_KEY" \
    "$WORK/agentx/bin/agentx" run > "$WORK/agentx.log" 2>&1 &
  echo $! > "$WORK/agentx.pid"
  for _ in $(seq 1 600); do
    grep -q "ready on http" "$WORK/agentx.log" && return 0
    sleep 0.1
  done
  echo "AgentX did not start within 60 s:" >&2
  tail -20 "$WORK/agentx.log" >&2
  exit 1
}

sample_check() { # [url, default $URL]: a completed task echoing the text, before anything is measured
  local url=${1:-$URL} auth=(-H "X-API-Key: $AGENTX_API_KEY")
  [ -n "${AGENTX_BEARER_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $AGENTX_BEARER_TOKEN")
  curl -s "$url" "${auth[@]}" -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' \
    -d '{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"check-'"$RANDOM"'","role":"ROLE_USER","parts":[{"text":"hello benchmark"}]}}}' \
    > "$WORK/sample.json"
  grep -q '"TASK_STATE_COMPLETED"' "$WORK/sample.json" && grep -q '"hello benchmark"' "$WORK/sample.json" && return 0
  echo "$url does not answer SendMessage with a completed task echoing the text:" >&2
  head -c 600 "$WORK/sample.json" >&2
  exit 1
}

wrk_line() { # connections seconds [url, default $URL]: one wrk run (one thread per connection up to 2), as a result line
  local threads=2 out
  [ "$1" = 1 ] && threads=1
  out=$(wrk -t"$threads" -c"$1" -d"$2s" -s "$LUA" "${3:-$URL}" 2>&1)
  grep -q '^requests=' <<< "$out" || { echo "wrk failed: $out" >&2; exit 1; }
  grep -E '^(requests|mean)=' <<< "$out" | paste -sd' '
}

summarize() { # benchmark: the medians and goals of $RESULTS (scripts/bench/summarize.py)
  echo
  python3 "$ROOT/scripts/bench/summarize.py" "$1" "$RESULTS"
}

# WARMUP_SECONDS (default 60): load at 64 connections before measuring. On a 2-core machine C2 keeps compiling for a
# minute or more (with the H2 store, throughput still rose after 90 s); a short warm-up understates AgentX.
WARMUP_SECONDS=${WARMUP_SECONDS:-60}

wrk_levels() { # variant round level…: SendMessage to $URL: the sample check, the warm-up, one result line per level
  sample_check
  wrk -t2 -c64 -d"${WARMUP_SECONDS}s" -s "$LUA" "$URL" > /dev/null 2>&1
  for c in "${@:3}"; do
    echo "$1 $2 c=$c $(wrk_line "$c" "$SECONDS_PER_LEVEL")" | tee -a "$RESULTS"
  done
}
