"""One Connect stream to the kernel: handshake, reads, serialized writes, heartbeats and the liveness watchdog."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Callable, Optional

import grpc

from ._proto import plugin_pb2
from .errors import PluginRejectedError, SessionBroken, SessionClosed
from .tls import Endpoint

log = logging.getLogger("agentx_plugin")

CONNECT_METHOD = "/agentx.plugin.v1.PluginService/Connect"
#: Statuses that end a handshake for good: reconnecting with the same Hello cannot succeed.
PERMANENT_CODES = frozenset({grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INVALID_ARGUMENT})
#: How long to wait for the Welcome once the stream is open.
HANDSHAKE_TIMEOUT = 15.0
#: The kernel is considered gone after this many heartbeat intervals without any message from it.
SILENT_INTERVALS = 3
_CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", -1),  # the kernel bounds what it sends
    ("grpc.enable_retries", 0),
]


def open_channel(endpoint: Endpoint) -> grpc.aio.Channel:
    """A channel to the endpoint: plaintext, or TLS with its credentials (and server name override)."""
    if not endpoint.secure:
        return grpc.aio.insecure_channel(endpoint.target, _CHANNEL_OPTIONS)
    options = list(_CHANNEL_OPTIONS)
    if endpoint.server_name:
        options.append(("grpc.ssl_target_name_override", endpoint.server_name))
    return grpc.aio.secure_channel(endpoint.target, endpoint.credentials, options)


class Session:
    """A single Connect call. Use: `welcome = await open(hello)`, then `await run(on_message)` until the stream
    ends, with `write()` from any task meanwhile; `close()` in the end."""

    def __init__(self, endpoint: Endpoint) -> None:
        self._channel = open_channel(endpoint)
        self._call = self._channel.stream_stream(
            CONNECT_METHOD,
            request_serializer=plugin_pb2.PluginMessage.SerializeToString,
            response_deserializer=plugin_pb2.KernelMessage.FromString,
        )()
        self._write_lock = asyncio.Lock()
        self._last_heard = 0.0
        self.welcome: Optional[plugin_pb2.Welcome] = None

    async def open(self, hello: plugin_pb2.Hello) -> plugin_pb2.Welcome:
        """Sends the Hello and waits for the Welcome. Raises PluginRejectedError when the kernel refuses the Hello
        for good and SessionBroken for anything worth retrying."""
        try:
            await asyncio.wait_for(self._handshake(hello), HANDSHAKE_TIMEOUT)
        except asyncio.TimeoutError:
            raise SessionBroken(f"no Welcome within {HANDSHAKE_TIMEOUT:.0f} s") from None
        except grpc.aio.AioRpcError as error:
            self._raise_for(error.code(), error.details())
        except asyncio.InvalidStateError:  # the call ended before the Hello went out
            self._raise_for(await self._call.code(), await self._call.details())
        return self.welcome

    async def _handshake(self, hello: plugin_pb2.Hello) -> None:
        await self._call.write(plugin_pb2.PluginMessage(hello=hello))
        first = await self._call.read()
        if first is grpc.aio.EOF:
            raise SessionBroken("AgentX ended the stream without a Welcome")
        if first.WhichOneof("kind") != "welcome":
            raise SessionBroken(f"AgentX answered the Hello with {first.WhichOneof('kind')} instead of a Welcome")
        self.welcome = first.welcome
        self._last_heard = asyncio.get_running_loop().time()

    @staticmethod
    def _raise_for(code: grpc.StatusCode, details: str) -> None:
        if code in PERMANENT_CODES:
            raise PluginRejectedError(code, details)
        raise SessionBroken(f"{code.name}: {details}")

    async def write(self, message: plugin_pb2.PluginMessage) -> None:
        """Sends one message, waiting while gRPC's flow control holds it back. Writes are serialized (gRPC
        allows one at a time). Raises SessionClosed if the stream is over."""
        async with self._write_lock:
            try:
                await self._call.write(message)
            except (grpc.aio.AioRpcError, asyncio.InvalidStateError, grpc.aio.UsageError) as error:
                raise SessionClosed(str(error)) from None

    async def run(self, on_message: Callable[[plugin_pb2.KernelMessage], None]) -> None:
        """Reads the kernel's messages into `on_message` (called synchronously, keep it short) and sends
        heartbeats, until the kernel ends the stream (returns) or the stream breaks or falls silent (raises
        SessionBroken)."""
        interval = self.welcome.heartbeat_interval_millis / 1000.0
        reader = asyncio.create_task(self._read(on_message))
        watched = [reader]
        helpers = []
        if interval > 0:  # 0: the kernel asks for no heartbeats
            watchdog = asyncio.create_task(self._watch_silence(interval * SILENT_INTERVALS))
            helpers = [watchdog, asyncio.create_task(self._send_heartbeats(interval))]
            watched.append(watchdog)
        try:
            await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
            if not reader.done():
                raise SessionBroken(f"no message from AgentX for {SILENT_INTERVALS} heartbeat intervals")
            if reader.cancelled():  # gRPC cancelled the call under the reader
                raise SessionBroken("the call was cancelled")
            reader.result()
        finally:
            for task in (reader, *helpers):
                task.cancel()

    async def _read(self, on_message: Callable[[plugin_pb2.KernelMessage], None]) -> None:
        loop = asyncio.get_running_loop()
        read = self._call.read
        try:
            while True:
                message = await read()
                if message is grpc.aio.EOF:
                    return
                self._last_heard = loop.time()
                try:
                    on_message(message)
                except Exception:  # a bug handling one message must not end the session
                    log.exception("failed to handle a message from AgentX")
        except grpc.aio.AioRpcError as error:
            raise SessionBroken(f"{error.code().name}: {error.details()}") from None

    async def _send_heartbeats(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            beat = plugin_pb2.PluginMessage()
            beat.heartbeat.sent_at_millis = int(time.time() * 1000)
            try:
                await self.write(beat)
            except SessionClosed:
                return

    async def _watch_silence(self, limit: float) -> None:
        loop = asyncio.get_running_loop()
        while True:
            remaining = self._last_heard + limit - loop.time()
            if remaining <= 0:
                return
            await asyncio.sleep(remaining)

    async def half_close(self) -> None:
        """Ends the plugin's side of the stream (the kernel then ends its side)."""
        async with self._write_lock:
            try:
                await self._call.done_writing()
            except (grpc.aio.AioRpcError, asyncio.InvalidStateError, grpc.aio.UsageError):
                pass

    async def close(self) -> None:
        """Cancels the call if still open and closes the channel."""
        self._call.cancel()
        await self._channel.close()
