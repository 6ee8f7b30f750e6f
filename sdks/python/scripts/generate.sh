#!/usr/bin/env bash
# Regenerates agentx_plugin/_proto/ from the canonical protos of the AgentX gRPC bundle.
#
#   sdks/python/scripts/generate.sh
#
# Needs protoc 25.9 (the version the checked-in code was generated with). It is looked up in $PROTOC, then in the
# local Maven repository (the protoc artifact the Java build downloads), then on PATH. The well-known types
# (google/protobuf/*.proto) come from $PROTOC_INCLUDE, /tmp/wkt, protoc's own include directory, or are extracted
# from the protobuf-java jar in the local Maven repository.
#
# The generated modules import each other with absolute imports (`from lf.a2a.v1 import a2a_pb2`); they are
# flattened into one package and rewritten to relative imports so that agentx_plugin is self-contained.
set -euo pipefail

PROTOC_VERSION="25.9"
SDK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROTO_DIR="$(cd "$SDK_DIR/../../bundles/grpc/src/main/proto" && pwd)"
OUT_DIR="$SDK_DIR/agentx_plugin/_proto"
M2="${M2_REPO:-$HOME/.m2/repository}"
SOURCES=(lf/a2a/v1/a2a.proto agentx/plugin/v1/plugin.proto)

die() { echo "generate.sh: $*" >&2; exit 1; }

platform() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; *) os=unknown ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x86_64 ;; aarch64|arm64) arch=aarch_64 ;; *) arch=unknown ;; esac
  echo "$os-$arch"
}

find_protoc() {
  local candidate
  for candidate in "${PROTOC:-}" \
      "$M2/com/google/protobuf/protoc/3.$PROTOC_VERSION/protoc-3.$PROTOC_VERSION-$(platform).exe" \
      "$(command -v protoc || true)"; do
    [[ -n "$candidate" && -f "$candidate" ]] || continue
    [[ -x "$candidate" ]] || chmod +x "$candidate" 2>/dev/null || continue
    if [[ "$("$candidate" --version)" == "libprotoc $PROTOC_VERSION" ]]; then echo "$candidate"; return; fi
    echo "generate.sh: skipping $candidate ($("$candidate" --version), need libprotoc $PROTOC_VERSION)" >&2
  done
  die "protoc $PROTOC_VERSION not found: set PROTOC, or run the Maven build of bundles/grpc once so that it downloads it"
}

find_wkt() {
  local dir jar
  for dir in "${PROTOC_INCLUDE:-}" /tmp/wkt "$(dirname "$PROTOC_BIN")/../include"; do
    [[ -n "$dir" && -f "$dir/google/protobuf/struct.proto" ]] && { echo "$dir"; return; }
  done
  jar="$(ls "$M2"/com/google/protobuf/protobuf-java/*/protobuf-java-*.jar 2>/dev/null | grep -v -- '-sources\|-javadoc' | sort -V | tail -1 || true)"
  [[ -n "$jar" ]] || die "no well-known types: set PROTOC_INCLUDE to a directory holding google/protobuf/*.proto"
  dir="$WORK/wkt"
  mkdir -p "$dir"
  /usr/bin/env python3 - "$jar" "$dir" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar:
    for name in jar.namelist():
        if name.startswith("google/protobuf/") and name.endswith(".proto"):
            jar.extract(name, sys.argv[2])
PY
  echo "$dir"
}

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PROTOC_BIN="$(find_protoc)"
WKT_DIR="$(find_wkt)"

(cd "$PROTO_DIR" && "$PROTOC_BIN" -I. -I"$WKT_DIR" --python_out="$WORK" --pyi_out="$WORK" "${SOURCES[@]}")

mkdir -p "$OUT_DIR"
for ext in py pyi; do
  cp "$WORK/lf/a2a/v1/a2a_pb2.$ext" "$OUT_DIR/a2a_pb2.$ext"
  cp "$WORK/agentx/plugin/v1/plugin_pb2.$ext" "$OUT_DIR/plugin_pb2.$ext"
done
# Absolute imports between the generated modules become relative ones; the module names the classes report
# become the package's.
sed -i \
  -e 's/^from lf\.a2a\.v1 import a2a_pb2 /from . import a2a_pb2 /' \
  -e "s/'lf\.a2a\.v1\.a2a_pb2'/'agentx_plugin._proto.a2a_pb2'/" \
  -e "s/'agentx\.plugin\.v1\.plugin_pb2'/'agentx_plugin._proto.plugin_pb2'/" \
  "$OUT_DIR"/*_pb2.py "$OUT_DIR"/*_pb2.pyi
if grep -n '^from \(lf\|agentx\)\.' "$OUT_DIR"/*_pb2.py "$OUT_DIR"/*_pb2.pyi; then
  die "absolute imports left in the generated code (see above)"
fi

# Fingerprint of the sources, checked by tests/test_generated.py to catch stale generated code.
(cd "$PROTO_DIR" && sha256sum "${SOURCES[@]}") > "$OUT_DIR/SOURCES.sha256"
echo "generated $(ls "$OUT_DIR" | tr '\n' ' ')with $("$PROTOC_BIN" --version)"
