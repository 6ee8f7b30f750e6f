"""The Semantic Kernel integration, against AgentX's Semantic Kernel dialect fixtures and small fakes of it.

Semantic Kernel cannot be installed here: the fakes behave like its public interfaces (contents with
`content_type`, their fields as attributes and `model_dump(exclude_none=True)` — a FunctionResultContent dumping
its result as text, as Semantic Kernel's serializer does —; a ChatCompletionAgent with `name`, `description`,
`invoke_stream(messages=..., thread=..., on_intermediate_message=...)` yielding AgentResponseItems of
StreamingChatMessageContent chunks and `invoke(...)` yielding ChatMessageContents, reporting function calls and
results through `on_intermediate_message`; `semantic_kernel.contents.ChatMessageContent.model_validate`), and the
messages come from the golden fixtures of the Java adapter (adapters-bundles/semantic-kernel/src/test/resources),
so both sides agree on the dialect."""

import asyncio
import json
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import pytest
from google.protobuf import json_format

from agentx_plugin import a2a_pb2
from agentx_plugin.frameworks.semantic_kernel import chat_messages, item_parts, serve_semantic_kernel
from conftest import connected, new_plugin, run_async
from fake_kernel import FakeKernel

FIXTURES = Path(__file__).resolve().parents[3] / "adapters-bundles" / "semantic-kernel" / "src" / "test" / "resources"
DIALECT = json.loads((FIXTURES / "semantic-kernel-dialect.json").read_text(encoding="utf-8"))
OUTPUT = json.loads((FIXTURES / "semantic-kernel-output.json").read_text(encoding="utf-8"))
HISTORY = [message for case in DIALECT for message in case["semanticKernel"]]


def output(name):
    return next(item for item in OUTPUT if item["name"].startswith(name))


def parts_json(parts):
    return [json_format.MessageToDict(part) for part in parts]


# --- fakes of Semantic Kernel -----------------------------------------------------------------------------------

class Content:
    """A Semantic Kernel content object: fields as attributes, model_dump(exclude_none=True) as a dict."""

    def __init__(self, **fields):
        fields.setdefault("metadata", {})
        self.__dict__.update(fields)

    def model_dump(self, exclude_none=False):
        fields = {key: value for key, value in vars(self).items() if not (exclude_none and value is None)}
        if "result" in fields:
            fields["result"] = str(fields["result"])  # FunctionResultContent.serialize_result
        return fields


def content(fields):
    """The object a serialized item or message stands for (items become objects too)."""
    fields = dict(fields)
    if "items" in fields:
        fields["items"] = [content(item) for item in fields["items"]]
    return Content(**fields)


def chunk(text_piece, name="Weather"):
    """An AgentResponseItem of a StreamingChatMessageContent holding one StreamingTextContent."""
    message = Content(content_type="message", role="assistant", name=name, choice_index=0,
                      items=[Content(content_type="text", text=text_piece, choice_index=0)])
    return SimpleNamespace(message=message, thread="thread-1")


class FakeAgent:
    """A ChatCompletionAgent: invoke_stream / invoke run `script(report)`, which yields responses and may await
    report(message) for intermediate function calls and results."""

    def __init__(self, script, name="Weather", description="Answers weather questions"):
        self.name = name
        self.description = description
        self.script = script
        self.calls = []

    async def invoke_stream(self, messages=None, *, thread=None, on_intermediate_message=None, arguments=None,
                            kernel=None, **kwargs):
        self.calls.append({"messages": messages, "thread": thread, "stream": True})
        async for response in self.script(on_intermediate_message):
            yield response

    async def invoke(self, messages=None, *, thread=None, on_intermediate_message=None, arguments=None,
                     kernel=None, **kwargs):
        self.calls.append({"messages": messages, "thread": thread, "stream": False})
        async for response in self.script(on_intermediate_message):
            yield response


CALL_MESSAGE = content({"content_type": "message", "role": "assistant", "items": [
    {"content_type": "function_call", "id": "call_1", "name": "Weather-get_forecast", "function_name": "get_forecast",
     "plugin_name": "Weather", "arguments": '{"city": "Paris"}'}]})
FAILED_RESULT_MESSAGE = content({"content_type": "message", "role": "tool", "items": [
    {"content_type": "function_result", "id": "call_1", "name": "Weather-get_forecast",
     "function_name": "get_forecast", "plugin_name": "Weather",
     "result": "An error occurred while invoking the function Weather-get_forecast: upstream timeout"}]})
RESULT_MESSAGE = content({"content_type": "message", "role": "tool", "items": [
    {"content_type": "function_result", "id": "call_2", "name": "Weather-get_forecast",
     "function_name": "get_forecast", "plugin_name": "Weather", "result": {"celsius": 18}}]})


def serve_and_run(agent, *requests, **options):
    """Serves `agent` as "sk" against a fake kernel; each request is (task id, text, history or None)."""
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            serve_semantic_kernel(plugin, agent, id="sk", **options)
            stream = await connected(plugin, kernel)
            results = []
            for task_id, text, history in requests:
                fields = {} if history is None else {"dialect_history": json.dumps(history)}
                await stream.execute(task_id, text, agent_id="sk", **fields)
                results.append(await stream.events_until_final(task_id))
            await plugin.stop()
            return stream.hello, results
    return run_async(scenario())


@pytest.fixture
def semantic_kernel_installed(monkeypatch):
    """A fake semantic_kernel.contents whose ChatMessageContent.model_validate records what it loads."""
    class ChatMessageContent(Content):
        @classmethod
        def model_validate(cls, data):
            if "items" not in data:
                raise ValueError("items: Field required")
            return cls(**{**data, "items": [content(item) for item in data["items"]]})

    contents = types.ModuleType("semantic_kernel.contents")
    contents.ChatMessageContent = ChatMessageContent
    package = types.ModuleType("semantic_kernel")
    package.contents = contents
    monkeypatch.setitem(sys.modules, "semantic_kernel", package)
    monkeypatch.setitem(sys.modules, "semantic_kernel.contents", contents)
    return ChatMessageContent


# --- the dialect ------------------------------------------------------------------------------------------------

def test_items_become_the_parts_the_java_adapter_makes():
    for item in OUTPUT:
        assert parts_json(item_parts(item["semanticKernel"])) == item["a2a"]["parts"], item["name"]
    compared = 0
    for case in DIALECT:
        envelopes = [message["metadata"]["agentx"] for message in case["semanticKernel"]]
        if any("parts" in envelope or "jsonResult" in envelope for envelope in envelopes):
            continue  # parts that travelled in AgentX's envelope: only the Java adapter restores them
        expected = [part for message in case.get("a2aBack", case["a2a"]) for part in message["parts"]]
        actual = [part for message in case["semanticKernel"] for part in parts_json(item_parts(message))]
        assert actual == expected, case["name"]
        compared += 1
    assert compared >= 4


def test_content_objects_convert_like_their_serialized_form():
    for name in ("a user message as ChatHistory.serialize", "a streamed function call", "a function that raised"):
        serialized = output(name)["semanticKernel"]
        assert item_parts(content(serialized)) == item_parts(serialized), name
    structured = parts_json(item_parts(RESULT_MESSAGE))[0]["data"]
    assert structured["result"] == {"celsius": 18}, "a result object as it is, not as Semantic Kernel dumps it"


def test_without_semantic_kernel_the_history_is_the_dicts():
    assert chat_messages(HISTORY) == HISTORY
    with pytest.raises(ValueError, match=r"dialect_history\[1\].role"):
        chat_messages([HISTORY[0], {"role": "robot", "items": []}])


def test_with_semantic_kernel_the_history_is_loaded_with_model_validate(semantic_kernel_installed):
    loaded = chat_messages(HISTORY)
    assert all(isinstance(message, semantic_kernel_installed) for message in loaded)
    assert loaded[1].name == "WeatherAgent" and loaded[1].items[1].function_name == "get_forecast"
    assert loaded[0].metadata["agentx"]["messageId"] == "m1"  # the envelope stays: it is Semantic Kernel metadata
    with pytest.raises(ValueError, match=r"dialect_history\[1\]: not a ChatMessageContent .*items: Field required"):
        chat_messages([HISTORY[0], {"role": "user", "content": "no items"}])


# --- serving ----------------------------------------------------------------------------------------------------

def test_a_streamed_answer_becomes_artifact_chunks_and_function_calls_working_statuses():
    async def script(report):
        yield chunk("Let me check. ")
        await report(CALL_MESSAGE)
        await report(FAILED_RESULT_MESSAGE)
        await asyncio.sleep(0)
        yield chunk("The forecast service is down.")

    agent = FakeAgent(script)
    hello, [events] = serve_and_run(agent, ("t1", "Weather in Paris?", HISTORY))

    assert agent.calls == [{"messages": HISTORY, "thread": None, "stream": True}]
    assert hello.agents[0].framework == "semantic-kernel"
    assert hello.agents[0].card.name == "Weather" and hello.agents[0].card.description == "Answers weather questions"
    first, call, result, second, last, done = events
    assert [first.artifact.artifact.parts[0].text, second.artifact.artifact.parts[0].text] == [
        "Let me check. ", "The forecast service is down."]
    assert [(e.artifact.append, e.artifact.last_chunk) for e in (first, second, last)] == [
        (False, False), (True, False), (True, True)]
    assert len({e.artifact.artifact.artifact_id for e in (first, second, last)}) == 1
    assert first.artifact.artifact.name == "answer"
    assert parts_json(call.status.message.parts) == [{
        "data": {"id": "call_1", "name": "Weather-get_forecast", "args": {"city": "Paris"}},
        "mediaType": "application/vnd.agentx.tool-call+json", "metadata": {"agentx.kind": "toolCall"}}]
    assert parts_json(result.status.message.parts)[0]["data"] == {
        "id": "call_1", "name": "Weather-get_forecast", "result": "upstream timeout", "isError": True}
    assert {call.status.state, result.status.state} == {a2a_pb2.TASK_STATE_WORKING}
    assert done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_without_streaming_invoke_answers_with_whole_messages_and_a_thread_can_be_given():
    async def script(report):
        await report(CALL_MESSAGE)
        await report(RESULT_MESSAGE)
        yield content({"content_type": "message", "role": "assistant", "name": "Weather", "items": [
            {"content_type": "text", "text": "18 °C, here is the map."},
            {"content_type": "image", "data_uri": "data:image/gif;base64,R0lGODlh"}]})

    agent = FakeAgent(script)
    _, [events] = serve_and_run(agent, ("t1", "Weather?", None), stream=False,
                                thread=lambda request: f"thread-of-{request.context_id}")

    assert agent.calls == [{"messages": "Weather?", "thread": "thread-of-ctx-1", "stream": False}]
    call, result, answer, last, done = events
    assert parts_json(result.status.message.parts)[0]["data"] == {
        "id": "call_2", "name": "Weather-get_forecast", "result": {"celsius": 18}}
    assert parts_json(answer.artifact.artifact.parts) == [
        {"text": "18 °C, here is the map."}, {"raw": "R0lGODlh", "mediaType": "image/gif"}]
    assert last.artifact.last_chunk and done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_a_bad_history_fails_the_task_and_a_non_agent_is_refused():
    async def script(report):
        yield chunk("never")

    _, [events] = serve_and_run(FakeAgent(script), ("t1", "hi", [{"role": "robot", "items": []}]))

    assert events[-1].status.state == a2a_pb2.TASK_STATE_FAILED
    assert "dialect_history[0].role" in events[-1].status.message.parts[0].text
    with pytest.raises(TypeError, match="serve_semantic_kernel needs a Semantic Kernel agent"):
        serve_semantic_kernel(SimpleNamespace(agent=lambda *a, **k: None), object(), id="x")
