# Shared by bench-a2a.sh and bench-store.sh (sourced): SendMessage to $URL with wrk at 1, 16 and 64 connections.
# Needs: LUA (the wrk script), URL, SECONDS_PER_LEVEL, RESULTS (the file each result line is appended to).
# WARMUP_SECONDS (default 60): load at 64 connections before measuring. On a 2-core machine C2 keeps compiling
# for a minute or more (with the H2 store, throughput still rose after 90 s); a short warm-up understates AgentX.
WARMUP_SECONDS=${WARMUP_SECONDS:-60}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

sample_check() { # a real success before measuring: a completed task echoing the text
  curl -s "$URL" -H "X-API-Key: ${AGENTX_API_KEY:-}" -H 'Content-Type: application/json' -H 'A2A-Version: 1.0' -d '{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{"message":{"messageId":"check-'"$RANDOM"'","role":"ROLE_USER","parts":[{"text":"hello benchmark"}]}}}' \
    | grep -q '"TASK_STATE_COMPLETED"' || { echo "$URL does not answer SendMessage with a completed task" >&2; exit 1; }
}

measure() { # name round: the JIT warm-up, then each connection level; one result line per level
  sample_check
  wrk -t2 -c64 -d"${WARMUP_SECONDS}s" -s "$LUA" "$URL" > /dev/null 2>&1
  for c in 1 16 64; do
    threads=$([ "$c" = 1 ] && echo 1 || echo 2)
    line=$(wrk -t"$threads" -c"$c" -d"${SECONDS_PER_LEVEL}s" -s "$LUA" "$URL" 2>&1 | grep '^requests=')
    echo "$1 $2 c=$c $line" | tee -a "$RESULTS"
  done
}
