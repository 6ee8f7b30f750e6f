// What the framework agents of FrameworkAgentsIT share: recording what each framework's model was given (in that
// framework's own message form), and asking another agent through AgentX with the @a2a-js/sdk client.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Role } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions } from '@a2a-js/sdk/client';

/** What the fake models say. */
export const VERSE = 'Roses are red, agents talk in A2A.';
export const FORECAST = 'Sunny and 24 degrees in Lyon.';

const AGENTX_URL = process.env.AGENTX_URL ?? 'http://127.0.0.1:8080';
const API_KEY = process.env.API_KEY ?? '';

/** Appends `{ agent, where, messages }` to RECORD_FILE (one JSON document per line). */
export function record(agent, where, messages) {
  if (process.env.RECORD_FILE) {
    appendFileSync(process.env.RECORD_FILE, `${JSON.stringify({ agent, where, messages })}\n`);
  }
}

/**
 * A LangChain message — a message object, or the plain message-like object LangChain coerces — as LangChain names
 * its fields (type, content, tool_calls, tool_call_id, name).
 */
export function langChainView(message) {
  const view = { type: message.getType?.() ?? message.type, content: message.content };
  if (message.tool_calls?.length) view.tool_calls = message.tool_calls.map(({ id, name, args }) => ({ id, name, args }));
  if (message.tool_call_id) view.tool_call_id = message.tool_call_id;
  if (message.name) view.name = message.name;
  return view;
}

const withApiKey = {
  before: async (args) => {
    args.options = { ...args.options, serviceParameters: { ...args.options?.serviceParameters, 'X-API-Key': API_KEY } };
  },
  after: async () => {},
};

export const clients = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
  clientConfig: { interceptors: [withApiKey] },
}));

/** A user message of one text part, as the SDK (1.x, A2A 1.0 model) writes parts. */
export function userMessage(text) {
  return {
    messageId: randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, metadata: undefined, extensions: [],
    referenceTaskIds: [], parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
  };
}

/** The text of parts. */
export const textOf = (parts) => (parts ?? []).filter((part) => part.content?.$case === 'text')
  .map((part) => part.content.value).join('');

/** The text of an A2A answer: a task's artifacts (else its status message), or a direct message. */
export function answerText(result) {
  if (!result.status) return textOf(result.parts);
  return result.artifacts?.length ? textOf(result.artifacts.flatMap((artifact) => artifact.parts))
    : textOf(result.status.message?.parts);
}

const clientsByAgent = new Map();

/** Sends `text` to the AgentX agent `agentId` and returns its answer's text (its card is read once). */
export async function ask(agentId, text) {
  if (!clientsByAgent.has(agentId)) clientsByAgent.set(agentId, clients.createFromUrl(`${AGENTX_URL}/agents/${agentId}/`));
  const client = await clientsByAgent.get(agentId);
  const result = await client.sendMessage({ tenant: '', message: userMessage(text) });
  return answerText(result);
}

/**
 * An offline model for Mastra agents: a plain AI SDK LanguageModelV2 that streams `text` word by word on every call
 * (Mastra's own createMockModel needs vitest and msw at run time).
 */
export function fixedTextModel(text) {
  const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
  const parts = () => [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...text.split(/(?<= )/).map((delta) => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: 'stop', usage },
  ];
  return {
    specificationVersion: 'v2', provider: 'fixed-text', modelId: 'fixed-text-1', supportedUrls: {},
    async doGenerate() { return { content: [{ type: 'text', text }], finishReason: 'stop', usage, warnings: [] }; },
    async doStream() {
      const queue = parts();
      return { stream: new ReadableStream({ pull: (controller) => (queue.length ? controller.enqueue(queue.shift()) : controller.close()) }) };
    },
  };
}
