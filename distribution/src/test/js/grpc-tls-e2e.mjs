#!/usr/bin/env node
// The real @a2a-js/sdk gRPC client against AgentX's gRPC server over TLS: a client certificate from the
// authority AgentX trusts identifies the caller (no other credential sent), a client without one is refused.
//
//   CARD_URL=https://127.0.0.1:8443/agents/echo/ CA=ca.pem CERT=alice.pem KEY=alice-key.pem node grpc-tls-e2e.mjs
//
// CARD_URL is fetched with the CA trusted (node's fetch reads NODE_EXTRA_CA_CERTS, which the caller sets).
// Exit code 0 when every check passes, 1 otherwise.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Role, TaskState } from '@a2a-js/sdk';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver } from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';

const { CARD_URL, CA, CERT, KEY } = process.env;
const ca = readFileSync(CA);
const card = await new DefaultAgentCardResolver().resolve(CARD_URL);
const grpcInterface = card.supportedInterfaces.filter((i) => i.protocolBinding === 'GRPC');

function clientWith(credentials) {
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new GrpcTransportFactory({ grpcChannelCredentials: credentials })],
    preferredTransports: ['GRPC'],
  }));
  return factory.createFromAgentCard({ ...card, supportedInterfaces: grpcInterface });
}
const send = (client, text) => client.sendMessage({
  tenant: '',
  message: { messageId: randomUUID(), contextId: '', taskId: '', role: Role.ROLE_USER, metadata: undefined,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
    extensions: [], referenceTaskIds: [] },
  configuration: undefined,
  metadata: undefined,
});

let failures = 0;
async function check(name, run) {
  try {
    console.log(`PASS ${name} — ${await run()}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name} — ${e?.stack ?? e}`);
  }
}

await check('gRPC over TLS with a trusted client certificate → served', async () => {
  const client = await clientWith(grpc.credentials.createSsl(ca, readFileSync(KEY), readFileSync(CERT)));
  const task = await send(client, 'hello over gRPC and mTLS');
  if (task?.status?.state !== TaskState.TASK_STATE_COMPLETED) throw new Error(`not completed: ${JSON.stringify(task).slice(0, 300)}`);
  return `task ${task.id} completed`;
});
await check('gRPC over TLS without a client certificate or key → UNAUTHENTICATED', async () => {
  const client = await clientWith(grpc.credentials.createSsl(ca));
  try {
    await send(client, 'anyone?');
  } catch (e) {
    if (e?.status !== 16) throw new Error(`expected gRPC status 16, got ${e?.status}: ${e?.message}`);
    return `${e.message}`;
  }
  throw new Error('served without credentials');
});
process.exit(failures === 0 ? 0 : 1);
