"""AgentX plugin SDK: serve A2A agents written in Python through an AgentX gateway.

    from agentx_plugin import Plugin, Skill, working, completed

    plugin = Plugin(name="py-echo")

    @plugin.agent(id="py-echo", name="Python echo", skills=[Skill(id="echo", name="Echo")])
    async def echo(request):
        yield working("on it")
        yield completed(f"echo: {request.text}")

    plugin.run()
"""

from ._proto import a2a_pb2, plugin_pb2
from .card import Extension, Provider, Skill
from .errors import PluginRejectedError
from .events import (ArtifactUpdate, Content, Reply, StatusUpdate, artifact, auth_required, completed, data, failed,
                     file, input_required, rejected, reply, text, working)
from .plugin import SDK_ID, Plugin
from .request import Request
from .tls import TlsSettings

__version__ = "0.1.0"

__all__ = [
    "Plugin", "Skill", "Provider", "Extension", "Request", "PluginRejectedError", "TlsSettings",
    "working", "input_required", "auth_required", "completed", "failed", "rejected", "artifact", "reply",
    "text", "data", "file",
    "StatusUpdate", "ArtifactUpdate", "Reply", "Content",
    "a2a_pb2", "plugin_pb2", "SDK_ID", "__version__",
]
