from . import a2a_pb2 as _a2a_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PluginMessage(_message.Message):
    __slots__ = ("hello", "event", "heartbeat", "events")
    HELLO_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    hello: Hello
    event: TaskEvent
    heartbeat: Heartbeat
    events: EventBatch
    def __init__(self, hello: _Optional[_Union[Hello, _Mapping]] = ..., event: _Optional[_Union[TaskEvent, _Mapping]] = ..., heartbeat: _Optional[_Union[Heartbeat, _Mapping]] = ..., events: _Optional[_Union[EventBatch, _Mapping]] = ...) -> None: ...

class EventBatch(_message.Message):
    __slots__ = ("events",)
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[TaskEvent]
    def __init__(self, events: _Optional[_Iterable[_Union[TaskEvent, _Mapping]]] = ...) -> None: ...

class KernelMessage(_message.Message):
    __slots__ = ("welcome", "execute", "cancel", "heartbeat", "error")
    WELCOME_FIELD_NUMBER: _ClassVar[int]
    EXECUTE_FIELD_NUMBER: _ClassVar[int]
    CANCEL_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    welcome: Welcome
    execute: Execute
    cancel: Cancel
    heartbeat: Heartbeat
    error: ProtocolError
    def __init__(self, welcome: _Optional[_Union[Welcome, _Mapping]] = ..., execute: _Optional[_Union[Execute, _Mapping]] = ..., cancel: _Optional[_Union[Cancel, _Mapping]] = ..., heartbeat: _Optional[_Union[Heartbeat, _Mapping]] = ..., error: _Optional[_Union[ProtocolError, _Mapping]] = ...) -> None: ...

class Hello(_message.Message):
    __slots__ = ("token", "plugin_name", "sdk", "agents", "resume_session", "resume_task_ids")
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_NAME_FIELD_NUMBER: _ClassVar[int]
    SDK_FIELD_NUMBER: _ClassVar[int]
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    RESUME_SESSION_FIELD_NUMBER: _ClassVar[int]
    RESUME_TASK_IDS_FIELD_NUMBER: _ClassVar[int]
    token: str
    plugin_name: str
    sdk: str
    agents: _containers.RepeatedCompositeFieldContainer[AgentRegistration]
    resume_session: str
    resume_task_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, token: _Optional[str] = ..., plugin_name: _Optional[str] = ..., sdk: _Optional[str] = ..., agents: _Optional[_Iterable[_Union[AgentRegistration, _Mapping]]] = ..., resume_session: _Optional[str] = ..., resume_task_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class AgentRegistration(_message.Message):
    __slots__ = ("agent_id", "card", "framework", "resumes_tasks")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    CARD_FIELD_NUMBER: _ClassVar[int]
    FRAMEWORK_FIELD_NUMBER: _ClassVar[int]
    RESUMES_TASKS_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    card: _a2a_pb2.AgentCard
    framework: str
    resumes_tasks: bool
    def __init__(self, agent_id: _Optional[str] = ..., card: _Optional[_Union[_a2a_pb2.AgentCard, _Mapping]] = ..., framework: _Optional[str] = ..., resumes_tasks: bool = ...) -> None: ...

class Welcome(_message.Message):
    __slots__ = ("session_id", "heartbeat_interval_millis", "max_concurrent_tasks", "max_message_bytes", "resume_grace_millis", "unknown_task_ids", "accepts_event_batches")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_INTERVAL_MILLIS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONCURRENT_TASKS_FIELD_NUMBER: _ClassVar[int]
    MAX_MESSAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESUME_GRACE_MILLIS_FIELD_NUMBER: _ClassVar[int]
    UNKNOWN_TASK_IDS_FIELD_NUMBER: _ClassVar[int]
    ACCEPTS_EVENT_BATCHES_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    heartbeat_interval_millis: int
    max_concurrent_tasks: int
    max_message_bytes: int
    resume_grace_millis: int
    unknown_task_ids: _containers.RepeatedScalarFieldContainer[str]
    accepts_event_batches: bool
    def __init__(self, session_id: _Optional[str] = ..., heartbeat_interval_millis: _Optional[int] = ..., max_concurrent_tasks: _Optional[int] = ..., max_message_bytes: _Optional[int] = ..., resume_grace_millis: _Optional[int] = ..., unknown_task_ids: _Optional[_Iterable[str]] = ..., accepts_event_batches: bool = ...) -> None: ...

class Execute(_message.Message):
    __slots__ = ("agent_id", "task", "message", "streaming", "accepted_output_modes", "principal", "tenant", "extensions", "resumed", "dialect_history")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STREAMING_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_OUTPUT_MODES_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    TENANT_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    RESUMED_FIELD_NUMBER: _ClassVar[int]
    DIALECT_HISTORY_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    task: _a2a_pb2.Task
    message: _a2a_pb2.Message
    streaming: bool
    accepted_output_modes: _containers.RepeatedScalarFieldContainer[str]
    principal: str
    tenant: str
    extensions: _containers.RepeatedScalarFieldContainer[str]
    resumed: bool
    dialect_history: str
    def __init__(self, agent_id: _Optional[str] = ..., task: _Optional[_Union[_a2a_pb2.Task, _Mapping]] = ..., message: _Optional[_Union[_a2a_pb2.Message, _Mapping]] = ..., streaming: bool = ..., accepted_output_modes: _Optional[_Iterable[str]] = ..., principal: _Optional[str] = ..., tenant: _Optional[str] = ..., extensions: _Optional[_Iterable[str]] = ..., resumed: bool = ..., dialect_history: _Optional[str] = ...) -> None: ...

class Cancel(_message.Message):
    __slots__ = ("task_id", "agent_id")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    agent_id: str
    def __init__(self, task_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class TaskEvent(_message.Message):
    __slots__ = ("task_id", "status", "artifact", "reply")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ARTIFACT_FIELD_NUMBER: _ClassVar[int]
    REPLY_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    status: _a2a_pb2.TaskStatus
    artifact: ArtifactChunk
    reply: _a2a_pb2.Message
    def __init__(self, task_id: _Optional[str] = ..., status: _Optional[_Union[_a2a_pb2.TaskStatus, _Mapping]] = ..., artifact: _Optional[_Union[ArtifactChunk, _Mapping]] = ..., reply: _Optional[_Union[_a2a_pb2.Message, _Mapping]] = ...) -> None: ...

class ArtifactChunk(_message.Message):
    __slots__ = ("artifact", "append", "last_chunk")
    ARTIFACT_FIELD_NUMBER: _ClassVar[int]
    APPEND_FIELD_NUMBER: _ClassVar[int]
    LAST_CHUNK_FIELD_NUMBER: _ClassVar[int]
    artifact: _a2a_pb2.Artifact
    append: bool
    last_chunk: bool
    def __init__(self, artifact: _Optional[_Union[_a2a_pb2.Artifact, _Mapping]] = ..., append: bool = ..., last_chunk: bool = ...) -> None: ...

class Heartbeat(_message.Message):
    __slots__ = ("sent_at_millis",)
    SENT_AT_MILLIS_FIELD_NUMBER: _ClassVar[int]
    sent_at_millis: int
    def __init__(self, sent_at_millis: _Optional[int] = ...) -> None: ...

class ProtocolError(_message.Message):
    __slots__ = ("code", "message", "task_id", "details")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    task_id: str
    details: _struct_pb2.Struct
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ..., task_id: _Optional[str] = ..., details: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
