// End-to-end latency through AgentX, by the number of framework agents a turn goes through: mastra-weather
// (Mastra, one plugin), lg-weather (LangGraph.js, whose tool asks mastra-weather: two) and lc-delegate
// (LangChain.js, which asks lg-weather: three — the cross-framework conversation). TURNS sequential sends to each
// after WARMUP unmeasured ones; prints p50/p90/p99/max in ms per agent.
//
//   AGENTX_URL, API_KEY, TURNS (1000), WARMUP (100)
import { FORECAST, answerText, clients, userMessage } from './agentx.mjs';

const TURNS = Number(process.env.TURNS ?? 1000);
const WARMUP = Number(process.env.WARMUP ?? 100);
const TARGETS = [
  ['mastra-weather', 1, FORECAST],
  ['lg-weather', 2, `Mastra says: ${FORECAST}`],
  ['lc-delegate', 3, `LangGraph answered: Mastra says: ${FORECAST}`],
];

async function measure(agentId, expected) {
  const client = await clients.createFromUrl(`${process.env.AGENTX_URL}/agents/${agentId}/`);
  const turn = async () => {
    const started = process.hrtime.bigint();
    const result = await client.sendMessage({ tenant: '', message: userMessage('Umbrella in Lyon?') });
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    if (answerText(result) !== expected) throw new Error(`${agentId}: unexpected answer ${JSON.stringify(result)}`);
    return millis;
  };
  for (let i = 0; i < WARMUP; i++) await turn();
  const latencies = [];
  for (let i = 0; i < TURNS; i++) latencies.push(await turn());
  latencies.sort((a, b) => a - b);
  return (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)].toFixed(1);
}

for (const [agentId, agents, expected] of TARGETS) {
  const at = await measure(agentId, expected);
  console.log(`${agentId} (${agents} framework agent${agents > 1 ? 's' : ''}): turns=${TURNS} p50=${at(0.5)}ms `
    + `p90=${at(0.9)}ms p99=${at(0.99)}ms max=${at(1)}ms`);
}
