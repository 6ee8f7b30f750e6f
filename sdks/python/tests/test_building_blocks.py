"""Parts, requests and backoff on their own."""

import json

import pytest

from agentx_plugin import a2a_pb2, data, file, plugin_pb2, text
from agentx_plugin.backoff import Backoff
from agentx_plugin.request import Request


def test_part_helpers_build_a2a_parts():
    assert text("hi") == a2a_pb2.Part(text="hi")
    structured = data({"city": "Paris", "days": [1, 2.5], "ok": True, "none": None}, media_type="application/json")
    fields = structured.data.struct_value.fields
    assert fields["city"].string_value == "Paris"
    assert [value.number_value for value in fields["days"].list_value.values] == [1, 2.5]
    assert fields["ok"].bool_value is True and fields["none"].HasField("null_value")
    assert structured.media_type == "application/json"
    assert data([]).data.HasField("list_value") and data({}).data.HasField("struct_value")
    by_url = file(url="https://example.com/a.png", media_type="image/png", filename="a.png")
    assert (by_url.url, by_url.media_type, by_url.filename) == ("https://example.com/a.png", "image/png", "a.png")
    assert file(raw=b"\x00\x01").raw == b"\x00\x01"


def test_part_helpers_refuse_what_they_cannot_represent():
    with pytest.raises(ValueError):
        file()
    with pytest.raises(ValueError):
        file(url="u", raw=b"r")
    with pytest.raises(TypeError, match="object"):
        data({"x": object()})


def test_request_exposes_the_execute_message():
    message = a2a_pb2.Message(message_id="m1", context_id="c1", task_id="t1", role=a2a_pb2.ROLE_USER, parts=[
        a2a_pb2.Part(text="first"), data({"k": [1, "v"]}), a2a_pb2.Part(url="https://x"), a2a_pb2.Part(text="second")])
    execute = plugin_pb2.Execute(
        agent_id="a", message=message, task=a2a_pb2.Task(id="t1", context_id="c1", history=[message]),
        streaming=True, accepted_output_modes=["text/plain"], principal="alice", tenant="acme",
        extensions=["https://ext"], resumed=True)
    request = Request(execute)
    assert (request.task_id, request.context_id, request.agent_id) == ("t1", "c1", "a")
    assert request.text == "first\nsecond"
    assert request.data == [{"k": [1.0, "v"]}]
    assert request.message is execute.message or request.message == message
    assert request.task.history[-1] == message
    assert request.streaming and request.resumed
    assert request.accepted_output_modes == ["text/plain"]
    assert (request.principal, request.tenant, request.extensions) == ("alice", "acme", ["https://ext"])


def test_backoff_doubles_from_250_ms_up_to_10_s_and_resets():
    upper = Backoff(uniform=lambda low, high: high)
    assert [upper.next_delay() for _ in range(8)] == [0.25, 0.5, 1, 2, 4, 8, 10, 10]
    upper.reset()
    assert upper.next_delay() == 0.25
    jittered = Backoff()
    delays = [jittered.next_delay() for _ in range(8)]
    assert all(nominal / 2 <= delay <= nominal for delay, nominal in zip(delays, [0.25, 0.5, 1, 2, 4, 8, 10, 10]))


def test_the_history_in_the_framework_s_own_form_is_there_when_the_kernel_sent_it():
    stored = [{"type": "human", "data": {"content": "Weather in Lyon?", "id": "m1"}}]
    execute = plugin_pb2.Execute(agent_id="lc", dialect_history=json.dumps(stored))
    assert Request(execute).dialect_history == stored
    assert Request(plugin_pb2.Execute(agent_id="plain")).dialect_history is None
