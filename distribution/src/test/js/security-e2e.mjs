#!/usr/bin/env node
// The real @a2a-js/sdk client against an AgentX agent whose calls need credentials, over every binding the
// card lists (JSON-RPC, HTTP+JSON, gRPC): refused without credentials or with wrong ones (JSON-RPC -32040,
// HTTP 401, gRPC UNAUTHENTICATED), served with a valid API key and, when BEARER_TOKEN is given, with a JWT bearer token.
//
//   BASE_URL=http://127.0.0.1:8080/agents/echo/ API_KEY=agx_… [BEARER_TOKEN=eyJ…] node security-e2e.mjs
//
// Prints one PASS/FAIL line per check; exit code 0 when all pass, 1 otherwise, 2 when set-up fails.
import { randomUUID } from 'node:crypto';
import { Role, TaskState } from '@a2a-js/sdk';
import {
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransportFactory,
  RestTransportFactory,
} from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';

const BASE_URL = process.env.BASE_URL?.endsWith('/') ? process.env.BASE_URL : `${process.env.BASE_URL}/`;
const API_KEY = process.env.API_KEY || '';
const BEARER_TOKEN = process.env.BEARER_TOKEN || '';
if (!process.env.BASE_URL || !API_KEY) {
  console.error('usage: BASE_URL=http://host:port/agents/echo/ API_KEY=… [BEARER_TOKEN=…] node security-e2e.mjs');
  process.exit(2);
}
const BINDINGS = ['JSONRPC', 'HTTP+JSON', 'GRPC'];
const GRPC_UNAUTHENTICATED = 16;
const JSONRPC_UNAUTHENTICATED = -32040; // AgentX's code; the answer's HTTP status is 401

/** A client on one binding of the card that sends `credentials` (HTTP headers or gRPC metadata) on every call. */
function clientFor(card, binding, credentials) {
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    clientConfig: {
      interceptors: [{
        before: async (args) => {
          args.options = { ...args.options, serviceParameters: { ...args.options?.serviceParameters, ...credentials } };
        },
        after: async () => {},
      }],
    },
    transports: [new JsonRpcTransportFactory(), new RestTransportFactory(), new GrpcTransportFactory()],
    preferredTransports: [binding],
  }));
  const interfaces = card.supportedInterfaces.filter((i) => i.protocolBinding === binding && i.protocolVersion === '1.0');
  return factory.createFromAgentCard({ ...card, supportedInterfaces: interfaces });
}

const send = (client, text) => client.sendMessage({
  tenant: '',
  message: { messageId: randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [], referenceTaskIds: [] },
  configuration: undefined,
  metadata: undefined,
});

/** The HTTP status or gRPC code of a refused call, from whatever the SDK raised. */
function refusal(error) {
  if (error?.transport === 'grpc') return { grpc: error.status };
  if (error?.transport === 'jsonrpc') return { jsonrpc: error.envelopeCode, text: `${error.message}` };
  const text = `${error?.message ?? error}`;
  const status = error?.statusCode ?? Number(/\b(401|403|429)\b/.exec(text)?.[1]);
  return { http: status, text };
}

let failures = 0;
async function check(name, run) {
  try {
    const detail = await run();
    console.log(`PASS ${name}${detail ? ` — ${detail}` : ''}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name} — ${e?.stack ?? e}`);
  }
}

async function expectRefused(client, what) {
  try {
    await send(client, 'should not arrive');
  } catch (e) {
    const answer = refusal(e);
    if (answer.grpc !== undefined) {
      if (answer.grpc !== GRPC_UNAUTHENTICATED) throw new Error(`${what}: gRPC status ${answer.grpc}, expected UNAUTHENTICATED (16)`);
      return `gRPC UNAUTHENTICATED: ${e.message}`;
    }
    if (answer.jsonrpc !== undefined) {
      if (answer.jsonrpc !== JSONRPC_UNAUTHENTICATED) throw new Error(`${what}: JSON-RPC error ${answer.jsonrpc}, expected ${JSONRPC_UNAUTHENTICATED}`);
      return `JSON-RPC ${answer.jsonrpc}: ${answer.text}`;
    }
    if (answer.http !== 401) throw new Error(`${what}: expected HTTP 401, got ${answer.http}: ${answer.text}`);
    return `HTTP 401: ${answer.text.slice(0, 160)}`;
  }
  throw new Error(`${what}: the call was served without valid credentials`);
}

async function expectServed(client, text) {
  const result = await send(client, text);
  const task = result;
  const state = task?.status?.state;
  if (state !== TaskState.TASK_STATE_COMPLETED) throw new Error(`expected a completed task, got ${JSON.stringify(result).slice(0, 300)}`);
  const reply = JSON.stringify(task.artifacts ?? task.history ?? []);
  if (!reply.includes(text)) throw new Error(`the echo does not contain '${text}': ${reply.slice(0, 300)}`);
  return `task ${task.id} completed`;
}

let card;
try {
  card = await new DefaultAgentCardResolver().resolve(BASE_URL);
} catch (e) {
  console.error(`cannot resolve the card at ${BASE_URL}: ${e}`);
  process.exit(2);
}
await check('the public card declares the API key scheme and requires a scheme', async () => {
  const schemes = card.securitySchemes ?? {};
  const apiKey = schemes.apiKey?.scheme?.value ?? schemes.apiKey?.apiKeySecurityScheme;
  if (!apiKey || apiKey.name !== 'X-API-Key') throw new Error(`securitySchemes: ${JSON.stringify(schemes)}`);
  if (!card.securityRequirements?.length) throw new Error('no securityRequirements');
  return Object.keys(schemes).join(', ');
});
for (const binding of BINDINGS) {
  await check(`${binding}: no credentials → refused`, async () => expectRefused(await clientFor(card, binding, {}), binding));
  await check(`${binding}: a wrong API key → refused`, async () => expectRefused(await clientFor(card, binding, { 'X-API-Key': 'agx_000000000000_wrong' }), binding));
  await check(`${binding}: a malformed bearer token → refused`, async () => expectRefused(await clientFor(card, binding, { Authorization: 'Bearer not-a-jwt' }), binding));
  await check(`${binding}: a valid API key → served`, async () => expectServed(await clientFor(card, binding, { 'X-API-Key': API_KEY }), `key over ${binding}`));
  if (BEARER_TOKEN) {
    await check(`${binding}: a valid bearer token → served`, async () => expectServed(await clientFor(card, binding, { Authorization: `Bearer ${BEARER_TOKEN}` }), `jwt over ${binding}`));
  }
}
console.log(failures === 0 ? 'ALL PASSED' : `${failures} FAILED`);
process.exit(failures === 0 ? 0 : 1);
