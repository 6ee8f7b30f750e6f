"""Serve a compiled LangGraph graph (a StateGraph with a ``messages`` channel, a prebuilt ReAct agent…) as an AgentX
agent.

Towards LangGraph: AgentX's LangGraph adapter hands the task's history over as LangChain messages in the flat form
LangGraph's agent server uses (``{"type", "content", "id", "tool_calls", "tool_call_id", "additional_kwargs", …}``:
LangChain's stored form with the ``data`` fields lifted to the top level). The graph gets ``{"messages": …}``: message
objects (through ``langchain_core.messages.messages_from_dict``) when langchain_core is installed, else the dicts.

From LangGraph: the graph is streamed with ``stream_mode=["messages", "updates", "values"]``, read by duck typing
like ``agentx_plugin.frameworks.langchain``: message chunks stream the answer's text, node updates report tool calls
and tool results, and the final state's last AI message completes the task.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from ..events import completed, failed, working
from .langchain import (AnswerArtifact, field, message_parts, message_type, resolve_config, text_of, tool_call_part,
                        tool_result_part, warn_text_only)

FRAMEWORK = "langgraph"
INTERRUPT = "__interrupt__"
STREAM_MODES = ["messages", "updates", "values"]


def to_stored(message: Dict[str, Any]) -> Dict[str, Any]:
    """A flat message in LangChain's stored form: ``{"type", "data": {every other field}}``."""
    return {"type": message.get("type"), "data": {key: value for key, value in message.items() if key != "type"}}


def load_messages(flat: List[Dict[str, Any]]) -> List[Any]:
    """Flat messages as LangChain message objects when langchain_core is installed, else the dicts as they are
    (LangGraph's ``add_messages`` accepts message dicts too)."""
    try:
        from langchain_core.messages import messages_from_dict
    except ImportError:
        return list(flat)
    return messages_from_dict([to_stored(message) for message in flat])


def history_of(request: Any) -> List[Dict[str, Any]]:
    """The conversation as flat messages: ``request.dialect_history``; when AgentX handed none (its LangGraph adapter
    is not installed), the message's text only, with a warning."""
    if request.dialect_history is not None:
        return request.dialect_history
    warn_text_only(request, FRAMEWORK)
    return [{"type": "human", "content": request.text, "id": request.message.message_id}]


def _messages_of(update: Any) -> List[Any]:
    """The messages a node wrote: its update's ``messages`` (one message or a list)."""
    value = update.get("messages") if isinstance(update, dict) else None
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _progress_parts(message: Any, streamed_ids: set) -> List[Any]:
    """What a WORKING update reports of a message a node wrote: a tool's result, or an AI message's tool calls
    (with its text, unless that already streamed into the answer)."""
    kind = message_type(message)
    if kind == "tool":
        return [tool_result_part(message)]
    calls = field(message, "tool_calls", [])
    if kind != "ai" or not calls:
        return []
    said = text_of(field(message, "content"))
    already = field(message, "id") in streamed_ids
    return ([] if already or not said else [said]) + [tool_call_part(call) for call in calls]


def _node_events(updates: Dict[str, Any], answer: AnswerArtifact, streamed_ids: set) -> List[Any]:
    """WORKING updates for the tool calls and tool results the nodes wrote, each after the answer's held-back piece."""
    events: List[Any] = []
    for update in updates.values():
        for written in (update if isinstance(update, (list, tuple)) else [update]):
            for message in _messages_of(written):
                parts = _progress_parts(message, streamed_ids)
                if parts:
                    events.extend(answer.flush())
                    events.append(working(parts))
    return events


def _answer_of(state: Any, given_ids: set) -> Optional[Any]:
    """The final state's last AI message, unless it is one of the messages the graph was given."""
    messages = state.get("messages") if isinstance(state, dict) else field(state, "messages")
    for message in reversed(list(messages or [])):
        if message_type(message) == "ai":
            return None if field(message, "id") in given_ids else message
    return None


def serve_graph(plugin: Any, graph: Any, id: str, *, input: Optional[Callable[[List[Any], Any], Any]] = None,
                config: Any = None, artifact_name: str = "answer", **card: Any) -> Callable:
    """Declares the agent ``id`` on ``plugin`` (``card``: the other keywords of ``plugin.agent``), answered by a
    compiled LangGraph graph: any object with ``astream(input, config, stream_mode=[…])``.

    For each task the graph gets ``{"messages": messages}`` (or what ``input(messages, request)`` returns) and
    ``config`` (a dict or a function of the request) with ``configurable.thread_id`` set to the A2A context id
    unless ``config`` sets it. While it runs:

    - the text of AI message chunks (stream mode "messages") streams into the artifact ``artifact_name``;
    - an AI message with tool calls a node writes (mode "updates") becomes a WORKING update with tool-call data
      parts, a tool message one with a tool-result data part;
    - a graph interrupt (``interrupt()``) fails the task: resuming is not supported.

    Then COMPLETED carries the last AI message of the final state (mode "values"), converted like every message.
    """
    if not callable(getattr(graph, "astream", None)):
        raise TypeError("serve_graph needs a compiled LangGraph graph: an object with an astream(input, config, "
                        "stream_mode=...) method (call compile() on a StateGraph)")

    async def langgraph_agent(request):
        history = history_of(request)
        messages = load_messages(history)
        run_config = resolve_config(config, request)
        run_config["configurable"] = {"thread_id": request.context_id, **run_config.get("configurable", {})}
        graph_input = {"messages": messages} if input is None else input(messages, request)
        answer = AnswerArtifact(artifact_name)
        streamed_ids: set = set()
        final_state: Any = None
        async for mode, payload in graph.astream(graph_input, run_config, stream_mode=STREAM_MODES):
            if mode == "messages":
                chunk = payload[0] if isinstance(payload, (list, tuple)) else payload
                piece = text_of(field(chunk, "content")) if message_type(chunk) == "ai" else ""
                if piece:
                    streamed_ids.add(field(chunk, "id"))
                    for event in answer.add(piece):
                        yield event
            elif mode == "updates" and isinstance(payload, dict):
                if INTERRUPT in payload:
                    for event in answer.flush():
                        yield event
                    yield failed("the graph was interrupted (LangGraph interrupt()): serve_graph cannot resume "
                                 "interrupted graphs")
                    return
                for event in _node_events(payload, answer, streamed_ids):
                    yield event
            elif mode == "values":
                final_state = payload
        for event in answer.end():
            yield event
        given_ids = {message.get("id") for message in history} - {None}
        last = _answer_of(final_state, given_ids)
        yield completed((message_parts(last) or None) if last is not None else None)

    return plugin.agent(id, framework=FRAMEWORK, **card)(langgraph_agent)
