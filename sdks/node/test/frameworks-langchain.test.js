// agentx-plugin/langchain against the real @langchain/core, with offline fake chat models.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatPromptTemplate, MessagesPlaceholder } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { AIMessage, HumanMessage, ToolMessage, coerceMessageLikeToMessage } from '@langchain/core/messages';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { data, file, text } from '../src/index.js';
import {
  TOOL_CALL_MEDIA_TYPE, TOOL_RESULT_MEDIA_TYPE,
} from '../src/frameworks/a2a.js';
import { fromLangChainMessage, serveLangChain, toLangChainMessages } from '../src/frameworks/langchain.js';
import { within } from '../test-support/fake-kernel.js';
import { ScriptedChatModel } from '../test-support/fake-models.js';
import {
  answerText, artifactChunks, eventKinds, statusUpdates, taskWith, wireMessage,
} from '../test-support/frameworks.js';
import { pluginAndKernel } from '../test-support/setup.js';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

/** Records the messages each chat model call was given (a LangChain callback handler, as users write them). */
function recordingCallbacks() {
  const calls = [];
  return { calls, callbacks: [{ handleChatModelStart: (_llm, [messages]) => { calls.push(messages); } }] };
}

test('a chat model streams its answer into one artifact, chunk by chunk, and the task completes', async (t) => {
  const answer = 'Paris is sunny today.';
  const model = new FakeListChatModel({ responses: [answer] });
  const { calls, callbacks } = recordingCallbacks();
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    serveLangChain(plugin, model, { id: 'lc-chat', name: 'LangChain chat' }, { config: { callbacks } });
  });
  const kernelSide = await kernel.connection(0);
  assert.equal(kernelSide.hello.agents[0].framework, 'langchain');
  kernelSide.execute({ taskId: 't1', agentId: 'lc-chat', text: 'Weather in Paris?' });
  const events = await kernelSide.untilTurnEnds('t1');

  const chunks = artifactChunks(events);
  assert.equal(answerText(events), answer);
  assert.equal(chunks.length, [...answer].length, 'FakeListChatModel streams one character per chunk');
  assert.deepEqual(chunks.map((c) => c.append), chunks.map((_, i) => i > 0));
  assert.deepEqual(chunks.map((c) => c.lastChunk), chunks.map((_, i) => i === chunks.length - 1));
  assert.equal(new Set(chunks.map((c) => c.artifactId)).size, 1, 'all chunks belong to one artifact');
  assert.equal(chunks[0].name, 'answer');
  assert.equal(chunks[0].metadata, null, 'nothing was lost on the way to the model');
  assert.deepEqual(eventKinds(events).at(-1), 'COMPLETED');
  assert.deepEqual(statusUpdates(events).at(-1), { state: 'COMPLETED', parts: [], metadata: null });

  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].map((m) => [m.type, m.content, m.id]), [['human', 'Weather in Paris?', 'm-t1']]);
});

test('the history reaches the model in LangChain messages; data parts become JSON text and the loss is recorded', async (t) => {
  const model = new FakeListChatModel({ responses: ['22 degrees'] });
  const { calls, callbacks } = recordingCallbacks();
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    serveLangChain(plugin, model, { id: 'lc-history' }, { config: () => ({ callbacks }) });
  });
  const kernelSide = await kernel.connection(0);
  const history = [
    wireMessage('h1', 'ROLE_USER', [
      text('What is the temperature here?'), data({ lat: 48.85, lon: 2.35 }),
      file({ raw: PNG, mediaType: 'image/png', filename: 'sky.png' }),
    ]),
    wireMessage('h2', 'ROLE_AGENT', ['In Celsius or Fahrenheit?']),
    wireMessage('h3', 'ROLE_USER', ['Celsius']),
  ];
  kernelSide.execute({ agentId: 'lc-history', ...taskWith('t1', history) });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.equal(answerText(events), '22 degrees');
  assert.equal(eventKinds(events).at(-1), 'COMPLETED');
  const [received] = calls;
  assert.deepEqual(received.map((m) => m.constructor.name), ['HumanMessage', 'AIMessage', 'HumanMessage']);
  assert.deepEqual(received.map((m) => m.id), ['h1', 'h2', 'h3']);
  assert.deepEqual(received[0].content, [
    { type: 'text', text: 'What is the temperature here?' },
    { type: 'text', text: '{"lat":48.85,"lon":2.35}' },
    { type: 'image', data: PNG.toString('base64'), mimeType: 'image/png', metadata: { filename: 'sky.png' } },
  ]);
  assert.equal(received[1].content, 'In Celsius or Fahrenheit?');
  assert.equal(received[2].content, 'Celsius');
  assert.deepEqual(received[0].additional_kwargs.agentx_conversion, [{ part: 1, note: 'data part sent as JSON text' }]);

  const [first] = artifactChunks(events);
  assert.deepEqual(first.metadata, {
    'agentx.conversion': { framework: 'langchain', toFramework: [{ message: 'h1', part: 1, note: 'data part sent as JSON text' }] },
  });
});

test('a chain (prompt | model | string parser) gets its input from options.input and streams string chunks', async (t) => {
  const model = new FakeListChatModel({ responses: ['Bonjour !'] });
  const { calls, callbacks } = recordingCallbacks();
  const chain = ChatPromptTemplate.fromMessages([['system', 'Answer in French.'], new MessagesPlaceholder('messages')])
    .pipe(model).pipe(new StringOutputParser());
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    serveLangChain(plugin, chain, { id: 'lc-chain' }, { input: (messages) => ({ messages }), config: { callbacks } });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lc-chain', text: 'Hello!' });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.equal(answerText(events), 'Bonjour !');
  assert.equal(artifactChunks(events).length, 'Bonjour !'.length);
  assert.deepEqual(calls[0].map((m) => [m.type, m.content]), [['system', 'Answer in French.'], ['human', 'Hello!']]);
});

test('tool calls a model streams end up as tool-call data parts in the last chunk', async (t) => {
  const model = new ScriptedChatModel({
    script: [{ content: 'Checking.', toolCalls: [{ id: 'call-7', name: 'lookup', args: { q: 'AgentX' } }] }],
  });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangChain(plugin, model, { id: 'lc-tools' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lc-tools', text: 'look it up' });
  const events = await kernelSide.untilTurnEnds('t1');

  const chunks = artifactChunks(events);
  assert.equal(answerText(events), 'Checking.');
  assert.deepEqual(chunks.at(-1).parts, [{ data: { name: 'lookup', id: 'call-7', args: { q: 'AgentX' } }, mediaType: TOOL_CALL_MEDIA_TYPE }]);
  assert.equal(chunks.at(-1).lastChunk, true);
  assert.equal(eventKinds(events).at(-1), 'COMPLETED');
});

test('what the answer loses on the way back (reasoning) is said in the COMPLETED message and its metadata', async (t) => {
  const model = new ScriptedChatModel({
    script: [{ blocks: [{ type: 'reasoning', reasoning: 'They want a greeting.' }, { type: 'text', text: 'Hello!' }] }],
  });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangChain(plugin, model, { id: 'lc-reasoning' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lc-reasoning', text: 'hi' });
  const events = await kernelSide.untilTurnEnds('t1');
  assert.equal(answerText(events), 'Hello!');
  assert.deepEqual(statusUpdates(events).at(-1), {
    state: 'COMPLETED',
    parts: [{ text: '1 item of the langchain output could not be carried over: reasoning block not forwarded' }],
    metadata: { 'agentx.conversion': { framework: 'langchain', fromFramework: [{ block: 0, note: 'reasoning block not forwarded' }] } },
  });
});

test('canceling the task aborts the model run at once, even while the model is silent', async (t) => {
  const model = new FakeListChatModel({ responses: ['a slow answer'], sleep: 1000 }); // a second before each token
  // the model, watched: when does its stream end, and how
  let started;
  let ended;
  const streamStarted = new Promise((resolve) => { started = resolve; });
  const streamEnded = new Promise((resolve) => { ended = resolve; });
  const watched = {
    async stream(input, config) {
      const chunks = await model.stream(input, config);
      started();
      return (async function* watch() {
        try {
          for await (const chunk of chunks) yield chunk;
          ended('finished');
        } catch (error) {
          ended(error);
          throw error;
        }
      })();
    },
  };
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangChain(plugin, watched, { id: 'lc-slow' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lc-slow', text: 'go' });
  await within(streamStarted, 2000, 'the model run');
  kernelSide.cancel('t1', 'lc-slow');
  const outcome = await within(streamEnded, 500, 'the model stream to be aborted');
  assert.equal(outcome?.name, 'AbortError');
  assert.deepEqual(eventKinds(await kernelSide.untilTurnEnds('t1')), ['CANCELED']);
});

test('a model that fails fails the task with its message', async (t) => {
  const model = new FakeStreamingChatModel({ thrownErrorString: 'rate limited by the provider' });
  const { kernel } = await pluginAndKernel(t, (plugin) => serveLangChain(plugin, model, { id: 'lc-broken' }));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'lc-broken', text: 'hi' });
  const events = await kernelSide.untilTurnEnds('t1');
  assert.deepEqual(statusUpdates(events).at(-1), {
    state: 'FAILED', parts: [{ text: 'rate limited by the provider' }], metadata: null,
  });
});

test('serveLangChain refuses what is not a Runnable', () => {
  assert.throws(() => serveLangChain({ agent() {} }, {}, { id: 'x' }), /needs a LangChain Runnable/);
});

// --- converters: golden fixtures ---------------------------------------------------------------------------------

// The A2A side as TaskRequest gives it (parts as in src/parts.js); a conversation with every kind of part and a
// tool call the agent reported with its result, plus a call whose result is missing.
const REQUEST = {
  message: { messageId: 'u3', role: 'ROLE_USER', parts: [{ text: 'And tomorrow?' }] },
  task: {
    id: 't1',
    history: [
      { messageId: 'u1', role: 'ROLE_USER', metadata: { client: 'cli' }, referenceTaskIds: ['t0'], parts: [
        { text: 'Weather here?' },
        { data: { city: 'Paris' }, mediaType: 'application/json' },
        { url: 'https://files.example/map.pdf', mediaType: 'application/pdf', filename: 'map.pdf' },
        { raw: PNG, mediaType: 'image/png', metadata: { camera: 'front' } },
      ] },
      { messageId: 'a1', role: 'ROLE_AGENT', parts: [
        { text: 'Checking.' },
        { data: { name: 'weather', id: 'call-1', args: { city: 'Paris' } }, mediaType: TOOL_CALL_MEDIA_TYPE },
      ] },
      { messageId: 'a2', role: 'ROLE_AGENT', parts: [
        { data: { name: 'weather', id: 'call-1', result: { sky: 'clear' } }, mediaType: TOOL_RESULT_MEDIA_TYPE },
      ] },
      { messageId: 'a3', role: 'ROLE_AGENT', parts: [
        { data: { name: 'forecast', id: 'call-2', args: {} }, mediaType: TOOL_CALL_MEDIA_TYPE },
      ] },
      { messageId: 'a4', role: 'ROLE_AGENT', parts: [{ text: 'Clear skies.' }] },
      { messageId: 'u3', role: 'ROLE_USER', parts: [{ text: 'And tomorrow?' }] },
    ],
  },
};

// Shapes: @langchain/core/dist/messages/{human,ai,tool}.d.ts, content blocks of messages/content/multimodal.d.ts
test('toLangChainMessages: golden fixture', () => {
  const messages = toLangChainMessages(REQUEST);
  assert.deepEqual(messages, [
    { type: 'human', id: 'u1', content: [
      { type: 'text', text: 'Weather here?' },
      { type: 'text', text: '{"city":"Paris"}' },
      { type: 'file', url: 'https://files.example/map.pdf', mimeType: 'application/pdf', metadata: { filename: 'map.pdf' } },
      { type: 'image', data: PNG.toString('base64'), mimeType: 'image/png' },
    ], additional_kwargs: { agentx_conversion: [
      { note: 'message metadata not passed to the model' },
      { note: 'reference task ids not passed to the model' },
      { part: 1, note: 'data part sent as JSON text (media type application/json)' },
      { part: 3, note: 'part metadata not passed to the model' },
    ] } },
    { type: 'ai', id: 'a1', content: 'Checking.', tool_calls: [{ type: 'tool_call', id: 'call-1', name: 'weather', args: { city: 'Paris' } }] },
    { type: 'tool', id: 'a2#0', tool_call_id: 'call-1', content: '{"sky":"clear"}', status: 'success', name: 'weather' },
    { type: 'ai', id: 'a3', content: '{"name":"forecast","id":"call-2","args":{}}', additional_kwargs: { agentx_conversion: [
      { part: 0, note: `tool call without its result in the history sent as JSON text (media type ${TOOL_CALL_MEDIA_TYPE})` },
    ] } },
    { type: 'ai', id: 'a4', content: 'Clear skies.' },
    { type: 'human', id: 'u3', content: 'And tomorrow?' },
  ]);

  // LangChain itself accepts them: coerceMessageLikeToMessage (@langchain/core/dist/messages/utils.js) makes classes
  const coerced = messages.map(coerceMessageLikeToMessage);
  assert.deepEqual(coerced.map((m) => m.constructor.name),
    ['HumanMessage', 'AIMessage', 'ToolMessage', 'AIMessage', 'AIMessage', 'HumanMessage']);
  assert.deepEqual(coerced[1].tool_calls, [{ type: 'tool_call', id: 'call-1', name: 'weather', args: { city: 'Paris' } }]);
  assert.equal(coerced[2].tool_call_id, 'call-1');
  assert.equal(coerced[0].additional_kwargs.agentx_conversion.length, 4);
});

test('toLangChainMessages: the message alone when there is no task, and nothing for an empty message', () => {
  assert.deepEqual(toLangChainMessages({ message: { messageId: 'm', role: 'ROLE_USER', parts: [{ text: 'hi' }] }, task: null }),
    [{ type: 'human', id: 'm', content: 'hi' }]);
  assert.deepEqual(toLangChainMessages({ message: { parts: [] }, task: null }), []);
});

// Shapes: AIMessage in @langchain/core/dist/messages/ai.d.ts, its content blocks in messages/content/*.d.ts
test('fromLangChainMessage: golden fixture of an AI message with blocks and tool calls', () => {
  const message = new AIMessage({
    id: 'run-1',
    content: [
      { type: 'reasoning', reasoning: 'the user wants weather' },
      { type: 'text', text: 'Here is the map.' },
      { type: 'image', url: 'https://files.example/map.png', mimeType: 'image/png' },
      { type: 'file', data: 'aGVsbG8=', mimeType: 'text/plain', metadata: { filename: 'hello.txt' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0=' } },
      { type: 'citation', source: 'weather.example' },
    ],
    tool_calls: [{ id: 'call-1', name: 'weather', args: { city: 'Paris' }, type: 'tool_call' }],
    invalid_tool_calls: [{ id: 'call-2', name: 'forecast', args: '{oops', error: 'bad JSON', type: 'invalid_tool_call' }],
  });
  assert.deepEqual(fromLangChainMessage(message), {
    role: 'ROLE_AGENT',
    parts: [
      { text: 'Here is the map.' },
      { url: 'https://files.example/map.png', mediaType: 'image/png' },
      { raw: 'aGVsbG8=', mediaType: 'text/plain', filename: 'hello.txt' },
      { raw: 'iVBORw0=', mediaType: 'image/png' },
      { data: { type: 'citation', source: 'weather.example' } },
      { data: { name: 'weather', id: 'call-1', args: { city: 'Paris' } }, mediaType: TOOL_CALL_MEDIA_TYPE },
    ],
    metadata: {
      langchain: { type: 'ai', id: 'run-1' },
      'agentx.conversion': [
        { block: 0, note: 'reasoning block not forwarded' },
        { block: 5, note: 'citation content block sent as a data part' },
        { field: 'invalid_tool_calls', note: 'invalid tool call forecast not forwarded: bad JSON' },
      ],
    },
  });
});

// Shapes: @langchain/core/dist/messages/tool.d.ts and human.d.ts
test('fromLangChainMessage: tool and human messages', () => {
  assert.deepEqual(fromLangChainMessage(new ToolMessage({ content: 'sunny', tool_call_id: 'call-1', name: 'weather' })), {
    role: 'ROLE_AGENT',
    parts: [{ data: { name: 'weather', id: 'call-1', result: 'sunny' }, mediaType: TOOL_RESULT_MEDIA_TYPE }],
    metadata: { langchain: { type: 'tool', name: 'weather' } },
  });
  assert.deepEqual(fromLangChainMessage(new ToolMessage({ content: 'no such city', tool_call_id: 'c', status: 'error', artifact: { raw: 1 } })), {
    role: 'ROLE_AGENT',
    parts: [{ data: { id: 'c', result: 'no such city', isError: true }, mediaType: TOOL_RESULT_MEDIA_TYPE }],
    metadata: { langchain: { type: 'tool' }, 'agentx.conversion': [{ field: 'artifact', note: 'tool message artifact not forwarded' }] },
  });
  assert.deepEqual(fromLangChainMessage(new HumanMessage({ content: 'hi', id: 'h' })),
    { role: 'ROLE_USER', parts: [{ text: 'hi' }], metadata: { langchain: { type: 'human', id: 'h' } } });
  assert.deepEqual(fromLangChainMessage({ role: 'assistant', content: 'plain object' }).parts, [{ text: 'plain object' }]);
  assert.throws(() => fromLangChainMessage({ content: 'no type' }), /not a LangChain message/);
});

test('tool calls survive the round trip LangChain → A2A → LangChain', () => {
  const call = fromLangChainMessage(new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'add', args: { a: 1, b: 2 } }] }));
  const result = fromLangChainMessage(new ToolMessage({ content: '3', tool_call_id: 'c1', name: 'add' }));
  const history = [
    { messageId: 'u', role: 'ROLE_USER', parts: [text('1+2?')] },
    { messageId: 'a', ...call },
    { messageId: 'r', ...result },
    { messageId: 'u2', role: 'ROLE_USER', parts: [text('thanks')] },
  ];
  const messages = toLangChainMessages({ message: history.at(-1), task: { history } });
  assert.deepEqual(messages.map(coerceMessageLikeToMessage).map((m) => [m.type, m.content, m.tool_calls ?? m.tool_call_id ?? null]), [
    ['human', '1+2?', null],
    ['ai', '', [{ type: 'tool_call', id: 'c1', name: 'add', args: { a: 1, b: 2 } }]],
    ['tool', '3', 'c1'],
    ['human', 'thanks', null],
  ]);
});

test("AgentX's Java adapters' conventions: a call and its result in one message, a system prompt, agentx.kind", () => {
  const kind = (value) => ({ 'agentx.kind': value });
  const history = [
    { messageId: 's', role: 'ROLE_USER', metadata: { 'agentx.dialect.role': 'system' }, parts: [{ text: 'Be brief.' }] },
    { messageId: 'a', role: 'ROLE_AGENT', parts: [
      { data: { id: 'c1', name: 'add', args: { a: 1 } }, mediaType: TOOL_CALL_MEDIA_TYPE, metadata: kind('toolCall') },
      { data: { id: 'c1', name: 'add', result: 2 }, mediaType: TOOL_RESULT_MEDIA_TYPE, metadata: kind('toolResult') },
    ] },
  ];
  const messages = toLangChainMessages({ message: history.at(-1), task: { history } });
  assert.deepEqual(messages.map((message) => message.type), ['system', 'ai', 'tool'], 'the call comes before its result');
  assert.equal(messages[0].content, 'Be brief.');
  assert.equal(messages[2].tool_call_id, 'c1');
  assert.ok(messages.every((message) => message.additional_kwargs === undefined), 'nothing is noted as lost');
});
