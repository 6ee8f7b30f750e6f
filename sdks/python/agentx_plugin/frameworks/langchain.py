"""Serve a LangChain Runnable (a chat model, a chain, an agent…) as an AgentX agent.

Towards LangChain: AgentX's LangChain adapter hands the task's history over as LangChain stored messages
(``{"type", "data": {"content", "tool_calls", …}}``, as ``messages_to_dict`` writes them); they become message
objects through ``langchain_core.messages.messages_from_dict`` when langchain_core is installed.

From LangChain: the objects a Runnable streams are read by duck typing — a message (or message chunk) by its
``type``, ``content``, ``tool_calls``/``tool_call_chunks``, ``tool_call_id``…, as attributes or dict keys — so
nothing of LangChain is imported until messages are loaded. Tool calls and tool results become data parts of AgentX's
convention (io.agentx.api.adapter.FrameworkAdapter): media type ``application/vnd.agentx.tool-call+json``
``{id, name, args}`` / ``…tool-result+json`` ``{id, name, result, isError}``, part metadata ``agentx.kind``.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import mimetypes
from typing import Any, Callable, Dict, Iterable, List, Optional

from ..events import Part, artifact, completed, data, file, text

log = logging.getLogger("agentx_plugin")

FRAMEWORK = "langchain"
TOOL_CALL_MEDIA_TYPE = "application/vnd.agentx.tool-call+json"
TOOL_RESULT_MEDIA_TYPE = "application/vnd.agentx.tool-result+json"
#: Part metadata naming what a data part stands for.
KIND = "agentx.kind"

_CHUNK_TYPES = {"AIMessageChunk": "ai", "HumanMessageChunk": "human", "SystemMessageChunk": "system",
                "ToolMessageChunk": "tool", "ChatMessageChunk": "chat", "FunctionMessageChunk": "function"}
_ROLES = {"user": "human", "assistant": "ai"}
_FILE_BLOCKS = ("image", "audio", "video", "file")


# --- LangChain's side ------------------------------------------------------------------------------------------

def load_messages(stored: List[Dict[str, Any]]) -> List[Any]:
    """LangChain stored messages as message objects (``messages_from_dict``) when langchain_core is installed,
    else the dicts as they are."""
    try:
        from langchain_core.messages import messages_from_dict
    except ImportError:
        return list(stored)
    return messages_from_dict(stored)


def field(message: Any, name: str, default: Any = None) -> Any:
    """A field of a message object or of a message dict."""
    if isinstance(message, dict):
        value = message.get(name, default)
    else:
        value = getattr(message, name, default)
    return default if value is None else value


def message_type(message: Any) -> str:
    """'human', 'ai', 'tool', 'system'…: a message's type, for chunks ('AIMessageChunk') and role dicts too."""
    kind = field(message, "type") or field(message, "role", "")
    kind = _CHUNK_TYPES.get(kind, kind) if isinstance(kind, str) else ""
    return _ROLES.get(kind, kind)


def is_message(value: Any) -> bool:
    """Whether a streamed value looks like a LangChain message (or chunk, or message dict)."""
    return message_type(value) != "" and (isinstance(value, dict) and "content" in value
                                          or hasattr(value, "content"))


def text_of(content: Any) -> str:
    """The text of message content: a string, or the text of its text blocks."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    pieces = []
    for block in content:
        if isinstance(block, str):
            pieces.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            pieces.append(str(block.get("text", "")))
    return "".join(pieces)


# --- LangChain → A2A parts --------------------------------------------------------------------------------------

def _marked(part: Part, kind: str) -> Part:
    part.metadata.update({KIND: kind})
    return part


def tool_call_part(call: Any) -> Part:
    """The data part of one tool call (``{"id", "name", "args"}``)."""
    value = {"id": field(call, "id", ""), "name": field(call, "name", ""),
             "args": _jsonable(field(call, "args", {}))}
    return _marked(data(value, media_type=TOOL_CALL_MEDIA_TYPE), "toolCall")


def tool_result_part(message: Any) -> Part:
    """The data part of a tool message's result (``{"name", "id", "result", "isError"}``)."""
    value: Dict[str, Any] = {}
    if field(message, "name"):
        value["name"] = field(message, "name")
    value["id"] = field(message, "tool_call_id", "")
    value["result"] = _jsonable(field(message, "content"))
    if field(message, "status") == "error":
        value["isError"] = True
    return _marked(data(value, media_type=TOOL_RESULT_MEDIA_TYPE), "toolResult")


def _image_type(url: str) -> str:
    guessed = mimetypes.guess_type(url.split("?")[0].split("#")[0])[0] or ""
    return guessed if guessed.startswith("image/") else ""


def _data_url(url: str, filename: str) -> Part:
    header, _, payload = url[len("data:"):].partition(",")
    mime = header.split(";")[0]
    raw = base64.b64decode(payload) if header.endswith(";base64") else payload.encode()
    return file(raw=raw, media_type=mime, filename=filename)


def block_part(block: Any) -> Part:
    """A content block as a part: text; an image/audio/video/file block (LangChain's standard blocks, by URL or
    base64) or an OpenAI-style ``image_url`` block as a file part; any other block (reasoning…) as a data part
    whose ``agentx.kind`` is ``langchain.<type>``."""
    if isinstance(block, str):
        return text(block)
    if not isinstance(block, dict):
        return _marked(data(_jsonable(block)), "langchain.block")
    kind = str(block.get("type", ""))
    if kind == "text":
        return text(str(block.get("text", "")))
    filename = str((block.get("metadata") or {}).get("filename", ""))
    mime = block.get("mime_type") or block.get("mimeType") or ""
    if kind == "image_url":
        image = block.get("image_url")
        url = image if isinstance(image, str) else (image or {}).get("url", "")
        if url.startswith("data:"):
            return _data_url(url, filename)
        return file(url=url, media_type=mime if mime and mime != "image/*" else _image_type(url), filename=filename)
    if kind in _FILE_BLOCKS:
        fallback = "" if kind == "file" else kind + "/*"
        if block.get("source_type") == "url" or "url" in block and block.get("source_type") is None:
            return file(url=str(block["url"]), media_type=mime or fallback, filename=filename)
        encoded = block.get("data") if "data" in block else block.get("base64")
        if isinstance(encoded, str):
            try:
                return file(raw=base64.b64decode(encoded, validate=True), media_type=mime or fallback,
                            filename=filename)
            except (binascii.Error, ValueError):
                pass  # not base64: carried as data below
    return _marked(data(_jsonable(block)), "langchain." + (kind or "block"))


def content_parts(content: Any) -> List[Part]:
    """Message content (a string or a list of blocks) as parts; an empty string gives none."""
    if isinstance(content, str):
        return [text(content)] if content else []
    if isinstance(content, list):
        return [block_part(block) for block in content]
    return [] if content is None else [data(content)]


def message_parts(message: Any) -> List[Part]:
    """A LangChain message as A2A parts, by the rules of AgentX's LangChain adapter: a tool message's result, or
    the content, then the tool calls, then the data parts the adapter carried in ``additional_kwargs.a2a_data``."""
    if message_type(message) == "tool":
        parts = [tool_result_part(message)]
    else:
        parts = content_parts(field(message, "content"))
    parts.extend(tool_call_part(call) for call in field(message, "tool_calls", []))
    parts.extend(_marked(data(_jsonable(call)), "langchain.invalid_tool_call")
                 for call in field(message, "invalid_tool_calls", []))
    for carried in field(message, "additional_kwargs", {}).get("a2a_data", []):
        parts.append(data(_jsonable(carried.get("data")), media_type=carried.get("mediaType", "")))
    return parts


# --- streaming --------------------------------------------------------------------------------------------------

class AnswerArtifact:
    """The answer artifact, streamed piece by piece. Each piece waits for the next one (or the end) so that the
    last chunk can say ``last_chunk``; the methods return the events to yield."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._pending: Optional[str] = None
        self._sent = 0

    def add(self, piece: str) -> List[Any]:
        events = self.flush()
        self._pending = piece
        return events

    def flush(self) -> List[Any]:
        """Sends the piece held back (before a status update, so that the client sees things in order)."""
        if self._pending is None:
            return []
        return [self._chunk(self._pending, last=False)]

    def end(self) -> List[Any]:
        """The last chunk; nothing when no piece was ever added."""
        if self._pending is None and self._sent == 0:
            return []
        return [self._chunk(self._pending or "", last=True)]

    def _chunk(self, piece: str, last: bool) -> Any:
        event = artifact(piece, name=self._name, append=self._sent > 0, last_chunk=last)
        self._sent += 1
        self._pending = None
        return event


class StreamedMessage:
    """What a Runnable streamed, put together: the text, the tool calls (from ``tool_call_chunks``, whose ``args``
    arrive as pieces of JSON, or from whole messages' ``tool_calls``), the other content blocks, and the last
    value that was no message (a chain's dict output…)."""

    def __init__(self) -> None:
        self.text: List[str] = []
        self.blocks: List[Any] = []
        self.calls: List[Dict[str, Any]] = []
        self.call_chunks: Dict[Any, Dict[str, Any]] = {}
        self.value: Any = None

    def add(self, item: Any) -> str:
        """Takes one streamed item; returns its text, for the answer artifact."""
        if isinstance(item, str):
            self.text.append(item)
            return item
        if not is_message(item):
            if item is not None:
                self.value = item
            return ""
        content = field(item, "content")
        piece = text_of(content)
        self.text.append(piece)
        if isinstance(content, list):
            self._add_blocks(block for block in content if not _is_text(block))
        chunks = field(item, "tool_call_chunks", [])
        for position, chunk in enumerate(chunks):
            self._add_call_chunk(chunk, position)
        if not chunks:
            self.calls.extend({"id": field(call, "id", ""), "name": field(call, "name", ""),
                               "args": field(call, "args", {})} for call in field(item, "tool_calls", []))
        return piece

    def parts(self) -> List[Part]:
        """The whole message: its text, other blocks, tool calls, and the last non-message value as data."""
        parts = content_parts("".join(self.text))
        parts.extend(block_part(block) for block in self.blocks)
        parts.extend(tool_call_part(call) for call in self.calls + [_parsed(c) for c in self.call_chunks.values()])
        if self.value is not None:
            parts.append(data(_jsonable(self.value)))
        return parts

    def _add_call_chunk(self, chunk: Any, position: int) -> None:
        index = field(chunk, "index", position)
        call = self.call_chunks.setdefault(index, {"id": "", "name": "", "args": ""})
        call["id"] = call["id"] or field(chunk, "id", "")
        call["name"] = call["name"] or field(chunk, "name", "")
        call["args"] += field(chunk, "args", "")

    def _add_blocks(self, blocks: Iterable[Any]) -> None:
        # a block continuing the previous one (same type and index, as providers stream reasoning) is merged in
        for block in blocks:
            previous = self.blocks[-1] if self.blocks else None
            if (isinstance(block, dict) and isinstance(previous, dict) and "index" in block
                    and block.get("index") == previous.get("index") and block.get("type") == previous.get("type")):
                for key, value in block.items():
                    if isinstance(value, str) and isinstance(previous.get(key), str) and key not in ("type", "id"):
                        previous[key] += value
                    else:
                        previous.setdefault(key, value)
            else:
                self.blocks.append(dict(block) if isinstance(block, dict) else block)


def _is_text(block: Any) -> bool:
    return isinstance(block, str) or isinstance(block, dict) and block.get("type") == "text"


def _parsed(call: Dict[str, Any]) -> Dict[str, Any]:
    """A tool call from chunks, its JSON args parsed; args that are not JSON stay the string they are."""
    try:
        args = json.loads(call["args"]) if call["args"] else {}
    except ValueError:
        args = call["args"]
    return {"id": call["id"], "name": call["name"], "args": args}


def _jsonable(value: Any) -> Any:
    """A value for a data part: JSON-like values as they are, pydantic models dumped, anything else as text."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    try:
        return json.loads(json.dumps(value, default=str))
    except (TypeError, ValueError):
        return str(value)


# --- serving ----------------------------------------------------------------------------------------------------

def history_of(request: Any) -> List[Dict[str, Any]]:
    """The conversation in LangChain's stored form: ``request.dialect_history``; when AgentX handed none (its
    LangChain adapter is not installed), the message's text only, with a warning."""
    if request.dialect_history is not None:
        return request.dialect_history
    warn_text_only(request, FRAMEWORK)
    return [{"type": "human", "data": {"content": request.text, "id": request.message.message_id}}]


def warn_text_only(request: Any, framework: str) -> None:
    """Logs that the agent gets only the message's text, and how many other parts that leaves out."""
    others = sum(1 for part in request.parts if not part.HasField("text"))
    log.warning("task %s: AgentX handed no %s history (is its %s adapter installed?); the agent gets the message's "
                "text only%s", request.task_id, framework, framework,
                f", {others} other part(s) left out" if others else "")


def resolve_config(config: Any, request: Any) -> Dict[str, Any]:
    """A RunnableConfig given as a dict, or as a function of the request."""
    given = config(request) if callable(config) else config
    return dict(given or {})


def serve_runnable(plugin: Any, runnable: Any, id: str, *, input: Optional[Callable[[List[Any], Any], Any]] = None,
                   config: Any = None, artifact_name: str = "answer", **card: Any) -> Callable:
    """Declares the agent ``id`` on ``plugin`` (``card``: the other keywords of ``plugin.agent``), answered by a
    LangChain Runnable: any object with ``astream(input, config)``.

    For each task the conversation becomes LangChain messages (``load_messages``), given to the runnable as they
    are or as ``input(messages, request)`` returns them (e.g. ``lambda m, r: {"messages": m}`` for a prompt with a
    placeholder), with ``config`` (a dict or a function of the request). While it streams, the text of message
    chunks (or the strings a chain yields) streams into the artifact ``artifact_name``. Then COMPLETED carries the
    whole final message: its text, other content blocks (files, reasoning…), tool calls (from ``tool_call_chunks``)
    as tool-call data parts, and a last non-message value (a chain's dict output) as a data part.
    """
    if not callable(getattr(runnable, "astream", None)):
        raise TypeError("serve_runnable needs a LangChain Runnable: an object with an astream(input, config) method")

    async def langchain_agent(request):
        messages = load_messages(history_of(request))
        answer = AnswerArtifact(artifact_name)
        streamed = StreamedMessage()
        runnable_input = messages if input is None else input(messages, request)
        async for item in runnable.astream(runnable_input, resolve_config(config, request)):
            piece = streamed.add(item)
            if piece:
                for event in answer.add(piece):
                    yield event
        for event in answer.end():
            yield event
        parts = streamed.parts()
        yield completed(parts or None)

    return plugin.agent(id, framework=FRAMEWORK, **card)(langchain_agent)
