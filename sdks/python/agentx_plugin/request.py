"""What a handler is asked to do: a thin, read-only view over the kernel's Execute message."""

from __future__ import annotations

import json
from typing import Any, List, Optional

from ._proto import a2a_pb2, plugin_pb2
from .events import value_to_python


class Request:
    """One task handed to an agent. Attributes are computed on access from the Execute message, so an
    attribute the handler never reads costs nothing.

    Cancellation reaches the handler as `asyncio.CancelledError` (its asyncio task is cancelled)."""

    __slots__ = ("_execute", "_text")

    def __init__(self, execute: plugin_pb2.Execute) -> None:
        self._execute = execute
        self._text = None

    @property
    def execute(self) -> plugin_pb2.Execute:
        """The raw Execute message."""
        return self._execute

    @property
    def task_id(self) -> str:
        return self._execute.task.id or self._execute.message.task_id

    @property
    def context_id(self) -> str:
        return self._execute.task.context_id or self._execute.message.context_id

    @property
    def agent_id(self) -> str:
        return self._execute.agent_id

    @property
    def message(self) -> a2a_pb2.Message:
        """The A2A message to act on (lf.a2a.v1.Message)."""
        return self._execute.message

    @property
    def text(self) -> str:
        """The text parts of the message, joined with newlines."""
        if self._text is None:
            self._text = "\n".join(part.text for part in self._execute.message.parts if part.HasField("text"))
        return self._text

    @property
    def parts(self):
        """The parts of the message (lf.a2a.v1.Part)."""
        return self._execute.message.parts

    @property
    def data(self) -> List[Any]:
        """The structured-data parts of the message, as Python values."""
        return [value_to_python(part.data) for part in self._execute.message.parts if part.HasField("data")]

    @property
    def task(self) -> a2a_pb2.Task:
        """The task as it stands (lf.a2a.v1.Task); its history ends with `message`."""
        return self._execute.task

    @property
    def streaming(self) -> bool:
        """Whether the client reads a stream (artifact chunks reach it as they come)."""
        return self._execute.streaming

    @property
    def accepted_output_modes(self) -> List[str]:
        return list(self._execute.accepted_output_modes)

    @property
    def principal(self) -> str:
        return self._execute.principal

    @property
    def tenant(self) -> str:
        return self._execute.tenant

    @property
    def extensions(self) -> List[str]:
        """The A2A extensions the client asked to use (A2A-Extensions), declared by the agent or not."""
        return list(self._execute.extensions)

    @property
    def resumed(self) -> bool:
        """Whether AgentX restarted and hands this task back to be resumed."""
        return self._execute.resumed

    @property
    def dialect_history(self) -> Optional[List[Any]]:
        """The task's history (ending with `message`) in the serialized message form of the framework the agent
        declared, as AgentX's adapter for that framework converted it (e.g. LangChain stored messages, AutoGen
        message dicts); None when the agent declared no framework or no adapter converted it."""
        history = self._execute.dialect_history
        return json.loads(history) if history else None

    def __repr__(self) -> str:
        return f"Request(task_id={self.task_id!r}, agent_id={self.agent_id!r}, text={self.text!r})"
