"""The shipped example agent, served in-process against the fake kernel."""

import importlib.util
from pathlib import Path

from agentx_plugin import a2a_pb2
from conftest import connected, run_async
from fake_kernel import FakeKernel

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "echo.py"


def load_example():
    spec = importlib.util.spec_from_file_location("echo_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_echo_example_echoes_and_streams():
    async def scenario():
        async with FakeKernel() as kernel:
            example = load_example()
            example.plugin.url = kernel.url
            stream = await connected(example.plugin, kernel)
            await stream.execute("t1", "hello")
            echoed = await stream.events_until_final("t1")
            await stream.execute("t2", "Stream one two three")
            streamed = await stream.events_until_final("t2")
            await example.plugin.stop()
            return stream.hello, echoed, streamed

    hello, [echoed], streamed = run_async(scenario())
    assert hello.plugin_name == "py-echo" and [a.agent_id for a in hello.agents] == ["py-echo"]
    assert [skill.id for skill in hello.agents[0].card.skills] == ["echo", "stream"]
    assert echoed.status.state == a2a_pb2.TASK_STATE_COMPLETED
    assert echoed.status.message.parts[0].text == "echo: hello"
    assert streamed[0].status.state == a2a_pb2.TASK_STATE_WORKING
    chunks = [event.artifact for event in streamed[1:-1]]
    assert "".join(chunk.artifact.parts[0].text for chunk in chunks) == "one two three"
    assert [chunk.append for chunk in chunks] == [False, True, True]
    assert [chunk.last_chunk for chunk in chunks] == [False, False, True]
    assert len({chunk.artifact.artifact_id for chunk in chunks}) == 1
    assert streamed[-1].status.state == a2a_pb2.TASK_STATE_COMPLETED
