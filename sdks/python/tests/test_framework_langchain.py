"""The LangChain integration (agentx_plugin.frameworks.langchain).

LangChain cannot be installed here, so the tests use small fake objects shaped like LangChain's public interfaces:
messages and AIMessageChunks with their attributes (type, content, id, tool_calls, tool_call_chunks, tool_call_id,
status…), a Runnable's ``astream(input, config)``, and ``langchain_core.messages.messages_from_dict``. The history
comes from the golden fixtures of AgentX's Java LangChain adapter, so both sides agree on the dialect.
"""

import json
import sys
import types
from pathlib import Path

import pytest
from google.protobuf import json_format

from agentx_plugin import a2a_pb2
from agentx_plugin.frameworks.langchain import StreamedMessage, message_parts, serve_runnable
from conftest import connected, new_plugin, run_async
from fake_kernel import FakeKernel

REPO = Path(__file__).resolve().parents[3]
LANGCHAIN_FIXTURES = REPO / "adapters-bundles" / "langchain" / "src" / "test" / "resources"
TOOL_CALL = "application/vnd.agentx.tool-call+json"


def fixture(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def case(cases, name):
    return next(item for item in cases if item["name"] == name)


def a2a_parts(message: dict):
    """The parts of an A2A message in its JSON form, as protobuf parts."""
    return list(json_format.ParseDict(message, a2a_pb2.Message()).parts)


def parts_json(parts):
    return [json_format.MessageToDict(part) for part in parts]


class FakeMessage:
    """A LangChain message (or chunk) as its public attributes show it."""

    def __init__(self, type, content="", **fields):
        self.type = type
        self.content = content
        for name, value in fields.items():
            setattr(self, name, value)

    @classmethod
    def from_stored(cls, stored: dict) -> "FakeMessage":
        fields = {key: value for key, value in stored["data"].items() if key != "type"}
        return cls(stored["type"], **fields)

    def __repr__(self):
        return f"FakeMessage({vars(self)})"


def chunk(content="", tool_call_chunks=(), id="run-1"):
    """An AIMessageChunk as a chat model's astream yields it."""
    return FakeMessage("AIMessageChunk", content, id=id, tool_call_chunks=list(tool_call_chunks))


class FakeRunnable:
    """Streams the items it was given, like Runnable.astream, recording each call's input and config."""

    def __init__(self, *items):
        self.items = items
        self.calls = []

    async def astream(self, input, config=None, **kwargs):
        self.calls.append((input, config))
        for item in self.items:
            yield item


@pytest.fixture
def no_langchain_core(monkeypatch):
    monkeypatch.setitem(sys.modules, "langchain_core.messages", None)  # importing it raises ImportError


@pytest.fixture
def fake_langchain_core(monkeypatch):
    """langchain_core.messages with a messages_from_dict that builds fake messages and records its argument."""
    module = types.ModuleType("langchain_core.messages")
    module.loaded = []

    def messages_from_dict(dicts):
        module.loaded.append(dicts)
        return [FakeMessage.from_stored(stored) for stored in dicts]

    module.messages_from_dict = messages_from_dict
    package = types.ModuleType("langchain_core")
    package.__path__ = []
    package.messages = module
    monkeypatch.setitem(sys.modules, "langchain_core", package)
    monkeypatch.setitem(sys.modules, "langchain_core.messages", module)
    return module


def run_agent(declare, history, text="hello"):
    """Declares an agent with `declare(plugin)`, has the fake kernel execute one task with `history` as its dialect
    history (none when None), and returns the Hello and the task's events."""

    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            declare(plugin)
            stream = await connected(plugin, kernel)
            fields = {} if history is None else {"dialect_history": json.dumps(history)}
            await stream.execute("t1", text, agent_id="agent", **fields)
            events = await stream.events_until_final("t1")
            await plugin.stop()
            return stream.hello, events

    return run_async(scenario())


def artifact_chunks(events):
    return [(event.artifact.artifact.parts[0].text, event.artifact.append, event.artifact.last_chunk)
            for event in events if event.HasField("artifact")]


# --- the dialect, as the Java adapter writes it -----------------------------------------------------------------

def test_messages_become_the_parts_the_java_adapter_gives_them():
    for item in fixture(LANGCHAIN_FIXTURES / "langchain-dialect.json"):
        expected = item.get("a2aBack", item["a2a"])
        for stored, a2a in zip(item["langchain"], expected, strict=True):
            assert message_parts(FakeMessage.from_stored(stored)) == a2a_parts(a2a), item["name"]
    for item in fixture(LANGCHAIN_FIXTURES / "langchain-js-output.json"):
        assert message_parts(FakeMessage.from_stored(item["langchain"])) == a2a_parts(item["a2a"]), item["name"]


# --- serving a Runnable -----------------------------------------------------------------------------------------

def test_the_answer_streams_as_artifact_chunks_and_completes_with_the_whole_message_and_its_tool_call(
        no_langchain_core):
    history = case(fixture(LANGCHAIN_FIXTURES / "langchain-dialect.json"),
                   "an agent's tool call, the tool's result and the answer")["langchain"]
    history = history + [{"type": "human", "data": {"content": "And tomorrow?", "id": "m5"}}]
    model = FakeRunnable(
        chunk("Let me check "), chunk("tomorrow."),
        chunk(tool_call_chunks=[{"name": "weather", "args": '{"city": "Pa', "id": "call_2", "index": 0}]),
        chunk(tool_call_chunks=[{"name": None, "args": 'ris", "days": 1}', "id": None, "index": 0}]))

    hello, events = run_agent(lambda plugin: serve_runnable(plugin, model, "agent", name="Weather"), history)

    assert hello.agents[0].framework == "langchain" and hello.agents[0].card.name == "Weather"
    assert model.calls == [(history, {})], "the runnable gets the stored messages as AgentX handed them over"
    assert artifact_chunks(events) == [("Let me check ", False, False), ("tomorrow.", True, True)]
    assert {event.artifact.artifact.name for event in events if event.HasField("artifact")} == {"answer"}
    final = events[-1].status
    assert final.state == a2a_pb2.TASK_STATE_COMPLETED
    assert parts_json(final.message.parts) == [
        {"text": "Let me check tomorrow."},
        {"data": {"id": "call_2", "name": "weather", "args": {"city": "Paris", "days": 1}}, "mediaType": TOOL_CALL,
         "metadata": {"agentx.kind": "toolCall"}}]


def test_with_langchain_core_installed_the_runnable_gets_message_objects(fake_langchain_core):
    history = fixture(LANGCHAIN_FIXTURES / "langchain-dialect.json")[1]["langchain"]
    prompt_and_model = FakeRunnable(chunk("Rain."))

    def declare(plugin):
        serve_runnable(plugin, prompt_and_model, "agent", input=lambda messages, request: {"history": messages},
                       config=lambda request: {"configurable": {"session": request.context_id}})

    _, events = run_agent(declare, history)

    assert fake_langchain_core.loaded == [history]
    [(given, config)] = prompt_and_model.calls
    assert [(message.type, message.id) for message in given["history"]] == [("ai", "m2"), ("tool", "m3"), ("ai", "m4")]
    assert given["history"][0].tool_calls[0]["args"] == {"city": "Paris", "days": 2}
    assert config == {"configurable": {"session": "ctx-1"}}
    assert parts_json(events[-1].status.message.parts) == [{"text": "Rain."}]


def test_a_chain_streaming_strings_and_ending_with_a_dict_keeps_both(no_langchain_core):
    chain = FakeRunnable("The ", "answer", {"score": 0.5, "sources": ["a", "b"]})

    _, events = run_agent(lambda plugin: serve_runnable(plugin, chain, "agent", artifact_name="reply"), [])

    assert artifact_chunks(events) == [("The ", False, False), ("answer", True, True)]
    assert parts_json(events[-1].status.message.parts) == [
        {"text": "The answer"}, {"data": {"score": 0.5, "sources": ["a", "b"]}}]


def test_without_a_dialect_history_the_runnable_gets_the_text_and_a_warning_is_logged(no_langchain_core, caplog):
    model = FakeRunnable(chunk("Hi!"))

    _, events = run_agent(lambda plugin: serve_runnable(plugin, model, "agent"), None, text="hello there")

    assert model.calls[0][0] == [{"type": "human", "data": {"content": "hello there", "id": "m-t1"}}]
    assert "AgentX handed no langchain history" in caplog.text
    assert events[-1].status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_a_runnable_that_says_nothing_completes_without_a_message(no_langchain_core):
    _, events = run_agent(lambda plugin: serve_runnable(plugin, FakeRunnable(), "agent"), [])

    assert len(events) == 1 and not events[0].status.HasField("message")
    assert events[0].status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_what_cannot_stream_is_refused_when_declared():
    with pytest.raises(TypeError, match="astream"):
        serve_runnable(object(), object(), "agent")


# --- putting a streamed message together ------------------------------------------------------------------------

def test_streamed_reasoning_is_merged_and_unparsable_tool_arguments_are_kept_as_they_came():
    streamed = StreamedMessage()
    for item in [chunk([{"type": "reasoning", "reasoning": "The user ", "index": 0}]),
                 chunk([{"type": "reasoning", "reasoning": "wants rain.", "index": 0}]),
                 chunk([{"type": "text", "text": "Rain."}]),
                 chunk(tool_call_chunks=[{"name": "log", "args": "{not json", "id": "c1", "index": 0}])]:
        streamed.add(item)

    assert parts_json(streamed.parts()) == [
        {"text": "Rain."},
        {"data": {"type": "reasoning", "reasoning": "The user wants rain.", "index": 0},
         "metadata": {"agentx.kind": "langchain.reasoning"}},
        {"data": {"id": "c1", "name": "log", "args": "{not json"}, "mediaType": TOOL_CALL,
         "metadata": {"agentx.kind": "toolCall"}}]


def test_a_whole_message_with_tool_calls_and_an_image_is_taken_as_it_is():
    streamed = StreamedMessage()
    streamed.add(FakeMessage("ai", [{"type": "text", "text": "Here:"},
                                    {"type": "image", "source_type": "base64", "data": "R0lGODlh",
                                     "mime_type": "image/gif"}],
                             id="run-2", tool_calls=[{"name": "save", "args": {"path": "a.gif"}, "id": "c2"}]))

    assert parts_json(streamed.parts()) == [
        {"text": "Here:"}, {"raw": "R0lGODlh", "mediaType": "image/gif"},
        {"data": {"id": "c2", "name": "save", "args": {"path": "a.gif"}}, "mediaType": TOOL_CALL,
         "metadata": {"agentx.kind": "toolCall"}}]
