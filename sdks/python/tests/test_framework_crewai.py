"""The CrewAI integration, against AgentX's CrewAI dialect fixtures and small fakes of CrewAI.

CrewAI cannot be installed here: the fakes behave like its public interfaces (an Agent with `role`, `goal` and
`kickoff_async(messages)` / `kickoff(messages)` returning a LiteAgentOutput — `raw`, `pydantic`, `messages`,
`tool_failures` —; a Crew with `agents`, `tasks` and `kickoff_async(inputs=...)` returning a CrewOutput — `raw`,
`json_dict`, `pydantic`, `tasks_output` of TaskOutputs with `raw` and `messages` — or, with `stream=True`, a
CrewStreamingOutput iterating StreamChunks — `content`, `chunk_type` — with `.result` afterwards; ToolFailureRecords
with `tool_name` and `failure.as_agent_message()`), and the chat messages come from the golden fixtures of the Java
adapter (adapters-bundles/crewai/src/test/resources), so both sides agree on the dialect."""

import enum
import json
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from google.protobuf import json_format

from agentx_plugin import a2a_pb2
from agentx_plugin.frameworks.crewai import default_inputs, message_parts, serve_crewai
from conftest import connected, new_plugin, run_async
from fake_kernel import FakeKernel

FIXTURES = Path(__file__).resolve().parents[3] / "adapters-bundles" / "crewai" / "src" / "test" / "resources"
DIALECT = json.loads((FIXTURES / "crewai-dialect.json").read_text(encoding="utf-8"))
OUTPUT = json.loads((FIXTURES / "crewai-output.json").read_text(encoding="utf-8"))
HISTORY = [message for case in DIALECT for message in case["crewai"]]


def case(name):
    return next(item for item in DIALECT if item["name"].startswith(name))


def parts_json(parts):
    return [json_format.MessageToDict(part) for part in parts]


def without_envelope(messages):
    return [{key: value for key, value in message.items() if key != "agentx"} for message in messages]


# --- fakes of CrewAI --------------------------------------------------------------------------------------------

class StreamChunkType(enum.Enum):
    TEXT = "text"
    TOOL_CALL = "tool_call"


class LiteAgentOutput(SimpleNamespace):
    def __init__(self, raw="", messages=(), pydantic=None, tool_failures=()):
        super().__init__(raw=raw, messages=list(messages), pydantic=pydantic, tool_failures=list(tool_failures))


class TaskOutput(SimpleNamespace):
    def __init__(self, raw, messages=(), json_dict=None, tool_failures=(), agent="Researcher"):
        super().__init__(raw=raw, messages=list(messages), json_dict=json_dict, pydantic=None,
                         tool_failures=list(tool_failures), agent=agent)


class CrewOutput(SimpleNamespace):
    def __init__(self, tasks_output, json_dict=None, pydantic=None):
        super().__init__(raw=tasks_output[-1].raw, tasks_output=tasks_output, json_dict=json_dict, pydantic=pydantic)


class Forecast:
    """A pydantic model's public face: model_dump(mode=...)."""

    def model_dump(self, mode="python"):
        return {"umbrella": True, "mode": mode}


def tool_failure(tool_name, message, code=None):
    failure = SimpleNamespace(message=message, code=code,
                              as_agent_message=lambda: f"{message} (code: {code})" if code else message)
    return SimpleNamespace(tool_name=tool_name, failure=failure)


class FakeAgent:
    """An Agent: kickoff_async(messages) answers with `output(messages)`."""

    def __init__(self, output, goal="Answers weather questions"):
        self.role = "Forecaster"
        self.goal = goal
        self.output = output
        self.calls = []

    async def kickoff_async(self, messages, response_format=None, input_files=None):
        self.calls.append(messages)
        return self.output(messages)


class SyncAgent:
    """An Agent with only the blocking kickoff(messages)."""

    def __init__(self):
        self.role, self.goal = "Echo", "Repeats"
        self.threads = []

    def kickoff(self, messages):
        self.threads.append(threading.current_thread())
        return LiteAgentOutput(raw="echo: " + messages[-1]["content"])


class FakeStreamingOutput:
    """A CrewStreamingOutput: async iteration over StreamChunks, then `.result`."""

    def __init__(self, chunks, result):
        self._chunks = chunks
        self._result = result
        self._completed = False

    async def __aiter__(self):
        for content, kind in self._chunks:
            yield SimpleNamespace(content=content, chunk_type=kind, task_index=0, agent_role="Writer")
        self._completed = True

    @property
    def result(self):
        assert self._completed, "Streaming has not completed yet"
        return self._result


class FakeCrew:
    """A Crew: kickoff_async(inputs=...) answers with `output`, or a streaming output when `stream`."""

    def __init__(self, output, stream_chunks=None):
        self.agents = [SimpleNamespace(role="Researcher"), SimpleNamespace(role="Writer")]
        self.tasks = [SimpleNamespace(description="Research {message}"), SimpleNamespace(description="Write")]
        self.output = output
        self.stream_chunks = stream_chunks
        self.inputs = []

    async def kickoff_async(self, inputs=None, input_files=None):
        self.inputs.append(inputs)
        return self.output if self.stream_chunks is None else FakeStreamingOutput(self.stream_chunks, self.output)


def serve_and_run(target, *requests, **options):
    """Serves `target` as agent "crew" against a fake kernel; each request is (task id, text, history or None)."""
    async def scenario():
        async with FakeKernel() as kernel:
            plugin = new_plugin(kernel)
            serve_crewai(plugin, target, id="crew", **options)
            stream = await connected(plugin, kernel)
            results = []
            for task_id, text, history in requests:
                fields = {} if history is None else {"dialect_history": json.dumps(history)}
                await stream.execute(task_id, text, agent_id="crew", **fields)
                results.append(await stream.events_until_final(task_id))
            await plugin.stop()
            return stream.hello, results
    return run_async(scenario())


# --- the dialect ------------------------------------------------------------------------------------------------

def test_crewai_messages_become_the_parts_the_java_adapter_makes():
    for item in OUTPUT:
        assert parts_json(message_parts(item["crewai"])) == item["a2a"]["parts"], item["name"]
    compared = 0
    for item in DIALECT:
        envelopes = [message["agentx"] for message in item["crewai"]]
        if any("parts" in envelope or "jsonResult" in envelope for envelope in envelopes):
            continue  # parts that travelled in AgentX's envelope: only the Java adapter restores them
        expected = [part for message in item.get("a2aBack", item["a2a"]) for part in message["parts"]]
        actual = [part for message in item["crewai"] for part in parts_json(message_parts(message))]
        assert actual == expected, item["name"]
        compared += 1
    assert compared >= 4


def test_a_crews_default_inputs_are_the_message_the_history_and_the_datas_keys():
    request = SimpleNamespace(text="Paris, tomorrow", data=[{"city": "Paris"}, ["not", "an", "object"]])
    messages = without_envelope(case("a named agent's tool call")["crewai"]) + [
        {"role": "user", "content": "Paris, tomorrow"}]
    assert default_inputs(request, messages) == {
        "message": "Paris, tomorrow", "city": "Paris",
        "history": "Researcher: Let me look that up.\nResearcher: Paris: 18 °C with light rain."}


# --- serving ----------------------------------------------------------------------------------------------------

def test_an_agent_gets_the_history_without_agentx_envelope_and_answers_in_an_artifact():
    agent = FakeAgent(lambda messages: LiteAgentOutput(raw="Take an umbrella.", messages=messages))

    hello, [events] = serve_and_run(agent, ("t1", "Umbrella?", HISTORY))

    assert agent.calls == [without_envelope(HISTORY)]
    assert hello.agents[0].framework == "crewai"
    assert hello.agents[0].card.description == "Answers weather questions"
    [answer, done] = events
    assert answer.artifact.artifact.name == "answer" and answer.artifact.last_chunk
    assert answer.artifact.artifact.parts[0].text == "Take an umbrella."
    assert done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_an_agents_new_tool_calls_and_results_are_reported_and_a_failed_one_says_so():
    new = without_envelope(case("two calls in one message")["crewai"])
    agent = FakeAgent(lambda messages: LiteAgentOutput(
        raw="Paris: 18 °C.", messages=[{"role": "system", "content": "You forecast."}, *messages, *new,
                                       {"role": "assistant", "content": "Paris: 18 °C."}]))

    # the history's call_1 and its result are in the output's messages too, but are not news
    _, [events] = serve_and_run(agent, ("t1", "Weather?", case("a named agent's tool call")["crewai"]))

    calls, failed, converted, answer, done = events
    expected = case("two calls in one message")["a2a"]
    assert parts_json(calls.status.message.parts) == expected[0]["parts"]
    assert json_format.MessageToDict(failed.status.message.parts[0]) == expected[1]["parts"][0]
    assert json_format.MessageToDict(converted.status.message.parts[0])["data"] == {
        "id": "call_3", "name": "convert", "result": '{"celsius":18,"fahrenheit":64.4}'}
    assert {event.status.state for event in (calls, failed, converted)} == {a2a_pb2.TASK_STATE_WORKING}
    assert answer.artifact.artifact.parts[0].text == "Paris: 18 °C."
    assert done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_a_crew_gets_its_inputs_reports_each_task_and_answers_with_its_structured_output():
    research = TaskOutput("Notes: rain all day.", messages=[
        {"role": "user", "content": "Research Paris"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c7", "type": "function",
                                                                "function": {"name": "slack", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "c7", "name": "slack", "content": "channel not found (code: 404)"}],
        tool_failures=[tool_failure("slack", "channel not found", code="404")])
    write = TaskOutput("Take an umbrella.", json_dict={"umbrella": True}, agent="Writer")
    crew = FakeCrew(CrewOutput([research, write], json_dict={"umbrella": True}))

    _, [events] = serve_and_run(crew, ("t1", "Paris", None))

    assert crew.inputs == [{"message": "Paris", "history": ""}]
    call, result, notes, answer, done = events
    assert json_format.MessageToDict(call.status.message.parts[0])["data"] == {"id": "c7", "name": "slack", "args": {}}
    assert json_format.MessageToDict(result.status.message.parts[0])["data"] == {
        "id": "c7", "name": "slack", "result": "channel not found (code: 404)", "isError": True}
    assert notes.status.message.parts[0].text == "Notes: rain all day."
    assert parts_json(answer.artifact.artifact.parts) == [
        {"text": "Take an umbrella."}, {"data": {"umbrella": True}, "mediaType": "application/json"}]
    assert done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_a_streaming_crew_streams_its_answer_and_adds_its_structured_output_last():
    crew = FakeCrew(CrewOutput([TaskOutput("Take an umbrella.")], pydantic=Forecast()),
                    stream_chunks=[("Take ", StreamChunkType.TEXT), ('{"q":', StreamChunkType.TOOL_CALL),
                                   ("an umbrella.", StreamChunkType.TEXT)])

    _, [events] = serve_and_run(crew, ("t1", "Paris", None))

    first, second, last, done = events
    chunks = [event.artifact for event in (first, second, last)]
    assert [chunk.artifact.parts[0].text for chunk in chunks[:2]] == ["Take ", "an umbrella."]
    assert [(chunk.append, chunk.last_chunk) for chunk in chunks] == [(False, False), (True, False), (True, True)]
    assert len({chunk.artifact.artifact_id for chunk in chunks}) == 1
    assert parts_json(last.artifact.artifact.parts) == [
        {"data": {"umbrella": True, "mode": "json"}, "mediaType": "application/json"}]
    assert done.status.state == a2a_pb2.TASK_STATE_COMPLETED


def test_a_blocking_kickoff_runs_in_a_worker_thread_and_without_history_gets_the_text():
    agent = SyncAgent()

    _, [events] = serve_and_run(agent, ("t1", "hello", None))

    assert events[0].artifact.artifact.parts[0].text == "echo: hello"
    assert agent.threads and agent.threads[0] is not threading.main_thread()


def test_a_factory_makes_a_crew_per_task_and_a_bad_history_fails_the_task():
    made = []

    def factory():
        made.append(FakeAgent(lambda messages: LiteAgentOutput(raw="ok")))
        return made[-1]

    _, [ok, bad] = serve_and_run(factory, ("t1", "one", None), ("t2", "two", [{"role": "user"}]))

    assert ok[-1].status.state == a2a_pb2.TASK_STATE_COMPLETED and len(made) == 1
    assert bad[-1].status.state == a2a_pb2.TASK_STATE_FAILED
    assert "dialect_history[0].content: missing" in bad[-1].status.message.parts[0].text
    with pytest.raises(TypeError, match="serve_crewai needs a CrewAI Crew or Agent"):
        serve_crewai(SimpleNamespace(agent=lambda *a, **k: None), object(), id="x")
