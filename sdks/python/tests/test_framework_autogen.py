"""The AutoGen integration, against AgentX's AutoGen dialect fixtures and small fakes of AgentChat.

AutoGen cannot be installed here: the fakes behave like autogen-agentchat's public interfaces (messages with
`type`, `source`, `id`, `content` fields and `dump()` / `load()`, agents and teams with `run_stream(task=...,
cancellation_token=...)` yielding messages, events, `ModelClientStreamingChunkEvent`s and a closing `TaskResult`,
`autogen_core.CancellationToken` with `cancel()`), and the messages they yield have the shapes of the fixtures of
the Java adapter (adapters-bundles/autogen/src/test/resources), so both sides agree on the dialect."""

import asyncio
import json
import sys
import types
from pathlib import Path

import pytest
from google.protobuf import json_format

from agentx_plugin import Plugin, a2a_pb2
from agentx_plugin.frameworks.autogen import message_parts, serve_autogen, task_messages
from conftest import connected, new_plugin, run_async
from fake_kernel import FakeKernel

FIXTURES = Path(__file__).resolve().parents[3] / "adapters-bundles" / "autogen" / "src" / "test" / "resources"
DIALECT = json.loads((FIXTURES / "autogen-dialect.json").read_text(encoding="utf-8"))
OUTPUT = json.loads((FIXTURES / "autogen-output.json").read_text(encoding="utf-8"))
CARRIER = "agentx.a2a"


# --- fakes of AgentChat -----------------------------------------------------------------------------------------

class Message:
    """Like AgentChat's messages (pydantic models): fields as attributes, dump() / load() as dicts."""

    def __init__(self, **fields):
        self.__dict__.update(fields)
        self._fields = fields

    def dump(self):
        return dict(self._fields)

    @classmethod
    def load(cls, data):
        return cls(**data)


class BaseChatMessage(Message):
    pass


class BaseAgentEvent(Message):
    pass


def chat(type_name, **fields):
    return type(type_name, (BaseChatMessage,), {})(type=type_name, **fields)


def event(type_name, **fields):
    return type(type_name, (BaseAgentEvent,), {})(type=type_name, **fields)


def chunk(content, source, full_message_id=None):
    return event("ModelClientStreamingChunkEvent", source=source, content=content, full_message_id=full_message_id)


class TaskResult:
    def __init__(self, messages, stop_reason=None):
        self.messages = messages
        self.stop_reason = stop_reason


class FakeAgent:
    """Like an AgentChat 0.7 agent: run_stream repeats the task (unless output_task_messages=False), then yields
    what `script(task)` gives; on_reset(token) between tasks."""

    def __init__(self, name, script, description="A fake AgentChat agent"):
        self.name = name
        self.description = description
        self.script = script
        self.runs = []
        self.resets = 0

    async def run_stream(self, *, task=None, cancellation_token=None, output_task_messages=True):
        self.runs.append({"task": task, "token": cancellation_token, "output_task_messages": output_task_messages})
        if output_task_messages:
            for message in task:
                yield message
        async for item in self.script(task):
            yield item

    async def on_reset(self, cancellation_token):
        self.resets += 1


class FakeTeam:
    """Like an AgentChat 0.4 team: run_stream(task, cancellation_token) always repeats the task; reset()."""

    def __init__(self, script):
        self.script = script
        self.runs = []
        self.resets = 0
        self.running = False

    async def run_stream(self, *, task=None, cancellation_token=None):
        assert not self.running, "a team runs one task at a time"
        self.running = True
        try:
            self.runs.append(task)
            for message in task:
                yield message
            async for item in self.script(task):
                yield item
        finally:
            self.running = False

    async def reset(self):
        self.resets += 1


def script(*items):
    async def run(task):
        for item in items:
            await asyncio.sleep(0)
            yield item
    return run


@pytest.fixture
def agentchat_installed(monkeypatch):
    """Fake autogen_agentchat.messages and autogen_core modules, as if AutoGen were installed."""
    messages = types.ModuleType("autogen_agentchat.messages")
    messages.BaseChatMessage = BaseChatMessage
    for name in ("TextMessage", "MultiModalMessage", "StopMessage", "HandoffMessage", "ToolCallSummaryMessage",
                 "StructuredMessage"):
        setattr(messages, name, type(name, (BaseChatMessage,), {}))
    package = types.ModuleType("autogen_agentchat")
    package.messages = messages

    class CancellationToken:
        made = []

        def __init__(self):
            self.cancelled = False
            CancellationToken.made.append(self)

        def cancel(self):
            self.cancelled = True

    core = types.ModuleType("autogen_core")
    core.CancellationToken = CancellationToken
    monkeypatch.setitem(sys.modules, "autogen_agentchat", package)
    monkeypatch.setitem(sys.modules, "autogen_agentchat.messages", messages)
    monkeypatch.setitem(sys.modules, "autogen_core", core)
    return types.SimpleNamespace(messages=messages, CancellationToken=CancellationToken)


# --- the dialect ------------------------------------------------------------------------------------------------

def fixture_pairs():
    """(AutoGen message, A2A message) pairs of both fixture files."""
    for case in DIALECT:
        yield from zip(case["autogen"], case.get("a2aBack", case["a2a"]))
    for case in OUTPUT:
        yield case["autogen"], case["a2a"]


def test_agentchat_output_becomes_the_parts_the_java_adapter_makes():
    compared = 0
    for autogen, a2a in fixture_pairs():
        if CARRIER in autogen["metadata"]:
            continue  # parts that travelled along in AgentX's carrier: only the Java adapter restores them
        expected = [] if a2a["parts"] == [{"text": ""}] else a2a["parts"]
        actual = [json_format.MessageToDict(part) for part in message_parts(autogen)]
        assert actual == expected, autogen["type"]
        compared += 1
    assert compared >= 20


def test_agentchat_objects_convert_like_their_dumps():
    summary = next(case for case in OUTPUT if case["autogen"]["type"] == "ToolCallSummaryMessage")["autogen"]
    as_object = chat("ToolCallSummaryMessage", **{k: v for k, v in summary.items() if k != "type"})
    assert message_parts(as_object) == message_parts(summary)
    assert [part.metadata["agentx.kind"] for part in message_parts(summary)[1:]] == ["toolCall", "toolResult"]


def test_the_task_is_the_chat_messages_of_the_history_and_events_are_left_out():
    history = [message for case in DIALECT for message in case["autogen"]]
    task = task_messages(history)
    assert [message["type"] for message in task] == [
        "TextMessage", "TextMessage", "TextMessage", "TextMessage", "ToolCallSummaryMessage", "MultiModalMessage",
        "StructuredMessage", "StructuredMessage[TripPlan]", "HandoffMessage", "StopMessage", "TextMessage",
        "MultiModalMessage"]
    assert all(any(message is original for original in history) for message in task), "the dicts, as they are"
    with pytest.raises(ValueError, match=r"dialect_history\[1\].type"):
        task_messages([history[0], {"source": "user", "content": "no type"}])


def test_with_agentchat_installed_the_task_is_loaded_with_its_message_classes(agentchat_installed):
    classes = agentchat_installed.messages
    trip_plan = type("StructuredMessage[TripPlan]", (BaseChatMessage,), {})
    structured = next(case for case in DIALECT if case["name"].startswith("structured data"))["autogen"]
    handoff = next(case for case in DIALECT if case["name"] == "a handoff and a stop")["autogen"]

    task = task_messages(structured + handoff, {"StructuredMessage[TripPlan]": trip_plan})

    assert [type(message) for message in task] == [classes.TextMessage, trip_plan, classes.HandoffMessage,
                                                  classes.StopMessage]
    assert task[0].content == '{"city":"Paris","days":2,"sights":["Louvre","Orsay"]}'  # a model sees this JSON
    assert task[0].source == "planner" and task[0].id == "m10"
    assert task[1].content == {"city": "Paris", "days": 2, "sights": ["Louvre", "Orsay"]}
    assert task[2].target == "refunds"

    def refuse(data):
        raise ValueError("content: Input should be a valid string")
    classes.StopMessage.load = staticmethod(refuse)
    with pytest.raises(ValueError, match=r"dialect_history\[3\]: AgentChat cannot load this StopMessage"):
        task_messages(structured + handoff)


# --- serving ----------------------------------------------------------------------------------------------------

def history_json(*messages):
    return json.dumps(list(messages))


USER_ASKS = {"id": "m1", "source": "user", "models_usage": None, "metadata": {}, "content": "Weather in Paris?",
             "type": "TextMessage"}


def test_an_agent_streams_its_answer_and_reports_its_tool_calls():
    call = {"id": "call_1", "arguments": '{"city": "Paris"}', "name": "get_weather"}
    result = {"content": "18 °C", "name": "get_weather", "call_id": "call_1", "is_error": False}
    agent = FakeAgent("weather", script(
        event("ThoughtEvent", id="t1", source="weather", content="I need the forecast."),
        event("ToolCallRequestEvent", id="e1", source="weather", content=[call]),
        event("ToolCallExecutionEvent", id="e2", source="weather", content=[result]),
        chunk("Paris: ", "weather", "a1"),
        chunk("18 °C", "weather", "a1"),
        chat("TextMessage", id="a1", source="weather", content="Paris: 18 °C"),
        TaskResult(messages=[])))

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            serve_autogen(plugin, agent, id="weather")
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "Weather in Paris?", agent_id="weather",
                                 dialect_history=history_json(USER_ASKS))
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return stream.hello, events

    hello, events = run_async(scenario())
    assert hello.agents[0].framework == "autogen"
    assert hello.agents[0].card.description == "A fake AgentChat agent"
    [run] = agent.runs
    assert run["task"] == [USER_ASKS] and run["output_task_messages"] is False and run["token"] is None

    statuses = [event.status for event in events[:3]]
    assert [status.state for status in statuses] == [a2a_pb2.TASK_STATE_WORKING] * 3
    assert statuses[0].message.parts[0].text == "I need the forecast."
    tool_call = json_format.MessageToDict(statuses[1].message.parts[0])
    assert tool_call == {"data": {"id": "call_1", "name": "get_weather", "args": {"city": "Paris"}},
                         "mediaType": "application/vnd.agentx.tool-call+json", "metadata": {"agentx.kind": "toolCall"}}
    assert json_format.MessageToDict(statuses[2].message.parts[0])["data"] == {
        "id": "call_1", "name": "get_weather", "result": "18 °C", "isError": False}

    chunks = [event.artifact for event in events[3:6]]
    assert "".join(part.text for chunk_event in chunks for part in chunk_event.artifact.parts) == "Paris: 18 °C"
    assert [(c.append, c.last_chunk) for c in chunks] == [(False, False), (True, False), (True, True)]
    assert {c.artifact.artifact_id for c in chunks} == {"a1"} and chunks[0].artifact.name == "weather"
    assert events[6].status.state == a2a_pb2.TASK_STATE_COMPLETED and not events[6].status.HasField("message")
    assert len(events) == 7


def test_a_team_gives_an_artifact_per_message_and_its_stop_reason():
    team = FakeTeam(script(
        chunk("Draft", "writer"), chunk(" one", "writer"),
        chat("TextMessage", source="writer", content="Draft one"),  # AgentChat 0.4: no ids
        chat("TextMessage", source="critic", content="APPROVE"),
        TaskResult(messages=[], stop_reason="Text 'APPROVE' mentioned")))

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            serve_autogen(plugin, team, id="team", name="Writing team")
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "Write a haiku", agent_id="team")  # no dialect history: the text
            await stream.execute("t2", "Write another", agent_id="team")
            first = await stream.events_until_final("t1")
            second = await stream.events_until_final("t2")
            await plugin.stop()
            return first, second

    first, second = run_async(scenario())
    for events in (first, second):
        artifacts = [event.artifact for event in events[:-1]]
        assert [(a.artifact.name, a.append, a.last_chunk) for a in artifacts] == [
            ("writer", False, False), ("writer", True, False), ("writer", True, True), ("critic", False, True)]
        assert [part.text for part in artifacts[3].artifact.parts] == ["APPROVE"]
        assert events[-1].status.state == a2a_pb2.TASK_STATE_COMPLETED
        assert events[-1].status.message.parts[0].text == "Text 'APPROVE' mentioned"
    assert [[message["content"] for message in task] for task in team.runs] == [["Write a haiku"],
                                                                                 ["Write another"]]
    assert team.resets == 2, "reset before each task"


def test_cancelling_the_task_cancels_the_run(agentchat_installed):
    started = asyncio.Event()
    closed = []

    async def forever(task):
        try:
            yield event("ThoughtEvent", source="slow", content="thinking…")
            started.set()
            await asyncio.Event().wait()
        finally:
            closed.append(True)

    agent = FakeAgent("slow", forever)

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            serve_autogen(plugin, agent, id="slow")
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "Think hard", agent_id="slow", dialect_history=history_json(USER_ASKS))
            await asyncio.wait_for(started.wait(), 3)
            await stream.cancel("t1", agent_id="slow")
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return events

    events = run_async(scenario())
    assert [event.status.state for event in events] == [a2a_pb2.TASK_STATE_WORKING, a2a_pb2.TASK_STATE_CANCELED]
    token = agent.runs[0]["token"]
    assert isinstance(token, agentchat_installed.CancellationToken) and token.cancelled
    assert closed == [True]
    assert isinstance(agent.runs[0]["task"][0], agentchat_installed.messages.TextMessage)


def test_a_factory_gives_each_task_a_fresh_agent_and_failures_fail_the_task():
    made = []

    async def make_agent():
        async def answer(task):
            if task[-1]["content"] == "break":
                raise RuntimeError("model unavailable")
            yield chat("TextMessage", id=f"a{len(made)}", source="helper", content="done")
            yield TaskResult(messages=[])
        made.append(FakeAgent("helper", answer))
        return made[-1]

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            serve_autogen(plugin, make_agent, id="helper")
            stream = await connected(plugin, kernel)
            await stream.execute("t1", "go", agent_id="helper")
            await stream.execute("t2", "break", agent_id="helper")
            results = [await stream.events_until_final("t1"), await stream.events_until_final("t2")]
            await plugin.stop()
            return results

    done, broken = run_async(scenario())
    assert [part.text for part in done[0].artifact.artifact.parts] == ["done"]
    assert done[-1].status.state == a2a_pb2.TASK_STATE_COMPLETED
    assert broken[-1].status.state == a2a_pb2.TASK_STATE_FAILED
    assert broken[-1].status.message.parts[0].text == "model unavailable"
    assert len(made) == 2 and [agent.resets for agent in made] == [0, 0]
    with pytest.raises(TypeError, match="AgentChat agent or team"):
        serve_autogen(Plugin(name="p"), object(), id="nothing")
