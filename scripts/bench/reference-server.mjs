#!/usr/bin/env node
// The reference for AgentX's A2A benchmarks: an echo agent built with the @a2a-js/sdk server, A2A 1.0 over
// JSON-RPC. It answers like AgentX's built-in `echo` agent does to a plain message: the task completes with
// an artifact `echo` and an agent message, both carrying the text received.
//
//   npm ci --prefix scripts/bench && PORT=41241 node scripts/bench/reference-server.mjs
//
//   GET  http://127.0.0.1:$PORT/.well-known/agent-card.json   agent card
//   POST http://127.0.0.1:$PORT/a2a/jsonrpc                   JSON-RPC (SendMessage, SendStreamingMessage, GetTask, ...)
//
// Env: PORT (default 41241), HOST (default 127.0.0.1). Stops on SIGINT/SIGTERM.
import { randomUUID } from 'node:crypto';
import express from 'express';
import { AGENT_CARD_PATH, Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';

const PORT = Number(process.env.PORT || 41241);
const HOST = process.env.HOST || '127.0.0.1';

const card = {
  name: 'Echo (a2a-js reference)',
  description: 'Echoes the text of every message it receives.',
  supportedInterfaces: [
    { url: `http://${HOST}:${PORT}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' },
  ],
  version: '1.0.0',
  capabilities: { streaming: true, pushNotifications: false, extendedAgentCard: false, extensions: [] },
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Repeats the message text back.', tags: ['echo'], examples: ['hello'],
    inputModes: [], outputModes: [], securityRequirements: [] }],
  signatures: [],
};

const textPart = (text) => ({ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: '' });

class EchoExecutor {
  async execute({ userMessage, task, taskId, contextId }, bus) {
    const text = userMessage.parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('');
    const now = new Date().toISOString();
    bus.publish(AgentEvent.task(task ?? {
      id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: now },
      artifacts: [], history: [userMessage], metadata: undefined,
    }));
    bus.publish(AgentEvent.artifactUpdate({
      taskId, contextId, append: false, lastChunk: true, metadata: undefined,
      artifact: { artifactId: 'echo', name: 'echo', description: '', parts: [textPart(text)], metadata: undefined, extensions: [] },
    }));
    bus.publish(AgentEvent.statusUpdate({
      taskId, contextId, metadata: undefined,
      status: {
        state: TaskState.TASK_STATE_COMPLETED, timestamp: now,
        message: { messageId: randomUUID(), contextId, taskId, role: Role.ROLE_AGENT, parts: [textPart(text)],
          metadata: undefined, extensions: [], referenceTaskIds: [] },
      },
    }));
  }

  async cancelTask() {}
}

const requestHandler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new EchoExecutor());
const app = express();
app.use(`/${AGENT_CARD_PATH}`, agentCardHandler({ agentCardProvider: requestHandler }));
app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler, userBuilder: UserBuilder.noAuthentication }));

const server = app.listen(PORT, HOST, () => console.log(`reference echo agent ready on http://${HOST}:${PORT}/a2a/jsonrpc`));
server.on('error', (e) => {
  console.error(`reference echo agent failed: ${e.message}`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
