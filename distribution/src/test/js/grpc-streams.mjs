#!/usr/bin/env node
// Many open gRPC SubscribeToTask streams at once, with the real @a2a-js/sdk gRPC client (run by GrpcStreamsIT).
// Creates STREAMS tasks that keep working ("wait …"), prints "TASKS <n>" and waits for a line on stdin; opens a
// stream on each, one after another once the previous has its first event, prints "STREAMS <n>" and waits for a
// line again; then cancels every task and expects every stream to end with CANCELED, prints "ENDED <n>", exits 0.
// Any failure: a line "FAIL <why>" and exit code 1.
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { Role, TaskState } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver } from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';

const CARD_URL = process.env.CARD_URL;
const API_KEY = process.env.API_KEY || '';
const STREAMS = Number(process.env.STREAMS || 250);
const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS || 60000);

const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const proceed = async () => { await lines.next(); };

function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function send(client, text) {
  return client.sendMessage({
    tenant: '',
    message: {
      messageId: randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, metadata: undefined, extensions: [],
      referenceTaskIds: [],
      parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
    },
    configuration: { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true },
    metadata: undefined,
  });
}

try {
  const card = await new DefaultAgentCardResolver().resolve(CARD_URL, '');
  const grpc = (card.supportedInterfaces ?? []).filter((i) => i.protocolBinding?.toUpperCase() === 'GRPC' && i.protocolVersion === '1.0');
  if (grpc.length === 0) throw new Error(`the card lists no GRPC interface: ${JSON.stringify(card.supportedInterfaces)}`);
  const credentials = { before: async (args) => { args.options = { ...args.options, serviceParameters: { 'X-API-Key': API_KEY } }; }, after: async () => {} };
  const client = await new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    clientConfig: { interceptors: [credentials] },
    transports: [new GrpcTransportFactory()],
    preferredTransports: ['GRPC'],
  })).createFromAgentCard({ ...card, supportedInterfaces: grpc });

  const taskIds = [];
  for (let i = 0; i < STREAMS; i++) {
    const result = await within(STEP_TIMEOUT_MS, `send ${i}`, send(client, `wait ${i}`));
    if (result.kind === 'message' || !result.id) throw new Error(`send ${i} answered no task: ${JSON.stringify(result)}`);
    taskIds.push(result.id);
  }
  console.log(`TASKS ${taskIds.length}`);
  await proceed();

  // one after another, each once it has its first event: a server that kept a thread per open stream needs one per
  // stream however they arrive, while one that does not can serve them all with the same few threads
  const streams = [];
  for (const id of taskIds) {
    const events = client.resubscribeTask({ tenant: '', id })[Symbol.asyncIterator]();
    const first = await within(STEP_TIMEOUT_MS, `the first event of the stream of ${id}`, events.next());
    if (first.done || first.value.payload?.$case !== 'task') throw new Error(`stream of ${id} began with ${JSON.stringify(first.value)}`);
    streams.push({ id, events });
  }
  console.log(`STREAMS ${streams.length}`);
  await proceed();

  await within(STEP_TIMEOUT_MS, 'the end of every stream', Promise.all(streams.map(async (stream) => {
    await client.cancelTask({ tenant: '', id: stream.id, metadata: undefined });
    let last;
    for (let next = await stream.events.next(); !next.done; next = await stream.events.next()) last = next.value.payload;
    if (last?.$case !== 'statusUpdate' || last.value.status?.state !== TaskState.TASK_STATE_CANCELED) {
      throw new Error(`stream of ${stream.id} ended with ${JSON.stringify(last)}`);
    }
  })));
  console.log(`ENDED ${streams.length}`);
  process.exit(0);
} catch (e) {
  console.log(`FAIL ${e?.stack ?? e}`);
  process.exit(1);
}
