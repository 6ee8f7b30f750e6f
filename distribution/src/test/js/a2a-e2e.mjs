#!/usr/bin/env node
// End-to-end check of an AgentX A2A agent (the built-in `echo` agent) with the real @a2a-js/sdk client,
// plus plain HTTP requests for the protocol error paths the SDK cannot produce.
//
//   BASE_URL=http://127.0.0.1:8080/agents/echo/ MODE=1.0 BINDING=JSONRPC   node a2a-e2e.mjs
//   BASE_URL=http://127.0.0.1:8080/agents/echo/ MODE=1.0 BINDING=HTTP+JSON node a2a-e2e.mjs
//   BASE_URL=http://127.0.0.1:8080/agents/echo/ MODE=0.3 BINDING=JSONRPC   node a2a-e2e.mjs
//   BASE_URL=http://127.0.0.1:8080/agents/echo/ MODE=0.3 BINDING=HTTP+JSON node a2a-e2e.mjs
//   BASE_URL=http://127.0.0.1:8080/agents/echo/ MODE=1.0 BINDING=GRPC      node a2a-e2e.mjs
//
// Environment:
//   BASE_URL          the agent URL; the SDK resolves `.well-known/agent-card.json` relative to it, so it
//                     must end with a slash (one is added when missing)
//   MODE              1.0 (default) | 0.3 (the SDK's v0.3 compat client, on the card's 0.3 interface)
//   BINDING           JSONRPC (default) | HTTP+JSON | GRPC (1.0 only: the card's gRPC interface, whose tenant
//                     names the agent)
//   TIMEOUT_MS        budget of one check, every request included (default 15000)
//   TOTAL_TIMEOUT_MS  budget of the whole run (default 90000); past it the run stops and fails
//   ADMIN_PASSWORD    password of the management API user `admin`; when the card advertises push notifications,
//                     the run allows private push destinations through the management API (PID io.agentx.core,
//                     restored at the end) so that a local receiver gets the notifications. Without it the
//                     delivery checks are skipped.
//   ADMIN_URL         the management API (default: the origin of BASE_URL + /api/v1)
//   PUSH_WAIT_MS      how long to wait for a push notification or a configuration change (default 8000)
//   API_KEY           an AgentX API key, sent in X-API-Key with every A2A call (the SDK's service parameters,
//                     so gRPC metadata too)
//   BEARER_TOKEN      a JWT sent as `Authorization: Bearer …` instead, when set
//
// Prints one PASS/FAIL/SKIP line per check and a summary. Exit code: 0 all checks passed, 1 a check failed,
// 2 setup failed (bad arguments, card not resolvable, no client for MODE/BINDING).
import http from 'node:http';
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
import {
  ContentTypeNotSupportedError,
  PushNotificationNotSupportedError,
  RequestMalformedError,
  TaskNotCancelableError,
  TaskNotFoundError,
  UnsupportedOperationError,
} from '@a2a-js/sdk/errors';

const MODE = process.env.MODE || '1.0';
const BINDING = (process.env.BINDING || 'JSONRPC').toUpperCase();
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 15000);
const TOTAL_TIMEOUT_MS = Number(process.env.TOTAL_TIMEOUT_MS || 90000);
const BASE_URL = process.env.BASE_URL && (process.env.BASE_URL.endsWith('/') ? process.env.BASE_URL : process.env.BASE_URL + '/');
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || '';
const PUSH_WAIT_MS = Number(process.env.PUSH_WAIT_MS || 8000);
const API_KEY = process.env.API_KEY || '';
const BEARER_TOKEN = process.env.BEARER_TOKEN || '';
/** The caller's credentials as SDK service parameters: HTTP headers, or gRPC metadata. */
const CREDENTIALS = BEARER_TOKEN ? { Authorization: `Bearer ${BEARER_TOKEN}` } : API_KEY ? { 'X-API-Key': API_KEY } : {};
const LABEL = `[${MODE} ${BINDING}]`;
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';
const DOMAIN = 'a2a-protocol.org';
const TERMINAL = [TaskState.TASK_STATE_COMPLETED, TaskState.TASK_STATE_FAILED, TaskState.TASK_STATE_CANCELED, TaskState.TASK_STATE_REJECTED];

if (!BASE_URL || !['1.0', '0.3'].includes(MODE) || !['JSONRPC', 'HTTP+JSON', 'GRPC'].includes(BINDING)
    || (BINDING === 'GRPC' && MODE !== '1.0')
    || !(TIMEOUT_MS > 0) || !(TOTAL_TIMEOUT_MS > 0) || !(PUSH_WAIT_MS > 0)) {
  console.error('usage: BASE_URL=http://host:port/agents/echo/ [MODE=1.0|0.3] [BINDING=JSONRPC|HTTP+JSON|GRPC] node a2a-e2e.mjs');
  process.exit(2);
}
const ADMIN_URL = (process.env.ADMIN_URL || `${new URL(BASE_URL).origin}/api/v1`).replace(/\/+$/, '');

// ---------------------------------------------------------------- reporting and timeouts

const results = { pass: 0, fail: 0, skip: 0 };
const failed = [];

function report(status, name, detail) {
  results[status.toLowerCase()]++;
  if (status === 'FAIL') failed.push(name);
  console.log(`${status} ${LABEL} ${name}${detail ? ' - ' + detail : ''}`);
}

function finish() {
  const total = results.pass + results.fail;
  console.log(`SUMMARY ${LABEL} ${results.pass}/${total} checks passed, ${results.fail} failed, ${results.skip} skipped`
      + (failed.length ? ` (failed: ${failed.join('; ')})` : ''));
  process.exit(results.fail === 0 ? 0 : 1);
}

// The whole run can never outlive TOTAL_TIMEOUT_MS, whatever hangs.
setTimeout(() => {
  report('FAIL', 'run', `did not finish within ${TOTAL_TIMEOUT_MS} ms`);
  finish();
}, TOTAL_TIMEOUT_MS).unref();
// A request left behind by a failed or timed-out check must not crash the run before the summary.
process.on('unhandledRejection', (e) => console.log(`${LABEL} (ignored a late error of an abandoned request: ${e?.message ?? e})`));

class Timeout extends Error {}

/** Races the promise against `ms`; on time-out aborts `controller` (so pending requests end) and rejects. */
function within(ms, what, promise, controller) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const error = new Timeout(`${what} did not finish within ${ms} ms`);
      controller?.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Runs one check with its own time budget; `fn(signal)` returns a detail string or throws. */
async function check(name, fn) {
  const controller = new AbortController();
  try {
    report('PASS', name, await within(TIMEOUT_MS, name, Promise.resolve().then(() => fn(controller.signal)), controller));
  } catch (e) {
    report('FAIL', name, describe(e));
  } finally {
    controller.abort(new Error('check finished'));
  }
}

function describe(e) {
  if (e instanceof Timeout || e?.name === 'AssertionError') return e.message;
  const wire = e?.envelopeCode !== undefined ? ` code=${e.envelopeCode}` : e?.statusCode !== undefined ? ` http=${e.statusCode}` : '';
  return `unexpected ${e?.name ?? 'error'}: ${e?.message ?? e}${wire}${e?.cause ? ` (cause: ${e.cause.message ?? e.cause})` : ''}`;
}

class AssertionError extends Error {
  name = 'AssertionError';
}
function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
function assertEq(actual, expected, what) {
  assert(actual === expected, `${what}: expected ${show(expected)}, got ${show(actual)}`);
}
const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));
const stateName = (s) => TaskState[s] ?? String(s);

/** Resolves after `ms`, or rejects when the signal aborts first. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

// ---------------------------------------------------------------- SDK client

/**
 * The SDK's 0.3 HTTP+JSON transport raises the plain SDK error classes (no `transport`, `statusCode` or code) for
 * the server's `{"code","message"}` error bodies, so the error answers it received are recorded here: a check can
 * then tell a server answer from a refusal of the SDK itself and verify the HTTP status and the code.
 */
const LEGACY_REST = MODE === '0.3' && BINDING === 'HTTP+JSON';
const errorAnswers = [];

/** Every request the SDK makes also carries a time-out, in addition to the caller's signal. */
const fetchWithTimeout = async (input, init = {}) => {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const response = await fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  if (!response.ok) {
    const text = await response.clone().text().catch(() => '');
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    errorAnswers.push({ method: init.method ?? 'GET', url: String(input), status: response.status, text, json });
  }
  return response;
};

/** The error answer the server gave since `mark` (an index into errorAnswers), if any. */
const errorAnswerSince = (mark) => errorAnswers.slice(mark).at(-1);
/** Whether the error `e` is the server's answer rather than a refusal of the SDK itself. */
// the gRPC status each A2A error maps to (A2A 1.0.1, section 5.4)
const GRPC_STATUS = { TaskNotFoundError: 5, TaskNotCancelableError: 9, PushNotificationNotSupportedError: 9,
  UnsupportedOperationError: 9, RequestMalformedError: 3, ContentTypeNotSupportedError: 3 };
const fromServer = (e, mark) => e?.transport !== undefined || (LEGACY_REST && errorAnswerSince(mark) !== undefined);

const compat = MODE === '0.3' ? { legacyCompat: { enabled: true } } : {};
const resolver = new DefaultAgentCardResolver({ ...compat, fetchImpl: fetchWithTimeout });
/** Adds the caller's credentials to every call the SDK client makes, whatever the binding. */
const authenticating = {
  before: async (args) => {
    args.options = { ...args.options, serviceParameters: { ...args.options?.serviceParameters, ...CREDENTIALS } };
  },
  after: async () => {},
};
const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
  clientConfig: { interceptors: [authenticating] },
  cardResolver: resolver,
  transports: [
    new JsonRpcTransportFactory({ ...compat, fetchImpl: fetchWithTimeout }),
    new RestTransportFactory({ ...compat, fetchImpl: fetchWithTimeout }),
    new GrpcTransportFactory(),
  ],
  preferredTransports: [BINDING],
}));

const isV03 = (version) => !version || /^0\.3(\.|$)/.test(version);

/**
 * A client for MODE/BINDING. The SDK prefers a 1.0 interface whenever the card lists one, so in 0.3 mode the
 * card is narrowed to its 0.3 interfaces. `capabilities` overrides the card's, to make the SDK send requests
 * it would otherwise refuse locally (so that the server's own answer can be checked).
 */
function clientFor(card, capabilities = {}) {
  const interfaces = (card.supportedInterfaces ?? []).filter((i) => i.protocolBinding?.toUpperCase() === BINDING
      && (MODE === '0.3' ? isV03(i.protocolVersion) : i.protocolVersion === MODE));
  if (interfaces.length === 0) {
    throw new Error(`the card lists no ${BINDING} interface for A2A ${MODE}: ${show(card.supportedInterfaces)}`);
  }
  return factory.createFromAgentCard({
    ...card,
    supportedInterfaces: interfaces,
    capabilities: { ...card.capabilities, ...capabilities },
  });
}

function message(text, { taskId = '', contextId = '' } = {}) {
  return {
    messageId: randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

function sendParams(text, { returnImmediately = false, ...ids } = {}) {
  return {
    tenant: '',
    message: message(text, ids),
    configuration: returnImmediately
      ? { acceptedOutputModes: [], taskPushNotificationConfig: undefined, historyLength: undefined, returnImmediately: true }
      : undefined,
    metadata: undefined,
  };
}

const texts = (parts) => (parts ?? []).filter((p) => p.content?.$case === 'text').map((p) => p.content.value);
const statusText = (task) => texts(task?.status?.message?.parts).join('');

function assertTask(result, what) {
  assert(result && typeof result === 'object' && 'status' in result && 'id' in result,
      `${what}: expected a Task, got ${show(result)}`);
  return result;
}

function assertState(task, state, what) {
  assertEq(stateName(task?.status?.state), stateName(state), `${what} state`);
}

/** The echo artifact and the agent's status message both carry exactly the sent text. */
function assertEchoed(task, text) {
  const echo = (task.artifacts ?? []).find((a) => a.name === 'echo');
  assert(echo, `no artifact named "echo" in ${show(task.artifacts)}`);
  assertEq(texts(echo.parts).join(''), text, 'artifact "echo" text');
  assertEq(task.status?.message?.role, Role.ROLE_AGENT, 'status message role (ROLE_AGENT=2)');
  assertEq(statusText(task), text, 'status message text');
}

/** Sends a `wait` message that returns at once and leaves the task WORKING; remembered for clean-up. */
const waitingTasks = new Set();
async function startWaitingTask(client, text, signal) {
  const task = assertTask(await client.sendMessage(sendParams(text, { returnImmediately: true }), { signal }), 'send "wait…"');
  waitingTasks.add(task.id);
  assert(!TERMINAL.includes(task.status?.state), `a "wait" task must not be finished, got ${stateName(task.status?.state)}`);
  // the agent marks it WORKING right after it is returned: wait for that, so later checks see only later events
  const deadline = Date.now() + 10_000;
  for (let current = task; stateName(current.status?.state) !== 'TASK_STATE_WORKING'; ) {
    assert(Date.now() < deadline, `a "wait" task did not become WORKING, it is ${stateName(current.status?.state)}`);
    await sleep(20, signal);
    current = await client.getTask({ tenant: '', id: task.id, historyLength: 0 }, { signal });
  }
  return task;
}

/** Cancels a task of startWaitingTask and expects it CANCELED. */
async function cancelWaitingTask(client, taskId, signal) {
  const canceled = assertTask(await client.cancelTask({ tenant: '', id: taskId, metadata: undefined }, { signal }), 'cancelTask');
  waitingTasks.delete(taskId);
  assertState(canceled, TaskState.TASK_STATE_CANCELED, 'cancelTask result');
  return canceled;
}

/**
 * Expects `call` to fail with the SDK error class; for JSON-RPC also the error code and its ErrorInfo.
 * Options: `messageContains` (a text the error message must contain), `httpStatus` (the exact HTTP status
 * of an HTTP+JSON error instead of any 4xx).
 */
async function expectError(call, errorClass, code, what, { messageContains, httpStatus } = {}) {
  let error;
  const mark = errorAnswers.length;
  try {
    const result = await call();
    error = new AssertionError(`${what}: expected ${errorClass.name}, got a result ${show(result).slice(0, 200)}`);
  } catch (e) {
    if (!(e instanceof errorClass)) throw new AssertionError(`${what}: expected ${errorClass.name}, got ${describe(e)}`);
    assert(fromServer(e, mark), `${what}: ${errorClass.name} was raised by the SDK itself, not by the server`);
    if (messageContains) {
      assert(String(e.message).includes(messageContains), `${what}: the error message should name ${show(messageContains)}: ${show(e.message)}`);
    }
    if (e.transport === 'grpc') {
      assertEq(e.status, GRPC_STATUS[errorClass.name], `${what} gRPC status`);
      return `${e.name} gRPC status ${e.status} "${e.message}"`;
    }
    if (e.transport === 'jsonrpc') {
      assertEq(e.envelopeCode, code, `${what} JSON-RPC error code`);
      if (MODE === '1.0') assertErrorInfo(e.data, e.reason, what);
      return `${e.name} ${e.envelopeCode} "${e.message}"`;
    }
    if (e.transport === undefined) {
      // 0.3 HTTP+JSON: {"code":-32001,"message":"…"} with an HTTP 4xx
      const answer = errorAnswerSince(mark);
      assertEq(answer.json?.code, code, `${what} error code in the 0.3 error body ${answer.text.slice(0, 200)}`);
      assertEq(answer.json?.message, e.message, `${what} error message`);
      if (httpStatus) assertEq(answer.status, httpStatus, `${what} HTTP status`);
      assert(answer.status >= 400 && answer.status < 500, `${what}: expected an HTTP 4xx, got ${answer.status}`);
      return `${e.name} HTTP ${answer.status} ${answer.json.code} "${e.message}"`;
    }
    if (httpStatus) assertEq(e.statusCode, httpStatus, `${what} HTTP status`);
    assert(e.statusCode >= 400 && e.statusCode < 500, `${what}: expected an HTTP 4xx, got ${e.statusCode}`);
    return `${e.name} HTTP ${e.statusCode} ${e.reason} "${e.message}"`;
  }
  throw error;
}

function assertErrorInfo(data, reason, what) {
  const info = Array.isArray(data) ? data.find((d) => d?.['@type'] === ERROR_INFO) : undefined;
  assert(info, `${what}: error data carries no ${ERROR_INFO}: ${show(data)}`);
  assertEq(info.domain, DOMAIN, `${what} ErrorInfo domain`);
  if (reason) assertEq(info.reason, reason, `${what} ErrorInfo reason`);
  return info;
}

// ---------------------------------------------------------------- plain HTTP for raw protocol checks

/** One request with node:http; the response is read even when the server answers before the body is sent. */
function rawRequest(url, { method = 'POST', headers = {}, body = '' } = {}) {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, {
      method,
      agent: false,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { 'Content-Length': payload.length, ...(String(url).startsWith(ADMIN_URL) ? {} : CREDENTIALS), ...headers },
    }, (response) => {
      answered = true;
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode, contentType: response.headers['content-type'] ?? '', text, json });
      });
    });
    // A server that rejects a body by its declared length may answer and close while we are still writing.
    request.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (headers.Expect === '100-continue') {
      // Like curl: send the body on 100 Continue, or after a second without an answer.
      const fallback = setTimeout(() => request.end(payload), 1000);
      request.on('continue', () => {
        clearTimeout(fallback);
        request.end(payload);
      });
      request.on('response', () => clearTimeout(fallback));
      request.on('close', () => clearTimeout(fallback));
    } else {
      request.end(payload);
    }
  });
}

const jsonRpcHeaders = (version = '1.0') => ({
  'Content-Type': 'application/json',
  Accept: 'application/json',
  ...(version ? { 'A2A-Version': version } : {}),
});

/** A JSON-RPC error envelope with the code, the request id and an A2A ErrorInfo. */
function assertJsonRpcError(response, { status = 200, code, id, reason, messageContains }) {
  assertEq(response.status, status, 'HTTP status');
  const envelope = response.json;
  assert(envelope && typeof envelope === 'object', `expected a JSON-RPC error body, got ${response.text.slice(0, 200)}`);
  assertEq(envelope.jsonrpc, '2.0', 'jsonrpc');
  if (id !== undefined) assertEq(envelope.id, id, 'id');
  assert(envelope.error && envelope.result === undefined, `expected an error, got ${response.text.slice(0, 200)}`);
  assertEq(envelope.error.code, code, 'error.code');
  if (messageContains) {
    assert(String(envelope.error.message).includes(messageContains),
        `error.message should name ${show(messageContains)}: ${show(envelope.error.message)}`);
  }
  assertErrorInfo(envelope.error.data, reason, 'error.data');
  return `HTTP ${response.status} ${envelope.error.code} "${envelope.error.message}"`;
}

// ---------------------------------------------------------------- push notifications: receiver and management API

/**
 * A local HTTP server on 127.0.0.1 (random port) that answers 200 to every request and records it, for the
 * push notification checks. `waitFor` always has a time-out; `close` drops open connections.
 */
async function startReceiver() {
  const requests = [];
  const listeners = new Set();
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('error', () => {});
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      requests.push({ method: request.method, path: request.url, headers: request.headers, text, json, at: Date.now() });
      response.writeHead(200, { 'Content-Length': 0 }).end();
      for (const listener of [...listeners]) listener();
    });
  });
  server.requestTimeout = TIMEOUT_MS;
  server.headersTimeout = TIMEOUT_MS;
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const summary = (list) => list.map((r) => `${r.method} ${r.path} ${r.text.slice(0, 300)}`).join(' | ') || 'none';
  return {
    port,
    requests,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    summary,
    /** The first recorded request matching `predicate`; waits up to `ms` for it. */
    waitFor(predicate, ms, what, signal) {
      return new Promise((resolve, reject) => {
        let timer;
        const done = (settle, value) => {
          clearTimeout(timer);
          listeners.delete(poll);
          signal?.removeEventListener('abort', aborted);
          settle(value);
        };
        const poll = () => {
          const found = requests.find(predicate);
          if (found) done(resolve, found);
        };
        const aborted = () => done(reject, signal.reason ?? new Error('aborted'));
        timer = setTimeout(() => done(reject, new AssertionError(
            `${what}: not received within ${ms} ms; the receiver got ${requests.length} request(s): ${summary(requests)}`)), ms);
        listeners.add(poll);
        signal?.addEventListener('abort', aborted, { once: true });
        poll();
      });
    },
    close() {
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return within(TIMEOUT_MS, 'closing the push receiver', closed);
    },
  };
}

/** One request to the management API as `admin`; the body, if any, is sent as JSON. */
function management(method, path, body) {
  return rawRequest(`${ADMIN_URL}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? '' : JSON.stringify(body),
  });
}

const CORE_PID = 'io.agentx.core';
/** The properties of a configuration view that a PUT may carry back (no framework-managed ones). */
const editable = (properties) => Object.fromEntries(Object.entries(properties ?? {})
    .filter(([key]) => !/^(service\.|felix\.|component\.)/.test(key)));
const isLoopbackRefusal = (e) => e instanceof RequestMalformedError && String(e.message).includes('loopback');

// ---------------------------------------------------------------- set-up: card and client

let card;
let client;
let probe;
try {
  card = await within(TIMEOUT_MS, 'card resolution', resolver.resolve(BASE_URL));
  client = await clientFor(card);
  // The same client, told the agent has push notifications and an extended card, so that it asks the server.
  probe = await clientFor(card, { pushNotifications: true, extendedAgentCard: true });
} catch (e) {
  console.log(`${LABEL} SETUP FAILED for ${BASE_URL}: ${e?.message ?? e}${e?.cause ? ` (cause: ${e.cause.message ?? e.cause})` : ''}`);
  console.log(`SUMMARY ${LABEL} setup failed, no checks run`);
  process.exit(2);
}
const interfaceUrl = (binding, version) => card.supportedInterfaces
    ?.find((i) => i.protocolBinding?.toUpperCase() === binding && i.protocolVersion === version)?.url;
console.log(`${LABEL} agent card of ${BASE_URL}: ${card.name} ${card.version}, interfaces ${show(card.supportedInterfaces)}`);

// ---------------------------------------------------------------- checks

await check('card resolution', async () => {
  assertEq(card.name, 'Echo', 'card name');
  assert(card.skills?.some((s) => s.id === 'echo'), `card lists no skill "echo": ${show(card.skills)}`);
  assertEq(card.capabilities?.streaming, true, 'capabilities.streaming');
  // JSON-RPC (1.0 and 0.3) at the agent URL itself, HTTP+JSON below it at rest
  const agentUrl = BASE_URL.replace(/\/+$/, '');
  for (const [binding, version, url] of [['JSONRPC', '1.0', agentUrl], ['HTTP+JSON', '1.0', `${agentUrl}/rest`],
    ['JSONRPC', '0.3', agentUrl], ['HTTP+JSON', '0.3', `${agentUrl}/rest`]]) {
    assertEq(interfaceUrl(binding, version), url, `url of the ${binding} ${version} interface`);
  }
  assertEq(client.transport.protocolName, BINDING, 'client binding');
  assertEq(client.protocolVersion, MODE, 'client protocol version');
  return `${card.name}, capabilities ${show(card.capabilities)}, client on ${client.transport.protocolName} ${client.protocolVersion}`;
});

const TEXT = 'hello from the a2a-js SDK';
let completedTask;

await check('send: COMPLETED task echoes the text', async (signal) => {
  const task = assertTask(await client.sendMessage(sendParams(TEXT), { signal }), 'sendMessage');
  assertState(task, TaskState.TASK_STATE_COMPLETED, 'task');
  assertEchoed(task, TEXT);
  completedTask = task;
  return `task ${task.id} COMPLETED, artifact and status message "${statusText(task)}"`;
});

await check('stream: task, word-by-word artifact chunks, COMPLETED, closed', async (signal) => {
  const text = 'the quick brown fox jumps';
  const events = [];
  for await (const event of client.sendMessageStream(sendParams(text), { signal })) events.push(event.payload);
  // The loop ending means the server closed the stream.
  const kinds = events.map((e) => e?.$case);
  assert(events.length > 0, 'the stream had no events');
  assertEq(kinds[0], 'task', 'first event');
  const taskId = events[0].value.id;
  const chunks = events.filter((e) => e.$case === 'artifactUpdate').map((e) => e.value);
  const words = text.split(' ').length;
  assertEq(chunks.length, words, `artifact chunks (the text word by word: ${words} words)`);
  chunks.forEach((c, i) => {
    assertEq(c.taskId, taskId, `chunk ${i} taskId`);
    assertEq(c.artifact?.name, 'echo', `chunk ${i} artifact name`);
    // @a2a-js/sdk 1.3.0's 0.3 HTTP+JSON transport drops `append` when it decodes an artifactUpdate
    // (FromProto.taskArtifactUpdateEvent); the raw 0.3 HTTP+JSON check below verifies it on the wire
    if (!LEGACY_REST) assertEq(Boolean(c.append), i > 0, `chunk ${i} append`);
    assertEq(Boolean(c.lastChunk), i === chunks.length - 1, `chunk ${i} lastChunk`);
  });
  assertEq(chunks.map((c) => texts(c.artifact.parts).join('')).join(''), text, 'concatenated chunks');
  const last = events[events.length - 1];
  assertEq(last.$case, 'statusUpdate', 'last event');
  assertState(last.value, TaskState.TASK_STATE_COMPLETED, 'last event');
  assertEq(statusText(last.value), text, 'final status message text');
  return `${events.length} events (${kinds.join(',')}), ${chunks.length} chunks "${chunks.map((c) => texts(c.artifact.parts).join('')).join('|')}"`;
});

await check('getTask with historyLength', async (signal) => {
  assert(completedTask, 'needs the task of "send"');
  const full = assertTask(await client.getTask({ tenant: '', id: completedTask.id, historyLength: undefined }, { signal }), 'getTask');
  assertEq(full.id, completedTask.id, 'task id');
  assertState(full, TaskState.TASK_STATE_COMPLETED, 'task');
  assertEchoed(full, TEXT);
  const history = full.history ?? [];
  assert(history.length >= 2, `expected the user message and the reply in the history, got ${history.length} messages`);
  assertEq(texts(history[0].parts).join(''), TEXT, 'first history message text');
  assertEq(history[0].role, Role.ROLE_USER, 'first history message role (ROLE_USER=1)');
  const one = assertTask(await client.getTask({ tenant: '', id: completedTask.id, historyLength: 1 }, { signal }), 'getTask');
  assertEq(one.history?.length, 1, 'history length with historyLength=1');
  assertEq(one.history[0].messageId, history[history.length - 1].messageId, 'historyLength=1 keeps the latest message');
  return `full history ${history.length} messages, historyLength=1 -> 1`;
});

if (MODE === '1.0') {
  await check('listTasks by contextId', async (signal) => {
    const first = assertTask(await client.sendMessage(sendParams('first of a context'), { signal }), 'sendMessage');
    const second = assertTask(await client.sendMessage(sendParams('second of a context', { contextId: first.contextId }), { signal }), 'sendMessage');
    assertEq(second.contextId, first.contextId, 'second task contextId');
    const list = await client.listTasks({
      tenant: '', contextId: first.contextId, status: TaskState.TASK_STATE_UNSPECIFIED, pageSize: 50, pageToken: '',
      historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: undefined,
    }, { signal });
    const ids = (list.tasks ?? []).map((t) => t.id);
    assert(ids.includes(first.id) && ids.includes(second.id), `expected ${first.id} and ${second.id} in ${show(ids)}`);
    assert(list.tasks.every((t) => t.contextId === first.contextId), `listed a task of another context: ${show(list.tasks.map((t) => t.contextId))}`);
    assertEq(list.tasks.length, 2, 'tasks in the context');
    return `context ${first.contextId}: ${ids.length} tasks`;
  });
} else {
  report('SKIP', 'listTasks by contextId', 'A2A 0.3 has no tasks/list');
}

await check('cancel a "wait" task -> CANCELED', async (signal) => {
  const task = await startWaitingTask(client, 'wait for a cancel', signal);
  const canceled = assertTask(await client.cancelTask({ tenant: '', id: task.id, metadata: undefined }, { signal }), 'cancelTask');
  waitingTasks.delete(task.id);
  assertEq(canceled.id, task.id, 'canceled task id');
  assertState(canceled, TaskState.TASK_STATE_CANCELED, 'cancelTask result');
  const after = assertTask(await client.getTask({ tenant: '', id: task.id, historyLength: undefined }, { signal }), 'getTask');
  assertState(after, TaskState.TASK_STATE_CANCELED, 'task after cancel');
  return `task ${task.id} ${stateName(task.status.state)} -> CANCELED`;
});

await check('subscribe to a "wait" task, cancel it -> subscription gets CANCELED and ends', async (signal) => {
  const task = await startWaitingTask(client, 'wait for a subscriber', signal);
  const subscription = client.resubscribeTask({ tenant: '', id: task.id }, { signal })[Symbol.asyncIterator]();
  const first = await subscription.next();
  assert(!first.done, 'the subscription ended without an event');
  assertEq(first.value.payload?.$case, 'task', 'first subscription event');
  assertEq(first.value.payload.value.id, task.id, 'subscribed task id');
  assert(!TERMINAL.includes(first.value.payload.value.status?.state), `task already finished: ${stateName(first.value.payload.value.status?.state)}`);
  const canceled = assertTask(await client.cancelTask({ tenant: '', id: task.id, metadata: undefined }, { signal }), 'cancelTask');
  waitingTasks.delete(task.id);
  assertState(canceled, TaskState.TASK_STATE_CANCELED, 'cancelTask result');
  const events = [first.value.payload];
  for (let next = await subscription.next(); !next.done; next = await subscription.next()) events.push(next.value.payload);
  // Reaching here means the server closed the subscription.
  const last = events[events.length - 1];
  assertEq(last.$case, 'statusUpdate', 'last subscription event');
  assertEq(last.value.taskId, task.id, 'last event taskId');
  assertState(last.value, TaskState.TASK_STATE_CANCELED, 'last subscription event');
  return `${events.length} events (${events.map((e) => e.$case).join(',')}), ended after CANCELED`;
});

await check('"ask" -> INPUT_REQUIRED, reply on the same task -> COMPLETED', async (signal) => {
  const asked = assertTask(await client.sendMessage(sendParams('ask me something'), { signal }), 'sendMessage');
  assertState(asked, TaskState.TASK_STATE_INPUT_REQUIRED, 'task');
  assertEq(statusText(asked), 'What is your name?', 'question');
  const answered = assertTask(await client.sendMessage(
      sendParams('Ada', { taskId: asked.id, contextId: asked.contextId }), { signal }), 'sendMessage (reply)');
  assertEq(answered.id, asked.id, 'task id of the reply');
  assertEq(answered.contextId, asked.contextId, 'contextId of the reply');
  assertState(answered, TaskState.TASK_STATE_COMPLETED, 'task after the reply');
  assertEq(statusText(answered), 'Nice to meet you, Ada', 'answer');
  return `task ${asked.id}: "What is your name?" -> "Nice to meet you, Ada"`;
});

await check('error: unknown task -> TaskNotFound', async (signal) => {
  const id = `no-such-task-${randomUUID()}`;
  const get = await expectError(() => client.getTask({ tenant: '', id, historyLength: undefined }, { signal }),
      TaskNotFoundError, -32001, 'getTask(unknown)');
  const cancel = await expectError(() => client.cancelTask({ tenant: '', id, metadata: undefined }, { signal }),
      TaskNotFoundError, -32001, 'cancelTask(unknown)');
  return `getTask: ${get}; cancelTask: ${cancel}`;
});

await check('error: cancel a finished task -> TaskNotCancelable', async (signal) => {
  assert(completedTask, 'needs the task of "send"');
  return expectError(() => client.cancelTask({ tenant: '', id: completedTask.id, metadata: undefined }, { signal }),
      TaskNotCancelableError, -32002, 'cancelTask(completed)');
});

await check('error: a send accepting only output modes the agent does not produce -> ContentTypeNotSupported', async (signal) => {
  const params = sendParams('hello in a picture');
  params.configuration = { acceptedOutputModes: ['image/png'], taskPushNotificationConfig: undefined, historyLength: undefined,
    returnImmediately: false };
  return expectError(() => client.sendMessage(params, { signal }), ContentTypeNotSupportedError, -32005,
      'sendMessage(accepting image/png)', { messageContains: 'image/png', httpStatus: 400 });
});

await check('error: message to a finished task -> UnsupportedOperation', async (signal) => {
  assert(completedTask, 'needs the task of "send"');
  return expectError(() => client.sendMessage(
      sendParams('too late', { taskId: completedTask.id, contextId: completedTask.contextId }), { signal }),
      UnsupportedOperationError, -32004, 'sendMessage(completed task)');
});

// Push notifications and the extended card are checked against what the card advertises: the echo agent
// advertises neither, then the SDK refuses them locally and the server refuses them when asked anyway.
const PUSH = Boolean(card.capabilities?.pushNotifications);
const pushConfig = (taskId) => ({
  tenant: '', id: 'e2e', taskId, url: 'http://127.0.0.1:9/webhook', token: '', authentication: undefined,
});

if (!PUSH) {
  await check('push notifications: the SDK refuses them for this card', async (signal) => {
    assert(completedTask, 'needs the task of "send"');
    try {
      await client.createTaskPushNotificationConfig(pushConfig(completedTask.id), { signal });
    } catch (e) {
      assert(e instanceof PushNotificationNotSupportedError, `expected PushNotificationNotSupportedError, got ${describe(e)}`);
      assertEq(e.transport, undefined, 'error source (the SDK, without asking the server)');
      return 'PushNotificationNotSupportedError (capabilities.pushNotifications is false)';
    }
    throw new AssertionError('createTaskPushNotificationConfig succeeded');
  });

  await check('push notifications: the server answers PushNotificationNotSupported', async (signal) => {
    assert(completedTask, 'needs the task of "send"');
    const taskId = completedTask.id;
    const create = await expectError(() => probe.createTaskPushNotificationConfig(pushConfig(taskId), { signal }),
        PushNotificationNotSupportedError, -32003, 'create push config');
    await expectError(() => probe.getTaskPushNotificationConfig({ tenant: '', taskId, id: 'e2e' }, { signal }),
        PushNotificationNotSupportedError, -32003, 'get push config');
    await expectError(() => probe.listTaskPushNotificationConfig({ tenant: '', taskId, pageSize: 0, pageToken: '' }, { signal }),
        PushNotificationNotSupportedError, -32003, 'list push configs');
    // delete is not gated by the SDK: the real client asks the server
    await expectError(() => client.deleteTaskPushNotificationConfig({ tenant: '', taskId, id: 'e2e' }, { signal }),
        PushNotificationNotSupportedError, -32003, 'delete push config');
    return `create/get/list/delete: ${create}`;
  });
} else {
  report('SKIP', 'push notifications: not supported', 'the card advertises capabilities.pushNotifications');
  await check('push notifications (advertised): config of an unknown task -> TaskNotFound', async (signal) => {
    const taskId = `no-such-task-${randomUUID()}`;
    const create = await expectError(() => client.createTaskPushNotificationConfig(pushConfig(taskId), { signal }),
        TaskNotFoundError, -32001, 'create push config');
    await expectError(() => client.listTaskPushNotificationConfig({ tenant: '', taskId, pageSize: 0, pageToken: '' }, { signal }),
        TaskNotFoundError, -32001, 'list push configs');
    return `create/list: ${create}`;
  });

  // The server refuses push URLs on loopback/private addresses unless an administrator allows them, so this
  // is checked first, on the server's own setting (a fresh server refuses them).
  const LOOPBACK_URL = 'http://127.0.0.1:9/webhook';
  await check('push notifications: a loopback URL is refused (private destinations not allowed)', async (signal) => {
    const task = await startWaitingTask(client, 'wait for a refused push config', signal);
    const refused = await expectError(() => client.createTaskPushNotificationConfig({
      tenant: '', id: '', taskId: task.id, url: LOOPBACK_URL, token: '', authentication: undefined,
    }, { signal }), RequestMalformedError, -32602, 'create push config (loopback URL)', { messageContains: 'loopback', httpStatus: 400 });
    const list = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 0, pageToken: '' }, { signal });
    assertEq(list.configs?.length, 0, 'push configs of the task after the refusal');
    await cancelWaitingTask(client, task.id, signal);
    return refused;
  });

  // Allows private destinations through the management API, remembering the configuration to restore it.
  let coreBefore; // undefined: unchanged; null: there was no configuration; else its properties
  let receiver;
  if (!ADMIN_PASSWORD) {
    const reason = 'ADMIN_PASSWORD is not set: cannot allow private push destinations through the management API, '
        + 'so the server would refuse a local receiver';
    for (const name of ['allow private destinations', 'delivery to a local receiver', 'delete a config']) {
      report('SKIP', `push notifications: ${name}`, reason);
    }
  } else {
    await check(`push notifications: allow private destinations (PUT ${ADMIN_URL}/configurations/${CORE_PID})`, async () => {
      const current = await management('GET', `/configurations/${CORE_PID}`);
      assert(current.status === 200 || current.status === 404, `GET ${CORE_PID}: expected 200 or 404, got ${current.status} ${current.text.slice(0, 300)}`);
      const before = current.status === 404 ? null : editable(current.json?.properties);
      const put = await management('PUT', `/configurations/${CORE_PID}`, { ...before, pushAllowPrivateDestinations: true });
      // 200 replaces an existing configuration, 201 creates it
      assert(put.status === 200 || put.status === 201, `PUT ${CORE_PID}: expected 200 or 201, got ${put.status} ${put.text.slice(0, 300)}`);
      coreBefore = before;
      assertEq(String(put.json?.properties?.pushAllowPrivateDestinations), 'true', 'pushAllowPrivateDestinations after the PUT');
      return `HTTP ${put.status}, properties ${show(put.json.properties)} (before: ${before === null ? 'no configuration' : show(before)})`;
    });

    /**
     * Creates a push config; the new setting reaches the task manager asynchronously, so a loopback refusal is
     * retried for up to PUSH_WAIT_MS.
     */
    const createAllowed = async (config, signal) => {
      assert(coreBefore !== undefined, 'needs private push destinations allowed (the management API step failed)');
      const deadline = Date.now() + PUSH_WAIT_MS;
      for (;;) {
        try {
          return await client.createTaskPushNotificationConfig(config, { signal });
        } catch (e) {
          if (!isLoopbackRefusal(e) || Date.now() > deadline) throw e;
          await sleep(100, signal);
        }
      }
    };
    // A 1.0 client's destination gets a StreamResponse per event; a 0.3 client's gets the whole task in 0.3
    // form, as 0.3 servers push it.
    const isEventOf = (taskId) => (r) => (MODE === '0.3' ? r.json?.kind === 'task' && r.json.id === taskId
      : (r.json?.statusUpdate?.taskId ?? r.json?.artifactUpdate?.taskId) === taskId);
    const isCanceledOf = (taskId) => (r) => (MODE === '0.3'
      ? r.json?.kind === 'task' && r.json.id === taskId && r.json.status?.state === 'canceled'
      : r.json?.statusUpdate?.taskId === taskId && r.json.statusUpdate.status?.state === 'TASK_STATE_CANCELED');

    await check('push notifications: delivery to a local receiver (create/get/list, cancel -> CANCELED with auth and token)', async (signal) => {
      receiver ??= await startReceiver();
      const task = await startWaitingTask(client, 'wait for push notifications', signal);
      const url = receiver.url(`/push/${task.id}`);
      const token = `token-${randomUUID()}`;
      const authentication = { scheme: 'Bearer', credentials: 'push-secret' };
      const created = await createAllowed({ tenant: '', id: '', taskId: task.id, url, token, authentication }, signal);
      assert(typeof created?.id === 'string' && created.id.length > 0, `expected a server-assigned config id, got ${show(created)}`);
      assertEq(created.taskId, task.id, 'created config taskId');
      assertEq(created.url, url, 'created config url');
      assertEq(created.token, token, 'created config token');
      assertEq(created.authentication?.scheme, 'Bearer', 'created config authentication.scheme');
      const id = created.id;

      const got = await client.getTaskPushNotificationConfig({ tenant: '', taskId: task.id, id }, { signal });
      assertEq(got.id, id, 'get: config id');
      assertEq(got.taskId, task.id, 'get: taskId');
      assertEq(got.url, url, 'get: url');
      assertEq(got.token, token, 'get: token');
      assertEq(got.authentication?.scheme, 'Bearer', 'get: authentication.scheme');
      const list = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 0, pageToken: '' }, { signal });
      assert(list.configs?.some((c) => c.id === id && c.url === url), `list: expected config ${id} for ${url}, got ${show(list.configs)}`);

      const canceledAt = Date.now();
      await cancelWaitingTask(client, task.id, signal);
      const push = await receiver.waitFor(isCanceledOf(task.id), PUSH_WAIT_MS,
          `a push saying task ${task.id} is canceled`, signal);
      assertEq(push.method, 'POST', 'push method');
      assertEq(push.path, `/push/${task.id}`, 'push path');
      assert(String(push.headers['content-type']).startsWith('application/a2a+json'),
          `push Content-Type: expected application/a2a+json, got ${show(push.headers['content-type'])}`);
      assertEq(push.headers.authorization, 'Bearer push-secret', 'push Authorization header');
      assertEq(push.headers['x-a2a-notification-token'], token, 'push X-A2A-Notification-Token header');
      if (MODE === '1.0') assertEq(Object.keys(push.json).join(','), 'statusUpdate', 'push body (a StreamResponse with one member)');
      // Every push of this task is a well-formed notification of it with the same credentials.
      const mine = receiver.requests.filter((r) => r.path === `/push/${task.id}`);
      for (const r of mine) {
        assert(isEventOf(task.id)(r), `a push for task ${task.id} is not a notification of it: ${r.text.slice(0, 300)}`);
        assertEq(r.headers.authorization, 'Bearer push-secret', 'Authorization header of every push');
      }
      return `config ${id} (server-assigned); ${mine.length} push(es) ${mine.map((r) => (r.json?.kind ?? Object.keys(r.json ?? {}).join(''))
          + (r.json?.statusUpdate ? `:${r.json.statusUpdate.status?.state}` : '') + (r.json?.kind ? `:${r.json.status?.state}` : '')).join(',')}; CANCELED after ${push.at - canceledAt} ms`;
    });

    await check('push notifications: delete a config (list no longer has it, no push to it)', async (signal) => {
      receiver ??= await startReceiver();
      const task = await startWaitingTask(client, 'wait for a push config delete', signal);
      const keepUrl = receiver.url(`/keep/${task.id}`);
      const dropUrl = receiver.url(`/drop/${task.id}`);
      const keep = await createAllowed({ tenant: '', id: 'e2e-keep', taskId: task.id, url: keepUrl, token: '', authentication: undefined }, signal);
      assertEq(keep.id, 'e2e-keep', 'id of a config created with an id');
      const drop = await createAllowed({ tenant: '', id: 'e2e-drop', taskId: task.id, url: dropUrl, token: '', authentication: undefined }, signal);
      assertEq(drop.id, 'e2e-drop', 'id of a config created with an id');
      const both = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 0, pageToken: '' }, { signal });
      assertEq((both.configs ?? []).map((c) => c.id).sort().join(','), 'e2e-drop,e2e-keep', 'config ids before the delete');
      if (MODE === '1.0' && BINDING !== 'HTTP+JSON') { // 0.3 has no pages; the SDK's HTTP+JSON client sends no page fields
        const first = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 1, pageToken: '' }, { signal });
        assertEq((first.configs ?? []).map((c) => c.id).join(','), 'e2e-drop', 'the first page of one config (in id order)');
        assert(first.nextPageToken, `a next page token after the first page, got ${show(first)}`);
        const second = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 1, pageToken: first.nextPageToken }, { signal });
        assertEq((second.configs ?? []).map((c) => c.id).join(','), 'e2e-keep', 'the second page');
        assertEq(second.nextPageToken ?? '', '', 'no next page token after the last page');
      }
      await client.deleteTaskPushNotificationConfig({ tenant: '', taskId: task.id, id: 'e2e-drop' }, { signal });
      const after = await client.listTaskPushNotificationConfig({ tenant: '', taskId: task.id, pageSize: 0, pageToken: '' }, { signal });
      assertEq((after.configs ?? []).map((c) => c.id).join(','), 'e2e-keep', 'config ids after deleting e2e-drop');
      let getDeleted;
      const mark = errorAnswers.length;
      try {
        getDeleted = await client.getTaskPushNotificationConfig({ tenant: '', taskId: task.id, id: 'e2e-drop' }, { signal });
      } catch (e) {
        assert(fromServer(e, mark), `get of the deleted config: the SDK failed locally: ${describe(e)}`);
      }
      assert(getDeleted === undefined, `get of the deleted config returned it: ${show(getDeleted)}`);
      await cancelWaitingTask(client, task.id, signal);
      await receiver.waitFor(isCanceledOf(task.id), PUSH_WAIT_MS, `a push with TASK_STATE_CANCELED of task ${task.id} to the kept config`, signal);
      // Both destinations would have been sent the same events at the same time; give a late one a moment.
      await sleep(300, signal);
      const dropped = receiver.requests.filter((r) => r.path === `/drop/${task.id}`);
      assertEq(dropped.length, 0, `pushes to the deleted config (${receiver.summary(dropped)})`);
      const kept = receiver.requests.filter((r) => r.path === `/keep/${task.id}`).length;
      return `e2e-keep got ${kept} push(es), deleted e2e-drop none`;
    });

    if (receiver) {
      await receiver.close().catch((e) => console.log(`${LABEL} (could not close the push receiver: ${e?.message ?? e})`));
      receiver = undefined;
    }

    if (coreBefore !== undefined) {
      await check(`push notifications: restore ${CORE_PID}; a loopback URL is refused again`, async (signal) => {
        const restored = coreBefore === null
          ? await management('DELETE', `/configurations/${CORE_PID}`)
          : await management('PUT', `/configurations/${CORE_PID}`, coreBefore);
        assert(restored.status === (coreBefore === null ? 204 : 200),
            `restoring ${CORE_PID}: expected ${coreBefore === null ? 204 : 200}, got ${restored.status} ${restored.text.slice(0, 300)}`);
        coreBefore = undefined;
        // The setting reaches the task manager asynchronously: wait until a loopback URL is refused again, so
        // the next run starts from a refusing server.
        const task = await startWaitingTask(client, 'wait for the push setting to be restored', signal);
        const deadline = Date.now() + PUSH_WAIT_MS;
        let attempts = 0;
        for (;;) {
          attempts++;
          try {
            const accepted = await client.createTaskPushNotificationConfig({
              tenant: '', id: `e2e-probe-${attempts}`, taskId: task.id, url: LOOPBACK_URL, token: '', authentication: undefined,
            }, { signal });
            await client.deleteTaskPushNotificationConfig({ tenant: '', taskId: task.id, id: accepted.id }, { signal });
          } catch (e) {
            if (!isLoopbackRefusal(e)) throw e;
            break;
          }
          assert(Date.now() < deadline, `a loopback push URL is still accepted ${PUSH_WAIT_MS} ms after restoring ${CORE_PID}`);
          await sleep(100, signal);
        }
        await cancelWaitingTask(client, task.id, signal);
        return `${restored.status === 204 ? 'deleted (defaults)' : 'previous properties put back'}; refused again after ${attempts} attempt(s)`;
      });
    }
  }
}

if (!card.capabilities?.extendedAgentCard) {
  await check('extended card: not offered; asking anyway -> UnsupportedOperation', async (signal) => {
    const publicCard = await client.getAgentCard({ signal });
    assertEq(publicCard.name, card.name, 'card returned by getAgentCard()');
    return expectError(() => probe.getAgentCard({ signal }), UnsupportedOperationError, -32004, 'extended card');
  });
} else {
  await check('extended card (advertised): served', async (signal) => {
    const extended = await client.getAgentCard({ signal });
    assert(extended?.name, `expected an agent card, got ${show(extended).slice(0, 200)}`);
    return `extended card "${extended.name}"`;
  });
}

if (MODE === '1.0' && BINDING === 'JSONRPC') {
  const endpoint = client.transport.endpoint ?? interfaceUrl('JSONRPC', '1.0');
  const rpc = (method, params, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });

  await check('raw: malformed JSON -> -32700', async () => assertJsonRpcError(
      await rawRequest(endpoint, { headers: jsonRpcHeaders(), body: '{"jsonrpc":"2.0","id":1,' }),
      { code: -32700, id: null }));

  await check('raw: jsonrpc "1.0" -> -32600', async () => assertJsonRpcError(
      await rawRequest(endpoint, { headers: jsonRpcHeaders(), body: JSON.stringify({ jsonrpc: '1.0', id: 7, method: 'GetTask', params: { id: 'x' } }) }),
      { code: -32600, id: 7 }));

  await check('raw: unknown method -> -32601', async () => assertJsonRpcError(
      await rawRequest(endpoint, { headers: jsonRpcHeaders(), body: rpc('NoSuchMethod', {}, 'req-3') }),
      { code: -32601, id: 'req-3', messageContains: 'NoSuchMethod' }));

  await check('raw: message without parts -> -32602 naming params.message.parts', async () => assertJsonRpcError(
      await rawRequest(endpoint, { headers: jsonRpcHeaders(), body: rpc('SendMessage', { message: { messageId: randomUUID(), role: 'ROLE_USER' } }, 4) }),
      { code: -32602, id: 4, messageContains: 'params.message.parts' }));

  await check('raw: A2A-Version 9.9 -> -32009', async () => assertJsonRpcError(
      await rawRequest(endpoint, { headers: jsonRpcHeaders('9.9'), body: rpc('GetTask', { id: 'x' }, 5) }),
      { code: -32009, id: 5, reason: 'VERSION_NOT_SUPPORTED', messageContains: '9.9' }));

  await check('raw: Content-Type text/plain -> HTTP 415', async () => {
    const response = await rawRequest(endpoint, {
      headers: { ...jsonRpcHeaders(), 'Content-Type': 'text/plain' }, body: rpc('GetTask', { id: 'x' }, 6),
    });
    assertEq(response.status, 415, 'HTTP status');
    assert(response.json?.error?.code, `expected a JSON-RPC error body, got ${response.text.slice(0, 200)}`);
    return `HTTP 415 ${response.json.error.code} "${response.json.error.message}"`;
  });

  await check('raw: body over 10 MiB -> HTTP 413', async () => {
    const big = rpc('SendMessage', { message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: 'x'.repeat(10 * 1024 * 1024 + 1024) }] } }, 8);
    const response = await rawRequest(endpoint, { headers: { ...jsonRpcHeaders(), Expect: '100-continue' }, body: big });
    assertEq(response.status, 413, 'HTTP status');
    assert(response.json?.error?.code, `expected a JSON-RPC error body, got ${response.text.slice(0, 200)}`);
    return `${(big.length / 1048576).toFixed(1)} MiB -> HTTP 413 "${response.json.error.message}"`;
  });
}

if (MODE === '1.0' && BINDING === 'HTTP+JSON') {
  await check('raw: HTTP+JSON error body for an unknown task', async () => {
    const id = `no-such-task-${randomUUID()}`;
    const response = await rawRequest(`${client.transport.endpoint ?? interfaceUrl('HTTP+JSON', '1.0')}/tasks/${id}`, {
      method: 'GET', headers: { 'A2A-Version': '1.0', Accept: 'application/json' },
    });
    assertEq(response.status, 404, 'HTTP status');
    const error = response.json?.error;
    assert(error, `expected {"error":{...}}, got ${response.text.slice(0, 200)}`);
    assertEq(error.code, 404, 'error.code');
    assertEq(error.status, 'NOT_FOUND', 'error.status');
    assert(typeof error.message === 'string' && error.message.length > 0, 'error.message is empty');
    assertErrorInfo(error.details, 'TASK_NOT_FOUND', 'error.details');
    return `HTTP 404 ${error.status} "${error.message}"`;
  });
}

if (MODE === '0.3' && BINDING === 'JSONRPC') {
  await check('raw: no A2A-Version header is A2A 0.3', async () => {
    const response = await rawRequest(client.transport.endpoint ?? interfaceUrl('JSONRPC', '0.3'), {
      headers: jsonRpcHeaders(null), body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tasks/get', params: { id: `no-such-task-${randomUUID()}` } }),
    });
    assertEq(response.status, 200, 'HTTP status');
    assertEq(response.json?.id, 9, 'id');
    assertEq(response.json?.error?.code, -32001, 'error.code of tasks/get(unknown)');
    return `tasks/get without A2A-Version -> ${response.json.error.code} "${response.json.error.message}"`;
  });
}

if (LEGACY_REST) {
  const rest = client.transport.endpoint ?? interfaceUrl('HTTP+JSON', '0.3');
  await check('raw: 0.3 HTTP+JSON without A2A-Version: ProtoJSON task, {code,message} errors', async () => {
    const id = `no-such-task-${randomUUID()}`;
    const missing = await rawRequest(`${rest}/v1/tasks/${id}`, { method: 'GET', headers: { Accept: 'application/json' } });
    assertEq(missing.status, 404, 'HTTP status of GET v1/tasks/{unknown}');
    assertEq(missing.json?.code, -32001, 'code of GET v1/tasks/{unknown}');
    assert(String(missing.json?.message).includes(id), `the message should name the task: ${missing.text.slice(0, 200)}`);
    const sent = await rawRequest(`${rest}/v1/message:send`, {
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ message: { messageId: randomUUID(), role: 'ROLE_USER', content: [{ text: 'raw 0.3' }] },
        configuration: { blocking: true } }),
    });
    assertEq(sent.status, 200, `HTTP status of v1/message:send (${sent.text.slice(0, 200)})`);
    const task = sent.json?.task;
    assertEq(task?.status?.state, 'TASK_STATE_COMPLETED', 'task.status.state');
    assertEq(task?.status?.message?.role, 'ROLE_AGENT', 'task.status.message.role');
    assertEq(task?.status?.message?.content?.[0]?.text, 'raw 0.3', 'task.status.message.content[0].text');
    assertEq(task?.artifacts?.[0]?.parts?.[0]?.text, 'raw 0.3', 'task.artifacts[0].parts[0].text');
    const shaped = await rawRequest(`${rest}/v1/message:send`, {
      headers: { 'Content-Type': 'application/json', 'A2A-Version': '0.3' },
      body: JSON.stringify({ message: { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text: '1.0 shape' }] } }),
    });
    assertEq(shaped.status, 400, 'HTTP status of a 1.0-shaped message');
    assertEq(shaped.json?.code, -32602, 'code of a 1.0-shaped message');
    assert(String(shaped.json?.message).includes('content'), `the message should name content: ${shaped.text.slice(0, 200)}`);
    const card = await rawRequest(`${rest}/v1/card`, { method: 'GET', headers: { 'A2A-Version': '0.3' } });
    assertEq(card.json?.code, -32004, 'code of GET v1/card (no authenticated extended card)');
    const streamed = await rawRequest(`${rest}/v1/message:stream`, {
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'A2A-Version': '0.3' },
      body: JSON.stringify({ message: { messageId: randomUUID(), role: 'ROLE_USER', content: [{ text: 'one two' }] } }),
    });
    assert(streamed.contentType.startsWith('text/event-stream'), `expected an event stream, got ${streamed.contentType}`);
    const frames = streamed.text.split('\n').filter((line) => line.startsWith('data:')).map((line) => JSON.parse(line.slice(5)));
    assertEq(Object.keys(frames[0] ?? {}).join(','), 'task', `first frame of ${streamed.text.slice(0, 300)}`);
    const chunks = frames.filter((f) => f.artifactUpdate).map((f) => f.artifactUpdate);
    assertEq(chunks.map((c) => `${Boolean(c.append)}/${Boolean(c.lastChunk)}`).join(','), 'false/false,true/true',
        'append/lastChunk of the chunks');
    const last = frames.at(-1).statusUpdate;
    assertEq(`${last.status.state} final=${last.final}`, 'TASK_STATE_COMPLETED final=true', 'last frame');
    return `GET v1/tasks/{unknown} -> ${missing.status} ${missing.json.code}; v1/message:send -> ${sent.status} `
        + `{"task":{…"state":"${task.status.state}"…}}; parts instead of content -> ${shaped.status} ${shaped.json.code}; `
        + `v1/message:stream -> ${frames.length} frames, append on the wire`;
  });

  await check('raw: 0.3 outside /v1/ and 1.0 REST routes keep their versions', async () => {
    const old = await rawRequest(`${rest}/tasks/some-task`, { method: 'GET', headers: { Accept: 'application/json' } });
    assertEq(old.status, 400, 'HTTP status of a 0.3 request to a 1.0 route');
    assertErrorInfo(old.json?.error?.details, 'VERSION_NOT_SUPPORTED', 'error.details');
    const id = `no-such-task-${randomUUID()}`;
    const current = await rawRequest(`${rest}/tasks/${id}`, { method: 'GET', headers: { 'A2A-Version': '1.0' } });
    assertEq(current.status, 404, 'HTTP status of a 1.0 GET tasks/{unknown}');
    assertErrorInfo(current.json?.error?.details, 'TASK_NOT_FOUND', 'error.details');
    return `0.3 GET tasks/{id} -> ${old.status} ${old.json.error.status}; 1.0 GET tasks/{unknown} -> ${current.status}`;
  });
}

// Leave no task waiting forever on the server, whatever failed above.
for (const id of waitingTasks) {
  const controller = new AbortController();
  await within(TIMEOUT_MS, `clean-up cancel of ${id}`, client.cancelTask({ tenant: '', id, metadata: undefined }, { signal: controller.signal }), controller)
      .catch(() => {});
}

finish();
