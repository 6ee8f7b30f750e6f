"""TLS to the kernel: the settings, where they come from (arguments or environment), and their checks."""

from __future__ import annotations

import os
import re
import ssl
import tempfile
from dataclasses import dataclass
from typing import Mapping, Optional, Union

import grpc

#: A PEM source: the path of a PEM file (str or os.PathLike), or the PEM text itself as bytes.
PemSource = Union[str, "os.PathLike[str]", bytes]

#: The environment variables, by TlsSettings field.
ENV_NAMES = {"ca": "AGENTX_PLUGIN_TLS_CA", "cert": "AGENTX_PLUGIN_TLS_CERT", "key": "AGENTX_PLUGIN_TLS_KEY",
             "server_name": "AGENTX_PLUGIN_TLS_SERVER_NAME"}
#: How errors name the fields of an explicit Plugin(tls=TlsSettings(...)).
ARG_NAMES = {field: f"TlsSettings.{field}" for field in ENV_NAMES}


@dataclass(frozen=True)
class TlsSettings:
    """How the plugin checks AgentX's server certificate and, for mutual TLS, which certificate it presents.

    `ca`, `cert` and `key` are each the path of a PEM file (str or os.PathLike) or the PEM text itself (bytes):
    `ca` the CA certificate(s) to trust (default: gRPC's default roots), `cert` the client certificate chain and
    `key` its unencrypted private key (both or neither). `server_name` is the name the server certificate must
    carry when it differs from the URL's host (e.g. AgentX reached at 127.0.0.1, certificate for agentx.example)."""

    ca: Optional[PemSource] = None
    cert: Optional[PemSource] = None
    key: Optional[PemSource] = None
    server_name: Optional[str] = None

    def __repr__(self) -> str:  # PEM bytes (a private key…) stay out of logs and tracebacks
        shown = ", ".join(f"{field}={'<PEM bytes>' if isinstance(value, bytes) else repr(value)}"
                          for field, value in vars(self).items() if value is not None)
        return f"TlsSettings({shown})"

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> Optional["TlsSettings"]:
        """The settings of the AGENTX_PLUGIN_TLS_* variables (paths and the server name), or None if none is set
        (empty values count as unset)."""
        environ = os.environ if environ is None else environ
        values = {field: environ.get(name) or None for field, name in ENV_NAMES.items()}
        if not any(values.values()):
            return None
        return cls(**values)


@dataclass(frozen=True)
class Endpoint:
    """Where and how to dial AgentX: `target` for gRPC (host:port), `credentials` None for plaintext."""

    target: str
    credentials: Optional[grpc.ChannelCredentials] = None
    server_name: Optional[str] = None
    client_certificate: bool = False

    @property
    def secure(self) -> bool:
        return self.credentials is not None


def resolve_endpoint(url: str, tls: Optional[TlsSettings], names: Mapping[str, str] = ARG_NAMES) -> Endpoint:
    """The endpoint of `url` (host:port or http://host:port: plaintext; https://host:port: TLS) with `tls`, after
    reading and checking its PEM sources. `names` names the settings in errors. Raises ValueError (naming the
    setting, and the path for a file) for a missing or unreadable file, PEM that is not what it should be, a
    certificate without its key or the reverse, and TLS settings with a plaintext URL."""
    if url.startswith("https://"):
        target, secure = url[len("https://"):], True
    elif url.startswith("http://"):
        target, secure = url[len("http://"):], False
    else:
        target, secure = url, False
    target = target.rstrip("/")
    if not secure:
        if tls is not None:
            given = [names[field] for field in ENV_NAMES if getattr(tls, field)] or ["TLS settings"]
            raise ValueError(f"{', '.join(given)} given, but the AgentX URL {url!r} is plaintext: use "
                             f"https://host:port for TLS")
        return Endpoint(target)
    tls = tls or TlsSettings()
    if (tls.cert is None) != (tls.key is None):
        have, missing = ("cert", "key") if tls.key is None else ("key", "cert")
        raise ValueError(f"{names[have]} is given but {names[missing]} is not: mutual TLS needs both the client "
                         f"certificate chain and its private key")
    ca = _read(tls.ca, names["ca"]) if tls.ca is not None else None
    if ca is not None:
        _check_certificates(ca, tls.ca, names["ca"])
    cert = key = None
    if tls.cert is not None:
        cert, key = _read(tls.cert, names["cert"]), _read(tls.key, names["key"])
        _check_certificates(cert, tls.cert, names["cert"])
        _check_key_pair(cert, key, tls, names)
    if tls.server_name is not None and not tls.server_name.strip():
        raise ValueError(f"{names['server_name']} is empty")
    credentials = grpc.ssl_channel_credentials(root_certificates=ca, private_key=key, certificate_chain=cert)
    return Endpoint(target, credentials, tls.server_name, cert is not None)


def _describe(source: PemSource, name: str) -> str:
    return f"{name} ({os.fspath(source)})" if not isinstance(source, bytes) else f"{name} (PEM bytes)"


def _read(source: PemSource, name: str) -> bytes:
    if isinstance(source, bytes):
        return source
    path = os.fspath(source)
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise ValueError(f"{name}: cannot read {path}: {error.strerror or error}") from None


def _check_certificates(pem: bytes, source: PemSource, name: str) -> None:
    """gRPC takes any bytes and then fails every connection with a message that does not say why: check first."""
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cadata=pem.decode("latin-1"))
    except ssl.SSLError as error:
        raise ValueError(f"{_describe(source, name)} holds no valid PEM certificate ({_reason(error)})") from None


def _check_key_pair(cert: bytes, key: bytes, tls: TlsSettings, names: Mapping[str, str]) -> None:
    def encrypted() -> bytes:
        raise ValueError(f"{_describe(tls.key, names['key'])} is an encrypted private key; give it unencrypted")

    with tempfile.TemporaryDirectory() as directory:  # ssl reads a key pair from files only
        cert_path, key_path = _as_file(tls.cert, cert, directory, "cert.pem"), _as_file(tls.key, key, directory,
                                                                                          "key.pem")
        try:
            ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_cert_chain(cert_path, key_path, password=encrypted)
        except ssl.SSLError as error:
            if "KEY_VALUES_MISMATCH" in str(error):
                raise ValueError(f"{_describe(tls.key, names['key'])} is not the private key of the certificate "
                                 f"in {_describe(tls.cert, names['cert'])}") from None
            raise ValueError(f"{_describe(tls.key, names['key'])} holds no valid PEM private key "
                             f"({_reason(error)})") from None


def _as_file(source: PemSource, pem: bytes, directory: str, name: str) -> str:
    if not isinstance(source, bytes):
        return os.fspath(source)
    path = os.path.join(directory, name)
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
        file.write(pem)
    return path


def _reason(error: ssl.SSLError) -> str:
    """OpenSSL's text without the "(_ssl.c:1234)" suffix."""
    return re.sub(r"\s*\(_ssl\.c:\d+\)$", "", error.strerror or str(error))


def tls_hint(endpoint: Endpoint, error: str) -> str:
    """A hint to append to a connection failure that looks like a failed TLS handshake."""
    if not endpoint.secure:
        return ""
    text = error.lower()
    if "handshake" in text or "certificate" in text or "peer name" in text:
        return ("; the TLS handshake failed: check that AgentX serves TLS there, the trusted CA and the server name "
                "(AGENTX_PLUGIN_TLS_CA, AGENTX_PLUGIN_TLS_SERVER_NAME or Plugin(tls=...))")
    if ("socket closed" in text or "connection reset" in text) and not endpoint.client_certificate:
        return ("; if AgentX requires client certificates, give one (AGENTX_PLUGIN_TLS_CERT and "
                "AGENTX_PLUGIN_TLS_KEY or Plugin(tls=...))")
    return ""
