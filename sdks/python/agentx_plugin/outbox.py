"""Events on their way to the kernel: one ordered queue, drained by a single writer while connected and kept
while disconnected, so that events produced during a reconnect reach the kernel after the new Welcome, in order."""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from typing import Deque, Dict, Iterable, Optional, Tuple

from ._proto import plugin_pb2
from .errors import SessionClosed
from .session import Session


#: The most events one EventBatch carries, and the most bytes of them (kept well below the kernel's message limit).
MAX_BATCH_EVENTS = 64
MAX_BATCH_BYTES = 1024 * 1024


class BufferOverflow(Exception):
    """A task produced more events than may wait for the connection."""


class Outbox:
    """Producers `await put()`; while connected they wait when `high_water` events are queued (the stream's
    flow control reaches the handlers), while disconnected each task may queue up to `per_task_limit` events.

    A write that fails because the stream broke leaves its event at the head of the queue: it is sent again on
    the next session (at least once). When the kernel accepts event batches, the events queued behind the first
    go with it in one message: a write per batch instead of one per event."""

    def __init__(self, per_task_limit: int = 1000, high_water: int = 256) -> None:
        self._per_task_limit = per_task_limit
        self._high_water = high_water
        self._items: Deque[Tuple[str, plugin_pb2.PluginMessage]] = deque()
        self._counts: Dict[str, int] = {}
        self._session: Optional[Session] = None
        self._writer: Optional[asyncio.Task] = None
        self._batches = False
        self._has_items = asyncio.Event()
        self._space = asyncio.Event()
        self._space.set()
        self._idle = asyncio.Event()
        self._idle.set()

    async def put(self, task_id: str, message: plugin_pb2.PluginMessage) -> None:
        """Queues an event of a task. Raises BufferOverflow when the task has too many events waiting."""
        while self._session is not None and len(self._items) >= self._high_water:
            self._space.clear()
            await self._space.wait()
        count = self._counts.get(task_id, 0)
        if count >= self._per_task_limit:
            raise BufferOverflow(f"more than {self._per_task_limit} events of task {task_id} wait for AgentX")
        self._counts[task_id] = count + 1
        self._items.append((task_id, message))
        self._idle.clear()
        self._has_items.set()

    def pending_task_ids(self) -> Iterable[str]:
        """The tasks that have events waiting."""
        return self._counts.keys()

    def discard(self, task_ids: Iterable[str]) -> None:
        """Forgets the waiting events of these tasks."""
        dropped = {task_id for task_id in task_ids if self._counts.pop(task_id, None) is not None}
        if dropped:
            self._items = deque(item for item in self._items if item[0] not in dropped)
            self._space.set()
            if not self._items:
                self._idle.set()

    async def wait_idle(self) -> None:
        """Returns once every queued event has been written."""
        await self._idle.wait()

    def attach(self, session: Session, batches: bool = False) -> None:
        """Starts writing the queue to a session whose Welcome arrived; `batches`: the kernel accepts
        EventBatch messages."""
        self._session = session
        self._batches = batches
        self._writer = asyncio.create_task(self._drain(session))

    async def detach(self) -> None:
        """Stops writing (the session is over); events queue up until the next attach()."""
        self._session = None
        self._space.set()
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.cancel()
            await asyncio.gather(writer, return_exceptions=True)

    async def _drain(self, session: Session) -> None:
        try:
            while True:
                items = self._items
                if not items:
                    self._idle.set()
                    self._has_items.clear()
                    await self._has_items.wait()
                    continue
                written = self._next_batch(items) if self._batches and len(items) > 1 else [items[0]]
                if len(written) == 1:
                    await session.write(written[0][1])
                else:
                    batch = plugin_pb2.PluginMessage()
                    batch.events.events.extend(message.event for _, message in written)
                    await session.write(batch)
                items = self._items
                for entry in written:
                    if items and items[0] is entry:  # else discarded while being written
                        items.popleft()
                        self._count_written(entry[0])
                if len(items) < self._high_water:
                    self._space.set()
        except SessionClosed:
            return

    @staticmethod
    def _next_batch(items: Deque[Tuple[str, plugin_pb2.PluginMessage]]) -> list:
        """The events at the head of the queue that go in one EventBatch (at least the first)."""
        batch = []
        size = 0
        for entry in itertools.islice(items, 0, MAX_BATCH_EVENTS):
            size += entry[1].ByteSize()
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(entry)
        return batch

    def _count_written(self, task_id: str) -> None:
        count = self._counts.get(task_id, 0) - 1
        if count > 0:
            self._counts[task_id] = count
        else:
            self._counts.pop(task_id, None)
