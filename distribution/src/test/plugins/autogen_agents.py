"""An AutoGen agent for FrameworkAgentsIT, run by AgentX's plugin supervisor (framework = autogen: the adapter
runs the script with python3). AutoGen cannot be installed here, so the agent is a small stand-in with AgentChat's
agent interface (`run_stream(task=..., cancellation_token=...)` yielding chat messages, then a TaskResult); it
answers with what it was given — the task's history as AgentX's AutoGen adapter converted it, AgentChat message
dicts — and records that history to RECORD_FILE."""

import json
import os

from agentx_plugin import Plugin
from agentx_plugin.frameworks.autogen import serve_autogen


class TaskResult:
    """Like autogen_agentchat.base.TaskResult."""

    def __init__(self, messages, stop_reason=None):
        self.messages = messages
        self.stop_reason = stop_reason


class RecitingAssistant:
    """Stands in for an AgentChat AssistantAgent: answers with the source and content of each message it got."""

    name = "reciter"
    description = "Recites the conversation it was given (AutoGen stand-in)"

    async def run_stream(self, *, task=None, cancellation_token=None):
        if os.environ.get("RECORD_FILE"):
            with open(os.environ["RECORD_FILE"], "a", encoding="utf-8") as record:
                record.write(json.dumps({"agent": "py-autogen", "where": "run_stream", "messages": task}) + "\n")
        answer = {"type": "TextMessage", "source": self.name, "metadata": {},
                  "content": "AutoGen saw: " + " | ".join(f"{m['source']}: {m['content']}" for m in task)}
        yield answer
        yield TaskResult([*task, answer])

    async def on_reset(self, cancellation_token):
        pass


plugin = Plugin(name=os.environ.get("AGENTX_PLUGIN_NAME", "autogen-agents"))
serve_autogen(plugin, RecitingAssistant(), id="py-autogen", name="AutoGen reciter")
plugin.run()
