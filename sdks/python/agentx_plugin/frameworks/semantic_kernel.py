"""Serve a Semantic Kernel agent (a ChatCompletionAgent, or any agent with `invoke_stream` / `invoke`) as an AgentX
agent.

    from semantic_kernel.agents import ChatCompletionAgent
    from agentx_plugin.frameworks.semantic_kernel import serve_semantic_kernel

    serve_semantic_kernel(plugin, ChatCompletionAgent(service=OpenAIChatCompletion(), name="Weather",
                                                      instructions="Answer tersely.", plugins=[WeatherPlugin()]),
                          id="weather")

AgentX's Semantic Kernel adapter hands the task's history over as serialized ChatMessageContents (the entries of
`ChatHistory.serialize()`, AgentX's envelope in their `metadata["agentx"]`). They are loaded with
`ChatMessageContent.model_validate` when semantic-kernel is installed (else given as the dicts) and passed as
`messages=` to `invoke_stream` (or `invoke`), with `thread=` when a thread factory is given. What the agent
produces becomes A2A events:

- streamed text (StreamingChatMessageContent items) → chunks of the artifact `answer`; images and files in the
  answer → its file parts;
- function calls and results the agent reports through `on_intermediate_message` (or in its messages) → WORKING
  statuses with data parts of AgentX's tool media types (a failed function, worded "An error occurred while
  invoking the function …" by Semantic Kernel's kernel, has `isError`);
- then COMPLETED.

Nothing of Semantic Kernel is imported at import time, and nothing of it is required: objects are duck-typed."""

from __future__ import annotations

import base64
import binascii
import importlib
import inspect
import json
import re
from collections.abc import Mapping as MappingABC
from typing import Any, Callable, Iterable, List, Mapping, Optional

from ..events import Part, artifact, completed, data, file, new_id, text, working

FRAMEWORK = "semantic-kernel"
#: Media types and part metadata of AgentX's tool call / tool result data parts (io.agentx.api.adapter).
TOOL_CALL_MEDIA_TYPE = "application/vnd.agentx.tool-call+json"
TOOL_RESULT_MEDIA_TYPE = "application/vnd.agentx.tool-result+json"
KIND_KEY = "agentx.kind"
#: Part metadata prefix of an item's fields A2A has no place for (AgentX's Semantic Kernel adapter).
FIELD_PREFIX = "semantic-kernel."
#: How Semantic Kernel's kernel words a function that raised (kernel.py).
ERROR_PREFIX = "An error occurred while invoking the function "
_ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})
_HANDLED = {
    "text": {"content_type", "text", "metadata"},
    "function_call": {"content_type", "id", "name", "function_name", "plugin_name", "arguments", "metadata"},
    "function_result": {"content_type", "id", "name", "function_name", "plugin_name", "result", "metadata"},
}
_BINARY = frozenset({"image", "audio", "binary"})
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                ".webp": "image/webp"}


# --- AgentX → Semantic Kernel -----------------------------------------------------------------------------------

def chat_messages(history: Iterable[Mapping[str, Any]]) -> List[Any]:
    """The messages of `history` (`request.dialect_history`): ChatMessageContents loaded with
    `ChatMessageContent.model_validate` when semantic-kernel is installed, else the dicts as they are. Raises
    ValueError naming the message that is not a serialized ChatMessageContent."""
    contents = _optional_module("semantic_kernel.contents")
    message_class = getattr(contents, "ChatMessageContent", None)
    messages = []
    for index, message in enumerate(history):
        if not isinstance(message, Mapping) or message.get("role") not in _ROLES:
            raise ValueError(f"dialect_history[{index}].role: expected one of {', '.join(sorted(_ROLES))}")
        if message_class is None:
            messages.append(message)
            continue
        try:
            messages.append(message_class.model_validate(dict(message)))
        except Exception as error:  # pydantic's ValidationError, or Semantic Kernel's ContentInitializationError
            raise ValueError(f"dialect_history[{index}]: not a ChatMessageContent Semantic Kernel can load: "
                             f"{error}") from error
    return messages


# --- Semantic Kernel → A2A --------------------------------------------------------------------------------------

def item_parts(message: Any) -> List[Part]:
    """The items of a ChatMessageContent (an object or its serialized dict) as A2A parts, as AgentX's Semantic
    Kernel adapter makes them: text; images, audio and binaries → file parts (a data URI inline, else the URI);
    function calls → tool calls `{id, name, args}`; function results → tool results `{id, name, result,
    isError}`; other items → data marked `agentx.kind: semantic-kernel.<type>`. An item's metadata is its part's
    metadata, its other fields part metadata `semantic-kernel.<field>`."""
    return [_item_part(_fields(item)) for item in _get(message, "items") or ()]


def _item_part(item: Mapping[str, Any]) -> Part:
    kind = item.get("content_type")
    if kind == "text":
        part = text(item.get("text") or "")
    elif kind in _BINARY:
        data_uri = item.get("data_uri") or ""
        if data_uri:
            part = _data_uri_part(data_uri)
        else:
            uri = str(item.get("uri") or "")
            part = file(url=uri, media_type=_image_type(uri) if kind == "image" else "")
        handled = {"content_type", "data_uri", "metadata"} | (set() if data_uri else {"uri"})
        return _with_metadata(part, item, handled)
    elif kind == "function_call":
        value = {"id": item["id"]} if item.get("id") else {}
        value["name"] = _function_name(item)
        value["args"] = _arguments(item.get("arguments"))
        part = _marked(data(value, media_type=TOOL_CALL_MEDIA_TYPE), "toolCall")
    elif kind == "function_result":
        part = _marked(data(_result_value(item), media_type=TOOL_RESULT_MEDIA_TYPE), "toolResult")
    else:
        return _marked(data(_json_safe(dict(item))), f"{FIELD_PREFIX}{kind}")
    return _with_metadata(part, item, _HANDLED[kind])


def _result_value(item: Mapping[str, Any]) -> dict:
    value = {"id": item["id"]} if item.get("id") else {}
    if item.get("name") or item.get("function_name"):
        value["name"] = _function_name(item)
    result = item.get("result")
    name_end = result.find(": ", len(ERROR_PREFIX)) if isinstance(result, str) and result.startswith(ERROR_PREFIX) \
        else -1
    if name_end >= 0:
        value["result"] = result[name_end + 2:]
        value["isError"] = True
    else:
        value["result"] = _json_safe(result)
    return value


def _function_name(item: Mapping[str, Any]) -> str:
    if item.get("name"):
        return item["name"]
    function = item.get("function_name") or ""
    return f"{item['plugin_name']}-{function}" if item.get("plugin_name") else function


def _arguments(arguments: Any) -> Any:
    if arguments is None:
        return {}
    if isinstance(arguments, MappingABC):
        return _json_safe(dict(arguments))
    try:
        return json.loads(arguments)
    except (TypeError, ValueError):
        return str(arguments)  # a model's broken JSON, kept as it is


def _with_metadata(part: Part, item: Mapping[str, Any], handled: set) -> Part:
    metadata = dict(item.get("metadata") or {})
    for field, value in item.items():
        if field not in handled and value is not None:
            metadata[FIELD_PREFIX + field] = value
    if metadata:
        part.metadata.update(_json_safe(metadata))
    return part


def _fields(item: Any) -> Mapping[str, Any]:
    """An item's fields: the dict itself, or what its model_dump() gives (a function result's result as it is)."""
    if isinstance(item, Mapping):
        return item
    dump = getattr(item, "model_dump", None)
    fields = dict(dump(exclude_none=True)) if callable(dump) else {
        key: value for key, value in vars(item).items() if not key.startswith("_") and value is not None}
    for name in ("content_type", "result", "data_uri"):
        if hasattr(item, name):
            fields[name] = getattr(item, name)
    fields["content_type"] = getattr(fields.get("content_type"), "value", fields.get("content_type"))
    fields.pop("inner_content", None)
    return fields


def _data_uri_part(uri: str) -> Part:
    header, _, content = uri[len("data:"):].partition(",")
    media_type = header.split(";")[0]
    try:
        raw = base64.b64decode(content, validate=True) if header.lower().endswith(";base64") \
            else content.encode("utf-8")
    except binascii.Error:
        raise ValueError(f"not a Base64 data URI: {uri[:40]!r}") from None
    return file(raw=raw, media_type=media_type)


def _json_safe(value: Any) -> Any:
    """A value as JSON-like Python values (what a data part holds); anything else as its text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, MappingABC):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    dump = getattr(value, "model_dump", None)
    return _json_safe(dump(mode="json")) if callable(dump) else str(value)


def _image_type(url: str) -> str:
    path = re.sub(r"[?#].*$", "", url.lower())
    return next((media for suffix, media in _IMAGE_TYPES.items() if path.endswith(suffix)), "")


def _marked(part: Part, kind: str) -> Part:
    part.metadata.update({KIND_KEY: kind})
    return part


# --- the run ----------------------------------------------------------------------------------------------------

def _get(value: Any, name: str) -> Any:
    if isinstance(value, Mapping):
        return value.get(name)
    return getattr(value, name, None)


def _message_of(response: Any) -> Any:
    """The ChatMessageContent of what an agent yields (an AgentResponseItem, or the message itself)."""
    message = getattr(response, "message", None)
    return message if message is not None else response


def _is_tool_part(part: Part) -> bool:
    return part.metadata[KIND_KEY] in ("toolCall", "toolResult") if KIND_KEY in part.metadata else False


def _takes(method: Callable, parameter: str) -> bool:
    try:
        return parameter in inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False


def _optional_module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


class _Answer:
    """The artifact the agent's answer streams into."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.artifact_id = new_id()
        self._started = False

    def add(self, parts: List[Part]):
        event = artifact(parts, name=self.name, artifact_id=self.artifact_id, append=self._started)
        self._started = True
        return event

    def close(self):
        return artifact("", name=self.name, artifact_id=self.artifact_id, append=self._started, last_chunk=True)


def _tool_statuses(messages: List[Any]) -> list:
    """WORKING statuses for the function calls and results of intermediate messages, in order."""
    events = []
    for message in messages:
        parts = [part for part in item_parts(message) if _is_tool_part(part)]
        if parts:
            events.append(working(parts))
    messages.clear()
    return events


def serve_semantic_kernel(plugin: Any, agent: Any, *, id: str, stream: bool = True,
                          thread: Optional[Callable[[Any], Any]] = None, artifact_name: str = "answer",
                          **card: Any) -> Callable:
    """Declares an agent on `plugin` (framework "semantic-kernel") answered by a Semantic Kernel agent: an object
    with `invoke_stream(messages=..., thread=...)` and/or `invoke(...)` yielding (AgentResponseItems of)
    ChatMessageContents. With `stream` (the default) `invoke_stream` is used when the agent has it. `thread(request)`
    gives the AgentThread to run in (default: none, so the agent starts a fresh thread holding the history). The
    other keywords are those of `@plugin.agent` (the agent's `description` and `name` are the defaults).
    Returns the handler."""
    if not (callable(getattr(agent, "invoke_stream", None)) or callable(getattr(agent, "invoke", None))):
        raise TypeError("serve_semantic_kernel needs a Semantic Kernel agent (an object with invoke_stream or invoke),"
                        f" not {type(agent).__name__}")
    for attribute in ("description", "name"):
        if isinstance(getattr(agent, attribute, None), str):
            card.setdefault(attribute, getattr(agent, attribute))
    can_stream = callable(getattr(agent, "invoke_stream", None))
    streaming = can_stream and (stream or not callable(getattr(agent, "invoke", None)))
    invoke = agent.invoke_stream if streaming else agent.invoke

    async def semantic_kernel_agent(request):
        history = request.dialect_history
        arguments = {"messages": chat_messages(history) if history else request.text}
        if thread is not None:
            made = thread(request)
            arguments["thread"] = await made if inspect.isawaitable(made) else made
        intermediate: List[Any] = []
        if _takes(invoke, "on_intermediate_message"):
            async def on_intermediate_message(message):
                intermediate.append(message)
            arguments["on_intermediate_message"] = on_intermediate_message
        answer = _Answer(artifact_name)
        async for response in invoke(**arguments):
            for event in _tool_statuses(intermediate):
                yield event
            message = _message_of(response)
            parts = item_parts(message)
            tool_parts = [part for part in parts if _is_tool_part(part)]
            if tool_parts:
                yield working(tool_parts)
            if streaming:  # chunks: their text only, as it comes
                answer_parts = [text(part.text) for part in parts if part.HasField("text") and part.text]
                answer_parts += [part for part in parts if not part.HasField("text") and not _is_tool_part(part)]
            else:
                answer_parts = [part for part in parts if not _is_tool_part(part)]
            if answer_parts:
                yield answer.add(answer_parts)
        for event in _tool_statuses(intermediate):
            yield event
        yield answer.close()
        yield completed()

    plugin.agent(id, framework=FRAMEWORK, **card)(semantic_kernel_agent)
    return semantic_kernel_agent
