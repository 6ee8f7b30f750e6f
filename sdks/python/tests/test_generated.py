"""The checked-in generated code must match the canonical protos (regenerate with scripts/generate.sh)."""

import hashlib
import os
import platform
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2

from agentx_plugin._proto import a2a_pb2, plugin_pb2

SDK_DIR = Path(__file__).resolve().parent.parent
PROTO_ROOT = SDK_DIR.parent.parent / "bundles" / "grpc" / "src" / "main" / "proto"
GENERATED = SDK_DIR / "agentx_plugin" / "_proto"
MODULES = {"lf/a2a/v1/a2a.proto": a2a_pb2, "agentx/plugin/v1/plugin.proto": plugin_pb2}
PROTOC_VERSION = "25.9"
M2 = Path(os.environ.get("M2_REPO", Path.home() / ".m2" / "repository"))

needs_sources = pytest.mark.skipif(not PROTO_ROOT.is_dir(), reason=f"no canonical protos at {PROTO_ROOT}")


@needs_sources
def test_generated_code_was_made_from_the_current_protos():
    recorded = {}
    for line in (GENERATED / "SOURCES.sha256").read_text().splitlines():
        digest, name = line.split()
        recorded[name] = digest
    current = {name: hashlib.sha256((PROTO_ROOT / name).read_bytes()).hexdigest() for name in MODULES}
    assert recorded == current, "the protos changed: run sdks/python/scripts/generate.sh"


@needs_sources
def test_generated_descriptors_equal_protoc_output(tmp_path):
    protoc = _find_protoc()
    if protoc is None:
        pytest.skip(f"protoc {PROTOC_VERSION} not found (set PROTOC)")
    include = _well_known_types(protoc, tmp_path)
    if include is None:
        pytest.skip("no google/protobuf/*.proto to compile with (set PROTOC_INCLUDE)")
    descriptor_set = tmp_path / "set.pb"
    subprocess.run([protoc, f"-I{PROTO_ROOT}", f"-I{include}", f"--descriptor_set_out={descriptor_set}", *MODULES],
                   check=True, cwd=PROTO_ROOT)
    compiled = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set.read_bytes())
    for expected in compiled.file:
        _clear_json_names(expected.message_type)  # descriptor sets carry them, generated code does not
        generated = descriptor_pb2.FileDescriptorProto.FromString(MODULES[expected.name].DESCRIPTOR.serialized_pb)
        assert generated == expected, f"{expected.name} is stale: run sdks/python/scripts/generate.sh"


def _find_protoc():
    arch = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch_64", "arm64": "aarch_64"}.get(
        platform.machine().lower(), "unknown")
    system = {"Linux": "linux", "Darwin": "osx"}.get(platform.system(), "unknown")
    maven = M2 / "com/google/protobuf/protoc" / f"3.{PROTOC_VERSION}" / f"protoc-3.{PROTOC_VERSION}-{system}-{arch}.exe"
    for candidate in (os.environ.get("PROTOC"), str(maven), shutil.which("protoc")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            version = subprocess.run([candidate, "--version"], capture_output=True, text=True).stdout.strip()
            if version == f"libprotoc {PROTOC_VERSION}":
                return candidate
    return None


def _well_known_types(protoc: str, scratch: Path):
    for directory in (os.environ.get("PROTOC_INCLUDE"), "/tmp/wkt", str(Path(protoc).parent.parent / "include")):
        if directory and (Path(directory) / "google/protobuf/struct.proto").is_file():
            return directory
    jars = sorted(M2.glob("com/google/protobuf/protobuf-java/*/protobuf-java-*[0-9].jar"))
    if not jars:
        return None
    with zipfile.ZipFile(jars[-1]) as jar:
        for name in jar.namelist():
            if name.startswith("google/protobuf/") and name.endswith(".proto"):
                jar.extract(name, scratch / "wkt")
    return str(scratch / "wkt")


def _clear_json_names(messages):
    for message in messages:
        for field in message.field:
            field.ClearField("json_name")
        _clear_json_names(message.nested_type)
