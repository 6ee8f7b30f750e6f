// A Mastra agent for FrameworkAgentsIT, run by AgentX's plugin supervisor (framework = mastra): mastra-weather is
// an @mastra/core Agent on an offline model that streams a fixed forecast (fixedTextModel).
import { Agent } from '@mastra/core/agent';
import { noopLogger } from '@mastra/core/logger';
import { Plugin } from 'agentx-plugin';
import { serveMastra } from 'agentx-plugin/mastra';
import { FORECAST, fixedTextModel, record } from './agentx.mjs';

const agent = new Agent({ name: 'mastra-weather', instructions: 'You report the weather.', model: fixedTextModel(FORECAST) });
agent.__setLogger(noopLogger);
const stream = agent.stream.bind(agent);
agent.stream = (messages, options) => {
  record('mastra-weather', 'agent.stream', messages);
  return stream(messages, options);
};

const plugin = new Plugin({ name: process.env.AGENTX_PLUGIN_NAME ?? 'mastra-agents' });
serveMastra(plugin, agent, { id: 'mastra-weather', name: 'Mastra weather', description: 'Reports the weather.' });
await plugin.run();
