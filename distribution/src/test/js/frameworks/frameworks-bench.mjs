// End-to-end latency of the cross-framework conversation: TURNS sequential sends to lc-delegate (LangChain.js),
// each going on to lg-weather (LangGraph.js) and from its tool to mastra-weather (Mastra) — three A2A hops
// through AgentX and three plugin processes — after WARMUP unmeasured turns. Prints p50/p90/p99/max in ms.
//
//   AGENTX_URL, API_KEY, TURNS (1000), WARMUP (100)
import { FORECAST, answerText, clients, userMessage } from './agentx.mjs';

const TURNS = Number(process.env.TURNS ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 100);
const expected = `LangGraph answered: Mastra says: ${FORECAST}`;
const client = await clients.createFromUrl(`${process.env.AGENTX_URL}/agents/lc-delegate/`);

async function turn() {
  const started = process.hrtime.bigint();
  const result = await client.sendMessage({ tenant: '', message: userMessage('Umbrella in Lyon?') });
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  if (answerText(result) !== expected) throw new Error(`unexpected answer: ${JSON.stringify(result)}`);
  return millis;
}

for (let i = 0; i < WARMUP; i++) await turn();
const latencies = [];
for (let i = 0; i < TURNS; i++) latencies.push(await turn());
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)].toFixed(1);
console.log(`turns=${TURNS} p50=${at(0.5)}ms p90=${at(0.9)}ms p99=${at(0.99)}ms max=${at(1)}ms`);
