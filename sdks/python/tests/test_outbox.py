"""The outbox on its own: flow control while connected, bounded buffering while not, order across reconnects."""

import asyncio

import pytest

from agentx_plugin import plugin_pb2
from agentx_plugin.errors import SessionClosed
from agentx_plugin.outbox import BufferOverflow, Outbox
from conftest import run_async


def event(task_id: str, n: int) -> plugin_pb2.PluginMessage:
    message = plugin_pb2.PluginMessage()
    message.event.task_id = task_id
    message.event.status.message.message_id = str(n)
    return message


class FakeSession:
    """Records writes; `gate` holds each write until set; `broken` makes writes fail."""

    def __init__(self) -> None:
        self.written = []
        self.gate = asyncio.Event()
        self.gate.set()
        self.broken = False

    async def write(self, message) -> None:
        await self.gate.wait()
        if self.broken:
            raise SessionClosed("broken")
        self.written.append((message.event.task_id, int(message.event.status.message.message_id)))


def test_producers_wait_while_the_stream_does_not_take_events():
    async def scenario():
        outbox = Outbox(high_water=3)
        session = FakeSession()
        session.gate.clear()            # the kernel reads nothing
        outbox.attach(session)
        produced = 0

        async def producer():
            nonlocal produced
            for n in range(10):
                await outbox.put("t1", event("t1", n))
                produced += 1

        task = asyncio.create_task(producer())
        await asyncio.sleep(0.05)
        held_back_at = produced
        session.gate.set()              # the kernel reads again
        await asyncio.wait_for(task, 1)
        await asyncio.wait_for(outbox.wait_idle(), 1)
        await outbox.detach()
        return held_back_at, session.written

    held_back_at, written = run_async(scenario())
    assert held_back_at <= 4            # high water plus the event being written
    assert written == [("t1", n) for n in range(10)]


def test_while_disconnected_each_task_may_buffer_up_to_its_limit():
    async def scenario():
        outbox = Outbox(per_task_limit=3)
        for n in range(3):
            await outbox.put("t1", event("t1", n))
        await outbox.put("t2", event("t2", 0))
        with pytest.raises(BufferOverflow):
            await outbox.put("t1", event("t1", 3))
        return sorted(outbox.pending_task_ids())

    assert run_async(scenario()) == ["t1", "t2"]


def test_events_survive_a_broken_session_and_go_out_in_order_on_the_next():
    async def scenario():
        outbox = Outbox()
        first = FakeSession()
        first.broken = True
        outbox.attach(first)
        await outbox.put("t1", event("t1", 0))
        await asyncio.sleep(0.01)
        await outbox.detach()
        await outbox.put("t1", event("t1", 1))
        await outbox.put("t2", event("t2", 0))
        outbox.discard(["t2"])
        second = FakeSession()
        outbox.attach(second)
        await asyncio.wait_for(outbox.wait_idle(), 1)
        await outbox.detach()
        return second.written, list(outbox.pending_task_ids())

    written, pending = run_async(scenario())
    assert written == [("t1", 0), ("t1", 1)]
    assert pending == []


class MessageRecordingSession:
    """Records each message written: ("event", (task, n)) or ("batch", [(task, n), …]); `gate` holds writes."""

    def __init__(self) -> None:
        self.messages = []
        self.gate = asyncio.Event()
        self.gate.set()

    async def write(self, message) -> None:
        await self.gate.wait()
        if message.WhichOneof("kind") == "events":
            self.messages.append(("batch", [(e.task_id, int(e.status.message.message_id)) for e in message.events.events]))
        else:
            self.messages.append(("event", (message.event.task_id, int(message.event.status.message.message_id))))


def test_events_queued_behind_the_one_being_written_go_together_when_the_kernel_accepts_batches():
    async def scenario(batches: bool):
        outbox = Outbox()
        session = MessageRecordingSession()
        session.gate.clear()            # the first write waits: the others queue behind it
        outbox.attach(session, batches=batches)
        for n in range(6):
            await outbox.put("t1" if n % 2 else "t2", event("t1" if n % 2 else "t2", n))
            if n == 0:
                await asyncio.sleep(0.01)  # the writer takes the first event alone and waits to write it
        session.gate.set()
        await asyncio.wait_for(outbox.wait_idle(), 1)
        await outbox.detach()
        return session.messages

    batched = run_async(scenario(True))
    assert batched == [("event", ("t2", 0)), ("batch", [("t1", 1), ("t2", 2), ("t1", 3), ("t2", 4), ("t1", 5)])]
    one_by_one = run_async(scenario(False))
    assert [kind for kind, _ in one_by_one] == ["event"] * 6, "an older kernel gets one event per message"
    assert list(outbox_order(one_by_one)) == list(outbox_order(batched)), "the same events, in the same order"


def outbox_order(messages):
    for kind, content in messages:
        yield from (content if kind == "batch" else [content])
