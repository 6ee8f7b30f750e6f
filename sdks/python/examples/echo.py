"""A complete AgentX plugin: the "py-echo" agent.

    "stream some words"  -> streams the words back as chunks of one artifact, then completes
    anything else        -> completes with "echo: <text>"

Run it under the AgentX plugin supervisor, or by hand (see the README):

    PYTHONPATH=sdks/python AGENTX_PLUGIN_URL=127.0.0.1:8090 AGENTX_PLUGIN_TOKEN=dev-token \\
        /usr/bin/python3 sdks/python/examples/echo.py
"""

import asyncio
import os
import re

from agentx_plugin import Plugin, Skill, artifact, completed, working

#: Pause between streamed chunks, in seconds.
CHUNK_DELAY = float(os.environ.get("ECHO_CHUNK_DELAY", "0.05"))
STREAM = re.compile(r"stream\b", re.IGNORECASE)

plugin = Plugin(name="py-echo")


@plugin.agent(
    id="py-echo",
    name="Python echo",
    description='Echoes what it is told; "stream <words>" streams the words back one by one',
    skills=[
        Skill(id="echo", name="Echo", description="Repeats the text", tags=["echo"], examples=["hello"]),
        Skill(id="stream", name="Stream", description="Streams the words back", tags=["echo", "streaming"],
              examples=["stream one two three"]),
    ],
)
async def echo(request):
    if not STREAM.match(request.text):
        yield completed(f"echo: {request.text}")
        return
    words = request.text.split()[1:] or ["(nothing to stream)"]
    yield working(f"streaming {len(words)} chunk(s)")
    for index, word in enumerate(words):
        await asyncio.sleep(CHUNK_DELAY)  # a cancelled task stops here at once
        yield artifact(word if index == 0 else f" {word}", name="echo", append=index > 0,
                       last_chunk=index == len(words) - 1)
    yield completed(f"streamed {len(words)} chunk(s)")


if __name__ == "__main__":
    plugin.run()
