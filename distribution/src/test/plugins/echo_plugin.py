"""A Python plugin agent for the end-to-end tests, written with the agentx_plugin SDK.

It follows the built-in echo agent's conventions so that a2a-e2e.mjs can drive it: the text comes back as an
artifact named "echo" and as the final status message (word by word as artifact chunks to streaming clients);
"wait" keeps the task working until it is canceled; "ask" asks for input and the reply completes the task.
AGENT_ID names the agent (default py-echo).
"""

import asyncio
import os
import re

from agentx_plugin import Plugin, Skill, artifact, completed, input_required, working

AGENT_ID = os.environ.get("AGENT_ID", "py-echo")
plugin = Plugin(name=os.environ.get("AGENTX_PLUGIN_NAME", AGENT_ID))


def asked(task) -> bool:
    history = list(task.history)
    return len(history) >= 2 and history[-2].role == 2 and task.status.state == 2  # ROLE_AGENT, WORKING


@plugin.agent(id=AGENT_ID, name="Echo",
              description="Echoes the text of every message (test conventions: wait, ask)",
              skills=[Skill(id="echo", name="Echo", description="Repeats the message text back.", tags=["echo", "test"])])
async def echo(request):
    text = request.text
    if asked(request.task):
        yield completed(f"Nice to meet you, {text}")
    elif text.startswith("wait"):
        yield working("waiting until canceled")
        await asyncio.Event().wait()  # until the task is cancelled
    elif text.startswith("ask"):
        yield input_required("What is your name?")
    elif request.streaming:
        yield working()
        words = re.split(r"(?<= )", text)
        for index, word in enumerate(words):
            yield artifact(word, artifact_id="echo", name="echo", append=index > 0, last_chunk=index == len(words) - 1)
        yield completed(text)
    else:
        yield artifact(text, artifact_id="echo", name="echo", last_chunk=True)
        yield completed(text)


if __name__ == "__main__":
    plugin.run()
