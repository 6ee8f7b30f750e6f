// A Mastra agent for FrameworkAgentsIT, run by AgentX's plugin supervisor (framework = mastra): mastra-weather is
// an @mastra/core Agent on an offline model that streams a fixed forecast. The model is a plain AI SDK
// LanguageModelV2 (Mastra's own createMockModel needs vitest and msw at run time).
import { Agent } from '@mastra/core/agent';
import { noopLogger } from '@mastra/core/logger';
import { Plugin } from 'agentx-plugin';
import { serveMastra } from 'agentx-plugin/mastra';
import { FORECAST, record } from './agentx.mjs';

/** A LanguageModelV2 that streams `text` word by word on every call. */
function fixedTextModel(text) {
  const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
  const parts = () => [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...text.split(/(?<= )/).map((delta) => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: 'stop', usage },
  ];
  return {
    specificationVersion: 'v2', provider: 'fixed-text', modelId: 'fixed-text-1', supportedUrls: {},
    async doGenerate() { throw new Error('this model only streams'); },
    async doStream() {
      const queue = parts();
      return { stream: new ReadableStream({ pull: (controller) => (queue.length ? controller.enqueue(queue.shift()) : controller.close()) }) };
    },
  };
}

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
