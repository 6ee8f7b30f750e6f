"""What handlers yield or return: status updates, artifact chunks, direct replies, and the parts they carry."""

from __future__ import annotations

import itertools
import uuid
from typing import Any, Iterable, Mapping, Optional, Union

from google.protobuf import struct_pb2

from ._proto import a2a_pb2, plugin_pb2

Part = a2a_pb2.Part
#: Message content: a string (one text part), a part, or a sequence of parts and strings.
Content = Union[str, Part, Iterable[Union[str, Part]], None]

WORKING = a2a_pb2.TASK_STATE_WORKING
COMPLETED = a2a_pb2.TASK_STATE_COMPLETED
FAILED = a2a_pb2.TASK_STATE_FAILED
CANCELED = a2a_pb2.TASK_STATE_CANCELED
INPUT_REQUIRED = a2a_pb2.TASK_STATE_INPUT_REQUIRED
REJECTED = a2a_pb2.TASK_STATE_REJECTED
AUTH_REQUIRED = a2a_pb2.TASK_STATE_AUTH_REQUIRED
#: States that end the plugin's turn on a task: terminal ones and the interrupted ones (input, auth required).
FINAL_STATES = frozenset({COMPLETED, FAILED, CANCELED, REJECTED, INPUT_REQUIRED, AUTH_REQUIRED})


# --- parts ------------------------------------------------------------------------------------------------------

def text(value: str) -> Part:
    """A text part."""
    return Part(text=value)


def data(value: Any, *, media_type: str = "") -> Part:
    """A structured-data part from JSON-like Python values (dicts, lists, strings, numbers, booleans, None)."""
    part = Part(media_type=media_type)
    _fill_value(part.data, value)
    return part


def file(*, url: Optional[str] = None, raw: Optional[bytes] = None, media_type: str = "",
         filename: str = "") -> Part:
    """A file part, by reference (`url`) or inline (`raw` bytes): exactly one of the two."""
    if (url is None) == (raw is None):
        raise ValueError("file() takes exactly one of url= and raw=")
    if url is not None:
        return Part(url=url, media_type=media_type, filename=filename)
    return Part(raw=bytes(raw), media_type=media_type, filename=filename)


def _fill_value(target: struct_pb2.Value, value: Any) -> None:
    if value is None:
        target.null_value = struct_pb2.NULL_VALUE
    elif isinstance(value, bool):
        target.bool_value = value
    elif isinstance(value, (int, float)):
        target.number_value = value
    elif isinstance(value, str):
        target.string_value = value
    elif isinstance(value, Mapping):
        fields = target.struct_value.fields
        target.struct_value.SetInParent()
        for key, item in value.items():
            _fill_value(fields[str(key)], item)
    elif isinstance(value, (list, tuple)):
        values = target.list_value.values
        target.list_value.SetInParent()
        for item in value:
            _fill_value(values.add(), item)
    else:
        raise TypeError(f"data() cannot represent a {type(value).__name__} as JSON")


def value_to_python(value: struct_pb2.Value) -> Any:
    """The Python value of a data part's `google.protobuf.Value`."""
    kind = value.WhichOneof("kind")
    if kind == "struct_value":
        return {key: value_to_python(item) for key, item in value.struct_value.fields.items()}
    if kind == "list_value":
        return [value_to_python(item) for item in value.list_value.values]
    if kind in (None, "null_value"):
        return None
    return getattr(value, kind)


# --- events -----------------------------------------------------------------------------------------------------

class StatusUpdate:
    """A new task state with an optional agent message; build it with working(), completed()…"""

    __slots__ = ("state", "content")

    def __init__(self, state: int, content: Content = None) -> None:
        self.state = state
        self.content = content

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    def __repr__(self) -> str:
        return f"StatusUpdate({a2a_pb2.TaskState.Name(self.state)}, {self.content!r})"


class ArtifactUpdate:
    """An artifact, or a chunk of one; build it with artifact()."""

    __slots__ = ("content", "name", "artifact_id", "description", "append", "last_chunk")

    def __init__(self, content: Content, name: str, artifact_id: Optional[str], description: str, append: bool,
                 last_chunk: bool) -> None:
        self.content = content
        self.name = name
        self.artifact_id = artifact_id
        self.description = description
        self.append = append
        self.last_chunk = last_chunk

    def __repr__(self) -> str:
        return f"ArtifactUpdate({self.name!r}, {self.content!r}, append={self.append}, last_chunk={self.last_chunk})"


class Reply:
    """A direct message answer instead of a task; build it with reply()."""

    __slots__ = ("content",)

    def __init__(self, content: Content) -> None:
        self.content = content

    def __repr__(self) -> str:
        return f"Reply({self.content!r})"


Event = Union[StatusUpdate, ArtifactUpdate, Reply]


def working(message: Content = None) -> StatusUpdate:
    """The agent is working on the task; `message` tells the client what it is doing."""
    return StatusUpdate(WORKING, message)


def input_required(message: Content = None) -> StatusUpdate:
    """The agent needs more input from the user; ends the handler's turn (the answer comes as a new request)."""
    return StatusUpdate(INPUT_REQUIRED, message)


def auth_required(message: Content = None) -> StatusUpdate:
    """The agent needs the user to authenticate somewhere; ends the handler's turn."""
    return StatusUpdate(AUTH_REQUIRED, message)


def completed(message: Content = None) -> StatusUpdate:
    """The task is done; ends the handler."""
    return StatusUpdate(COMPLETED, message)


def failed(message: Content = None) -> StatusUpdate:
    """The task failed; ends the handler."""
    return StatusUpdate(FAILED, message)


def rejected(message: Content = None) -> StatusUpdate:
    """The agent declines the task; ends the handler."""
    return StatusUpdate(REJECTED, message)


def artifact(parts: Content, *, name: str = "", artifact_id: Optional[str] = None, description: str = "",
             append: bool = False, last_chunk: bool = False) -> ArtifactUpdate:
    """An artifact or a chunk of one. Without `artifact_id`, a chunk with `append=True` continues the latest
    artifact of the same name in this task; otherwise a new id is generated."""
    return ArtifactUpdate(parts, name, artifact_id, description, append, last_chunk)


def reply(message: Content) -> Reply:
    """A direct message answer: must be the task's only event (the SDK turns a later one into completed())."""
    return Reply(message)


# --- wire messages ----------------------------------------------------------------------------------------------

_ID_PREFIX = uuid.uuid4().hex[:20] + "-"
_id_counter = itertools.count(1)


def new_id() -> str:
    """A process-unique id for messages and artifacts: a random prefix and a counter (cheaper than uuid4())."""
    return _ID_PREFIX + str(next(_id_counter))


def add_parts(target, content: Content) -> None:
    """Appends `content` to a repeated Part field."""
    if content is None:
        return
    if isinstance(content, str):
        target.add(text=content)
    elif isinstance(content, Part):
        target.append(content)
    else:
        try:
            items = iter(content)
        except TypeError:
            raise TypeError(f"message content must be str, Part or a list of them, not {type(content).__name__}") \
                from None
        for item in items:
            if isinstance(item, str):
                target.add(text=item)
            elif isinstance(item, Part):
                target.append(item)
            else:
                raise TypeError(f"message parts must be str or Part, not {type(item).__name__}")


def _fill_agent_message(message: a2a_pb2.Message, content: Content, context_id: str, task_id: str) -> None:
    message.message_id = new_id()
    message.role = a2a_pb2.ROLE_AGENT
    message.context_id = context_id
    if task_id:
        message.task_id = task_id
    add_parts(message.parts, content)


def status_message(task_id: str, context_id: str, state: int, content: Content = None) -> plugin_pb2.PluginMessage:
    """A TaskEvent carrying a status; the agent message is left out when there is no content."""
    wire = plugin_pb2.PluginMessage()
    event = wire.event
    event.task_id = task_id
    status = event.status
    status.state = state
    if content is not None:
        _fill_agent_message(status.message, content, context_id, task_id)
    return wire


def artifact_message(task_id: str, update: ArtifactUpdate, artifact_id: str) -> plugin_pb2.PluginMessage:
    wire = plugin_pb2.PluginMessage()
    event = wire.event
    event.task_id = task_id
    chunk = event.artifact
    chunk.append = update.append
    chunk.last_chunk = update.last_chunk
    artifact_proto = chunk.artifact
    artifact_proto.artifact_id = artifact_id
    artifact_proto.name = update.name
    artifact_proto.description = update.description
    add_parts(artifact_proto.parts, update.content)
    return wire


def reply_message(task_id: str, context_id: str, content: Content) -> plugin_pb2.PluginMessage:
    """A TaskEvent carrying a direct answer: a message in the task's context that belongs to no task."""
    wire = plugin_pb2.PluginMessage()
    wire.event.task_id = task_id
    _fill_agent_message(wire.event.reply, content, context_id, "")
    return wire
