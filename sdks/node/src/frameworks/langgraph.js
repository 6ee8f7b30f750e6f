// agentx-plugin/langgraph: serve a compiled LangGraph.js graph (a StateGraph with a `messages` channel, a
// createReactAgent…) as an A2A agent.
//
// Nothing of LangGraph is imported: the adapter works with the graph it is given (duck typing). Messages are
// converted as for LangChain (./langchain.js); the graph is streamed with streamMode ['messages', 'updates']
// (see StreamMessagesHandler in @langchain/langgraph/dist/pregel/messages.js for the 'messages' tuples).
import { failed, working } from '../events.js';
import {
  AnswerArtifact, CONVERSION_KEY, TOOL_CALL_MEDIA_TYPE, answerMetadata, completedWith, eitherSignal, resolveOption,
} from './a2a.js';
import {
  fromLangChainMessage, langChainConversionNotes, langChainText, langChainType, toLangChainMessages,
} from './langchain.js';

/** Media types of the tool call / tool result data parts, and the metadata key of conversion notes. */
export { CONVERSION_KEY, TOOL_CALL_MEDIA_TYPE, TOOL_RESULT_MEDIA_TYPE } from './a2a.js';

const FRAMEWORK = 'langgraph';
const INTERRUPT_KEY = '__interrupt__';

/** The messages a node's state update carries (its `messages` key: one message or a list). */
function messagesOfUpdate(update) {
  if (update == null || typeof update !== 'object') return [];
  const value = update.messages;
  if (value == null) return [];
  return (Array.isArray(value) ? value : [value]).filter((message) => typeof langChainType(message) === 'string');
}

/** A WORKING status update with a converted message (its metadata keeps the conversion notes); none without parts. */
const statusFor = ({ parts, metadata }) => (parts.length > 0 ? [working(parts, { metadata })] : []);

/**
 * The input a graph gets by default: `{ messages }`, the conversation as LangChain messages (toLangChainMessages).
 * @param {import('../request.js').TaskRequest} request
 */
export const toLangGraphInput = (request) => ({ messages: toLangChainMessages(request) });

/**
 * Declares an agent on `plugin` that answers with a compiled LangGraph graph (any object with
 * `stream(input, config)` yielding `[mode, chunk]` pairs for a list of stream modes).
 *
 * For each task the graph runs with `{ messages }` (the conversation as LangChain messages, each with its A2A
 * message id, so a checkpointed thread does not get them twice) and `configurable.thread_id` set to the A2A
 * context id (unless `options.config` sets it). While it runs:
 * - an AI message with tool calls becomes a WORKING status update whose message has one data part per call, of
 *   media type application/vnd.agentx.tool-call+json: `{ name, id, args }` (and the message's text, unless it
 *   was already streamed);
 * - a tool message becomes a WORKING status update with a data part of media type …tool-result+json:
 *   `{ name, id, result, isError }`;
 * - the answer artifact gets the AI text: with `streamTokens` (the default) every AI token as it is generated —
 *   so text a model writes before calling a tool is part of the answer —, without it only the final AI message
 *   (sent when the graph ends; earlier AI messages without tool calls become WORKING status updates).
 * A graph interrupt (LangGraph interrupt()) fails the task: resuming is not supported.
 *
 * @param {import('../plugin.js').Plugin} plugin
 * @param {{ stream: (input: unknown, config?: object) => Promise<AsyncIterable<unknown>> }} graph  a compiled graph
 * @param {import('../card.js').AgentDeclaration} card  `framework` defaults to 'langgraph'
 * @param {object} [options]
 * @param {(messages: object[], request) => unknown} [options.input]  the graph's input (default `{ messages }`)
 * @param {object | ((request) => object)} [options.config]  RunnableConfig (configurable, recursionLimit…)
 * @param {boolean} [options.streamTokens]  stream AI tokens into the answer as they come (default true)
 * @param {string} [options.artifactName]  name of the answer artifact, 'answer' by default
 * @returns {import('../plugin.js').Plugin} the plugin, for chaining
 */
export function serveLangGraph(plugin, graph, card, options = {}) {
  if (typeof graph?.stream !== 'function') {
    throw new TypeError('serveLangGraph needs a compiled LangGraph graph: an object with a stream(input, config) '
      + 'method (call compile() on a StateGraph)');
  }
  const {
    input = (messages) => ({ messages }), config, streamTokens = true, artifactName = 'answer',
  } = options;
  return plugin.agent({ framework: FRAMEWORK, ...card }, async function* langGraphAgent(request) {
    const messages = toLangChainMessages(request);
    const answer = new AnswerArtifact(artifactName, answerMetadata(FRAMEWORK, langChainConversionNotes(messages)));
    const given = { ...(await resolveOption(config, request)) };
    const runConfig = {
      ...given,
      configurable: { thread_id: request.contextId, ...given.configurable },
      streamMode: streamTokens ? ['messages', 'updates'] : ['updates'],
      signal: eitherSignal(request.signal, given.signal),
    };
    const stream = await graph.stream(await input(messages, request), runConfig);

    const streamed = new Set(); // ids of the AI messages whose text went out token by token
    let final = null; // without streamTokens: the latest AI message without tool calls, the answer unless one follows
    const outputNotes = [];
    for await (const item of stream) {
      const [mode, payload] = Array.isArray(item) && item.length === 2 ? item : ['updates', item];
      if (mode === 'messages') {
        const [message] = Array.isArray(payload) ? payload : [payload];
        if (langChainType(message) !== 'ai') continue;
        const piece = langChainText(message.content);
        if (piece === '') continue;
        if (message.id != null) streamed.add(message.id);
        yield* answer.add(piece);
        continue;
      }
      if (mode !== 'updates' || payload == null || typeof payload !== 'object') continue;
      if (payload[INTERRUPT_KEY] !== undefined) {
        yield* answer.flush();
        yield failed('the graph was interrupted (LangGraph interrupt()): serveLangGraph cannot resume interrupts');
        return undefined;
      }
      for (const update of Object.values(payload).flat()) {
        for (const message of messagesOfUpdate(update)) {
          const type = langChainType(message);
          if (type !== 'ai' && type !== 'tool') continue;
          const converted = fromLangChainMessage(message);
          // the text of a message already streamed token by token is not sent again
          const parts = message.id != null && streamed.has(message.id)
            ? converted.parts.filter((part) => part.text === undefined) : converted.parts;
          const answers = type === 'ai' && !converted.parts.some((part) => part.mediaType === TOOL_CALL_MEDIA_TYPE);
          if (answers && streamTokens) {
            if (parts.length > 0) yield* answer.add(parts);
            outputNotes.push(...(converted.metadata[CONVERSION_KEY] ?? []));
            continue;
          }
          if (final !== null) yield* statusFor(final); // it was not the last word after all
          final = null;
          if (answers) {
            final = { parts, metadata: converted.metadata };
            continue;
          }
          if (parts.length === 0) continue;
          yield* answer.flush();
          yield* statusFor({ parts, metadata: converted.metadata });
        }
      }
    }

    if (final !== null) {
      if (final.parts.length > 0) yield* answer.add(final.parts);
      outputNotes.push(...(final.metadata[CONVERSION_KEY] ?? []));
    }
    yield* answer.end();
    return completedWith(outputNotes, FRAMEWORK);
  });
}
