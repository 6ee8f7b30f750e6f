"""Stopping: the grace period for running handlers, and the process entry point's signals and exit status."""

import asyncio
import os
import signal
import sys
from pathlib import Path

import grpc

from agentx_plugin import a2a_pb2, completed, working
from conftest import connected, new_plugin, run_async
from fake_kernel import FakeKernel

SDK_DIR = Path(__file__).resolve().parent.parent
ECHO_EXAMPLE = SDK_DIR / "examples" / "echo.py"


def slow_plugin(kernel, seconds: float, **options):
    plugin = new_plugin(kernel, **options)

    @plugin.agent(id="py-echo")
    async def slow(request):
        yield working()
        await asyncio.sleep(seconds)
        yield completed("finished")

    return plugin


def test_stop_waits_for_running_handlers_then_ends_the_stream():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = slow_plugin(kernel, 0.4)
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x")
            await stream.next_event()
            loop = asyncio.get_running_loop()
            began = loop.time()
            stopping = asyncio.create_task(plugin.stop())
            await asyncio.sleep(0.05)
            await stream.execute("t2", "too late")
            events = {}
            for _ in range(2):
                event = await stream.next_event()
                events[event.task_id] = event
            await stream.plugin_side_ended()
            await stopping
            return events, loop.time() - began, stream.half_closed

    events, took, half_closed = run_async(scenario())
    assert events["t1"].status.state == a2a_pb2.TASK_STATE_COMPLETED
    assert events["t1"].status.message.parts[0].text == "finished"
    assert events["t2"].status.state == a2a_pb2.TASK_STATE_FAILED
    assert "shutting down" in events["t2"].status.message.parts[0].text
    assert 0.3 <= took < 2.0
    assert half_closed


def test_handlers_still_running_after_the_grace_period_fail():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = slow_plugin(kernel, 30, shutdown_grace=0.3)
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x")
            await stream.next_event()
            loop = asyncio.get_running_loop()
            began = loop.time()
            await plugin.stop()
            return await stream.events_until_final("t1"), loop.time() - began

    [failed], took = run_async(scenario())
    assert failed.status.state == a2a_pb2.TASK_STATE_FAILED
    assert "stopped before the task finished" in failed.status.message.parts[0].text
    assert 0.3 <= took < 1.5


async def start_example(kernel: FakeKernel, *extra_env: str, stdin=None) -> asyncio.subprocess.Process:
    env = dict(os.environ, PYTHONPATH=str(SDK_DIR), AGENTX_PLUGIN_URL=kernel.url,
               AGENTX_PLUGIN_TOKEN="secret-token", AGENTX_PLUGIN_NAME="py-echo", ECHO_CHUNK_DELAY="0.1")
    env.pop("AGENTX_PLUGIN_LIFELINE", None)
    env.update(item.split("=", 1) for item in extra_env)
    return await asyncio.create_subprocess_exec(sys.executable, str(ECHO_EXAMPLE), env=env, stdin=stdin,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


def lifeline_scenario(*extra_env: str):
    """Starts the example with stdin a pipe, ends stdin once it is connected, and says whether it exited on its own
    (with its status and stderr) within 5 s."""
    async def scenario():
        async with FakeKernel() as kernel:
            process = await start_example(kernel, *extra_env, stdin=asyncio.subprocess.PIPE)
            try:
                stream = await kernel.next_stream(timeout=10)
                await stream.welcome()
                process.stdin.write(b"anything written is ignored\n")
                await process.stdin.drain()
                await asyncio.sleep(0.3)
                serving = process.returncode is None
                process.stdin.close()  # as when the process holding the pipe's other end dies
                try:
                    code = await asyncio.wait_for(process.wait(), 5)
                except asyncio.TimeoutError:
                    code = None
                return serving, code, (await process.stderr.read()).decode() if code is not None else ""
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()

    return run_async(scenario())


def test_under_the_supervisor_the_end_of_stdin_stops_the_plugin_and_it_exits_0():
    serving, code, stderr = lifeline_scenario("AGENTX_PLUGIN_LIFELINE=stdin")
    assert serving, "still serving while stdin was open"
    assert code == 0, stderr
    assert "stdin ended" in stderr and "Traceback" not in stderr


def test_without_the_lifeline_the_end_of_stdin_is_ignored():
    serving, code, _ = lifeline_scenario()
    assert serving
    assert code is None, "a plugin started by hand keeps serving"


def test_sigterm_lets_the_running_task_finish_and_exits_0():
    async def scenario():
        async with FakeKernel() as kernel:
            process = await start_example(kernel)
            try:
                stream = await kernel.next_stream(timeout=10)
                await stream.welcome()
                await stream.execute("t1", "stream one two three four five")
                events = [await stream.next_event(), await stream.next_event()]  # working, first chunk
                process.send_signal(signal.SIGTERM)
                events += await stream.events_until_final("t1")
                await stream.plugin_side_ended()
                code = await asyncio.wait_for(process.wait(), 5)
                return events, code, (await process.stderr.read()).decode(), stream.half_closed
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()

    events, code, stderr, half_closed = run_async(scenario())
    assert code == 0, stderr
    assert events[0].status.state == a2a_pb2.TASK_STATE_WORKING
    chunks = [event.artifact.artifact.parts[0].text for event in events[1:-1]]
    assert "".join(chunks) == "one two three four five"
    assert events[-1].status.state == a2a_pb2.TASK_STATE_COMPLETED
    assert half_closed
    assert "SIGTERM" in stderr and "Traceback" not in stderr


def test_a_rejected_token_exits_non_zero_with_the_cause():
    async def scenario():
        async with FakeKernel() as kernel:
            process = await start_example(kernel, "AGENTX_PLUGIN_TOKEN=wrong")
            try:
                stream = await kernel.next_stream(timeout=10)
                stream.end(grpc.StatusCode.UNAUTHENTICATED, "unknown plugin token")
                code = await asyncio.wait_for(process.wait(), 5)
                return code, (await process.stderr.read()).decode(), kernel.connections
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()

    code, stderr, connections = run_async(scenario())
    assert code != 0
    assert "UNAUTHENTICATED" in stderr and "unknown plugin token" in stderr and "AGENTX_PLUGIN_TOKEN" in stderr
    assert "Traceback" not in stderr
    assert connections == 1
