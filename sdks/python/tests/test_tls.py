"""TLS to the kernel: server verification with a CA and a server name, mutual TLS, handshake failures in the
reconnect warning, and the checks of the settings. Certificates are made with the openssl CLI for the session."""

import asyncio
import logging
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from agentx_plugin import Plugin, TlsSettings, a2a_pb2, completed, working
from conftest import TOKEN, connected, new_plugin, run_async
from fake_kernel import FakeKernel

SERVER_NAME = "agentx.test"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
TLS_VARIABLES = ("AGENTX_PLUGIN_TLS_CA", "AGENTX_PLUGIN_TLS_CERT", "AGENTX_PLUGIN_TLS_KEY",
                 "AGENTX_PLUGIN_TLS_SERVER_NAME")


@dataclass(frozen=True)
class Pki:
    ca: Path                 # the CA that signed the certificates below
    server_cert: Path        # DNS:agentx.test
    server_key: Path
    client_cert: Path        # a client certificate from the CA, for mutual TLS
    client_key: Path
    other_ca: Path           # a CA that signed nothing here

    def read(self, name: str) -> bytes:
        return getattr(self, name).read_bytes()


def _openssl(*args: str) -> None:
    subprocess.run([OPENSSL, *args], check=True, capture_output=True, timeout=30)


def _make_ca(directory: Path, name: str):
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
             "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert),
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    return cert, key


def _make_leaf(directory: Path, name: str, ca, extension: str):
    cert, key, csr, ext = (directory / f"{name}{suffix}" for suffix in (".pem", ".key", ".csr", ".ext"))
    ext.write_text(extension + "\n")
    _openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", f"/CN={name}",
             "-keyout", str(key), "-out", str(csr))
    _openssl("x509", "-req", "-in", str(csr), "-CA", str(ca[0]), "-CAkey", str(ca[1]), "-days", "1",
             "-set_serial", str(secrets.randbits(63)), "-extfile", str(ext), "-out", str(cert))
    return cert, key


@pytest.fixture(scope="session")
def pki(tmp_path_factory) -> Pki:
    directory = tmp_path_factory.mktemp("pki")
    ca = _make_ca(directory, "ca")
    other_ca = _make_ca(directory, "other-ca")
    server = _make_leaf(directory, "server", ca, f"subjectAltName=DNS:{SERVER_NAME}")
    client = _make_leaf(directory, "client", ca, "extendedKeyUsage=clientAuth")
    return Pki(ca=ca[0], server_cert=server[0], server_key=server[1], client_cert=client[0], client_key=client[1],
               other_ca=other_ca[0])


@pytest.fixture(autouse=True)
def _no_tls_variables(monkeypatch):
    for name in TLS_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def tls_kernel(pki: Pki, require_client_auth: bool = False) -> FakeKernel:
    credentials = grpc.ssl_server_credentials(
        [(pki.read("server_key"), pki.read("server_cert"))],
        root_certificates=pki.read("ca") if require_client_auth else None,
        require_client_auth=require_client_auth)
    return FakeKernel(server_credentials=credentials)


def add_echo(plugin: Plugin) -> Plugin:
    @plugin.agent(id="py-echo")
    async def echo(request):
        yield working("on it")
        yield completed(f"echo: {request.text}")

    return plugin


async def serve_one_task(plugin: Plugin, kernel: FakeKernel):
    """Connects, runs one task through the fake kernel, stops; returns the Hello and the task's events."""
    stream = await connected(plugin, kernel)
    await stream.execute("t1", "over tls")
    events = await stream.events_until_final("t1")
    await plugin.stop()
    return stream.hello, events


def assert_echoed(hello, events) -> None:
    assert hello.token == TOKEN and [agent.agent_id for agent in hello.agents] == ["py-echo"]
    assert [event.status.state for event in events] == [a2a_pb2.TASK_STATE_WORKING, a2a_pb2.TASK_STATE_COMPLETED]
    assert events[-1].status.message.parts[0].text == "echo: over tls"


async def first_reconnect_warning(plugin: Plugin, caplog, timeout: float = 5.0) -> str:
    """Serves until the SDK logs its first reconnect warning, then stops; returns the warning."""
    serving = asyncio.create_task(plugin.serve())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while loop.time() < deadline:
            warnings = [record.getMessage() for record in caplog.records
                        if record.levelno == logging.WARNING and "reconnecting in" in record.getMessage()]
            if warnings:
                return warnings[0]
            assert not serving.done(), "serving ended without a reconnect warning"
            await asyncio.sleep(0.02)
        raise AssertionError("no reconnect warning")
    finally:
        await plugin.stop()
        await serving


# --- connecting -------------------------------------------------------------------------------------------------

def test_connects_over_tls_with_the_ca_and_the_server_name(pki):
    async def scenario():
        async with tls_kernel(pki) as kernel:
            assert kernel.url.startswith("https://127.0.0.1:")
            plugin = add_echo(new_plugin(kernel, tls=TlsSettings(ca=pki.ca, server_name=SERVER_NAME)))
            return await serve_one_task(plugin, kernel)

    assert_echoed(*run_async(scenario()))


def test_connects_over_tls_configured_by_the_environment_only(pki, monkeypatch):
    async def scenario():
        async with tls_kernel(pki) as kernel:
            monkeypatch.setenv("AGENTX_PLUGIN_URL", kernel.url)
            monkeypatch.setenv("AGENTX_PLUGIN_TOKEN", TOKEN)
            monkeypatch.setenv("AGENTX_PLUGIN_TLS_CA", str(pki.ca))
            monkeypatch.setenv("AGENTX_PLUGIN_TLS_SERVER_NAME", SERVER_NAME)
            plugin = add_echo(Plugin())
            assert plugin.tls == TlsSettings(ca=str(pki.ca), server_name=SERVER_NAME)
            return await serve_one_task(plugin, kernel)

    assert_echoed(*run_async(scenario()))


@pytest.mark.parametrize("settings, expected", [
    (lambda pki: TlsSettings(server_name=SERVER_NAME), "certificate verify failed"),       # default roots
    (lambda pki: TlsSettings(ca=pki.other_ca, server_name=SERVER_NAME), "certificate verify failed"),
    (lambda pki: TlsSettings(ca=pki.ca), "Peer name 127.0.0.1 is not in peer certificate"),  # no server name
], ids=["default-roots", "other-ca", "no-server-name"])
def test_a_failed_handshake_is_reported_in_the_reconnect_warning(pki, caplog, settings, expected):
    async def scenario():
        async with tls_kernel(pki) as kernel:
            plugin = add_echo(new_plugin(kernel, tls=settings(pki)))
            warning = await first_reconnect_warning(plugin, caplog)
            return warning, kernel.connections

    warning, connections = run_async(scenario())
    assert connections == 0
    assert "cannot connect: UNAVAILABLE" in warning and expected in warning
    assert "the TLS handshake failed" in warning and "AGENTX_PLUGIN_TLS_CA" in warning


def test_tls_to_a_plaintext_kernel_fails_with_a_warning_rather_than_hanging(caplog):
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = add_echo(Plugin("test-plugin", url=f"https://{kernel.url}", token=TOKEN))
            return await first_reconnect_warning(plugin, caplog)

    warning = run_async(scenario())
    assert "cannot connect: UNAVAILABLE" in warning and "wrong version number" in warning
    assert "the TLS handshake failed: check that AgentX serves TLS there" in warning


def test_start_gives_up_after_its_timeout_when_the_handshake_fails(pki):
    async def scenario():
        async with tls_kernel(pki) as kernel:
            plugin = add_echo(new_plugin(kernel, tls=TlsSettings(ca=pki.other_ca, server_name=SERVER_NAME)))
            with pytest.raises(TimeoutError):
                await plugin.start(timeout=0.5)

    run_async(scenario())


# --- mutual TLS -------------------------------------------------------------------------------------------------

def test_mutual_tls_accepts_a_client_certificate_from_the_ca(pki):
    async def scenario():
        async with tls_kernel(pki, require_client_auth=True) as kernel:
            settings = TlsSettings(ca=pki.read("ca"), cert=pki.read("client_cert"), key=pki.read("client_key"),
                                   server_name=SERVER_NAME)  # PEM bytes this time
            return await serve_one_task(add_echo(new_plugin(kernel, tls=settings)), kernel)

    assert_echoed(*run_async(scenario()))


def test_mutual_tls_by_the_environment(pki, monkeypatch):
    async def scenario():
        async with tls_kernel(pki, require_client_auth=True) as kernel:
            monkeypatch.setenv("AGENTX_PLUGIN_TLS_CA", str(pki.ca))
            monkeypatch.setenv("AGENTX_PLUGIN_TLS_CERT", str(pki.client_cert))
            monkeypatch.setenv("AGENTX_PLUGIN_TLS_KEY", str(pki.client_key))
            monkeypatch.setenv("AGENTX_PLUGIN_TLS_SERVER_NAME", SERVER_NAME)
            return await serve_one_task(add_echo(new_plugin(kernel)), kernel)

    assert_echoed(*run_async(scenario()))


def test_mutual_tls_refuses_a_plugin_without_a_client_certificate(pki, caplog):
    async def scenario():
        async with tls_kernel(pki, require_client_auth=True) as kernel:
            plugin = add_echo(new_plugin(kernel, tls=TlsSettings(ca=pki.ca, server_name=SERVER_NAME)))
            warning = await first_reconnect_warning(plugin, caplog)
            return warning, kernel.connections

    warning, connections = run_async(scenario())
    assert connections == 0
    assert "cannot connect: UNAVAILABLE" in warning and "Socket closed" in warning
    assert "if AgentX requires client certificates, give one (AGENTX_PLUGIN_TLS_CERT" in warning


# --- bad settings -----------------------------------------------------------------------------------------------

def test_a_missing_or_unreadable_file_is_named_with_its_variable(pki, tmp_path, monkeypatch):
    missing = tmp_path / "nowhere" / "ca.pem"
    monkeypatch.setenv("AGENTX_PLUGIN_TLS_CA", str(missing))
    with pytest.raises(ValueError, match=rf"AGENTX_PLUGIN_TLS_CA: cannot read {missing}: No such file"):
        Plugin(url="https://127.0.0.1:1")
    monkeypatch.delenv("AGENTX_PLUGIN_TLS_CA")
    monkeypatch.setenv("AGENTX_PLUGIN_TLS_CERT", str(pki.client_cert))
    monkeypatch.setenv("AGENTX_PLUGIN_TLS_KEY", str(tmp_path))  # a directory
    with pytest.raises(ValueError, match=rf"AGENTX_PLUGIN_TLS_KEY: cannot read {tmp_path}: Is a directory"):
        Plugin(url="https://127.0.0.1:1")


def test_a_missing_file_in_the_arguments_is_named_with_its_field(tmp_path):
    with pytest.raises(ValueError, match=rf"TlsSettings.ca: cannot read {tmp_path / 'ca.pem'}"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(ca=tmp_path / "ca.pem"))


def test_pem_that_is_not_what_it_should_be_is_refused(pki, tmp_path):
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(ValueError, match=rf"TlsSettings.ca \({junk}\) holds no valid PEM certificate"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(ca=junk))
    with pytest.raises(ValueError, match=r"TlsSettings.cert \(PEM bytes\) holds no valid PEM certificate"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(cert=pki.read("client_key"), key=pki.read("client_key")))
    with pytest.raises(ValueError, match=rf"TlsSettings.key \({junk}\) holds no valid PEM private key"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(cert=pki.client_cert, key=junk))
    with pytest.raises(ValueError, match=r"TlsSettings.key .* is not the private key of the certificate in "
                                         r"TlsSettings.cert"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(cert=pki.client_cert, key=pki.server_key))
    encrypted = tmp_path / "encrypted.key"
    _openssl("pkcs8", "-topk8", "-v2", "aes-128-cbc", "-passout", "pass:secret", "-in", str(pki.client_key),
             "-out", str(encrypted))
    with pytest.raises(ValueError, match=rf"TlsSettings.key \({encrypted}\) is an encrypted private key"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(cert=pki.client_cert, key=encrypted))


def test_a_certificate_needs_its_key_and_the_reverse(pki, monkeypatch):
    monkeypatch.setenv("AGENTX_PLUGIN_TLS_CERT", str(pki.client_cert))
    with pytest.raises(ValueError, match="AGENTX_PLUGIN_TLS_CERT is given but AGENTX_PLUGIN_TLS_KEY is not"):
        Plugin(url="https://127.0.0.1:1")
    with pytest.raises(ValueError, match="TlsSettings.key is given but TlsSettings.cert is not"):
        Plugin(url="https://127.0.0.1:1", tls=TlsSettings(key=pki.client_key))


def test_tls_settings_with_a_plaintext_url_are_refused(pki, monkeypatch):
    monkeypatch.setenv("AGENTX_PLUGIN_TLS_CA", str(pki.ca))
    for url in ("127.0.0.1:1", "http://127.0.0.1:1"):
        with pytest.raises(ValueError, match=r"AGENTX_PLUGIN_TLS_CA given, but the AgentX URL .* is plaintext"):
            Plugin(url=url)
    monkeypatch.delenv("AGENTX_PLUGIN_TLS_CA")
    with pytest.raises(ValueError, match="TLS settings given, but the AgentX URL '127.0.0.1:1' is plaintext"):
        Plugin(url="127.0.0.1:1", tls=TlsSettings())


def test_explicit_settings_replace_the_environment_and_empty_variables_are_unset(pki, monkeypatch):
    monkeypatch.setenv("AGENTX_PLUGIN_TLS_CA", "/nowhere/ca.pem")
    plugin = Plugin(url="https://127.0.0.1:1", tls=TlsSettings(ca=pki.ca))
    assert plugin.tls == TlsSettings(ca=pki.ca)
    for name in TLS_VARIABLES:
        monkeypatch.setenv(name, "")
    assert Plugin(url="127.0.0.1:1").tls is None


def test_the_settings_are_checked_again_when_serving_starts(pki, tmp_path):
    ca = tmp_path / "ca.pem"
    shutil.copy(pki.ca, ca)
    plugin = add_echo(Plugin(url="https://127.0.0.1:1", tls=TlsSettings(ca=ca)))
    ca.unlink()

    async def scenario():
        with pytest.raises(ValueError, match=rf"TlsSettings.ca: cannot read {ca}"):
            await plugin.start(timeout=5)

    run_async(scenario())
