// A LangGraph.js agent for FrameworkAgentsIT, run by AgentX's plugin supervisor (framework = langgraph):
// lg-weather is a small graph — plan (a fake chat model that calls the ask_mastra tool) → tools (a ToolNode
// whose tool asks the Mastra agent mastra-weather through AgentX) → answer (reports the tool's result).
import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import { Plugin } from 'agentx-plugin';
import { serveLangGraph } from 'agentx-plugin/langgraph';
import { ask, langChainView, record } from './agentx.mjs';

const askMastra = tool(async ({ city }) => ask('mastra-weather', `What is the weather in ${city}?`),
  { name: 'ask_mastra', description: 'Asks the Mastra weather agent', schema: z.object({ city: z.string() }) });

const planner = new FakeStreamingChatModel({
  sleep: 0,
  responses: [new AIMessage('')], // else the fake echoes the first message as the call's text
  chunks: [new AIMessageChunk({ content: '', tool_calls: [{ id: 'call-lyon', name: 'ask_mastra', args: { city: 'Lyon' } }] })],
}).bindTools([askMastra]);

const graph = new StateGraph(MessagesAnnotation)
  .addNode('plan', async ({ messages }) => {
    record('lg-weather', 'plan', messages.map(langChainView));
    return { messages: [await planner.invoke(messages)] };
  })
  .addNode('tools', new ToolNode([askMastra]))
  .addNode('answer', async ({ messages }) => {
    record('lg-weather', 'answer', messages.map(langChainView));
    return { messages: [new AIMessage(`Mastra says: ${messages.at(-1).content}`)] };
  })
  .addEdge(START, 'plan')
  .addEdge('plan', 'tools')
  .addEdge('tools', 'answer')
  .addEdge('answer', END)
  .compile();

const plugin = new Plugin({ name: process.env.AGENTX_PLUGIN_NAME ?? 'langgraph-agents' });
serveLangGraph(plugin, graph, { id: 'lg-weather', name: 'LangGraph weather', description: 'Asks Mastra.' },
  { streamTokens: false });
await plugin.run();
