"""Reconnection, resumption, heartbeats and the liveness watchdog."""

import asyncio
import time

import grpc

from agentx_plugin import a2a_pb2, artifact, completed, input_required, working
from conftest import connected, new_plugin, run_async
from fake_kernel import FakeKernel


def gated_plugin(kernel, gate: asyncio.Event, **options):
    """A plugin whose handler reports working, waits for `gate`, then streams one artifact."""
    plugin = new_plugin(kernel, **options)

    @plugin.agent(id="py-echo")
    async def gated(request):
        yield working("started")
        await gate.wait()
        yield artifact("made while away", name="result", last_chunk=True)

    return plugin


def test_reconnects_after_unavailable_and_resumes_the_running_task():
    async def scenario():
        async with FakeKernel() as kernel:
            gate = asyncio.Event()
            plugin = gated_plugin(kernel, gate)
            first = await connected(plugin, kernel, session_id="session-1")
            await first.execute("t1", "go")
            started = await first.next_event()
            first.end(grpc.StatusCode.UNAVAILABLE, "kernel restarting")

            second = await kernel.next_stream()
            gate.set()                       # the handler goes on while the plugin waits for the Welcome
            silent_before_welcome = await second.no_event_within(0.3)
            await second.welcome(session_id="session-1")
            resumed_events = await second.events_until_final("t1")
            await plugin.stop()
            return started, second.hello, silent_before_welcome, resumed_events

    started, hello, silent_before_welcome, (chunk, done) = run_async(scenario())
    assert started.status.state == a2a_pb2.TASK_STATE_WORKING
    assert hello.resume_session == "session-1"
    assert list(hello.resume_task_ids) == ["t1"]
    assert [agent.agent_id for agent in hello.agents] == ["py-echo"]
    assert silent_before_welcome
    assert chunk.artifact.artifact.parts[0].text == "made while away"
    assert done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_tasks_the_kernel_forgot_are_cancelled_silently():
    seen = []

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def slow(request):
                yield working()
                try:
                    await asyncio.sleep(30)
                except asyncio.CancelledError:
                    seen.append(request.task_id)
                    raise

            first = await connected(plugin, kernel)
            await first.execute("t1", "x")
            await first.next_event()
            first.end(grpc.StatusCode.UNAVAILABLE, "gone")
            second = await kernel.next_stream()
            await second.welcome(session_id="s2", unknown_task_ids=["t1"])
            nothing = await second.no_event_within(0.3)
            await plugin.stop()
            third_hello_resumes = second.hello.resume_task_ids
            return nothing, list(third_hello_resumes)

    nothing, resumed = run_async(scenario())
    assert resumed == ["t1"]
    assert nothing and seen == ["t1"]


def test_reconnects_when_the_kernel_ends_the_stream_normally():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = gated_plugin(kernel, asyncio.Event())
            first = await connected(plugin, kernel, session_id="a")
            first.end()
            second = await kernel.next_stream()
            await second.welcome(session_id="b")
            await plugin.stop()
            return second.hello

    hello = run_async(scenario())
    assert hello.resume_session == "a" and not hello.resume_task_ids


def test_keeps_trying_while_the_kernel_is_down():
    async def scenario():
        kernel = FakeKernel()
        async with kernel:
            url = kernel.url
        plugin = gated_plugin(kernel, asyncio.Event())
        plugin.url = url                 # nothing listens there any more
        serving = asyncio.create_task(plugin.serve())
        await asyncio.sleep(0.8)         # a few refused attempts
        assert not serving.done()
        await plugin.stop()
        await serving

    run_async(scenario())


def test_sends_heartbeats_at_the_interval():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = gated_plugin(kernel, asyncio.Event())
            stream = await connected(plugin, kernel, heartbeat_interval_millis=100)

            async def kernel_heartbeats():
                while True:
                    await asyncio.sleep(0.1)
                    await stream.heartbeat()

            beating = asyncio.create_task(kernel_heartbeats())
            await asyncio.sleep(0.75)
            beating.cancel()
            await plugin.stop()
            return [beat - stream.welcomed_at for beat in stream.heartbeats], kernel.connections

    beats, connections = run_async(scenario())
    assert 5 <= len(beats) <= 9, beats
    gaps = [later - earlier for earlier, later in zip(beats, beats[1:])]
    assert all(0.05 < gap < 0.2 for gap in gaps), gaps
    assert connections == 1  # the kernel's heartbeats kept the stream alive


def test_reconnects_when_the_kernel_falls_silent_for_three_intervals():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = gated_plugin(kernel, asyncio.Event())
            first = await connected(plugin, kernel, session_id="quiet", heartbeat_interval_millis=100)
            second = await kernel.next_stream(timeout=3)
            reconnected_after = time.monotonic() - first.welcomed_at
            await second.welcome()
            await plugin.stop()
            return reconnected_after, second.hello, first.half_closed

    reconnected_after, hello, first_half_closed = run_async(scenario())
    assert 0.3 <= reconnected_after < 1.5, reconnected_after
    assert hello.resume_session == "quiet"
    assert not first_half_closed  # the dead stream was cancelled, not ended politely


def test_a_task_that_overflows_its_buffer_while_disconnected_is_dropped():
    async def scenario():
        async with FakeKernel() as kernel:
            gate = asyncio.Event()
            plugin = new_plugin(kernel, max_buffered_events=3)

            @plugin.agent(id="py-echo")
            async def chatty(request):
                yield working()
                await gate.wait()
                for n in range(10):
                    yield artifact(f"chunk {n}", name="out", append=n > 0)

            first = await connected(plugin, kernel, session_id="s1")
            await first.execute("t1", "x")
            await first.next_event()
            first.end(grpc.StatusCode.UNAVAILABLE, "restarting")
            second = await kernel.next_stream()
            gate.set()
            await asyncio.sleep(0.1)
            second.end(grpc.StatusCode.UNAVAILABLE, "still restarting")
            third = await kernel.next_stream()
            await third.welcome(session_id="s1")
            nothing = await third.no_event_within(0.3)
            await plugin.stop()
            return list(second.hello.resume_task_ids), list(third.hello.resume_task_ids), nothing

    resumed_while_running, resumed_after_overflow, nothing = run_async(scenario())
    assert resumed_while_running == ["t1"]
    assert resumed_after_overflow == []
    assert nothing


def test_a_new_execute_for_a_task_whose_turn_ended_runs_even_while_the_old_handler_cleans_up():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def ask(request):
                if request.text == "book a table":
                    try:
                        yield input_required("for how many?")
                    finally:
                        await asyncio.sleep(0.5)  # slow cleanup after the turn ended
                else:
                    yield completed(f"booked for {request.text}")

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "book a table")
            asked = await stream.events_until_final("t1")
            await stream.execute("t1", "4")
            answered = await stream.events_until_final("t1", timeout=0.4)
            await plugin.stop()
            return asked, answered

    [asked], [answered] = run_async(scenario())
    assert asked.status.state == a2a_pb2.TASK_STATE_INPUT_REQUIRED
    assert answered.status.state == a2a_pb2.TASK_STATE_COMPLETED
    assert answered.status.message.parts[0].text == "booked for 4"
