// agentx-plugin/mastra against the real @mastra/core Agent, with an offline scripted AI SDK language model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent } from '@mastra/core/agent';
import { noopLogger } from '@mastra/core/logger';
import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
import { data, file, text } from '../src/index.js';
import { TOOL_CALL_MEDIA_TYPE, TOOL_RESULT_MEDIA_TYPE } from '../src/frameworks/a2a.js';
import { fromMastraMessage, serveMastra, toMastraMessages } from '../src/frameworks/mastra.js';
import { within } from '../test-support/fake-kernel.js';
import { scriptedLanguageModel } from '../test-support/fake-models.js';
import {
  answerText, artifactChunks, eventKinds, statusUpdates, taskWith, wireMessage,
} from '../test-support/frameworks.js';
import { pluginAndKernel } from '../test-support/setup.js';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

const weather = createTool({
  id: 'weather',
  description: 'The weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ context }) => ({ forecast: `sunny in ${context.city}` }),
});

/** A Mastra agent on a scripted model, quiet (Mastra logs model errors on the console by default). */
function mastraAgent(model, fields = {}) {
  const agent = new Agent({ name: 'weather-agent', instructions: 'You report the weather.', model, ...fields });
  agent.__setLogger(noopLogger);
  return agent;
}

test('tool calls and results become WORKING updates, the text streams into the answer, the task completes', async (t) => {
  const model = scriptedLanguageModel([
    { toolCalls: [{ id: 'call-1', name: 'weather', args: { city: 'Paris' } }] },
    'It is sunny in Paris.',
  ]);
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    serveMastra(plugin, mastraAgent(model, { tools: { weather } }), { id: 'mastra-weather' }, { streamOptions: { maxSteps: 3 } });
  });
  const kernelSide = await kernel.connection(0);
  assert.equal(kernelSide.hello.agents[0].framework, 'mastra');
  kernelSide.execute({ taskId: 't1', agentId: 'mastra-weather', text: 'Weather in Paris?' });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.deepEqual(eventKinds(events), ['WORKING', 'WORKING', 'artifact', 'artifact', 'artifact', 'artifact', 'artifact', 'COMPLETED']);
  const [call, result] = statusUpdates(events);
  assert.deepEqual(call.parts, [{ data: { name: 'weather', id: 'call-1', args: { city: 'Paris' } }, mediaType: TOOL_CALL_MEDIA_TYPE }]);
  assert.deepEqual(result.parts, [{
    data: { name: 'weather', id: 'call-1', result: { forecast: 'sunny in Paris' } }, mediaType: TOOL_RESULT_MEDIA_TYPE,
  }]);
  assert.equal(answerText(events), 'It is sunny in Paris.');
  const chunks = artifactChunks(events);
  assert.deepEqual(chunks.map((c) => [c.append, c.lastChunk]),
    chunks.map((_, i) => [i > 0, i === chunks.length - 1]));
  assert.equal(chunks[0].name, 'answer');

  assert.equal(model.calls.length, 2);
  assert.deepEqual(model.calls[0].prompt, [
    { role: 'system', content: 'You report the weather.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
  ]);
  assert.deepEqual(model.calls[1].prompt.slice(2).map((m) => [m.role, m.content[0].type]),
    [['assistant', 'tool-call'], ['tool', 'tool-result']]);
});

test('the history reaches the model in the AI SDK dialect; data parts become JSON text and the loss is recorded', async (t) => {
  const model = scriptedLanguageModel(['Two files received.']);
  const { kernel } = await pluginAndKernel(t, (plugin) => serveMastra(plugin, mastraAgent(model), { id: 'mastra-history' }));
  const kernelSide = await kernel.connection(0);
  const history = [
    wireMessage('h1', 'ROLE_USER', [
      text('Look at these.'), file({ raw: PNG, mediaType: 'image/png', filename: 'sky.png' }),
      file({ url: 'https://files.example/report.pdf', mediaType: 'application/pdf', filename: 'report.pdf' }),
      data({ priority: 'high' }),
    ]),
    wireMessage('h2', 'ROLE_AGENT', ['What should I do with them?']),
    wireMessage('h3', 'ROLE_USER', ['Count them.']),
  ];
  kernelSide.execute({ agentId: 'mastra-history', ...taskWith('t1', history) });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.equal(answerText(events), 'Two files received.');
  assert.equal(eventKinds(events).at(-1), 'COMPLETED');
  const [, user, agent, last] = model.calls[0].prompt;
  // what the model got, after Mastra's MessageList and the AI SDK: images are files, bytes are base64
  const essentials = ({ type, text: value, data: content, mediaType }) => JSON.parse(JSON.stringify({
    type, text: value, data: content instanceof URL ? content.href : content, mediaType,
  }));
  assert.equal(user.role, 'user');
  assert.deepEqual(user.content.map(essentials), [
    { type: 'text', text: 'Look at these.' },
    { type: 'file', data: PNG.toString('base64'), mediaType: 'image/png' },
    { type: 'file', data: 'https://files.example/report.pdf', mediaType: 'application/pdf' },
    { type: 'text', text: '{"priority":"high"}' },
  ]);
  // (the conversion notes toMastraMessages puts in providerOptions do not all survive Mastra's MessageList: the
  // answer artifact's metadata is where they are reported, below)
  assert.deepEqual([agent.role, agent.content.map(essentials)], ['assistant', [{ type: 'text', text: 'What should I do with them?' }]]);
  assert.deepEqual([last.role, last.content.map(essentials)], ['user', [{ type: 'text', text: 'Count them.' }]]);
  assert.deepEqual(artifactChunks(events)[0].metadata, {
    'agentx.conversion': { framework: 'mastra', toFramework: [{ message: 'h1', part: 3, note: 'data part sent as JSON text' }] },
  });
});

test('what the answer loses on the way back (reasoning) is said in the COMPLETED message and its metadata', async (t) => {
  const model = scriptedLanguageModel([{ reasoning: 'They want a greeting.', text: 'Hello!' }]);
  const { kernel } = await pluginAndKernel(t, (plugin) => serveMastra(plugin, mastraAgent(model), { id: 'mastra-reasoning' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'mastra-reasoning', text: 'hi' });
  const events = await kernelSide.untilTurnEnds('t1');
  assert.equal(answerText(events), 'Hello!');
  assert.deepEqual(statusUpdates(events).at(-1), {
    state: 'COMPLETED',
    parts: [{ text: '1 item of the mastra output could not be carried over: reasoning not forwarded' }],
    metadata: { 'agentx.conversion': { framework: 'mastra', fromFramework: [{ note: 'reasoning not forwarded' }] } },
  });
});

test('a model error fails the task with its message', async (t) => {
  const model = scriptedLanguageModel([{ error: 'the provider is overloaded' }]);
  const { kernel } = await pluginAndKernel(t, (plugin) => serveMastra(plugin, mastraAgent(model), { id: 'mastra-broken' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'mastra-broken', text: 'hi' });
  const events = await kernelSide.untilTurnEnds('t1', 10_000);
  assert.deepEqual(statusUpdates(events).at(-1), { state: 'FAILED', parts: [{ text: 'the provider is overloaded' }], metadata: null });
});

test('a processor that aborts the request (a Mastra tripwire) rejects the task with its reason', async (t) => {
  const model = scriptedLanguageModel(['never said']);
  const guard = { name: 'guard', processInput: ({ messages, abort }) => (messages.length > 0 ? abort('off topic') : messages) };
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    serveMastra(plugin, mastraAgent(model, { inputProcessors: [guard] }), { id: 'mastra-guarded' });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'mastra-guarded', text: 'tell me a joke' });
  const events = await kernelSide.untilTurnEnds('t1');
  assert.deepEqual(statusUpdates(events), [{ state: 'REJECTED', parts: [{ text: 'off topic' }], metadata: null }]);
  assert.equal(model.calls.length, 0, 'the model was not called');
});

test('canceling the task aborts the model stream', async (t) => {
  const model = scriptedLanguageModel(['one two three four five six seven eight nine ten'], { delayMillis: 100 });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveMastra(plugin, mastraAgent(model), { id: 'mastra-slow' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'mastra-slow', text: 'count' });
  await kernelSide.waitFor((m) => m.event?.taskId === 't1' && m.event.event === 'artifact', 'the first chunk');
  kernelSide.cancel('t1', 'mastra-slow');
  assert.equal(eventKinds(await kernelSide.untilTurnEnds('t1')).at(-1), 'CANCELED');
  const { abortSignal } = model.calls[0];
  assert.ok(abortSignal, 'the model was given an abort signal');
  await within(new Promise((resolve) => (abortSignal.aborted ? resolve() : abortSignal.addEventListener('abort', resolve))),
    1000, 'the model abort signal');
});

test('serveMastra refuses what is not an agent', () => {
  assert.throws(() => serveMastra({ agent() {} }, { generate() {} }, { id: 'x' }), /needs a Mastra Agent/);
});

// --- converters: golden fixtures ---------------------------------------------------------------------------------

// Shapes: ModelMessage in @ai-sdk/provider-utils 3.0.12 dist/index.d.ts (UserModelMessage, ImagePart, FilePart…),
// as @mastra/core 0.24.9 installs it (@ai-sdk/provider-utils-v5) and its MessageList takes it
test('toMastraMessages: golden fixture', () => {
  const request = {
    message: { messageId: 'u2', role: 'ROLE_USER', parts: [{ text: 'Thanks!' }] },
    task: { history: [
      { messageId: 'u1', role: 'ROLE_USER', parts: [
        { text: 'Weather here?' },
        { raw: PNG, mediaType: 'image/png' },
        { url: 'https://files.example/notes.txt', mediaType: 'text/plain', filename: 'notes.txt' },
        { data: [1, 2, 3] },
      ] },
      { messageId: 'a1', role: 'ROLE_AGENT', parts: [
        { text: 'Checking.' },
        { data: { name: 'weather', id: 'call-1', args: { city: 'Paris' } }, mediaType: TOOL_CALL_MEDIA_TYPE },
      ] },
      { messageId: 'a2', role: 'ROLE_AGENT', parts: [
        { data: { name: 'weather', id: 'call-1', result: 'no data', isError: true }, mediaType: TOOL_RESULT_MEDIA_TYPE },
        { text: 'The weather service failed.' },
      ] },
      { messageId: 'a3', role: 'ROLE_AGENT', parts: [{ raw: Buffer.from('a,b'), filename: 'table.csv' }] },
      { messageId: 'u2', role: 'ROLE_USER', parts: [{ text: 'Thanks!' }] },
    ] },
  };
  assert.deepEqual(toMastraMessages(request), [
    { role: 'user', content: [
      { type: 'text', text: 'Weather here?' },
      { type: 'image', image: PNG, mediaType: 'image/png' },
      { type: 'file', data: new URL('https://files.example/notes.txt'), mediaType: 'text/plain', filename: 'notes.txt' },
      { type: 'text', text: '[1,2,3]' },
    ], providerOptions: { agentx: { conversion: [{ message: 'u1', part: 3, note: 'data part sent as JSON text' }] } } },
    { role: 'assistant', content: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', toolCallId: 'call-1', toolName: 'weather', input: { city: 'Paris' } },
    ] },
    { role: 'tool', content: [
      { type: 'tool-result', toolCallId: 'call-1', toolName: 'weather', output: { type: 'error-text', value: 'no data' } },
    ] },
    { role: 'assistant', content: 'The weather service failed.' },
    {
      role: 'assistant',
      content: [{ type: 'file', data: Buffer.from('a,b'), mediaType: 'application/octet-stream', filename: 'table.csv' }],
      providerOptions: { agentx: { conversion: [
        { message: 'a3', part: 0, note: 'file without a media type sent as application/octet-stream' },
      ] } },
    },
    { role: 'user', content: 'Thanks!' },
  ]);
});

// Shapes: AssistantModelMessage and ToolModelMessage in @ai-sdk/provider-utils 3.0.12 dist/index.d.ts
test('fromMastraMessage: golden fixtures of assistant and tool messages', () => {
  assert.deepEqual(fromMastraMessage({
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'the user wants weather' },
      { type: 'text', text: 'Here is the chart.' },
      { type: 'file', data: 'aGVsbG8=', mediaType: 'text/plain', filename: 'hello.txt' },
      { type: 'file', data: new URL('https://files.example/chart.png'), mediaType: 'image/png' },
      { type: 'image', image: 'data:image/png;base64,iVBORw0=' },
      { type: 'tool-call', toolCallId: 'call-1', toolName: 'weather', input: { city: 'Paris' } },
      { type: 'source', url: 'https://weather.example' },
    ],
  }), {
    role: 'ROLE_AGENT',
    parts: [
      { text: 'Here is the chart.' },
      { raw: 'aGVsbG8=', mediaType: 'text/plain', filename: 'hello.txt' },
      { url: 'https://files.example/chart.png', mediaType: 'image/png' },
      { raw: 'iVBORw0=', mediaType: 'image/png' },
      { data: { name: 'weather', id: 'call-1', args: { city: 'Paris' } }, mediaType: TOOL_CALL_MEDIA_TYPE },
      { data: { type: 'source', url: 'https://weather.example' } },
    ],
    metadata: { mastra: { role: 'assistant' }, 'agentx.conversion': [
      { part: 0, note: 'reasoning part not forwarded' },
      { part: 6, note: 'source part sent as a data part' },
    ] },
  });
  assert.deepEqual(fromMastraMessage({ role: 'tool', content: [
    { type: 'tool-result', toolCallId: 'call-1', toolName: 'weather', output: { type: 'json', value: { sky: 'clear' } } },
    { type: 'tool-result', toolCallId: 'call-2', toolName: 'forecast', output: { type: 'error-text', value: 'timeout' } },
  ] }), {
    role: 'ROLE_AGENT',
    parts: [
      { data: { name: 'weather', id: 'call-1', result: { sky: 'clear' } }, mediaType: TOOL_RESULT_MEDIA_TYPE },
      { data: { name: 'forecast', id: 'call-2', result: 'timeout', isError: true }, mediaType: TOOL_RESULT_MEDIA_TYPE },
    ],
    metadata: { mastra: { role: 'tool' } },
  });
  assert.deepEqual(fromMastraMessage({ role: 'user', content: 'hi' }),
    { role: 'ROLE_USER', parts: [{ text: 'hi' }], metadata: { mastra: { role: 'user' } } });
});

test('tool calls survive the round trip Mastra → A2A → Mastra', () => {
  const call = fromMastraMessage({
    role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'add', input: { a: 1 } }],
  });
  const result = fromMastraMessage({
    role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'add', output: { type: 'json', value: 2 } }],
  });
  const history = [
    { messageId: 'a', ...call }, { messageId: 'r', ...result }, { messageId: 'u', role: 'ROLE_USER', parts: [{ text: 'ok' }] },
  ];
  assert.deepEqual(toMastraMessages({ message: history.at(-1), task: { history } }), [
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'add', input: { a: 1 } }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'add', output: { type: 'json', value: 2 } }] },
    { role: 'user', content: 'ok' },
  ]);
});

test("AgentX's Java adapters' conventions: a call and its result in one message, a system prompt, agentx.kind", () => {
  const kind = (value) => ({ 'agentx.kind': value });
  const history = [
    { messageId: 's', role: 'ROLE_USER', metadata: { 'agentx.dialect.role': 'system' }, parts: [{ text: 'Be brief.' }] },
    { messageId: 'u', role: 'ROLE_USER', parts: [{ text: 'Add 1 and 1' }] },
    { messageId: 'a', role: 'ROLE_AGENT', parts: [
      { data: { id: 'c1', name: 'add', args: { a: 1 } }, mediaType: TOOL_CALL_MEDIA_TYPE, metadata: kind('toolCall') },
      { data: { id: 'c1', name: 'add', result: 2 }, mediaType: TOOL_RESULT_MEDIA_TYPE, metadata: kind('toolResult') },
    ] },
  ];
  assert.deepEqual(toMastraMessages({ message: history.at(-1), task: { history } }), [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Add 1 and 1' },
    { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'add', input: { a: 1 } }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'add', output: { type: 'json', value: 2 } }] },
  ], 'the call comes before its result, and nothing is noted as lost');
});
