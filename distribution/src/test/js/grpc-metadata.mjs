#!/usr/bin/env node
// AgentX's A2A gRPC service parameters, sent as call metadata by a plain @grpc/grpc-js client: `a2a-version`
// (a version other than 1.x is refused with VERSION_NOT_SUPPORTED) and `agentx-tenant` (a task belongs to the
// tenant it was created in, and is not found from another one); and a request that is not a protobuf message.
//
//   GRPC_TARGET=127.0.0.1:8090 API_KEY=… node grpc-metadata.mjs
//
// With EXTENSION_AGENT and EXTENSION_URI it instead sends "extensions" to that agent, which requires the extension,
// without and with it in `a2a-extensions`.
//
// Prints one JSON object with what each call got.
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '../../../../bundles/grpc/src/main/proto');
const definition = loader.loadSync('lf/a2a/v1/a2a.proto',
  { includeDirs: [protoRoot], keepCase: false, enums: String, defaults: true, oneofs: true });
const A2AService = grpc.loadPackageDefinition(definition).lf.a2a.v1.A2AService;
const { GRPC_TARGET: target, API_KEY: apiKey } = process.env;
const client = new A2AService(target, grpc.credentials.createInsecure());

function metadata(entries) {
  const result = new grpc.Metadata();
  result.set('x-api-key', apiKey);
  for (const [key, value] of Object.entries(entries)) {
    result.set(key, value);
  }
  return result;
}

/** What a unary call returned: its result, or its status code, details and the ErrorInfo reason it carries. */
function call(method, request, entries) {
  return new Promise((resolve) => {
    client[method](request, metadata(entries), (error, result) => {
      if (!error) {
        resolve({ ok: true, result });
        return;
      }
      const details = error.metadata?.get('grpc-status-details-bin')?.[0];
      const reason = details ? (/[A-Z]+(?:_[A-Z]+)+/.exec(details.toString('latin1')) ?? [''])[0] : '';
      resolve({ ok: false, code: error.code, details: error.details, reason });
    });
  });
}

const send = (text, agent = 'echo') => ({ tenant: agent, message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }] } });
const result = {};
const { EXTENSION_AGENT: extensionAgent, EXTENSION_URI: extensionUri } = process.env;
if (extensionAgent) {
  const answer = (reply) => (reply.ok ? { ok: true, state: reply.result.task?.status?.state,
    text: reply.result.task?.status?.message?.parts?.[0]?.text } : reply);
  result.missing = answer(await call('SendMessage', send('extensions', extensionAgent), { 'a2a-version': '1.0' }));
  result.requested = answer(await call('SendMessage', send('extensions', extensionAgent),
    { 'a2a-version': '1.0', 'a2a-extensions': extensionUri }));
  console.log(JSON.stringify(result));
  client.close();
  process.exit(0);
}
result.oldVersion = await call('SendMessage', send('hi'), { 'a2a-version': '0.3' });
const created = await call('SendMessage', send('in acme'), { 'a2a-version': '1.0', 'agentx-tenant': 'acme' });
result.created = created.ok ? { ok: true, state: created.result.task?.status?.state } : created;
const taskId = created.ok ? created.result.task.id : '';
const get = (entries) => call('GetTask', { tenant: 'echo', id: taskId }, { 'a2a-version': '1.0', ...entries })
  .then((answer) => (answer.ok ? { ok: true, id: answer.result.id } : answer));
result.sameTenant = await get({ 'agentx-tenant': 'acme' });
result.otherTenant = await get({ 'agentx-tenant': 'globex' });
result.noTenant = await get({});
result.taskId = taskId;
// bytes no protobuf parser accepts, on the same method
const raw = new grpc.Client(target, grpc.credentials.createInsecure());
result.garbage = await new Promise((resolve) => {
  raw.makeUnaryRequest('/lf.a2a.v1.A2AService/SendMessage', (b) => b, (b) => b,
    Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x0a, 0x99]), metadata({ 'a2a-version': '1.0' }), (error, answer) => {
      const details = error?.metadata?.get('grpc-status-details-bin')?.[0];
      const reason = details ? (/[A-Z]+(?:_[A-Z]+)+/.exec(details.toString('latin1')) ?? [''])[0] : '';
      resolve(error ? { ok: false, code: error.code, details: error.details, reason } : { ok: true, bytes: answer.length });
    });
});
raw.close();
console.log(JSON.stringify(result));
client.close();
