"""The plugin: its agents, the connection loop that keeps it registered with AgentX, and the run entry points."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from typing import Any, Callable, Dict, Iterable, Optional, Sequence, Set

from ._proto import plugin_pb2
from .backoff import Backoff
from .card import AgentDefinition, Extension, Provider, Skill, build_registration
from .errors import PluginRejectedError, SessionBroken
from .events import FAILED, status_message
from .outbox import BufferOverflow, Outbox
from .request import Request
from .session import Session
from .tasks import CancelReason, Limits, TaskRun
from .tls import ARG_NAMES, ENV_NAMES, Endpoint, TlsSettings, resolve_endpoint, tls_hint

log = logging.getLogger("agentx_plugin")

SDK_ID = "agentx-plugin-python/0.1.0"
DEFAULT_URL = "127.0.0.1:8090"
#: After half-closing, how long to wait for AgentX to end the stream.
CLOSE_TIMEOUT = 2.0
#: After the grace period, how long cancelled handlers get to send their last event.
CANCEL_TIMEOUT = 1.0

Handler = Callable[[Request], Any]


class Plugin:
    """A set of agents served to AgentX over one Connect stream.

    `url`, `token` and `name` default to the environment the AgentX plugin supervisor sets: AGENTX_PLUGIN_URL
    (else 127.0.0.1:8090), AGENTX_PLUGIN_TOKEN and AGENTX_PLUGIN_NAME (else the first agent's id).
    `shutdown_grace` is how long, in seconds, running handlers may take to finish when the plugin stops.

    The URL is host:port or http://host:port for plaintext, https://host:port for TLS. `tls`, a
    TlsSettings(ca=, cert=, key=, server_name=) whose PEM sources are file paths or PEM bytes (CA certificates to
    trust, client certificate chain and key for mutual TLS, name the server certificate must carry when it is
    not the URL's host), defaults to the variables AGENTX_PLUGIN_TLS_CA, _CERT, _KEY (file paths) and
    _SERVER_NAME; an explicit `tls` replaces all of them. With https and no CA, gRPC's default roots are
    trusted. The settings are checked when the plugin is created and again when it starts serving: a missing or
    unreadable file, a file without a PEM certificate or unencrypted key, a key that is not the certificate's, a
    certificate without its key (or the reverse), or TLS settings with a plaintext URL raise ValueError naming
    the variable or field (and the file). A failed TLS handshake (CA, server name, client certificate) is a
    connection failure: logged as a warning with gRPC's reason, then retried with backoff."""

    def __init__(self, name: Optional[str] = None, *, url: Optional[str] = None, token: Optional[str] = None,
                 tls: Optional[TlsSettings] = None, shutdown_grace: float = 5.0,
                 max_buffered_events: int = 1000) -> None:
        self.name = name or os.environ.get("AGENTX_PLUGIN_NAME", "")
        self.url = url or os.environ.get("AGENTX_PLUGIN_URL") or DEFAULT_URL
        self.token = token if token is not None else os.environ.get("AGENTX_PLUGIN_TOKEN", "")
        self._env_tls = TlsSettings.from_env() if tls is None else None
        self.tls = tls if tls is not None else self._env_tls
        self._endpoint = self._resolve_endpoint()  # bad TLS settings fail here, not in the connection loop
        self.shutdown_grace = shutdown_grace
        self.max_buffered_events = max_buffered_events
        self._agents: Dict[str, AgentDefinition] = {}
        self._prepared = False
        self._serve_task: Optional[asyncio.Task] = None

    # --- declaring agents ---------------------------------------------------------------------------------------

    def agent(self, id: str, *, name: Optional[str] = None, description: str = "", skills: Sequence[Skill] = (),
              version: str = "0.1.0", streaming: bool = True, input_modes: Sequence[str] = ("text/plain",),
              output_modes: Sequence[str] = ("text/plain",), provider: Optional[Provider] = None,
              documentation_url: Optional[str] = None, icon_url: Optional[str] = None,
              framework: Optional[str] = None, resumes_tasks: bool = False,
              extensions: Sequence[Extension] = ()) -> Callable[[Handler], Handler]:
        """Declares an agent, served by AgentX at /agents/{id}, whose handler is the decorated function:
        an async generator yielding events, or an async function returning the final answer (a string, parts,
        or an event such as reply(...)). resumes_tasks: the agent picks up its tasks again after AgentX
        restarted while it worked on them (the handler then gets them with request.resumed set) instead of
        AgentX failing them. extensions: the A2A extensions the agent supports (Extension), listed on its card."""

        def register(handler: Handler) -> Handler:
            if id in self._agents:
                raise ValueError(f"agent {id!r} is declared twice")
            self._agents[id] = AgentDefinition(
                id=id, handler=handler, name=name or id, description=description, version=version,
                skills=tuple(skills), streaming=streaming, input_modes=tuple(input_modes),
                output_modes=tuple(output_modes), provider=provider, documentation_url=documentation_url,
                icon_url=icon_url, framework=framework, resumes_tasks=resumes_tasks, extensions=tuple(extensions))
            return handler

        return register

    # --- running ------------------------------------------------------------------------------------------------

    def run(self) -> None:
        """Serves until SIGTERM or SIGINT, then stops gracefully and returns (exit status 0). A second signal
        exits at once. If AgentX refuses the plugin for good (bad token…), exits with a message and status 1."""
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        try:
            asyncio.run(self._serve_until_signalled())
        except PluginRejectedError as error:
            raise SystemExit(f"agentx plugin {self.name or next(iter(self._agents), '')}: {error}") from None

    async def start(self, timeout: Optional[float] = None) -> None:
        """Starts serving in the background and returns once AgentX has welcomed the plugin. Raises
        PluginRejectedError if AgentX refuses it, TimeoutError if no Welcome came within `timeout` seconds."""
        if self._serve_task is not None and not self._serve_task.done():
            raise RuntimeError("the plugin is already started")
        self._prepare()
        self._serve_task = serving = asyncio.create_task(self.serve())
        welcomed = asyncio.create_task(self._welcomed.wait())
        await asyncio.wait((serving, welcomed), timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if welcomed.done():
            return
        welcomed.cancel()
        if serving.done():
            serving.result()
            raise RuntimeError("the plugin stopped before AgentX welcomed it")
        await self.stop()
        raise TimeoutError(f"no Welcome from AgentX at {self.url} within {timeout} s")

    async def stop(self) -> None:
        """Stops gracefully: new tasks are refused, running handlers get `shutdown_grace` seconds to finish and
        send their events, then the stream is closed. Returns when serving has ended."""
        if not self._prepared:
            return
        self.request_stop()
        await self._stopped.wait()
        serving = self._serve_task
        if serving is not None and serving is not asyncio.current_task():
            await asyncio.gather(serving, return_exceptions=True)

    def request_stop(self) -> None:
        """Asks a serving plugin to stop gracefully, without waiting (safe from signal handlers)."""
        if self._prepared:
            self._stop_requested.set()

    async def serve(self) -> None:
        """Connects to AgentX and serves the agents until stop() (returns) or a permanent refusal (raises
        PluginRejectedError). Reconnects, with backoff, whenever the stream breaks."""
        if not self._agents:
            raise RuntimeError("no agent declared: decorate a handler with @plugin.agent(...) first")
        self._endpoint = self._resolve_endpoint()  # url and tls may have been changed; files are read again
        self._prepare()
        connection = asyncio.create_task(self._stay_connected())
        stop_requested = asyncio.create_task(self._stop_requested.wait())
        try:
            await asyncio.wait((connection, stop_requested), return_when=asyncio.FIRST_COMPLETED)
            if connection.done():
                connection.result()
            else:
                await self._shut_down(connection)
        finally:
            stop_requested.cancel()
            connection.cancel()
            for run in list(self._tasks.values()):
                run.cancel(CancelReason.FORGOTTEN)
            leftovers = [connection, *(run.task for run in self._tasks.values()), *self._background]
            await asyncio.wait(leftovers, timeout=CANCEL_TIMEOUT)
            self._stopped.set()
            self._prepared = False

    # --- state of one serve() -----------------------------------------------------------------------------------

    def _prepare(self) -> None:
        if self._prepared:
            return
        self._prepared = True
        self._tasks: Dict[str, TaskRun] = {}
        self._outbox = Outbox(per_task_limit=self.max_buffered_events)
        self._limits = Limits()
        self._registrations = [build_registration(agent) for agent in self._agents.values()]
        self._session: Optional[Session] = None
        self._session_id = ""
        self._stopping = False   # refuse new tasks
        self._closing = False    # do not reconnect
        self._background: Set[asyncio.Task] = set()
        self._welcomed = asyncio.Event()
        self._stop_requested = asyncio.Event()
        self._stopped = asyncio.Event()

    async def _serve_until_signalled(self) -> None:
        loop = asyncio.get_running_loop()
        self._prepare()
        signals = (signal.SIGTERM, signal.SIGINT)

        def on_signal(signum: int) -> None:
            if self._stopping or self._stop_requested.is_set():
                log.warning("%s again: exiting now", signal.Signals(signum).name)
                os._exit(128 + signum)
            log.info("%s: stopping (running tasks get up to %.1f s)", signal.Signals(signum).name,
                     self.shutdown_grace)
            self.request_stop()

        installed = []
        for signum in signals:
            try:
                loop.add_signal_handler(signum, on_signal, signum)
                installed.append(signum)
            except (NotImplementedError, RuntimeError):  # not on this platform / not the main thread
                pass
        if os.environ.get("AGENTX_PLUGIN_LIFELINE") == "stdin":
            _watch_lifeline(loop, self._on_lifeline_end)
        try:
            await self.serve()
        finally:
            for signum in installed:
                loop.remove_signal_handler(signum)

    def _on_lifeline_end(self) -> None:
        log.warning("stdin ended: the AgentX process that started this plugin is gone; stopping")
        self.request_stop()

    # --- the connection -----------------------------------------------------------------------------------------

    def _resolve_endpoint(self) -> Endpoint:
        from_env = self.tls is not None and self.tls is self._env_tls
        return resolve_endpoint(self.url, self.tls, ENV_NAMES if from_env else ARG_NAMES)

    async def _stay_connected(self) -> None:
        backoff = Backoff()
        endpoint = self._endpoint
        while True:
            session = Session(endpoint)
            try:
                try:
                    welcome = await session.open(self._hello())
                except SessionBroken as broken:
                    reason = f"cannot connect: {broken}{tls_hint(endpoint, str(broken))}"
                else:
                    backoff.reset()
                    if self._closing:
                        await session.half_close()
                        return
                    self._on_welcome(session, welcome)
                    try:
                        await session.run(self._on_kernel_message)
                        reason = "AgentX ended the stream"
                    except SessionBroken as broken:
                        reason = f"connection lost: {broken}"
                    finally:
                        self._session = None
                        await self._outbox.detach()
            finally:
                await session.close()
            if self._closing:
                return
            delay = backoff.next_delay()
            log.warning("AgentX at %s: %s; reconnecting in %.2f s", self.url, reason, delay)
            await asyncio.sleep(delay)

    def _hello(self) -> plugin_pb2.Hello:
        hello = plugin_pb2.Hello(token=self.token, plugin_name=self.name or next(iter(self._agents)), sdk=SDK_ID)
        hello.agents.extend(self._registrations)
        if self._session_id:
            hello.resume_session = self._session_id
            resumed = {task_id for task_id, run in self._tasks.items() if not run.silenced}
            resumed.update(self._outbox.pending_task_ids())
            hello.resume_task_ids.extend(sorted(resumed))
        return hello

    def _on_welcome(self, session: Session, welcome: plugin_pb2.Welcome) -> None:
        resumed = bool(self._session_id)
        if welcome.unknown_task_ids:
            for task_id in welcome.unknown_task_ids:
                run = self._tasks.get(task_id)
                if run is not None:
                    run.cancel(CancelReason.FORGOTTEN)
            self._outbox.discard(welcome.unknown_task_ids)
            log.warning("AgentX no longer knows %d task(s); dropped them", len(welcome.unknown_task_ids))
        self._session_id = welcome.session_id
        self._limits.max_message_bytes = welcome.max_message_bytes
        self._session = session
        self._outbox.attach(session, batches=welcome.accepts_event_batches)
        log.info("%s AgentX at %s (session %s, agents: %s)", "reconnected to" if resumed else "connected to",
                 self.url, welcome.session_id, ", ".join(self._agents))
        self._welcomed.set()

    def _on_kernel_message(self, message: plugin_pb2.KernelMessage) -> None:
        kind = message.WhichOneof("kind")
        if kind == "execute":
            self._start_task(message.execute)
        elif kind == "cancel":
            run = self._tasks.get(message.cancel.task_id)
            if run is not None:
                run.cancel(CancelReason.KERNEL)
        elif kind == "error":
            error = message.error
            log.warning("AgentX refused something: %s %s%s", error.code, error.message,
                        f" (task {error.task_id})" if error.task_id else "")
        elif kind == "welcome":
            log.warning("ignored an unexpected second Welcome")

    def _start_task(self, execute: plugin_pb2.Execute) -> None:
        request = Request(execute)
        task_id = request.task_id
        agent = self._agents.get(execute.agent_id)
        running = self._tasks.get(task_id)
        if running is not None and not running.ended:
            log.warning("ignored a second Execute for running task %s", task_id)
        elif agent is None:
            self._refuse(request, f"this plugin has no agent {execute.agent_id!r}")
        elif self._stopping:
            self._refuse(request, "the plugin is shutting down")
        else:
            run = self._tasks[task_id] = TaskRun(request, agent.handler, self._outbox, self._limits,
                                                 self._task_done)
            run.start()

    def _task_done(self, run: TaskRun) -> None:
        if self._tasks.get(run.task_id) is run:
            del self._tasks[run.task_id]

    def _refuse(self, request: Request, reason: str) -> None:
        """Fails a task without running a handler."""
        task = asyncio.create_task(self._send_refusal(request, reason))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _send_refusal(self, request: Request, reason: str) -> None:
        try:
            await self._outbox.put(request.task_id, status_message(request.task_id, request.context_id, FAILED, reason))
        except BufferOverflow:
            log.warning("could not refuse task %s: too many events wait for AgentX", request.task_id)

    # --- stopping -----------------------------------------------------------------------------------------------

    async def _shut_down(self, connection: asyncio.Task) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.shutdown_grace
        self._stopping = True
        running = [run.task for run in self._tasks.values()]
        if running:
            log.info("waiting up to %.1f s for %d running task(s)", self.shutdown_grace, len(running))
            await asyncio.wait(running, timeout=self.shutdown_grace)
        cut_off = list(self._tasks.values())
        if cut_off:
            log.warning("cancelling %d task(s) still running after %.1f s", len(cut_off), self.shutdown_grace)
            for run in cut_off:
                run.cancel(CancelReason.SHUTDOWN)
            await asyncio.wait([run.task for run in cut_off], timeout=CANCEL_TIMEOUT)
        try:
            await asyncio.wait_for(self._outbox.wait_idle(), max(deadline - loop.time(), CANCEL_TIMEOUT))
        except asyncio.TimeoutError:
            log.warning("stopping with events AgentX did not receive")
        self._closing = True
        session = self._session
        if session is not None:
            await session.half_close()
            await asyncio.wait((connection,), timeout=CLOSE_TIMEOUT)
        log.info("stopped")


def _watch_lifeline(loop: asyncio.AbstractEventLoop, on_end: Callable[[], None]) -> None:
    """Under AgentX's supervisor (AGENTX_PLUGIN_LIFELINE=stdin) stdin is a pipe that ends only when AgentX's process
    does, even when it is killed and cannot stop the plugin: then `on_end` runs on the loop."""

    def read_until_end() -> None:
        try:
            while os.read(0, 4096):  # what comes is dropped; b"" is the end
                pass
        except OSError:
            pass
        try:
            loop.call_soon_threadsafe(on_end)
        except RuntimeError:  # the loop is closed: the plugin has stopped anyway
            pass

    threading.Thread(target=read_until_end, name="agentx-lifeline", daemon=True).start()
