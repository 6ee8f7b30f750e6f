"""Serve a CrewAI Crew or Agent as an AgentX agent.

    from crewai import Agent, Crew, Task
    from agentx_plugin.frameworks.crewai import serve_crewai

    serve_crewai(plugin, Crew(agents=[researcher, writer], tasks=[research, write]), id="report",
                 description="Writes a report on {message}")

AgentX's CrewAI adapter hands the task's history over as the OpenAI-style chat messages CrewAI's agents work with
(`LLMMessage`: `{role, content, tool_calls, tool_call_id, name}`, plus AgentX's `agentx` envelope, which is removed
here: CrewAI passes every key of a message on to the model provider).

- An **Agent** gets the messages: `kickoff_async(messages)` (or `kickoff(messages)` in a worker thread).
- A **Crew** gets inputs for its tasks' `{placeholders}`: `kickoff_async(inputs=...)` (or `kickoff`). By default
  `{"message": <the request's text>, "history": <the earlier messages as "role: text" lines>}` and the keys of
  the request's JSON-object data parts; give `inputs=` to build them yourself.

What the run produces becomes A2A events: tool calls and tool results of the agents' messages (LiteAgentOutput /
TaskOutput `messages`) → WORKING statuses with data parts of AgentX's tool media types (a failed tool, by CrewAI's
"Error executing tool: " or a recorded ToolFailure, has `isError`); each task's output but the last → a WORKING
status with its text; the final `raw` (and `json_dict` / `pydantic` as an application/json data part) → the
artifact `answer`, streamed chunk by chunk when the crew streams (`Crew(stream=True)`); then COMPLETED.

Nothing of CrewAI is imported: the crew or agent is duck-typed."""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import inspect
import json
import re
from typing import Any, Callable, Iterable, List, Mapping, Optional

from ..events import Part, artifact, completed, data, file, new_id, text, working

FRAMEWORK = "crewai"
#: Media types and part metadata of AgentX's tool call / tool result data parts (io.agentx.api.adapter).
TOOL_CALL_MEDIA_TYPE = "application/vnd.agentx.tool-call+json"
TOOL_RESULT_MEDIA_TYPE = "application/vnd.agentx.tool-result+json"
KIND_KEY = "agentx.kind"
#: The key of AgentX's envelope in the chat messages the adapter writes.
ENVELOPE = "agentx"
#: How CrewAI's executor words a tool that raised (crew_agent_executor.py).
ERROR_PREFIX = "Error executing tool: "
#: Part metadata: the `detail` of an image_url content part.
DETAIL_KEY = "crewai.detail"
_ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
                ".webp": "image/webp"}


# --- AgentX → CrewAI --------------------------------------------------------------------------------------------

def chat_messages(history: Iterable[Mapping[str, Any]]) -> List[dict]:
    """The chat messages of `history` (`request.dialect_history`) as CrewAI takes them: AgentX's `agentx`
    envelope removed. Raises ValueError naming the message that is not a chat message."""
    messages = []
    for index, message in enumerate(history):
        if not isinstance(message, Mapping) or message.get("role") not in _ROLES:
            raise ValueError(f"dialect_history[{index}].role: expected one of {', '.join(sorted(_ROLES))}")
        if "content" not in message:
            raise ValueError(f"dialect_history[{index}].content: missing (CrewAI needs it, even when null)")
        messages.append({key: value for key, value in message.items() if key != ENVELOPE})
    return messages


def transcript(messages: Iterable[Mapping[str, Any]]) -> str:
    """Messages as "role: text" lines (tool calls and results left out), for a crew's `{history}` input."""
    lines = []
    for message in messages:
        content = _content_text(message.get("content"))
        if content and message.get("role") != "tool":
            speaker = message.get("name") or message.get("role")
            lines.append(f"{speaker}: {content}")
    return "\n".join(lines)


def default_inputs(request: Any, messages: List[Mapping[str, Any]]) -> dict:
    """A crew's inputs for a request: its text as `message`, the conversation before it as `history`, and the
    keys of its JSON-object data parts."""
    inputs = {"message": request.text, "history": transcript(messages[:-1])}
    for value in request.data:
        if isinstance(value, Mapping):
            inputs.update(value)
    return inputs


# --- CrewAI → A2A -----------------------------------------------------------------------------------------------

def message_parts(message: Mapping[str, Any], failures: Iterable[tuple] = ()) -> List[Part]:
    """A CrewAI chat message as A2A parts, as AgentX's CrewAI adapter makes them: content parts → text, files
    (image_url, input_audio, file) and data (other types, marked `agentx.kind: crewai.<type>`); `tool_calls` →
    tool calls `{id, name, args}`; a tool message → a tool result `{id, name, result, isError}`. `failures` are
    (tool name, message) pairs of recorded ToolFailures: a tool message saying one of them failed."""
    if message.get("role") == "tool":
        return [_tool_result_part(message, set(failures))]
    parts = _content_parts(message.get("content"))
    for call in message.get("tool_calls") or ():
        parts.append(_tool_call_part(call))
    return parts


def output_parts(output: Any) -> List[Part]:
    """The answer of a CrewOutput or LiteAgentOutput: its raw text and its structured output (json_dict, or the
    pydantic model's JSON) as an application/json data part."""
    parts = [text(output.raw)] if getattr(output, "raw", "") else []
    structured = structured_output(output)
    if structured is not None:
        parts.append(data(structured, media_type="application/json"))
    return parts


def structured_output(output: Any) -> Optional[Any]:
    json_dict = getattr(output, "json_dict", None)
    if json_dict:
        return json_dict
    model = getattr(output, "pydantic", None)
    if model is not None and callable(getattr(model, "model_dump", None)):
        return model.model_dump(mode="json")
    return None


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(block.get("text", "") for block in content
                       if isinstance(block, Mapping) and block.get("type") == "text")
    return ""


def _content_parts(content: Any) -> List[Part]:
    if isinstance(content, str):
        return [text(content)] if content else []
    return [_block_part(block) for block in content or ()]


def _block_part(block: Mapping[str, Any]) -> Part:
    kind = block.get("type")
    if kind == "text":
        return text(block.get("text", ""))
    if kind == "image_url":
        image_url = block.get("image_url")
        url = image_url if isinstance(image_url, str) else (image_url or {}).get("url", "")
        part = _data_url_part(url) if url.startswith("data:") else file(url=url, media_type=_image_type(url))
        if isinstance(image_url, Mapping) and isinstance(image_url.get("detail"), str):
            part.metadata.update({DETAIL_KEY: image_url["detail"]})
        return part
    if kind == "input_audio":
        audio = block.get("input_audio") or {}
        audio_format = audio.get("format", "")
        media_type = "audio/mpeg" if audio_format == "mp3" else f"audio/{audio_format}" if audio_format else ""
        return file(raw=_base64(audio.get("data", "")), media_type=media_type)
    if kind == "file":
        details = block.get("file") or {}
        filename = details.get("filename") or ""
        if isinstance(details.get("file_data"), str):
            file_data = details["file_data"]
            if file_data.startswith("data:"):
                return _data_url_part(file_data, filename)
            return file(raw=_base64(file_data), filename=filename)
        if "://" in str(details.get("file_id", "")):
            return file(url=details["file_id"], filename=filename)
    return _marked(data(dict(block)), f"crewai.{kind}")


def _tool_call_part(call: Mapping[str, Any]) -> Part:
    function = call.get("function") or {}
    value = {}
    if call.get("id"):
        value["id"] = call["id"]
    value["name"] = function.get("name", "")
    value["args"] = _arguments(function.get("arguments"))
    return _marked(data(value, media_type=TOOL_CALL_MEDIA_TYPE), "toolCall")


def _tool_result_part(message: Mapping[str, Any], failures: set) -> Part:
    result = _content_text(message.get("content"))
    failed = result.startswith(ERROR_PREFIX)
    if failed:
        result = result[len(ERROR_PREFIX):]
    value = {"id": message.get("tool_call_id", "")}
    if message.get("name"):
        value["name"] = message["name"]
    value["result"] = result
    if failed or (message.get("name"), result) in failures:
        value["isError"] = True
    return _marked(data(value, media_type=TOOL_RESULT_MEDIA_TYPE), "toolResult")


def _arguments(arguments: Any) -> Any:
    if arguments is None:
        return {}
    if not isinstance(arguments, str):
        return arguments
    try:
        return json.loads(arguments)
    except ValueError:
        return arguments  # a model's broken JSON, kept as it is


def _data_url_part(url: str, filename: str = "") -> Part:
    header, _, content = url[len("data:"):].partition(",")
    media_type = header.split(";")[0]
    raw = _base64(content) if header.lower().endswith(";base64") else content.encode("utf-8")
    return file(raw=raw, media_type=media_type, filename=filename)


def _base64(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (TypeError, binascii.Error):
        raise ValueError(f"not Base64: {value[:40]!r}") from None


def _image_type(url: str) -> str:
    path = re.sub(r"[?#].*$", "", url.lower())
    return next((media for suffix, media in _IMAGE_TYPES.items() if path.endswith(suffix)), "")


def _marked(part: Part, kind: str) -> Part:
    part.metadata.update({KIND_KEY: kind})
    return part


# --- the run ----------------------------------------------------------------------------------------------------

class _RunReport:
    """The A2A events of a finished run, but its answer: tool calls and results of the agents' messages that the
    history did not already hold, and the outputs of all tasks but the last."""

    def __init__(self, history: List[Mapping[str, Any]]) -> None:
        self._known_calls = {call.get("id") for message in history for call in message.get("tool_calls") or ()}
        self._known_calls |= {message.get("tool_call_id") for message in history if message.get("role") == "tool"}
        self._known_calls.discard(None)

    def events(self, output: Any) -> list:
        tasks = list(getattr(output, "tasks_output", None) or ())
        events = []
        for task in tasks or [output]:
            failures = _failures(task)
            for message in getattr(task, "messages", None) or ():
                parts = self._new_tool_parts(message, failures)
                if parts:
                    events.append(working(parts))
            if task is not output and task is not tasks[-1] and getattr(task, "raw", ""):
                events.append(working(task.raw))
        return events

    def _new_tool_parts(self, message: Mapping[str, Any], failures: list) -> List[Part]:
        if message.get("role") == "tool":
            return [] if message.get("tool_call_id") in self._known_calls else message_parts(message, failures)
        calls = [call for call in message.get("tool_calls") or () if call.get("id") not in self._known_calls]
        if message.get("role") != "assistant" or not calls:
            return []
        return message_parts({**message, "tool_calls": calls})  # with the text the agent wrote before them


def _failures(output: Any) -> list:
    """(tool name, the text the agent saw) of the ToolFailures a task or agent output records."""
    failures = []
    for record in getattr(output, "tool_failures", None) or ():
        failure = getattr(record, "failure", None)
        render = getattr(failure, "as_agent_message", None)
        message = render() if callable(render) else getattr(failure, "message", None)
        if message is not None:
            failures.append((getattr(record, "tool_name", None), message))
    return failures


def _is_crew(target: Any) -> bool:
    return hasattr(target, "tasks") and hasattr(target, "agents")


def _is_runnable(target: Any) -> bool:
    return callable(getattr(target, "kickoff_async", None)) or callable(getattr(target, "kickoff", None))


async def _kickoff(target: Any, *args: Any, **kwargs: Any) -> Any:
    """kickoff_async, else kickoff in a worker thread (CrewAI's kickoff blocks)."""
    kickoff_async = getattr(target, "kickoff_async", None)
    result = kickoff_async(*args, **kwargs) if callable(kickoff_async) else \
        await asyncio.to_thread(target.kickoff, *args, **kwargs)
    return await result if inspect.isawaitable(result) else result


def _is_streaming(result: Any) -> bool:
    return hasattr(result, "__aiter__") and hasattr(type(result), "result")


def _is_text_chunk(chunk: Any) -> bool:
    kind = getattr(chunk, "chunk_type", "text")
    return getattr(kind, "value", kind) == "text"


class _Runners:
    """Gives each task the crew or agent to run: a fresh one from a factory, or the one given, running one task at
    a time (a crew keeps its tasks' outputs between kickoffs)."""

    def __init__(self, crew_or_agent: Any) -> None:
        if _is_runnable(crew_or_agent):
            self.shared, self._factory = crew_or_agent, None
        elif callable(crew_or_agent):
            self.shared, self._factory = None, crew_or_agent
        else:
            raise TypeError("serve_crewai needs a CrewAI Crew or Agent (an object with kickoff_async or kickoff) "
                            f"or a function that makes one, not {type(crew_or_agent).__name__}")
        self._lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def acquire(self):
        if self._factory is None:
            async with self._lock:
                yield self.shared
            return
        runner = self._factory()
        runner = await runner if inspect.isawaitable(runner) else runner
        if not _is_runnable(runner):
            raise TypeError(f"the CrewAI factory made a {type(runner).__name__}, not a Crew or Agent")
        yield runner


def serve_crewai(plugin: Any, crew_or_agent: Any, *, id: str,
                 inputs: Optional[Callable[[Any, List[dict]], Mapping[str, Any]]] = None,
                 artifact_name: str = "answer", **card: Any) -> Callable:
    """Declares an agent on `plugin` (framework "crewai") answered by a CrewAI Crew or Agent, or by a function
    (sync or async) making a fresh one per task. A shared crew or agent serves one task at a time; a factory lets
    tasks run concurrently. `inputs(request, messages)` builds a crew's inputs (see the module's documentation);
    the other keywords are those of `@plugin.agent` (an Agent's `goal` is the default description).

    Cancelling the task stops waiting for the run; a kickoff running in a worker thread finishes on its own.
    Returns the handler."""
    runners = _Runners(crew_or_agent)
    if isinstance(getattr(runners.shared, "goal", None), str):
        card.setdefault("description", runners.shared.goal)

    async def crewai_agent(request):
        history = request.dialect_history
        messages = chat_messages(history) if history else [{"role": "user", "content": request.text}]
        async with runners.acquire() as runner:
            if _is_crew(runner):
                crew_inputs = inputs(request, messages) if inputs is not None else default_inputs(request, messages)
                result = await _kickoff(runner, inputs=dict(crew_inputs))
            else:
                result = await _kickoff(runner, messages)
            answer_id = new_id()
            streamed = False
            if _is_streaming(result):
                async for chunk in result:
                    if _is_text_chunk(chunk) and getattr(chunk, "content", ""):
                        yield artifact(chunk.content, name=artifact_name, artifact_id=answer_id, append=streamed)
                        streamed = True
                result = result.result
        for event in _RunReport(messages).events(result):
            yield event
        answer = output_parts(result)
        if streamed:
            answer = [part for part in answer if not part.HasField("text")]
        yield artifact(answer or "", name=artifact_name, artifact_id=answer_id, append=streamed, last_chunk=True)
        yield completed()

    plugin.agent(id, framework=FRAMEWORK, **card)(crewai_agent)
    return crewai_agent
