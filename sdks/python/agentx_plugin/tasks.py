"""One task's run: calls the agent's handler and turns what it yields or returns into TaskEvents."""

from __future__ import annotations

import asyncio
import enum
import inspect
import logging
from typing import Any, Callable, Dict, Optional

from ._proto import plugin_pb2
from .events import (CANCELED, COMPLETED, FAILED, FINAL_STATES, ArtifactUpdate, Reply, StatusUpdate,
                     artifact_message, new_id, reply_message, status_message)
from .outbox import BufferOverflow, Outbox
from .request import Request

log = logging.getLogger("agentx_plugin")

#: Error messages sent to the kernel are cut to this length.
MAX_ERROR_LENGTH = 2000


class CancelReason(enum.Enum):
    KERNEL = "the kernel cancelled the task"            # answer CANCELED
    SHUTDOWN = "the plugin is stopping"                 # answer FAILED
    FORGOTTEN = "the kernel no longer knows the task"   # answer nothing


class Limits:
    """What the latest Welcome allows."""

    __slots__ = ("max_message_bytes",)

    def __init__(self) -> None:
        self.max_message_bytes = 0


class TaskRun:
    """Runs a handler for one Execute. `cancel()` cancels its asyncio task; CancelledError reaches the handler."""

    __slots__ = ("request", "task_id", "_context_id", "_handler", "_outbox", "_limits", "_on_done", "task",
                 "ended", "silenced", "cancel_reason", "_events_sent", "_artifact_ids")

    def __init__(self, request: Request, handler: Callable[[Request], Any], outbox: Outbox, limits: Limits,
                 on_done: Callable[["TaskRun"], None]) -> None:
        self.request = request
        self.task_id = request.task_id
        self._context_id = request.context_id
        self._handler = handler
        self._outbox = outbox
        self._limits = limits
        self._on_done = on_done
        self.task: Optional[asyncio.Task] = None
        self.ended = False          # a final event or a reply was queued: nothing more is sent
        self.silenced = False       # the kernel forgot the task: nothing at all is sent
        self.cancel_reason: Optional[CancelReason] = None
        self._events_sent = 0
        self._artifact_ids: Optional[Dict[str, str]] = None

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._run())

    def cancel(self, reason: CancelReason) -> None:
        if reason is CancelReason.FORGOTTEN:
            self.silenced = True
        if self.cancel_reason is None:
            self.cancel_reason = reason
        if self.task is not None:
            self.task.cancel()

    async def _run(self) -> None:
        try:
            await self._serve()
        except BufferOverflow as overflow:
            self.silenced = True
            self._outbox.discard((self.task_id,))
            log.warning("task %s dropped: %s (AgentX fails it)", self.task_id, overflow)
        except asyncio.CancelledError:
            if self.cancel_reason is None:
                raise  # not ours (e.g. the event loop is shutting down)
        finally:
            self._on_done(self)

    async def _serve(self) -> None:
        try:
            result = self._handler(self.request)
            if hasattr(result, "__aiter__"):
                await self._iterate(result)
            else:
                if inspect.isawaitable(result):
                    result = await result
                if result is not None and not self.ended:
                    await self._emit_result(result)
        except asyncio.CancelledError:
            if self.cancel_reason is None:
                raise
        except BufferOverflow:
            raise
        except Exception as error:  # the handler's failure becomes the task's
            if self.ended:
                log.error("task %s: handler failed after its final event", self.task_id, exc_info=True)
                return
            log.error("task %s: handler failed", self.task_id, exc_info=True)
            await self._send_status(FAILED, (str(error) or type(error).__name__)[:MAX_ERROR_LENGTH])
            return
        if not self.ended:
            await self._conclude()

    async def _iterate(self, events) -> None:
        try:
            async for event in events:
                await self._emit(event)
                if self.ended:
                    break
        finally:
            close = getattr(events, "aclose", None)
            if close is not None:
                await close()

    async def _conclude(self) -> None:
        """The handler ended without a final event: complete the task, or answer its cancellation."""
        reason = self.cancel_reason
        if reason is None:
            await self._send_status(COMPLETED)
        elif reason is CancelReason.KERNEL:
            await self._send_status(CANCELED)
        elif reason is CancelReason.SHUTDOWN:
            await self._send_status(FAILED, "the plugin stopped before the task finished")

    async def _emit_result(self, result: Any) -> None:
        if isinstance(result, (StatusUpdate, ArtifactUpdate, Reply)):
            await self._emit(result)
        else:
            await self._send_status(COMPLETED, result)

    async def _emit(self, event: Any) -> None:
        if isinstance(event, Reply):
            if self._events_sent == 0:
                await self._send(reply_message(self.task_id, self._context_id, event.content))
                self.ended = True
            else:  # a reply may only be a task's only event: the same answer as the final status
                await self._send_status(COMPLETED, event.content)
        elif isinstance(event, StatusUpdate):
            await self._send_status(event.state, event.content)
        elif isinstance(event, ArtifactUpdate):
            await self._send(artifact_message(self.task_id, event, self._artifact_id(event)))
        else:
            raise TypeError(f"the handler produced a {type(event).__name__}; yield working(), artifact(), "
                            f"completed()… or reply()")

    async def _send_status(self, state: int, content: Any = None) -> None:
        await self._send(status_message(self.task_id, self._context_id, state, content))
        if state in FINAL_STATES:
            self.ended = True

    async def _send(self, message: plugin_pb2.PluginMessage) -> None:
        if self.silenced or self.ended:
            return
        limit = self._limits.max_message_bytes
        if limit and message.ByteSize() > limit:
            raise ValueError(f"an event of {message.ByteSize()} bytes exceeds AgentX's limit of {limit} bytes")
        await self._outbox.put(self.task_id, message)
        self._events_sent += 1

    def _artifact_id(self, update: ArtifactUpdate) -> str:
        ids = self._artifact_ids
        if ids is None:
            ids = self._artifact_ids = {}
        if update.artifact_id:
            ids[update.name] = update.artifact_id
            return update.artifact_id
        if update.append and update.name in ids:
            return ids[update.name]
        artifact_id = ids[update.name] = new_id()
        return artifact_id

