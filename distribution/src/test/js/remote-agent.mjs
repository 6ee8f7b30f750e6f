#!/usr/bin/env node
// A scriptable remote A2A agent for AgentX's end-to-end tests: several of them (replicas, told apart by NAME) sit
// behind the gateway, which routes, balances and translates to them. Built with the @a2a-js/sdk 1.3.0 server.
//
//   PORT=47001 NAME=r1 MODE=1.0 [HOST=127.0.0.1] node remote-agent.mjs
//
//   GET  /.well-known/agent-card.json   agent card
//   POST /a2a/jsonrpc                   JSON-RPC
//   *    /a2a/rest/...                  HTTP+JSON (MODE=1.0 only)
//   GET  /stats                         {"name": NAME, "messages": <messages received>}
//
// MODE=1.0  a pure A2A 1.0 server: the card lists JSONRPC and HTTP+JSON interfaces with protocolVersion 1.0. As the
//           SDK implements the spec, a request without an A2A-Version header counts as 0.3 and is refused
//           (JSON-RPC error -32009, HTTP 200): 1.0 clients must send `A2A-Version: 1.0`.
// MODE=0.3  an A2A 0.3-only server: whatever A2A-Version the card request carries, the card has the v0.3 shape
//           (url, preferredTransport JSONRPC, protocolVersion 0.3.0, no supportedInterfaces), and JSON-RPC speaks
//           only 0.3 (message/send, message/stream, tasks/get, tasks/cancel, tasks/resubscribe) through the SDK's
//           legacy compat layer. No A2A-Version header means 0.3; a request whose A2A-Version is not in
//           [0.3, 1.0) gets HTTP 400 with a JSON-RPC error (-32009).
//
// What the agent does depends on the text of the user message (its text parts joined):
//   <anything else>  WORKING, artifact `echo` with `NAME: <text>`, COMPLETED with agent message `NAME: <text>`
//   stream <n>       WORKING, n chunks of artifact `chunks` (`NAME chunk i`, ~20 ms apart), COMPLETED `NAME: streamed n`
//   ask <anything>   INPUT_REQUIRED with `NAME: what else?`; the next message on that task completes it with
//                    `NAME: got <text> after <k> turns` (k = user messages in the task's history)
//   slow <ms>        WORKING, waits ms, then the artifact and COMPLETED like the default
//   wait [<ms>]      WORKING until canceled (CANCELED `NAME: canceled`) or 60 s (or ms) pass, then completes like the default
//   fail             FAILED with `NAME: failing as asked`
// Cancelling any task still running publishes CANCELED and stops it.
//
// Prints `remote agent NAME ready on http://HOST:PORT (MODE)` once listening; exits 1 if the port is taken,
// 2 on bad arguments; stops on SIGINT/SIGTERM.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { AGENT_CARD_PATH, Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';

const PORT = Number(process.env.PORT);
const HOST = process.env.HOST || '127.0.0.1';
const NAME = process.env.NAME || 'remote';
const MODE = process.env.MODE || '1.0';
const WAIT_MS = 60_000;
const CHUNK_INTERVAL_MS = 20;

if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535 || !['1.0', '0.3'].includes(MODE)) {
  console.error('usage: PORT=<port> NAME=<replica-name> MODE=1.0|0.3 [HOST=127.0.0.1] node remote-agent.mjs');
  process.exit(2);
}

const ORIGIN = `http://${HOST}:${PORT}`;
const JSONRPC_URL = `${ORIGIN}/a2a/jsonrpc`;
const REST_URL = `${ORIGIN}/a2a/rest`;

// ---------------------------------------------------------------- cards

const DESCRIPTION = `Scriptable test agent, replica ${NAME} (A2A ${MODE}). Commands: stream <n>, ask <x>, slow <ms>, wait, fail; `
    + 'anything else is echoed.';
const SKILL_EXAMPLES = ['hello', 'stream 3', 'ask something', 'slow 500', 'wait', 'fail'];

// The card the SDK works with (v1.0 shape). The SDK checks every request's A2A-Version against the versions of its
// interfaces, so in 0.3 mode it lists the one 0.3 JSON-RPC interface.
const card = {
  name: NAME,
  description: DESCRIPTION,
  supportedInterfaces: MODE === '1.0'
    ? [
        { url: JSONRPC_URL, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' },
        { url: REST_URL, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0', tenant: '' },
      ]
    : [{ url: JSONRPC_URL, protocolBinding: 'JSONRPC', protocolVersion: '0.3', tenant: '' }],
  version: '1.0.0',
  capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: true, extensions: [] }, // AgentX must not pass it on
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes the text, or runs one of the test commands.', tags: ['echo', 'test'],
    examples: SKILL_EXAMPLES, inputModes: [], outputModes: [], securityRequirements: [] }],
  signatures: [],
};

// The card served in 0.3 mode, written out in the v0.3 shape (the SDK's own translation would embed
// supportedInterfaces, and would hand out the v1.0 card to a request announcing A2A-Version 1.0).
const legacyCard = {
  name: NAME,
  description: DESCRIPTION,
  url: JSONRPC_URL,
  preferredTransport: 'JSONRPC',
  protocolVersion: '0.3.0',
  version: '1.0.0',
  capabilities: { streaming: true, pushNotifications: false },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes the text, or runs one of the test commands.', tags: ['echo', 'test'],
    examples: SKILL_EXAMPLES }],
};

// ---------------------------------------------------------------- the agent

const stats = { name: NAME, messages: 0 };
/** Executions still running, by task id: their AbortController (aborted by a cancel). */
const running = new Map();
/** contextId of every task seen, by task id (cancelTask only gets the task id). */
const contextOf = new Map();

const textPart = (text) => ({ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' });
const textOf = (message) => (message?.parts ?? []).filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('');

/** Resolves true after ms, or false as soon as signal is aborted. */
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

class ScriptedExecutor {
  async execute({ userMessage, task, taskId, contextId }, bus) {
    stats.messages++;
    contextOf.set(taskId, contextId);
    const controller = new AbortController();
    running.set(taskId, controller);
    const { signal } = controller;
    const text = textOf(userMessage);

    const message = (value) => ({ messageId: randomUUID(), contextId, taskId, role: Role.ROLE_AGENT, parts: [textPart(value)],
      metadata: undefined, extensions: [], referenceTaskIds: [] });
    const status = (state, value) => {
      if (signal.aborted) return;
      bus.publish(AgentEvent.statusUpdate({ taskId, contextId, metadata: undefined,
        status: { state, timestamp: new Date().toISOString(), message: value === undefined ? undefined : message(value) } }));
    };
    const artifact = (artifactId, value, append, lastChunk) => {
      if (signal.aborted) return;
      bus.publish(AgentEvent.artifactUpdate({ taskId, contextId, append, lastChunk, metadata: undefined,
        artifact: { artifactId, name: artifactId, description: '', parts: [textPart(value)], metadata: undefined, extensions: [] } }));
    };
    const echo = () => {
      artifact('echo', `${NAME}: ${text}`, false, true);
      status(TaskState.TASK_STATE_COMPLETED, `${NAME}: ${text}`);
    };

    try {
      // The first event of every execution, follow-ups included, must be the task (the SDK enforces it).
      bus.publish(AgentEvent.task(task ?? {
        id: taskId, contextId, artifacts: [], history: [userMessage], metadata: undefined,
        status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
      }));

      if (task?.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED) {
        // The SDK has already appended this message to the task's history.
        const turns = (task.history ?? []).filter((m) => m.role === Role.ROLE_USER).length;
        status(TaskState.TASK_STATE_COMPLETED, `${NAME}: got ${text} after ${turns} turns`);
        return;
      }

      const command = text.trim();
      let match;
      if ((match = /^stream\s+(\d+)$/i.exec(command))) {
        const n = Math.min(Number(match[1]), 10_000);
        status(TaskState.TASK_STATE_WORKING);
        for (let i = 1; i <= n; i++) {
          if (i > 1 && !(await sleep(CHUNK_INTERVAL_MS, signal))) return;
          artifact('chunks', `${NAME} chunk ${i}`, i > 1, i === n);
        }
        status(TaskState.TASK_STATE_COMPLETED, `${NAME}: streamed ${n}`);
      } else if (/^ask(\s|$)/i.test(command)) {
        status(TaskState.TASK_STATE_INPUT_REQUIRED, `${NAME}: what else?`);
      } else if ((match = /^slow\s+(\d+)$/i.exec(command))) {
        status(TaskState.TASK_STATE_WORKING);
        if (!(await sleep(Number(match[1]), signal))) return;
        echo();
      } else if ((match = /^wait(?:\s+(\d+))?$/i.exec(command))) {
        status(TaskState.TASK_STATE_WORKING);
        if (!(await sleep(match[1] ? Number(match[1]) : WAIT_MS, signal))) return;
        echo();
      } else if (/^fail$/i.test(command)) {
        status(TaskState.TASK_STATE_FAILED, `${NAME}: failing as asked`);
      } else {
        status(TaskState.TASK_STATE_WORKING);
        echo();
      }
    } finally {
      if (running.get(taskId) === controller) running.delete(taskId);
    }
  }

  // Called by the SDK for a task that is not in a terminal state and still has an event bus (running, or waiting
  // for input). Publishes the final CANCELED event and stops the execution, which then publishes nothing more.
  async cancelTask(taskId, bus) {
    const contextId = contextOf.get(taskId) ?? '';
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId, metadata: undefined,
      status: { state: TaskState.TASK_STATE_CANCELED, timestamp: new Date().toISOString(),
        message: { messageId: randomUUID(), contextId, taskId, role: Role.ROLE_AGENT, parts: [textPart(`${NAME}: canceled`)],
          metadata: undefined, extensions: [], referenceTaskIds: [] } } }));
    running.get(taskId)?.abort();
    running.delete(taskId);
  }
}

// ---------------------------------------------------------------- HTTP

const requestHandler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new ScriptedExecutor());
const userBuilder = UserBuilder.noAuthentication;
const app = express();

app.get('/stats', (_req, res) => res.set('Cache-Control', 'no-store').json(stats));

if (MODE === '1.0') {
  app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: requestHandler, cache: { maxAge: 0 } }));
  app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler, userBuilder }));
  app.use('/a2a/rest', restHandler({ requestHandler, userBuilder }));
} else {
  app.get(`/${AGENT_CARD_PATH}`, (_req, res) => res.set('Cache-Control', 'no-cache').json(legacyCard));
  app.use('/a2a/jsonrpc', legacyVersionGate, jsonRpcHandler({ requestHandler, userBuilder, legacyCompat: { enabled: true } }));
}

/**
 * 0.3 mode: lets through requests without A2A-Version (the SDK treats them as 0.3) or with a version in
 * [0.3, 1.0), normalized to `0.3` (the SDK routes to its compat layer only on exactly `0.3`); refuses the others
 * with HTTP 400 and a JSON-RPC error.
 */
function legacyVersionGate(req, res, next) {
  const version = (req.get('A2A-Version') ?? '').trim();
  if (version === '') return next();
  const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)?$/.exec(version);
  const [major, minor] = m ? [Number(m[1]), Number(m[2] ?? 0)] : [NaN, NaN];
  if (major === 0 && minor >= 3) {
    req.headers['a2a-version'] = '0.3';
    return next();
  }
  express.json()(req, res, () => {
    const id = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body.id ?? null : null;
    res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32009,
      message: `This server speaks only A2A 0.3; A2A-Version ${version} is not supported.`,
      data: { supportedVersions: ['0.3'] } } });
  });
}

// Not app.listen: Express 5 calls its callback on a listen error too.
const server = http.createServer(app);
server.on('listening', () => console.log(`remote agent ${NAME} ready on ${ORIGIN} (${MODE})`));
server.on('error', (e) => {
  console.error(e.code === 'EADDRINUSE'
    ? `remote agent ${NAME}: port ${PORT} on ${HOST} is already in use`
    : `remote agent ${NAME} failed: ${e.message}`);
  process.exit(1);
});
server.listen(PORT, HOST);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  for (const controller of running.values()) controller.abort();
  server.close(() => process.exit(0));
  server.closeAllConnections(); // open SSE streams and keep-alive connections would hold close() back
  setTimeout(() => process.exit(0), 2000).unref();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
