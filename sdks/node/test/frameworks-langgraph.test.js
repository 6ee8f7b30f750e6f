// agentx-plugin/langgraph against the real @langchain/langgraph, with an offline scripted chat model that calls
// a tool and then answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tool } from '@langchain/core/tools';
import { END, MemorySaver, MessagesAnnotation, START, StateGraph, interrupt } from '@langchain/langgraph';
import { ToolNode, createReactAgent, toolsCondition } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import { data, text } from '../src/index.js';
import { TOOL_CALL_MEDIA_TYPE, TOOL_RESULT_MEDIA_TYPE } from '../src/frameworks/a2a.js';
import { serveLangGraph, toLangGraphInput } from '../src/frameworks/langgraph.js';
import { within } from '../test-support/fake-kernel.js';
import { ScriptedChatModel } from '../test-support/fake-models.js';
import {
  answerText, artifactChunks, eventKinds, statusUpdates, taskWith, wireMessage,
} from '../test-support/frameworks.js';
import { pluginAndKernel } from '../test-support/setup.js';

const weatherCalls = [];
const weather = tool(async ({ city }) => {
  weatherCalls.push(city);
  return `sunny in ${city}`;
}, { name: 'weather', description: 'The weather in a city', schema: z.object({ city: z.string() }) });

/** The script: first a tool call (with a few words before it), then the answer. */
const toolThenAnswer = () => new ScriptedChatModel({
  script: [
    { content: 'Let me check. ', toolCalls: [{ id: 'call-1', name: 'weather', args: { city: 'Paris' } }] },
    'It is sunny in Paris.',
  ],
});

/** A ReAct-style graph built by hand: agent → tools → agent, until the model stops calling tools. */
function weatherGraph(model, { checkpointer } = {}) {
  const bound = model.bindTools([weather]);
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await bound.invoke(state.messages)] }))
    .addNode('tools', new ToolNode([weather]))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer });
}

const TOOL_CALL = { name: 'weather', id: 'call-1', args: { city: 'Paris' } };
const TOOL_RESULT = { name: 'weather', id: 'call-1', result: 'sunny in Paris' };

test('tool calls and results become WORKING updates, the AI tokens stream into the answer, the task completes', async (t) => {
  const model = toolThenAnswer();
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangGraph(plugin, weatherGraph(model), { id: 'lg-weather' }));
  const kernelSide = await kernel.connection(0);
  assert.equal(kernelSide.hello.agents[0].framework, 'langgraph');
  kernelSide.execute({ taskId: 't1', agentId: 'lg-weather', text: 'Weather in Paris?' });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.deepEqual(eventKinds(events), [
    'artifact', 'artifact', 'artifact', // "Let me check. ", word by word (the last one flushed before the update)
    'WORKING', 'WORKING', // the tool call, the tool result
    'artifact', 'artifact', 'artifact', 'artifact', 'artifact', // "It is sunny in Paris."
    'COMPLETED',
  ]);
  const [call, result] = statusUpdates(events).filter((s) => s.state === 'WORKING');
  assert.deepEqual(call.parts, [{ data: TOOL_CALL, mediaType: TOOL_CALL_MEDIA_TYPE }], 'the streamed text is not repeated');
  assert.equal(call.metadata.langchain.type, 'ai');
  assert.deepEqual(result.parts, [{ data: TOOL_RESULT, mediaType: TOOL_RESULT_MEDIA_TYPE }]);
  assert.equal(answerText(events), 'Let me check. It is sunny in Paris.', 'every AI token, as it came');
  const chunks = artifactChunks(events);
  assert.deepEqual(chunks.map((c) => c.lastChunk), chunks.map((_, i) => i === chunks.length - 1));
  assert.equal(new Set(chunks.map((c) => c.artifactId)).size, 1);

  assert.deepEqual(weatherCalls.splice(0), ['Paris'], 'the tool really ran');
  assert.deepEqual(model.boundTools.map((bound) => bound.name), ['weather']);
  const [first, second] = model.calls;
  assert.deepEqual(first.map((m) => [m.type, m.content, m.id]), [['human', 'Weather in Paris?', 'm-t1']]);
  assert.deepEqual(second.map((m) => m.type), ['human', 'ai', 'tool']);
  assert.equal(second[2].tool_call_id, 'call-1');
});

test('without streamTokens only the final AI message is the answer; earlier text goes with its tool call', async (t) => {
  const model = toolThenAnswer();
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    serveLangGraph(plugin, weatherGraph(model), { id: 'lg-final' }, { streamTokens: false, artifactName: 'forecast' });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lg-final', text: 'Weather in Paris?' });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.deepEqual(eventKinds(events), ['WORKING', 'WORKING', 'artifact', 'COMPLETED']);
  const [call, result] = statusUpdates(events);
  assert.deepEqual(call.parts, [{ text: 'Let me check. ' }, { data: TOOL_CALL, mediaType: TOOL_CALL_MEDIA_TYPE }]);
  assert.deepEqual(result.parts, [{ data: TOOL_RESULT, mediaType: TOOL_RESULT_MEDIA_TYPE }]);
  const [chunk] = artifactChunks(events);
  assert.deepEqual({ ...chunk, artifactId: undefined }, {
    artifactId: undefined, name: 'forecast', append: false, lastChunk: true, parts: [{ text: 'It is sunny in Paris.' }], metadata: null,
  });
  weatherCalls.splice(0);
});

test('a prebuilt createReactAgent works the same, and the history reaches the model as LangChain messages', async (t) => {
  const model = toolThenAnswer();
  const agent = createReactAgent({ llm: model, tools: [weather] });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangGraph(plugin, agent, { id: 'lg-react' }));
  const kernelSide = await kernel.connection(0);
  const history = [
    wireMessage('h1', 'ROLE_USER', [text('Plan my day.'), data({ date: '2026-12-06' })]),
    wireMessage('h2', 'ROLE_AGENT', ['Where are you?']),
    wireMessage('h3', 'ROLE_USER', ['Paris']),
  ];
  kernelSide.execute({ agentId: 'lg-react', ...taskWith('t1', history) });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.equal(eventKinds(events).at(-1), 'COMPLETED');
  assert.equal(answerText(events), 'Let me check. It is sunny in Paris.');
  assert.deepEqual(statusUpdates(events).filter((s) => s.state === 'WORKING').map((s) => s.parts[0].data.name), ['weather', 'weather']);
  assert.deepEqual(model.calls[0].map((m) => [m.type, m.content, m.id]), [
    ['human', 'Plan my day.\n{"date":"2026-12-06"}', 'h1'], // all text once the data is JSON: one string
    ['ai', 'Where are you?', 'h2'],
    ['human', 'Paris', 'h3'],
  ]);
  assert.deepEqual(artifactChunks(events)[0].metadata['agentx.conversion'].toFramework,
    [{ message: 'h1', part: 1, note: 'data part sent as JSON text' }]);
  weatherCalls.splice(0);
});

test('with a checkpointer the A2A context is the thread: a second task continues the conversation without duplicates', async (t) => {
  const model = new ScriptedChatModel({ script: ['Hello Ada.', 'Your name is Ada.'] });
  const graph = weatherGraph(model, { checkpointer: new MemorySaver() });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangGraph(plugin, graph, { id: 'lg-memory' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lg-memory', text: 'I am Ada.', contextId: 'conversation-1' });
  assert.equal(answerText(await kernelSide.untilTurnEnds('t1')), 'Hello Ada.');
  kernelSide.execute({ taskId: 't2', agentId: 'lg-memory', text: 'What is my name?', contextId: 'conversation-1' });
  assert.equal(answerText(await kernelSide.untilTurnEnds('t2')), 'Your name is Ada.');
  assert.deepEqual(model.calls[1].map((m) => [m.type, m.content]), [
    ['human', 'I am Ada.'], ['ai', 'Hello Ada.'], ['human', 'What is my name?'],
  ]);
});

test('a graph interrupt fails the task with an explanation', async (t) => {
  const graph = new StateGraph(MessagesAnnotation)
    .addNode('ask', () => ({ messages: [{ type: 'ai', content: `You said ${interrupt('confirm?')}` }] }))
    .addEdge(START, 'ask').addEdge('ask', END)
    .compile({ checkpointer: new MemorySaver() });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangGraph(plugin, graph, { id: 'lg-interrupt' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lg-interrupt', text: 'go' });
  const events = await kernelSide.untilTurnEnds('t1');
  const last = statusUpdates(events).at(-1);
  assert.equal(last.state, 'FAILED');
  assert.match(last.parts[0].text, /interrupted.*cannot resume/);
});

test('canceling the task aborts the graph run (nodes see the abort signal)', async (t) => {
  let entered;
  let aborted;
  const nodeEntered = new Promise((resolve) => { entered = resolve; });
  const nodeAborted = new Promise((resolve) => { aborted = resolve; });
  const graph = new StateGraph(MessagesAnnotation)
    .addNode('wait', async (_state, config) => {
      entered();
      await new Promise((resolve) => config.signal?.addEventListener('abort', resolve));
      aborted();
      return { messages: [] };
    })
    .addEdge(START, 'wait').addEdge('wait', END)
    .compile();
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangGraph(plugin, graph, { id: 'lg-slow' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lg-slow', text: 'go' });
  await within(nodeEntered, 2000, 'the node to start');
  kernelSide.cancel('t1', 'lg-slow');
  assert.deepEqual(eventKinds(await kernelSide.untilTurnEnds('t1')), ['CANCELED']);
  await within(nodeAborted, 1000, 'the node to see the abort');
});

test('toLangGraphInput is { messages } in LangChain dialect; serveLangGraph refuses what is not a graph', () => {
  const request = { message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'hi' }] }, task: null };
  assert.deepEqual(toLangGraphInput(request), { messages: [{ type: 'human', id: 'm', content: 'hi' }] });
  assert.throws(() => serveLangGraph({ agent() {} }, new StateGraph(MessagesAnnotation), { id: 'x' }), /compiled LangGraph graph/);
});
