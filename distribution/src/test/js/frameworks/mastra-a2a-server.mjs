// Mastra's own A2A server for FrameworkAgentsIT: a Mastra instance with one agent (weatherAgent, on the offline
// fixed-text model) served by @mastra/server's A2A handlers (getAgentCardByIdHandler, getAgentExecutionHandler)
// at the routes Mastra's server gives them — GET /.well-known/{agentId}/agent-card.json and POST /a2a/{agentId}
// (A2A 0.3, JSON-RPC) — on node:http instead of Mastra's Hono server. Prints {"port": N} once listening.
import http from 'node:http';
import { Agent } from '@mastra/core/agent';
import { Mastra } from '@mastra/core/mastra';
import { RuntimeContext } from '@mastra/core/runtime-context';
import { InMemoryTaskStore } from '@mastra/server/a2a/store';
import { getAgentCardByIdHandler, getAgentExecutionHandler } from '@mastra/server/handlers/a2a';
import { FORECAST, fixedTextModel } from './agentx.mjs';

globalThis.___MASTRA_TELEMETRY___ = true; // no OpenTelemetry instrumentation here: keep Mastra from warning
const weatherAgent = new Agent({ name: 'weatherAgent', instructions: 'You report the weather.', model: fixedTextModel(FORECAST) });
const mastra = new Mastra({ agents: { weatherAgent }, logger: false });
const taskStore = new InMemoryTaskStore();

async function route(request, base) {
  const path = new URL(request.url, base).pathname;
  const card = path.match(/^\/\.well-known\/([^/]+)\/agent-card\.json$/);
  if (request.method === 'GET' && card) {
    return getAgentCardByIdHandler({ mastra, agentId: card[1], executionUrl: `/a2a/${card[1]}`, // relative, as Mastra's own server gives it
      runtimeContext: new RuntimeContext() });
  }
  const execution = path.match(/^\/a2a\/([^/]+)$/);
  if (request.method === 'POST' && execution) {
    let body = '';
    for await (const chunk of request) body += chunk;
    const { id, method, params } = JSON.parse(body);
    return getAgentExecutionHandler({ requestId: id, mastra, agentId: execution[1], method, params, taskStore,
      runtimeContext: new RuntimeContext() });
  }
  return undefined;
}

const server = http.createServer(async (request, response) => {
  try {
    const answer = await route(request, `http://127.0.0.1:${server.address().port}`);
    if (answer === undefined) {
      response.writeHead(404).end();
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    }
  } catch (error) {
    response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error?.message ?? error));
  }
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
