// agentx-plugin/mastra: serve a Mastra Agent as an A2A agent.
//
// Nothing of Mastra is imported: the adapter works with the agent it is given (duck typing). Towards Mastra,
// messages are AI SDK model messages (ModelMessage in the AI SDK's @ai-sdk/provider-utils, which Mastra's
// MessageList accepts: dist/agent/message-list in @mastra/core); from Mastra, the chunks of `agent.stream()`'s
// fullStream (ChunkType in @mastra/core/dist/stream/types.d.ts: { type, payload }), or AI SDK stream parts.
import { rejected, working } from '../events.js';
import { data, file, text } from '../parts.js';
import {
  AnswerArtifact, CONVERSION_KEY, answerMetadata, answeredToolCalls, base64Of, completedWith, conversationOf,
  dataAsTextNote, eitherSignal, isAgentMessage, isSystemMessage, jsonText, messageNotes, partKind, partMetadataNote,
  resolveOption, toolCallOf, toolCallPart, toolResultOf, toolResultPart,
} from './a2a.js';

/** Media types of the tool call / tool result data parts, and the metadata key of conversion notes. */
export { CONVERSION_KEY, TOOL_CALL_MEDIA_TYPE, TOOL_RESULT_MEDIA_TYPE } from './a2a.js';

const FRAMEWORK = 'mastra';

// ---------------------------------------------------------------------------------------------------------------
// A2A → Mastra (AI SDK model messages)

/** A tool result as an AI SDK ToolResultOutput. */
function toolOutput({ result, isError }) {
  if (typeof result === 'string') return { type: isError ? 'error-text' : 'text', value: result };
  return { type: isError ? 'error-json' : 'json', value: result ?? null };
}

/** A URL object for an absolute URL (AI SDK file data is bytes, base64 text or a URL object), else the string. */
function urlOf(url) {
  try {
    return new URL(url);
  } catch {
    return url;
  }
}

/** A file part as an AI SDK content part (user messages: image or file; assistant messages: file only). */
function filePart(part, kind, agent) {
  const mediaType = part.mediaType || (kind === 'raw' ? 'application/octet-stream' : undefined);
  const content = kind === 'url' ? urlOf(part.url) : Buffer.from(base64Of(part.raw), 'base64');
  if (!agent && mediaType?.startsWith('image/')) return { type: 'image', image: content, mediaType };
  const converted = { type: 'file', data: content, mediaType: mediaType ?? 'application/octet-stream' };
  if (part.filename) converted.filename = part.filename;
  return converted;
}

/** One A2A message as AI SDK model messages (an agent message with tool results gives `tool` messages too). */
function messageToMastra(message, answered) {
  const agent = isAgentMessage(message);
  const content = [];
  const results = [];
  const notes = messageNotes(message);
  message.parts.forEach((part, index) => {
    const metadata = partMetadataNote(part, index);
    if (metadata) notes.push(metadata);
    const kind = partKind(part);
    if (kind === 'text') {
      content.push({ type: 'text', text: part.text });
    } else if (kind === 'url' || kind === 'raw') {
      if (!part.mediaType) {
        notes.push({ part: index, note: 'file without a media type sent as application/octet-stream' });
      }
      content.push(filePart(part, kind, agent));
    } else if (kind === 'data') {
      const call = agent ? toolCallOf(part) : null;
      const result = agent ? toolResultOf(part) : null;
      if (call && answered.has(call.id)) {
        content.push({ type: 'tool-call', toolCallId: call.id, toolName: call.name, input: call.args });
      } else if (result && answered.has(result.id)) {
        results.push({
          type: 'tool-result', toolCallId: result.id, toolName: result.name ?? '', output: toolOutput(result),
        });
      } else {
        content.push({ type: 'text', text: jsonText(part.data) });
        notes.push(dataAsTextNote(part, index, { call, result }));
      }
    } else {
      notes.push({ part: index, note: 'part without content left out' });
    }
  });

  // results answering an earlier message's calls come first; those answering this message's own calls after it
  const ownCalls = new Set(content.filter((item) => item.type === 'tool-call').map((item) => item.toolCallId));
  const earlier = results.filter((result) => !ownCalls.has(result.toolCallId));
  const own = results.filter((result) => ownCalls.has(result.toolCallId));
  const converted = [];
  if (earlier.length > 0) converted.push({ role: 'tool', content: earlier });
  if (content.length > 0 || results.length === 0) {
    const textOnly = content.every((item) => item.type === 'text');
    const system = textOnly && isSystemMessage(message);
    converted.push({
      role: system ? 'system' : agent ? 'assistant' : 'user',
      content: textOnly ? content.map((item) => item.text).join('\n') : content,
    });
  }
  if (own.length > 0) converted.push({ role: 'tool', content: own });
  if (notes.length > 0) {
    const conversion = notes.map((note) => ({ message: message.messageId, ...note }));
    converted.at(-1).providerOptions = { agentx: { conversion } };
  }
  return converted;
}

/**
 * The request's conversation (the task's history, ending with the message to act on) as AI SDK model messages,
 * the dialect Mastra agents take: user messages become `user` messages, agent messages `assistant` messages.
 * Text parts become the content (a string when the message has only text, parts joined with "\n"); file parts
 * become `image` parts (user images) or `file` parts (a URL object or bytes, media type, file name); data parts
 * become text parts holding their JSON. Tool calls and results the agent reported (data parts of media type
 * application/vnd.agentx.tool-call+json and …tool-result+json) become `tool-call` parts and `tool` messages when
 * both halves are in the history. What could not be carried over is listed in the message's
 * `providerOptions.agentx.conversion` (model providers ignore options not addressed to them). A2A message ids
 * are not carried over (model messages have none).
 *
 * @param {import('../request.js').TaskRequest | { message: object, task?: object }} request
 * @returns {object[]}
 */
export function toMastraMessages(request) {
  const conversation = conversationOf(request);
  const answered = answeredToolCalls(conversation);
  return conversation.flatMap((message) => messageToMastra(message, answered));
}

/** The notes that toMastraMessages recorded, each with the id of its A2A message. */
export function mastraConversionNotes(messages) {
  return messages.flatMap((message) => message.providerOptions?.agentx?.conversion ?? []);
}

// ---------------------------------------------------------------------------------------------------------------
// Mastra → A2A

/** A tool result value from an AI SDK ToolResultOutput ({ type, value }) or a raw result (Mastra's payload). */
function toolResultValue(item) {
  const output = item.output;
  if (output != null && typeof output === 'object' && typeof output.type === 'string' && 'value' in output) {
    return { result: output.value, isError: output.type.startsWith('error') };
  }
  return { result: output !== undefined ? output : item.result, isError: item.isError === true };
}

/** A file part from AI SDK file data: a URL (object or http(s)/data: string), bytes, or a base64 string. */
function filePartFrom(content, mediaType, filename) {
  if (content instanceof URL) return file({ url: content.href, mediaType, filename });
  if (typeof content === 'string') {
    const inline = /^data:([^;,]*);base64,(.*)$/s.exec(content);
    if (inline) return file({ raw: inline[2], mediaType: mediaType ?? (inline[1] || undefined), filename });
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(content)) return file({ url: content, mediaType, filename });
    return file({ raw: content, mediaType, filename });
  }
  return file({ raw: base64Of(content), mediaType, filename });
}

/**
 * An AI SDK / Mastra model message (`{ role, content }`, content a string or parts) as an A2A message
 * `{ role, parts, metadata }`: role 'ROLE_USER' for user messages, 'ROLE_AGENT' otherwise. Text parts become
 * text parts; image and file parts become file parts; `tool-call` parts become data parts of media type
 * application/vnd.agentx.tool-call+json (`{ name, id, args }`); `tool-result` parts become data parts of media
 * type …tool-result+json (`{ name, id, result, isError }`). Reasoning parts are left out and parts of unknown
 * types are sent as data parts, both noted in `metadata['agentx.conversion']`; `metadata.mastra.role` keeps the role.
 */
export function fromMastraMessage(message) {
  if (message == null || typeof message !== 'object' || typeof message.role !== 'string') {
    throw new TypeError(`not a model message: ${jsonText(message)}`);
  }
  const parts = [];
  const notes = [];
  const content = typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }] : message.content ?? [];
  content.forEach((item, index) => {
    switch (item?.type) {
      case 'text':
        if (item.text) parts.push(text(item.text));
        break;
      case 'image':
        parts.push(filePartFrom(item.image, item.mediaType ?? item.mimeType));
        break;
      case 'file':
        parts.push(filePartFrom(item.data, item.mediaType ?? item.mimeType, item.filename));
        break;
      case 'tool-call':
        parts.push(toolCallPart({ id: item.toolCallId, name: item.toolName, args: item.input ?? item.args }));
        break;
      case 'tool-result':
        parts.push(toolResultPart({ id: item.toolCallId, name: item.toolName, ...toolResultValue(item) }));
        break;
      case 'reasoning':
      case 'redacted-reasoning':
        notes.push({ part: index, note: `${item.type} part not forwarded` });
        break;
      default:
        parts.push(data(item));
        notes.push({ part: index, note: `${item?.type ?? 'untyped'} part sent as a data part` });
    }
  });
  const metadata = { mastra: { role: message.role } };
  if (notes.length > 0) metadata[CONVERSION_KEY] = notes;
  return { role: message.role === 'user' ? 'ROLE_USER' : 'ROLE_AGENT', parts, metadata };
}

// ---------------------------------------------------------------------------------------------------------------
// The handler

/** An Error from what a stream reported as its error. */
function errorOf(value) {
  if (value instanceof Error) return value;
  if (typeof value === 'string') return new Error(value);
  return new Error(typeof value?.message === 'string' ? value.message : `the Mastra agent failed: ${jsonText(value)}`);
}

/**
 * Declares an agent on `plugin` that answers with a Mastra Agent (any object with `stream(messages, options)`
 * resolving to an output with a `fullStream` or a `textStream`).
 *
 * For each task the conversation, as AI SDK model messages (toMastraMessages), goes to `agent.stream()` with
 * `abortSignal` aborted when the task is canceled, and its fullStream is read:
 * - text deltas stream into the answer artifact (named `options.artifactName`, 'answer' by default) — text of
 *   every step, including text the model writes before calling a tool;
 * - a tool call becomes a WORKING status update with a data part of media type
 *   application/vnd.agentx.tool-call+json (`{ name, id, args }`), a tool result (or tool error) one with a data
 *   part of media type …tool-result+json (`{ name, id, result, isError }`);
 * - files the model generates are added to the answer as file parts;
 * - an `error` chunk fails the task with its message, a `tripwire` (a processor blocked the request) rejects it;
 * - reasoning and sources are not forwarded (noted in the COMPLETED message's metadata under `agentx.conversion`).
 * An output without fullStream but with a textStream is read as text.
 *
 * @param {import('../plugin.js').Plugin} plugin
 * @param {{ stream: (messages: unknown, options?: object) => Promise<object> }} agent  a Mastra Agent
 * @param {import('../card.js').AgentDeclaration} card  `framework` defaults to 'mastra'
 * @param {object} [options]
 * @param {(messages: object[], request) => unknown} [options.input]  what agent.stream() gets (default: the messages)
 * @param {object | ((request) => object)} [options.streamOptions]  options of agent.stream() (maxSteps, memory…)
 * @param {string} [options.artifactName]  name of the answer artifact, 'answer' by default
 * @returns {import('../plugin.js').Plugin} the plugin, for chaining
 */
export function serveMastra(plugin, agent, card, options = {}) {
  if (typeof agent?.stream !== 'function') {
    throw new TypeError('serveMastra needs a Mastra Agent: an object with a stream(messages, options) method');
  }
  const { input = (messages) => messages, streamOptions, artifactName = 'answer' } = options;
  return plugin.agent({ framework: FRAMEWORK, ...card }, async function* mastraAgent(request) {
    const messages = toMastraMessages(request);
    const answer = new AnswerArtifact(artifactName, answerMetadata(FRAMEWORK, mastraConversionNotes(messages)));
    const given = { ...(await resolveOption(streamOptions, request)) };
    given.abortSignal = eitherSignal(request.signal, given.abortSignal);
    const output = await agent.stream(await input(messages, request), given);

    const outputNotes = [];
    const noteOnce = (note) => {
      if (!outputNotes.some((known) => known.note === note)) outputNotes.push({ note });
    };
    if (output?.fullStream == null) {
      if (output?.textStream == null) throw new TypeError('agent.stream() gave neither a fullStream nor a textStream');
      for await (const piece of output.textStream) if (piece) yield* answer.add(piece);
      yield* answer.end();
      return completedWith(outputNotes, FRAMEWORK);
    }

    for await (const chunk of output.fullStream) {
      const payload = chunk?.payload ?? chunk ?? {};
      switch (chunk?.type) {
        case 'text-delta': {
          const piece = payload.text ?? payload.textDelta ?? payload.delta ?? '';
          if (piece !== '') yield* answer.add(piece);
          break;
        }
        case 'tool-call': {
          const converted = fromMastraMessage({ role: 'assistant', content: [{ type: 'tool-call', ...payload }] });
          yield* answer.flush();
          yield working(converted.parts, { metadata: converted.metadata });
          break;
        }
        case 'tool-result':
        case 'tool-error': {
          const item = chunk.type !== 'tool-error' ? payload : {
            toolCallId: payload.toolCallId, toolName: payload.toolName,
            result: errorOf(payload.error).message, isError: true,
          };
          const converted = fromMastraMessage({ role: 'tool', content: [{ ...item, type: 'tool-result' }] });
          yield* answer.flush();
          yield working(converted.parts, { metadata: converted.metadata });
          break;
        }
        case 'file': {
          const content = payload.base64 ?? payload.data ?? payload.file?.base64;
          const mediaType = payload.mimeType ?? payload.mediaType ?? payload.file?.mediaType;
          if (content != null) yield* answer.add(filePartFrom(content, mediaType, payload.filename));
          break;
        }
        case 'reasoning-delta':
        case 'reasoning':
          noteOnce('reasoning not forwarded');
          break;
        case 'source':
          noteOnce('sources not forwarded');
          break;
        case 'tripwire':
          yield* answer.flush();
          yield rejected(payload.tripwireReason ?? payload.reason ?? 'a processor of the agent refused the request');
          return undefined;
        case 'error':
          throw errorOf(payload.error ?? payload);
        default:
          break; // start, step-start, step-finish, finish, text-start/-end, tool-call deltas…: nothing to show
      }
    }
    yield* answer.end();
    return completedWith(outputNotes, FRAMEWORK);
  });
}
