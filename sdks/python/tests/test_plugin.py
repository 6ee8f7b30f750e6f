"""The plugin against a fake kernel: handshake, task events, cancellation, failures."""

import asyncio

import grpc
import pytest

from agentx_plugin import (Extension, Plugin, PluginRejectedError, Skill, a2a_pb2, artifact, completed, data,
                           input_required, reply, text, working)
from conftest import TOKEN, connected, new_plugin, run_async
from fake_kernel import FakeKernel

WORKING = a2a_pb2.TASK_STATE_WORKING
COMPLETED = a2a_pb2.TASK_STATE_COMPLETED
FAILED = a2a_pb2.TASK_STATE_FAILED
CANCELED = a2a_pb2.TASK_STATE_CANCELED


def echo_plugin(kernel, **options) -> Plugin:
    plugin = new_plugin(kernel, **options)

    @plugin.agent(id="py-echo", name="Python echo", description="Echoes what it is told",
                  skills=[Skill(id="echo", name="Echo", description="Repeats the text", tags=["echo"],
                                examples=["hello"])],
                  framework="plain")
    async def echo(request):
        yield working("on it")
        yield artifact("chunk of text", name="echo", last_chunk=True)
        yield completed(f"echo: {request.text}")

    return plugin


def test_hello_names_the_plugin_and_describes_its_agents():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = echo_plugin(kernel)

            @plugin.agent(id="py-second", name="Second", streaming=False, output_modes=["application/json"],
                          resumes_tasks=True, extensions=[
                              Extension("https://example.com/ext/units/v1", "Metric or imperial", required=True,
                                        params={"default": "metric", "units": ["metric", "imperial"]}),
                              Extension("https://example.com/ext/trace/v1")])
            async def second(request):
                return "ok"

            stream = await connected(plugin, kernel)
            await plugin.stop()
            return stream.hello

    hello = run_async(scenario())
    assert hello.token == TOKEN
    assert hello.plugin_name == "test-plugin"
    assert hello.sdk == "agentx-plugin-python/0.1.0"
    assert hello.resume_session == "" and not hello.resume_task_ids
    assert [agent.agent_id for agent in hello.agents] == ["py-echo", "py-second"]
    echo, second = hello.agents
    assert echo.framework == "plain" and second.framework == ""
    assert not echo.resumes_tasks and second.resumes_tasks
    card = echo.card
    assert (card.name, card.description, card.version) == ("Python echo", "Echoes what it is told", "0.1.0")
    assert card.capabilities.HasField("streaming") and card.capabilities.streaming
    assert list(card.default_input_modes) == ["text/plain"] and list(card.default_output_modes) == ["text/plain"]
    assert not card.supported_interfaces
    [skill] = card.skills
    assert (skill.id, skill.name, skill.description, list(skill.tags), list(skill.examples)) == \
        ("echo", "Echo", "Repeats the text", ["echo"], ["hello"])
    assert second.card.capabilities.HasField("streaming") and not second.card.capabilities.streaming
    assert list(second.card.default_output_modes) == ["application/json"]
    assert not card.capabilities.extensions
    units, trace = second.card.capabilities.extensions
    assert (units.uri, units.description, units.required) == \
        ("https://example.com/ext/units/v1", "Metric or imperial", True)
    assert units.params["default"] == "metric" and list(units.params["units"]) == ["metric", "imperial"]
    assert (trace.uri, trace.required, trace.HasField("params")) == ("https://example.com/ext/trace/v1", False, False)


def test_an_extension_without_a_uri_or_with_params_that_are_not_a_mapping_is_refused():
    with pytest.raises(ValueError, match="an extension needs a uri"):
        Extension("")
    with pytest.raises(TypeError, match="the params of extension u must be a mapping, not list"):
        Extension("u", params=["x"])


def test_options_default_to_the_supervisor_environment(monkeypatch):
    monkeypatch.setenv("AGENTX_PLUGIN_URL", "10.0.0.1:9000")
    monkeypatch.setenv("AGENTX_PLUGIN_TOKEN", "from-env")
    monkeypatch.setenv("AGENTX_PLUGIN_NAME", "env-name")
    plugin = Plugin()
    assert (plugin.url, plugin.token, plugin.name) == ("10.0.0.1:9000", "from-env", "env-name")
    plugin = Plugin(name="mine", url="127.0.0.1:1", token="t")
    assert (plugin.url, plugin.token, plugin.name) == ("127.0.0.1:1", "t", "mine")


def test_yielded_events_arrive_in_order_and_the_sdk_completes_the_task():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def echo(request):
                yield working("on it")
                yield artifact("first ", name="echo")
                yield artifact(["second", data({"n": 2})], name="echo", append=True, last_chunk=True)

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "hello")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    working_event, first, second, done = run_async(scenario())
    assert working_event.status.state == WORKING
    message = working_event.status.message
    assert message.role == a2a_pb2.ROLE_AGENT and message.message_id
    assert (message.task_id, message.context_id, message.parts[0].text) == ("t1", "ctx-1", "on it")
    assert first.artifact.artifact.name == "echo" and first.artifact.artifact.parts[0].text == "first "
    assert not first.artifact.append and not first.artifact.last_chunk
    assert second.artifact.append and second.artifact.last_chunk
    assert second.artifact.artifact.artifact_id == first.artifact.artifact.artifact_id != ""
    assert second.artifact.artifact.parts[1].data.struct_value.fields["n"].number_value == 2
    assert done.status.state == COMPLETED and not done.status.HasField("message")


def test_a_plain_coroutine_returning_text_completes_the_task_with_it():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def shout(request):
                await asyncio.sleep(0)
                return request.text.upper()

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "line one")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    [done] = run_async(scenario())
    assert done.status.state == COMPLETED
    assert [part.text for part in done.status.message.parts] == ["LINE ONE"]


def test_reply_is_the_only_event_of_its_task():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def echo(request):
                return reply(request.text)

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "hi there")
            first = await stream.next_event()
            nothing_else = await stream.no_event_within(0.3)
            await plugin.stop()
            return first, nothing_else

    event, nothing_else = run_async(scenario())
    assert event.task_id == "t1" and event.HasField("reply")
    assert event.reply.role == a2a_pb2.ROLE_AGENT and event.reply.context_id == "ctx-1"
    assert [part.text for part in event.reply.parts] == ["hi there"]
    assert nothing_else


def test_a_reply_after_other_events_becomes_the_completed_status():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def echo(request):
                yield working()
                yield reply("late answer")

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    working_event, done = run_async(scenario())
    assert working_event.status.state == WORKING
    assert done.status.state == COMPLETED and done.status.message.parts[0].text == "late answer"


def test_input_required_ends_the_handler_turn():
    after_yield = []

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def ask(request):
                yield input_required("which city?")
                after_yield.append("ran on")

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "weather")
            events = await stream.events_until_final("t1")
            nothing_else = await stream.no_event_within(0.2)
            await plugin.stop()
            return events, nothing_else

    [asked], nothing_else = run_async(scenario())
    assert asked.status.state == a2a_pb2.TASK_STATE_INPUT_REQUIRED
    assert asked.status.message.parts[0].text == "which city?"
    assert nothing_else and after_yield == []


def test_a_raised_exception_fails_the_task_with_its_message_only():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def broken(request):
                yield working()
                raise ValueError("the model is down")

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    _, failed = run_async(scenario())
    assert failed.status.state == FAILED
    assert [part.text for part in failed.status.message.parts] == ["the model is down"]


def test_yielding_something_that_is_not_an_event_fails_the_task():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def wrong(request):
                yield "plain string"

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    [failed] = run_async(scenario())
    assert failed.status.state == FAILED
    assert "str" in failed.status.message.parts[0].text and "working()" in failed.status.message.parts[0].text


def test_cancel_cancels_the_handler_and_answers_canceled():
    seen = []

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def slow(request):
                yield working("thinking")
                try:
                    await asyncio.sleep(30)
                except asyncio.CancelledError:
                    seen.append("cancelled")
                    raise
                yield completed("never")

            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x")
            started = await stream.next_event()
            await stream.cancel("t1")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return started, events

    started, [canceled] = run_async(scenario())
    assert started.status.state == WORKING
    assert canceled.status.state == CANCELED
    assert seen == ["cancelled"]


def test_tasks_run_concurrently():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)

            @plugin.agent(id="py-echo")
            async def slow(request):
                await asyncio.sleep(0.3)
                return reply(request.text)

            stream = await connected(plugin, kernel)
            started = asyncio.get_running_loop().time()
            for n in range(50):
                await stream.execute(f"t{n}", f"text {n}")
            answers = {}
            for _ in range(50):
                event = await stream.next_event()
                answers[event.task_id] = event.reply.parts[0].text
            elapsed = asyncio.get_running_loop().time() - started
            await plugin.stop()
            return answers, elapsed

    answers, elapsed = run_async(scenario())
    assert answers == {f"t{n}": f"text {n}" for n in range(50)}
    assert elapsed < 2.0


def test_an_execute_for_an_unknown_agent_fails_that_task():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = echo_plugin(kernel)
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "x", agent_id="nobody")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    [failed] = run_async(scenario())
    assert failed.status.state == FAILED and "nobody" in failed.status.message.parts[0].text


def test_a_bad_token_is_permanent_no_reconnect():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = echo_plugin(kernel, token="wrong")
            serving = asyncio.create_task(plugin.serve())
            stream = await kernel.next_stream()
            assert stream.hello.token == "wrong"
            stream.end(grpc.StatusCode.UNAUTHENTICATED, "unknown plugin token")
            with pytest.raises(PluginRejectedError) as rejected:
                await asyncio.wait_for(serving, 3)
            await asyncio.sleep(0.6)  # longer than the first reconnect delay
            return rejected.value, kernel.connections

    error, connections = run_async(scenario())
    assert error.code == grpc.StatusCode.UNAUTHENTICATED
    assert "UNAUTHENTICATED" in str(error) and "unknown plugin token" in str(error)
    assert connections == 1


def test_start_raises_when_the_kernel_rejects_the_hello():
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = echo_plugin(kernel)
            starting = asyncio.create_task(plugin.start(timeout=5))
            stream = await kernel.next_stream()
            stream.end(grpc.StatusCode.INVALID_ARGUMENT, "agent id taken")
            with pytest.raises(PluginRejectedError, match="agent id taken"):
                await starting

    run_async(scenario())


def test_invalid_declarations_are_refused_at_once():
    plugin = Plugin(name="p")
    with pytest.raises(ValueError, match="invalid agent id"):
        plugin.agent(id="has space")(lambda request: None)
    plugin.agent(id="ok")(lambda request: None)
    with pytest.raises(ValueError, match="twice"):
        plugin.agent(id="ok")(lambda request: None)
    with pytest.raises(RuntimeError, match="no agent"):
        run_async(Plugin(name="empty", url="127.0.0.1:1").serve())
