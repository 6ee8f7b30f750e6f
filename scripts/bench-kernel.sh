#!/usr/bin/env bash
# Kernel benchmarks: start to ready (empty and warm cache), hot-deploy latency (install, update, uninstall
# through deploy/), idle RSS. Needs a built distribution: mvn -B -q install -DskipTests
# Usage: scripts/bench-kernel.sh [rounds]   (figures go to stdout; copy them into docs/benchmarks.md)
set -euo pipefail
ROUNDS=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/common.sh
. "$ROOT/scripts/bench/common.sh"
DIST="$ROOT/distribution/target/agentx"
on_exit() { pkill -f "agentx.home=$WORK/home" 2>/dev/null || true; }

require curl
PORT=$(free_port)
export AGENTX_HTTP_PORT=$PORT AGENTX_ADMIN_PASSWORD=bench
BASE=http://127.0.0.1:$PORT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { date +%s%3N; }

start() { "$WORK/home/bin/agentx" run > "$WORK/console.txt" 2>&1 & echo $! > "$WORK/pid"; }
await_ready_line() { until grep -q "ready on http" "$WORK/console.txt"; do sleep 0.01; done; grep 'ready on http' "$WORK/console.txt" | grep -o '[0-9]* ms)' | tr -dc 0-9; }
stop() { kill -TERM "$(cat "$WORK/pid")"; wait "$(cat "$WORK/pid")" 2>/dev/null || true; }
await_http() { # path status text
  until [ "$(curl -s -o "$WORK/body" -w '%{http_code}' "$BASE$1")" = "$2" ] && grep -q "$3" "$WORK/body"; do sleep 0.002; done; }

# versioned copies of the example bundle
python3 - "$DIST/examples/agentx-examples.jar" "$WORK" <<'PY'
import sys, zipfile
src, work = sys.argv[1], sys.argv[2]
for v in ("7.0.0", "7.1.0"):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(f"{work}/hello-{v}.jar", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "META-INF/MANIFEST.MF":
                lines = [l if not l.startswith("Bundle-Version:") else f"Bundle-Version: {v}" for l in data.decode().split("\r\n")]
                data = "\r\n".join(lines).encode()
            zout.writestr(item, data)
PY

machine
cold=(); warm=()
for i in $(seq "$ROUNDS"); do
  rm -rf "$WORK/home"; cp -r "$DIST" "$WORK/home"
  start; cold+=("$(await_ready_line)"); stop
  start; warm+=("$(await_ready_line)"); stop
done
echo "start to ready, empty cache (ms, median of $ROUNDS): $(printf '%s\n' "${cold[@]}" | median)  all: ${cold[*]}"
echo "start to ready, warm cache  (ms, median of $ROUNDS): $(printf '%s\n' "${warm[@]}" | median)  all: ${warm[*]}"

start; await_ready_line > /dev/null
sleep 5
echo "idle RSS 5 s after start (MB): $(( $(ps -o rss= -p "$(cat "$WORK/pid")") / 1024 ))"
inst=(); upd=(); uninst=()
for i in $(seq "$ROUNDS"); do
  t=$(now_ms); cp "$WORK/hello-7.0.0.jar" "$WORK/home/deploy/.hello.tmp"; mv "$WORK/home/deploy/.hello.tmp" "$WORK/home/deploy/hello.jar"
  await_http /hello 200 "7.0.0"; inst+=($(( $(now_ms) - t )))
  t=$(now_ms); cp "$WORK/hello-7.1.0.jar" "$WORK/home/deploy/.hello.tmp"; mv "$WORK/home/deploy/.hello.tmp" "$WORK/home/deploy/hello.jar"
  await_http /hello 200 "7.1.0"; upd+=($(( $(now_ms) - t )))
  t=$(now_ms); rm "$WORK/home/deploy/hello.jar"
  await_http /hello 404 ""; uninst+=($(( $(now_ms) - t )))
done
echo "hot deploy install   (ms, median of $ROUNDS): $(printf '%s\n' "${inst[@]}" | median)  all: ${inst[*]}"
echo "hot deploy update    (ms, median of $ROUNDS): $(printf '%s\n' "${upd[@]}" | median)  all: ${upd[*]}"
echo "hot deploy uninstall (ms, median of $ROUNDS): $(printf '%s\n' "${uninst[@]}" | median)  all: ${uninst[*]}"
sleep 5
echo "idle RSS 5 s after the hot-deploy rounds (MB): $(( $(ps -o rss= -p "$(cat "$WORK/pid")") / 1024 ))"
stop
