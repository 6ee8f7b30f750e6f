"""A fake AgentX kernel for the tests: a real grpc.aio server whose Connect streams the test drives by hand."""

from __future__ import annotations

import asyncio
import time
from typing import List, Optional

import grpc

from agentx_plugin import a2a_pb2, plugin_pb2

_END = object()


class KernelStream:
    """The kernel's end of one Connect stream."""

    def __init__(self, hello: plugin_pb2.Hello) -> None:
        self.hello = hello
        self.events: asyncio.Queue = asyncio.Queue()   # TaskEvents, then None when the plugin's side is over
        self.heartbeats: List[float] = []              # when each plugin heartbeat arrived (time.monotonic())
        self.half_closed = False                       # the plugin ended its side normally
        self.welcomed_at: Optional[float] = None
        self._outgoing: asyncio.Queue = asyncio.Queue()

    async def send(self, message: plugin_pb2.KernelMessage) -> None:
        await self._outgoing.put(message)

    async def welcome(self, session_id: str = "s1", heartbeat_interval_millis: int = 60_000,
                      **fields) -> None:
        self.welcomed_at = time.monotonic()
        await self.send(plugin_pb2.KernelMessage(welcome=plugin_pb2.Welcome(
            session_id=session_id, heartbeat_interval_millis=heartbeat_interval_millis, max_concurrent_tasks=100,
            max_message_bytes=4 << 20, resume_grace_millis=30_000, **fields)))

    async def execute(self, task_id: str, text: str, agent_id: str = "py-echo", context_id: str = "ctx-1",
                      **fields) -> None:
        message = a2a_pb2.Message(message_id=f"m-{task_id}", role=a2a_pb2.ROLE_USER, context_id=context_id,
                                  task_id=task_id, parts=[a2a_pb2.Part(text=text)])
        task = a2a_pb2.Task(id=task_id, context_id=context_id, history=[message],
                            status=a2a_pb2.TaskStatus(state=a2a_pb2.TASK_STATE_SUBMITTED))
        await self.send(plugin_pb2.KernelMessage(execute=plugin_pb2.Execute(
            agent_id=agent_id, task=task, message=message, **fields)))

    async def cancel(self, task_id: str, agent_id: str = "py-echo") -> None:
        await self.send(plugin_pb2.KernelMessage(cancel=plugin_pb2.Cancel(task_id=task_id, agent_id=agent_id)))

    async def heartbeat(self) -> None:
        await self.send(plugin_pb2.KernelMessage(heartbeat=plugin_pb2.Heartbeat(sent_at_millis=1)))

    def end(self, code: Optional[grpc.StatusCode] = None, details: str = "") -> None:
        """Ends the stream: OK, or with an error status."""
        self._outgoing.put_nowait((_END, code, details))

    async def next_event(self, timeout: float = 3.0) -> plugin_pb2.TaskEvent:
        event = await asyncio.wait_for(self.events.get(), timeout)
        assert event is not None, "the plugin ended the stream instead of sending an event"
        return event

    async def events_until_final(self, task_id: str, timeout: float = 3.0) -> List[plugin_pb2.TaskEvent]:
        """The events of `task_id` up to its first final status or reply (other tasks' events are kept aside)."""
        final = {a2a_pb2.TASK_STATE_COMPLETED, a2a_pb2.TASK_STATE_FAILED, a2a_pb2.TASK_STATE_CANCELED,
                 a2a_pb2.TASK_STATE_REJECTED, a2a_pb2.TASK_STATE_INPUT_REQUIRED, a2a_pb2.TASK_STATE_AUTH_REQUIRED}
        collected = []
        while True:
            event = await self.next_event(timeout)
            if event.task_id != task_id:
                continue
            collected.append(event)
            if event.HasField("reply") or (event.HasField("status") and event.status.state in final):
                return collected

    async def no_event_within(self, seconds: float) -> bool:
        try:
            event = await asyncio.wait_for(self.events.get(), seconds)
        except asyncio.TimeoutError:
            return True
        self.events.put_nowait(event)
        return False

    async def plugin_side_ended(self, timeout: float = 3.0) -> None:
        """Waits until the plugin ended its side of the stream, with no events left unread."""
        event = await asyncio.wait_for(self.events.get(), timeout)
        assert event is None, f"unexpected event before the end of the stream: {event}"


class FakeKernel:
    """`async with FakeKernel() as kernel:` serves Connect on 127.0.0.1; `await kernel.next_stream()` is the next
    stream a plugin opened, after its Hello. Plaintext (url 127.0.0.1:port), or TLS with `server_credentials`
    (grpc.ssl_server_credentials; url https://127.0.0.1:port)."""

    def __init__(self, server_credentials: Optional[grpc.ServerCredentials] = None) -> None:
        self.streams: asyncio.Queue = asyncio.Queue()
        self.connections = 0
        self.url = ""
        self._server_credentials = server_credentials
        self._server: Optional[grpc.aio.Server] = None

    async def __aenter__(self) -> "FakeKernel":
        handler = grpc.method_handlers_generic_handler("agentx.plugin.v1.PluginService", {
            "Connect": grpc.stream_stream_rpc_method_handler(
                self._connect,
                request_deserializer=plugin_pb2.PluginMessage.FromString,
                response_serializer=plugin_pb2.KernelMessage.SerializeToString),
        })
        self._server = grpc.aio.server()
        self._server.add_generic_rpc_handlers((handler,))
        if self._server_credentials is None:
            port = self._server.add_insecure_port("127.0.0.1:0")
            self.url = f"127.0.0.1:{port}"
        else:
            port = self._server.add_secure_port("127.0.0.1:0", self._server_credentials)
            self.url = f"https://127.0.0.1:{port}"
        await self._server.start()
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self._server.stop(None)

    async def next_stream(self, timeout: float = 5.0) -> KernelStream:
        return await asyncio.wait_for(self.streams.get(), timeout)

    async def _connect(self, requests, context) -> None:
        self.connections += 1
        first = await requests.__anext__()
        assert first.WhichOneof("kind") == "hello", f"first message is not a Hello: {first}"
        stream = KernelStream(first.hello)
        reader = asyncio.create_task(self._read(requests, stream))
        await self.streams.put(stream)
        try:
            while True:
                item = await stream._outgoing.get()
                if isinstance(item, tuple) and item[0] is _END:
                    if item[1] is not None:
                        await context.abort(item[1], item[2])
                    return
                await context.write(item)
        finally:
            reader.cancel()

    @staticmethod
    async def _read(requests, stream: KernelStream) -> None:
        try:
            async for message in requests:
                if message.HasField("heartbeat"):
                    stream.heartbeats.append(time.monotonic())
                else:
                    stream.events.put_nowait(message.event)
            # grpc also ends the iteration when the client cancels, and cancels this handler just after
            await asyncio.sleep(0.05)
            stream.half_closed = True
            stream.end()  # like AgentX: the plugin's end of the stream ends the call
        finally:
            stream.events.put_nowait(None)
