"""The LangGraph integration (agentx_plugin.frameworks.langgraph).

LangGraph cannot be installed here, so the tests use a fake compiled graph whose ``astream(input, config,
stream_mode=[...])`` yields ``(mode, payload)`` pairs shaped like LangGraph's: ``("messages", (chunk, metadata))``,
``("updates", {node: {"messages": [...]}})``, ``("values", state)``, and ``{"__interrupt__": ...}`` updates. The history
comes from the golden fixtures of AgentX's Java LangGraph adapter, so both sides agree on the dialect.
"""

import pytest

from agentx_plugin import a2a_pb2
from agentx_plugin.frameworks.langchain import message_parts
from agentx_plugin.frameworks.langgraph import serve_graph, to_stored
from test_framework_langchain import (LANGCHAIN_FIXTURES, TOOL_CALL, FakeMessage, a2a_parts, artifact_chunks, case,
                                      chunk, fixture, parts_json, run_agent)
from test_framework_langchain import fake_langchain_core, no_langchain_core  # noqa: F401 (pytest fixtures)

LANGGRAPH_FIXTURES = LANGCHAIN_FIXTURES.parents[3] / "langgraph" / "src" / "test" / "resources"
TOOL_RESULT = "application/vnd.agentx.tool-result+json"
METADATA = {"langgraph_node": "agent", "langgraph_step": 1}


class FakeGraph:
    """A compiled graph's astream: yields the (mode, payload) pairs it was given, recording each call."""

    def __init__(self, *items):
        self.items = items
        self.calls = []

    async def astream(self, input, config=None, *, stream_mode="values", **kwargs):
        self.calls.append((input, config, stream_mode))
        for item in self.items:
            yield item


def kind(event):
    return "artifact" if event.HasField("artifact") else a2a_pb2.TaskState.Name(event.status.state)


def react_run(given):
    """What a ReAct agent streams: the model calls a tool, the tool answers, the model answers (token by token)."""
    call = FakeMessage("ai", "Let me look that up.", id="run-a",
                       tool_calls=[{"name": "weather", "args": {"city": "Paris"}, "id": "call_7", "type": "tool_call"}])
    result = FakeMessage("tool", "18 °C, light rain", id="tool-1", name="weather", tool_call_id="call_7",
                         status="success")
    answer = FakeMessage("ai", "Paris: 18 °C with rain.", id="run-b", tool_calls=[])
    return [
        ("values", {"messages": list(given)}),
        ("messages", (chunk("Let me look that up.", id="run-a"), METADATA)),
        ("updates", {"agent": {"messages": [call]}}),
        ("values", {"messages": [*given, call]}),
        ("messages", (result, {"langgraph_node": "tools"})),
        ("updates", {"tools": {"messages": [result]}}),
        ("values", {"messages": [*given, call, result]}),
        ("messages", (chunk("Paris: 18 °C", id="run-b"), METADATA)),
        ("messages", (chunk(" with rain.", id="run-b"), METADATA)),
        ("updates", {"agent": {"messages": [answer]}}),
        ("values", {"messages": [*given, call, result, answer]}),
    ]


# --- the dialect, as the Java adapter writes it -----------------------------------------------------------------

def test_flat_messages_become_the_parts_the_java_adapter_gives_them():
    for item in fixture(LANGGRAPH_FIXTURES / "langgraph-dialect.json"):
        expected = item.get("a2aBack", item["a2a"])
        for flat, a2a in zip(item["langgraph"], expected, strict=True):
            assert message_parts(flat) == a2a_parts(a2a), item["name"]
    for item in fixture(LANGGRAPH_FIXTURES / "langgraph-server-output.json"):
        assert message_parts(item["langgraph"]) == a2a_parts(item["a2a"]), item["name"]


def test_the_flat_form_is_langchains_stored_form_with_data_lifted():
    langchain = fixture(LANGCHAIN_FIXTURES / "langchain-dialect.json")
    shared = 0
    for item in fixture(LANGGRAPH_FIXTURES / "langgraph-dialect.json"):
        if any(other["name"] == item["name"] for other in langchain):
            assert [to_stored(flat) for flat in item["langgraph"]] == case(langchain, item["name"])["langchain"]
            shared += 1
    assert shared == 6


# --- serving a graph --------------------------------------------------------------------------------------------

def test_tokens_stream_tool_steps_are_reported_and_the_last_ai_message_completes(no_langchain_core):
    history = case(fixture(LANGGRAPH_FIXTURES / "langgraph-dialect.json"), "a user's text")["langgraph"]
    graph = FakeGraph(*react_run(history))

    hello, events = run_agent(lambda plugin: serve_graph(plugin, graph, "agent", description="Weather"), history)

    assert hello.agents[0].framework == "langgraph"
    [(given, config, modes)] = graph.calls
    assert given == {"messages": history}, "the graph gets the flat messages as AgentX handed them over"
    assert config == {"configurable": {"thread_id": "ctx-1"}}
    assert modes == ["messages", "updates", "values"]

    assert [kind(event) for event in events] == ["artifact", "TASK_STATE_WORKING", "TASK_STATE_WORKING", "artifact",
                                                 "artifact", "TASK_STATE_COMPLETED"]
    assert artifact_chunks(events) == [("Let me look that up.", False, False), ("Paris: 18 °C", True, False),
                                       (" with rain.", True, True)]
    assert parts_json(events[1].status.message.parts) == [
        {"data": {"id": "call_7", "name": "weather", "args": {"city": "Paris"}}, "mediaType": TOOL_CALL,
         "metadata": {"agentx.kind": "toolCall"}}], "its text already streamed into the answer"
    assert parts_json(events[2].status.message.parts) == [
        {"data": {"name": "weather", "id": "call_7", "result": "18 °C, light rain"}, "mediaType": TOOL_RESULT,
         "metadata": {"agentx.kind": "toolResult"}}]
    assert parts_json(events[-1].status.message.parts) == [{"text": "Paris: 18 °C with rain."}]


def test_with_langchain_core_installed_the_graph_gets_message_objects(fake_langchain_core):
    history = case(fixture(LANGGRAPH_FIXTURES / "langgraph-dialect.json"),
                   "an agent's tool call, the tool's result and the answer")["langgraph"]
    graph = FakeGraph(("values", {"messages": []}))

    run_agent(lambda plugin: serve_graph(plugin, graph, "agent",
                                         config={"configurable": {"thread_id": "mine"}, "recursion_limit": 5}),
              history)

    assert fake_langchain_core.loaded == [[to_stored(message) for message in history]]
    [(given, config, _)] = graph.calls
    assert [(message.type, message.id) for message in given["messages"]] == [("ai", "m2"), ("tool", "m3"), ("ai", "m4")]
    assert config == {"configurable": {"thread_id": "mine"}, "recursion_limit": 5}


def test_a_tool_call_whose_text_did_not_stream_is_reported_with_it(no_langchain_core):
    call = FakeMessage("ai", "Checking.", id="run-c", tool_calls=[{"name": "clock", "args": {}, "id": "c1"}])
    graph = FakeGraph(("updates", {"agent": {"messages": call}}), ("values", {"messages": [call]}))

    _, events = run_agent(lambda plugin: serve_graph(plugin, graph, "agent"), [])

    assert parts_json(events[0].status.message.parts)[0] == {"text": "Checking."}
    assert parts_json(events[-1].status.message.parts) == parts_json(events[0].status.message.parts)


def test_an_interrupted_graph_fails_the_task_after_what_it_said(no_langchain_core):
    graph = FakeGraph(("messages", (chunk("Shall I book it?"), METADATA)),
                      ("updates", {"__interrupt__": ({"value": "confirm booking", "id": "i1"},)}))

    _, events = run_agent(lambda plugin: serve_graph(plugin, graph, "agent"), [])

    assert artifact_chunks(events) == [("Shall I book it?", False, False)]
    assert events[-1].status.state == a2a_pb2.TASK_STATE_FAILED
    assert "interrupt" in events[-1].status.message.parts[0].text


def test_a_graph_that_adds_no_ai_message_completes_without_repeating_an_old_one(no_langchain_core):
    history = case(fixture(LANGGRAPH_FIXTURES / "langgraph-dialect.json"),
                   "an agent's tool call, the tool's result and the answer")["langgraph"]
    graph = FakeGraph(("values", {"messages": history}))

    _, events = run_agent(lambda plugin: serve_graph(plugin, graph, "agent"), history)

    assert len(events) == 1 and not events[0].status.HasField("message")


def test_without_a_dialect_history_the_graph_gets_the_text(no_langchain_core):
    graph = FakeGraph()

    run_agent(lambda plugin: serve_graph(plugin, graph, "agent"), None, text="hi")

    assert graph.calls[0][0] == {"messages": [{"type": "human", "content": "hi", "id": "m-t1"}]}


def test_what_is_not_a_compiled_graph_is_refused_when_declared():
    with pytest.raises(TypeError, match="compile"):
        serve_graph(object(), object(), "agent")
