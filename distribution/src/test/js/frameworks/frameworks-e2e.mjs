// FrameworkAgentsIT's client side: calls the LangChain.js, LangGraph.js and Mastra agents that AgentX's plugin
// supervisor started, with the real @a2a-js/sdk client (send and stream), and the cross-framework conversation
// lc-delegate (LangChain.js) → lg-weather (LangGraph.js, through its tool) → mastra-weather (Mastra). Then it
// checks what each framework was given, in its own message form, from RECORD_FILE. Prints one JSON summary line.
//
//   AGENTX_URL, API_KEY, RECORD_FILE
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TaskState } from '@a2a-js/sdk';
import { FORECAST, VERSE, answerText, clients, textOf, userMessage } from './agentx.mjs';

const AGENTX_URL = process.env.AGENTX_URL;
const TOOL_CALL = 'application/vnd.agentx.tool-call+json';
const TOOL_RESULT = 'application/vnd.agentx.tool-result+json';
let checks = 0;
const check = (fn) => { fn(); checks++; };

const client = (agentId) => clients.createFromUrl(`${AGENTX_URL}/agents/${agentId}/`);
const message = (text) => ({ tenant: '', message: userMessage(text) });

async function send(agentId, text) {
  return (await client(agentId)).sendMessage(message(text));
}

/** Streams a message; returns the events' payloads and the answer text assembled from the artifact chunks. */
async function stream(agentId, text) {
  const events = [];
  for await (const event of (await client(agentId)).sendMessageStream(message(text))) events.push(event.payload);
  const chunks = events.filter((event) => event.$case === 'artifactUpdate').map((event) => event.value);
  return { events, chunks, text: textOf(chunks.flatMap((chunk) => chunk.artifact.parts)) };
}

const state = (task) => task.status.state;
const COMPLETED = TaskState.TASK_STATE_COMPLETED;

// 1. each framework's agent, send and stream: the fake model's words arrive intact
const poet = await send('lc-poet', 'Write me a verse');
check(() => assert.equal(state(poet), COMPLETED, JSON.stringify(poet)));
check(() => assert.equal(answerText(poet), VERSE));
const poetStream = await stream('lc-poet', 'Another verse, streamed');
check(() => assert.equal(poetStream.text, VERSE));
check(() => assert.ok(poetStream.chunks.length > 5, `the verse came in ${poetStream.chunks.length} chunks`));

const mastra = await send('mastra-weather', 'Weather in Lyon?');
check(() => assert.equal(state(mastra), COMPLETED, JSON.stringify(mastra)));
check(() => assert.equal(answerText(mastra), FORECAST));
const mastraStream = await stream('mastra-weather', 'Weather in Lyon, streamed?');
check(() => assert.equal(mastraStream.text, FORECAST));
check(() => assert.equal(mastraStream.chunks.length, FORECAST.split(' ').length, 'word by word'));
check(() => assert.equal(mastraStream.chunks.at(-1).lastChunk, true, 'the last word ends the artifact'));

const graph = await stream('lg-weather', 'How is the weather in Lyon?');
const updates = graph.events.filter((event) => event.$case === 'statusUpdate' && event.value.status?.message)
  .map((event) => event.value.status.message.parts[0]);
const dataOf = (mediaType) => updates.find((part) => part.mediaType === mediaType)?.content?.value;
check(() => assert.deepEqual(dataOf(TOOL_CALL), { name: 'ask_mastra', id: 'call-lyon', args: { city: 'Lyon' } },
  JSON.stringify(updates)));
check(() => assert.equal(dataOf(TOOL_RESULT)?.result, FORECAST, JSON.stringify(updates)));
check(() => assert.equal(graph.text, `Mastra says: ${FORECAST}`));

// 2. across frameworks: LangChain.js → LangGraph.js → (tool) → Mastra, each hop an A2A call through AgentX
const question = 'Should I take an umbrella in Lyon?';
const delegated = await send('lc-delegate', question);
check(() => assert.equal(state(delegated), COMPLETED, JSON.stringify(delegated)));
check(() => assert.equal(answerText(delegated), `LangGraph answered: Mastra says: ${FORECAST}`));

// 3. what each side saw of that conversation, in its own dialect
const seen = readFileSync(process.env.RECORD_FILE, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const last = (agent, where) => seen.filter((entry) => entry.agent === agent && entry.where === where).at(-1)?.messages;
check(() => assert.deepEqual(last('lc-delegate', 'runnable'), [{ type: 'human', content: question }]));
check(() => assert.deepEqual(last('lg-weather', 'plan'), [{ type: 'human', content: question }]));
check(() => assert.deepEqual(last('lg-weather', 'answer'), [
  { type: 'human', content: question },
  { type: 'ai', content: '', tool_calls: [{ id: 'call-lyon', name: 'ask_mastra', args: { city: 'Lyon' } }] },
  { type: 'tool', content: FORECAST, tool_call_id: 'call-lyon', name: 'ask_mastra' },
]));
check(() => assert.deepEqual(last('mastra-weather', 'agent.stream'),
  [{ role: 'user', content: 'What is the weather in Lyon?' }]));

console.log(JSON.stringify({ checks, delegated: answerText(delegated), seen: seen.length }));
