"""Exceptions of the SDK."""

from __future__ import annotations

import grpc

_HINTS = {
    grpc.StatusCode.UNAUTHENTICATED: "check the plugin token (AGENTX_PLUGIN_TOKEN or Plugin(token=...))",
    grpc.StatusCode.INVALID_ARGUMENT: "check the declared agents (ids, cards) and the plugin name",
}


class PluginRejectedError(Exception):
    """AgentX refused the plugin's Hello for good (bad token, invalid registration): reconnecting cannot help."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        self.code = code
        self.details = details
        hint = _HINTS.get(code)
        super().__init__(f"AgentX refused the plugin ({code.name}): {details or 'no details'}"
                         + (f"; {hint}" if hint else ""))


class SessionBroken(Exception):
    """The Connect stream could not be opened or ended; the plugin reconnects."""


class SessionClosed(Exception):
    """A write found the Connect stream already finished."""
