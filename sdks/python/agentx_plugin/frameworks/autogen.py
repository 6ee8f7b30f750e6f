"""Serve an AutoGen AgentChat agent or team (autogen-agentchat 0.4 and later) as an AgentX agent.

    from autogen_agentchat.agents import AssistantAgent
    from agentx_plugin.frameworks.autogen import serve_autogen

    serve_autogen(plugin, lambda: AssistantAgent("weather", model_client=client, tools=[get_weather]),
                  id="weather", description="Answers questions about the weather")

AgentX's AutoGen adapter hands the task's history over as AgentChat messages in the form their `dump()` writes
(`request.dialect_history`). Its chat messages are loaded with AgentChat's own message classes when
autogen-agentchat is installed (else given as the dicts) and run with `run_stream(task=[...])`; what the run
streams becomes A2A events:

- agent events (tool call requests and executions, thoughts…) → WORKING status updates with their parts (tool
  calls and results as data parts of AgentX's tool media types);
- chat messages → one artifact each, named after the agent that wrote it;
- `ModelClientStreamingChunkEvent`s → chunks of the artifact of the message they build up, which that message
  closes (matched by `full_message_id`, or by source before AgentChat 0.7);
- the closing `TaskResult` → COMPLETED, with its `stop_reason` as the message when it has one.

Nothing of AutoGen is imported at import time, and nothing of it is required: objects are duck-typed."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import importlib
import inspect
import json
from typing import Any, Callable, Iterable, List, Mapping, Optional

from ..events import Part, artifact, completed, data, file, new_id, text, working

FRAMEWORK = "autogen"
#: Media types and part metadata of AgentX's tool call / tool result data parts (io.agentx.api.adapter).
TOOL_CALL_MEDIA_TYPE = "application/vnd.agentx.tool-call+json"
TOOL_RESULT_MEDIA_TYPE = "application/vnd.agentx.tool-result+json"
KIND_KEY = "agentx.kind"
#: Part kind of AutoGen content A2A has no part for (memory query results, selected speakers…).
AUTOGEN_CONTENT = "autogen.content"
#: AgentChat's chat messages (BaseChatMessage), the only messages run_stream(task=...) takes; the rest are events.
CHAT_MESSAGE_TYPES = frozenset({"TextMessage", "MultiModalMessage", "StopMessage", "ToolCallSummaryMessage",
                                "HandoffMessage"})
STREAMING_CHUNK = "ModelClientStreamingChunkEvent"


# --- AgentX → AutoGen -------------------------------------------------------------------------------------------

def task_messages(history: Iterable[Mapping[str, Any]],
                  message_types: Optional[Mapping[str, Any]] = None) -> List[Any]:
    """The chat messages of `history` (AgentChat message dicts, as `request.dialect_history` holds them) for
    `run_stream(task=...)`, oldest first. With autogen-agentchat installed they are loaded with its message
    classes (`load`, else `model_validate`), else the dicts are returned as they are. Agent events (tool call
    requests and executions, thoughts…) are left out: AgentChat takes chat messages only (a
    ToolCallSummaryMessage carries the calls and results of its turn).

    A StructuredMessage is typed by a content model AgentChat cannot find by name: give its class in
    `message_types` (`{"StructuredMessage[TripPlan]": StructuredMessage[TripPlan]}`), else it is loaded as a
    TextMessage holding its content's JSON (the text AgentChat gives the model for it)."""
    classes = _optional_module("autogen_agentchat.messages")
    messages = []
    for index, message in enumerate(history):
        type_name = message.get("type") if isinstance(message, Mapping) else None
        if not isinstance(type_name, str):
            raise ValueError(f"dialect_history[{index}].type: expected an AgentChat message type")
        if not _is_chat_message_type(type_name):
            continue
        if classes is None:
            messages.append(message)
        else:
            messages.append(_load(classes, message, type_name, message_types or {}, index))
    return messages


def _load(classes: Any, message: Mapping[str, Any], type_name: str, message_types: Mapping[str, Any],
          index: int) -> Any:
    cls = message_types.get(type_name)
    if cls is None and not _is_structured(type_name):
        cls = getattr(classes, type_name, None)
    if cls is None:
        cls = classes.TextMessage
        message = {**message, "type": "TextMessage", "content": _json_text(message.get("content"))}
    load = getattr(cls, "load", None) or cls.model_validate
    try:
        return load(message)
    except Exception as error:  # pydantic's ValidationError, or whatever a custom load raises
        raise ValueError(f"dialect_history[{index}]: AgentChat cannot load this {type_name}: {error}") from error


# --- AutoGen → A2A ----------------------------------------------------------------------------------------------

def message_parts(message: Any) -> List[Part]:
    """An AgentChat message or event (an object, or a dict as `dump()` writes it) as A2A parts, as AgentX's
    AutoGen adapter makes them: strings → text, images → inline bytes, a structured message's content → data
    (application/json), FunctionCalls → tool calls `{id, name, args}` and FunctionExecutionResults → tool results
    `{id, name, result, isError}`, other content → data marked `agentx.kind: autogen.content`."""
    fields = _fields(message)
    type_name = fields.get("type") or ""
    content = fields.get("content")
    if type_name == "ToolCallRequestEvent":
        return [_tool_call_part(call) for call in content or ()]
    if type_name == "ToolCallExecutionEvent":
        return [_tool_result_part(result) for result in content or ()]
    if type_name == "ToolCallSummaryMessage":  # tool_calls and results are new in AgentChat 0.6
        return (_text_parts(content) + [_tool_call_part(call) for call in fields.get("tool_calls") or ()]
                + [_tool_result_part(result) for result in fields.get("results") or ()])
    if type_name == "MultiModalMessage":
        return [_multimodal_part(item) for item in content or ()]
    if _is_structured(type_name):
        return [data(content, media_type="application/json")]
    if content is None or isinstance(content, str):
        return _text_parts(content)
    return [_marked(data(content), AUTOGEN_CONTENT)]


def _fields(message: Any) -> Mapping[str, Any]:
    if isinstance(message, Mapping):
        return message
    for dump in (getattr(message, "dump", None), getattr(message, "model_dump", None)):
        if callable(dump):
            return dump()
    raise TypeError(f"not an AgentChat message: {type(message).__name__}")


def _text_parts(content: Optional[str]) -> List[Part]:
    return [text(content)] if content else []


def _tool_call_part(call: Any) -> Part:
    value = {"name": _get(call, "name")}
    if _get(call, "id"):
        value["id"] = _get(call, "id")
    arguments = _get(call, "arguments")
    try:
        value["args"] = json.loads(arguments) if isinstance(arguments, str) else arguments
    except ValueError:
        value["args"] = arguments  # a model's malformed arguments, kept verbatim
    return _marked(data(value, media_type=TOOL_CALL_MEDIA_TYPE), "toolCall")


def _tool_result_part(result: Any) -> Part:
    value = {"result": _get(result, "content")}
    if _get(result, "call_id"):
        value["id"] = _get(result, "call_id")
    if _get(result, "name"):
        value["name"] = _get(result, "name")
    if isinstance(_get(result, "is_error"), bool):
        value["isError"] = _get(result, "is_error")
    return _marked(data(value, media_type=TOOL_RESULT_MEDIA_TYPE), "toolResult")


def _multimodal_part(item: Any) -> Part:
    if isinstance(item, str):
        return text(item)
    encoded = _get(item, "data")
    if encoded is None and callable(getattr(item, "to_base64", None)):
        encoded = item.to_base64()  # an autogen_core Image
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (TypeError, binascii.Error):
        raise ValueError(f"not an AgentChat image (a string or {{'data': <base64>}}): {item!r:.80}") from None
    return file(raw=raw, media_type=image_media_type(raw))


def image_media_type(raw: bytes) -> str:
    """An image's media type from its signature; AgentChat images keep none (`image/*` when unknown)."""
    if raw.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if raw.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if raw.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        return "image/webp"
    return "image/*"


def _marked(part: Part, kind: str) -> Part:
    part.metadata.update({KIND_KEY: kind})
    return part


# --- the run's stream -------------------------------------------------------------------------------------------

class _StreamedArtifact:
    """The artifact chunks of one message stream into, until the message itself closes it."""

    __slots__ = ("artifact_id", "name", "message_id", "_started")

    def __init__(self, name: str, message_id: Optional[str]) -> None:
        self.artifact_id = message_id or new_id()
        self.name = name
        self.message_id = message_id
        self._started = False

    def continued_by(self, message_id: Optional[str], source: str) -> bool:
        if self.message_id or message_id:
            return message_id == self.message_id
        return source == self.name

    def closed_by(self, message_id: Optional[str], source: str, has_text: bool) -> bool:
        if self.message_id:
            return message_id == self.message_id
        return source == self.name and has_text  # before 0.7: the next text of the same agent

    def chunk(self, content: str):
        event = artifact(content, name=self.name, artifact_id=self.artifact_id, append=self._started)
        self._started = True
        return event

    def close(self, parts: List[Part]):
        return artifact(parts or "", name=self.name, artifact_id=self.artifact_id, append=self._started,
                        last_chunk=True)


class _RunEvents:
    """What `run_stream` yields, as the A2A events to send (see the module's documentation)."""

    def __init__(self, task: List[Any]) -> None:
        # run_stream repeats the task's messages first (unless output_task_messages=False): they are not news
        self._task_objects = {id(message) for message in task}
        self._task_ids = {_get(message, "id") for message in task} - {None, ""}
        self._streaming: Optional[_StreamedArtifact] = None
        self._chat_message_class = _chat_message_class()
        self.result: Any = None

    def on(self, item: Any) -> list:
        if _is_task_result(item):
            self.result = item
            return self.end()
        type_name = _get(item, "type") or ""
        source = _get(item, "source") or ""
        item_id = _get(item, "id") or None
        if type_name == STREAMING_CHUNK:
            return self._on_chunk(_get(item, "content") or "", _get(item, "full_message_id") or None, source)
        if id(item) in self._task_objects or item_id in self._task_ids:
            return []
        parts = message_parts(item)
        streaming = self._streaming
        if streaming is not None and streaming.closed_by(item_id, source, any(p.HasField("text") for p in parts)):
            self._streaming = None
            return [streaming.close([part for part in parts if not part.HasField("text")])]
        events = self.end()
        if self._is_chat_message(item, type_name):
            events.append(artifact(parts or "", name=source, artifact_id=item_id or new_id(), last_chunk=True))
        elif parts:
            events.append(working(parts))
        return events

    def _is_chat_message(self, item: Any, type_name: str) -> bool:
        if self._chat_message_class is not None and not isinstance(item, Mapping):
            return isinstance(item, self._chat_message_class)
        return _is_chat_message_type(type_name)

    def _on_chunk(self, content: str, message_id: Optional[str], source: str) -> list:
        events = []
        if self._streaming is not None and not self._streaming.continued_by(message_id, source):
            events = self.end()
        if self._streaming is None:
            self._streaming = _StreamedArtifact(source, message_id)
        events.append(self._streaming.chunk(content))
        return events

    def end(self) -> list:
        """Closes the artifact still streaming, if any."""
        streaming, self._streaming = self._streaming, None
        return [] if streaming is None else [streaming.close([])]


class _Runners:
    """Gives each task the agent or team to run: a fresh one from a factory, or the one given, reset before each
    task and running one task at a time (AgentChat agents and teams keep their conversation between runs)."""

    def __init__(self, agent_or_team: Any) -> None:
        if _is_runner(agent_or_team):
            self._shared, self._factory = agent_or_team, None
        elif callable(agent_or_team):
            self._shared, self._factory = None, agent_or_team
        else:
            raise TypeError("serve_autogen needs an AgentChat agent or team (an object with run_stream) or a "
                            f"function that makes one, not {type(agent_or_team).__name__}")
        self._lock = asyncio.Lock()

    @property
    def shared(self) -> Any:
        return self._shared

    @contextlib.asynccontextmanager
    async def acquire(self):
        if self._factory is not None:
            runner = self._factory()
            if inspect.isawaitable(runner):
                runner = await runner
            if not _is_runner(runner):
                raise TypeError(f"the AutoGen factory made a {type(runner).__name__}, not an agent or team")
            yield runner
            return
        async with self._lock:
            reset = getattr(self._shared, "reset", None)  # teams
            if callable(reset):
                await reset()
            elif callable(getattr(self._shared, "on_reset", None)):  # agents
                await self._shared.on_reset(_cancellation_token())
            yield self._shared


def serve_autogen(plugin: Any, agent_or_team: Any, *, id: str,
                  message_types: Optional[Mapping[str, Any]] = None, **card: Any) -> Callable:
    """Declares an agent on `plugin` (framework "autogen") that answers with an AgentChat agent or team: anything
    with `run_stream(task=..., cancellation_token=...)`, or a function (sync or async) making a fresh one per task.
    A shared agent or team is reset before each task and serves one task at a time; a factory lets tasks run
    concurrently. `message_types` names StructuredMessage classes for `task_messages`; the other keywords are
    those of `@plugin.agent` (name, description — by default the agent's —, skills…).

    Cancelling the task cancels the run's `autogen_core.CancellationToken` (when AutoGen is installed) and the
    handler. Returns the handler."""
    runners = _Runners(agent_or_team)
    if isinstance(getattr(runners.shared, "description", None), str):
        card.setdefault("description", runners.shared.description)

    async def autogen_agent(request):
        asked = {"id": request.message.message_id, "source": "user", "content": request.text, "type": "TextMessage"}
        # the history holds no chat message when AgentX converted none (no adapter) or only events
        task = task_messages(request.dialect_history or [asked], message_types) or task_messages([asked])
        run_events = _RunEvents(task)
        async with runners.acquire() as runner:
            token = _cancellation_token()
            stream = runner.run_stream(**_run_arguments(runner, task, token))
            finished = False
            try:
                async for item in stream:
                    for event in run_events.on(item):
                        yield event
                finished = True
            finally:
                if not finished and token is not None:
                    token.cancel()
                aclose = getattr(stream, "aclose", None)
                if aclose is not None:
                    await aclose()
        for event in run_events.end():
            yield event
        stop_reason = _get(run_events.result, "stop_reason")
        yield completed(stop_reason) if stop_reason else completed()

    plugin.agent(id, framework=FRAMEWORK, **card)(autogen_agent)
    return autogen_agent


def _run_arguments(runner: Any, task: List[Any], token: Any) -> dict:
    arguments = {"task": task}
    if token is not None:
        arguments["cancellation_token"] = token
    try:
        if "output_task_messages" in inspect.signature(runner.run_stream).parameters:  # AgentChat 0.7
            arguments["output_task_messages"] = False
    except (TypeError, ValueError):  # no signature to inspect
        pass
    return arguments


# --- duck typing ------------------------------------------------------------------------------------------------

def _optional_module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _cancellation_token() -> Any:
    core = _optional_module("autogen_core")
    token_class = getattr(core, "CancellationToken", None)
    return token_class() if token_class is not None else None


def _get(value: Any, name: str) -> Any:
    """A field of an AgentChat object or of its dict."""
    if isinstance(value, Mapping):
        return value.get(name)
    return getattr(value, name, None)


def _is_runner(value: Any) -> bool:
    return callable(getattr(value, "run_stream", None))


def _is_task_result(item: Any) -> bool:
    return not isinstance(item, Mapping) and hasattr(item, "stop_reason") and hasattr(item, "messages")


def _is_structured(type_name: str) -> bool:
    return type_name == "StructuredMessage" or type_name.startswith("StructuredMessage[")


def _is_chat_message_type(type_name: str) -> bool:
    return type_name in CHAT_MESSAGE_TYPES or _is_structured(type_name)


def _chat_message_class() -> Optional[type]:
    """AgentChat's BaseChatMessage, when it is installed (custom chat message types subclass it)."""
    base = getattr(_optional_module("autogen_agentchat.messages"), "BaseChatMessage", None)
    return base if isinstance(base, type) else None


def _json_text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
