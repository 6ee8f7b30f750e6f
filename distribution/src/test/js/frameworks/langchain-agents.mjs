// LangChain.js agents for FrameworkAgentsIT, run by AgentX's plugin supervisor (framework = langchain):
//   lc-poet      a FakeListChatModel that answers with a fixed verse, streamed character by character;
//   lc-slow      the same model, slow enough to be caught mid-task;
//   lc-delegate  a runnable that hands the question to the LangGraph.js agent lg-weather through AgentX.
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { RunnableLambda } from '@langchain/core/runnables';
import { Plugin } from 'agentx-plugin';
import { serveLangChain } from 'agentx-plugin/langchain';
import { VERSE, ask, langChainView, record } from './agentx.mjs';

const recording = (agent) => [{
  handleChatModelStart: (llm, [messages]) => record(agent, 'model', messages.map(langChainView)),
}];

const plugin = new Plugin({ name: process.env.AGENTX_PLUGIN_NAME ?? 'langchain-agents' });
serveLangChain(plugin, new FakeListChatModel({ responses: [VERSE], callbacks: recording('lc-poet') }),
  { id: 'lc-poet', name: 'LangChain poet', description: 'Answers with a verse (fake model).' });
serveLangChain(plugin, new FakeListChatModel({ responses: ['s l o w '.repeat(200)], sleep: 50 }),
  { id: 'lc-slow', name: 'LangChain slow poet', description: 'Takes its time (fake model).' });
serveLangChain(plugin, RunnableLambda.from(async (messages) => {
  const seen = messages.map(langChainView);
  record('lc-delegate', 'runnable', seen);
  const question = seen.filter((message) => message.type === 'human').at(-1).content;
  return `LangGraph answered: ${await ask('lg-weather', question)}`;
}), { id: 'lc-delegate', name: 'LangChain delegate', description: 'Asks the LangGraph.js weather agent.' });
await plugin.run();
