// agentx-plugin/langchain: serve a LangChain.js Runnable (a chat model, a chain, an agent…) as an A2A agent.
//
// Nothing of LangChain is imported: the adapter works with the objects it is given (duck typing). Towards
// LangChain, messages are plain message-like objects ({ type: 'human' | 'ai' | 'tool', content, id, … }) which
// LangChain turns into its own classes (coerceMessageLikeToMessage in @langchain/core/messages/utils); content
// blocks follow LangChain's standard blocks (@langchain/core/messages/content: text, image, audio, video, file).
import { data, file, text } from '../parts.js';
import {
  AnswerArtifact, CONVERSION_KEY, answerMetadata, answeredToolCalls, base64Of, completedWith, conversationOf,
  dataAsTextNote, eitherSignal, isAgentMessage, isSystemMessage, jsonText, messageNotes, partKind, partMetadataNote,
  resolveOption, toolCallOf, toolCallPart, toolResultOf, toolResultPart,
} from './a2a.js';

/** Media types of the tool call / tool result data parts, and the metadata key of conversion notes. */
export { CONVERSION_KEY, TOOL_CALL_MEDIA_TYPE, TOOL_RESULT_MEDIA_TYPE } from './a2a.js';

const FRAMEWORK = 'langchain';
/** Where a converted message records what the conversion lost (LangChain keeps additional_kwargs as they are). */
export const LANGCHAIN_NOTES_KEY = 'agentx_conversion';

// ---------------------------------------------------------------------------------------------------------------
// A2A → LangChain

/** The LangChain content block for a file part (by URL or inline, base64). */
function fileBlock(part, kind) {
  const mimeType = part.mediaType || undefined;
  const family = mimeType?.split('/')[0];
  const type = family === 'image' || family === 'audio' || family === 'video' ? family : 'file';
  const block = { type };
  if (kind === 'url') block.url = part.url;
  else block.data = base64Of(part.raw);
  if (mimeType) block.mimeType = mimeType;
  else if (kind === 'raw') block.mimeType = 'application/octet-stream';
  if (part.filename) block.metadata = { filename: part.filename };
  return block;
}

/** A tool result as ToolMessage content: strings stay strings, anything else becomes JSON text. */
const toolMessageContent = (result) => (typeof result === 'string' ? result : jsonText(result));

/** Content from blocks: a plain string when they are all text (joined like request.text), else the blocks. */
function contentOf(blocks) {
  if (blocks.every((block) => block.type === 'text')) return blocks.map((block) => block.text).join('\n');
  return blocks;
}

/** One A2A message as LangChain message-likes (an agent message with tool results gives ToolMessages too). */
function messageToLangChain(message, answered) {
  const agent = isAgentMessage(message);
  const blocks = [];
  const toolCalls = [];
  const toolMessages = [];
  const notes = messageNotes(message);
  message.parts.forEach((part, index) => {
    const metadata = partMetadataNote(part, index);
    if (metadata) notes.push(metadata);
    const kind = partKind(part);
    if (kind === 'text') {
      blocks.push({ type: 'text', text: part.text });
    } else if (kind === 'url' || kind === 'raw') {
      blocks.push(fileBlock(part, kind));
    } else if (kind === 'data') {
      const call = agent ? toolCallOf(part) : null;
      const result = agent ? toolResultOf(part) : null;
      if (call && answered.has(call.id)) {
        toolCalls.push({ type: 'tool_call', id: call.id, name: call.name, args: call.args });
      } else if (result && answered.has(result.id)) {
        const toolMessage = {
          type: 'tool', id: `${message.messageId}#${index}`, tool_call_id: result.id,
          content: toolMessageContent(result.result), status: result.isError ? 'error' : 'success',
        };
        if (result.name) toolMessage.name = result.name;
        toolMessages.push(toolMessage);
      } else {
        blocks.push({ type: 'text', text: jsonText(part.data) });
        notes.push(dataAsTextNote(part, index, { call, result }));
      }
    } else {
      notes.push({ part: index, note: 'part without content left out' });
    }
  });

  // tool results answering an earlier message's calls come first, those answering this message's own calls after it
  const ownCalls = new Set(toolCalls.map((call) => call.id));
  const converted = toolMessages.filter((tool) => !ownCalls.has(tool.tool_call_id));
  if (blocks.length > 0 || toolCalls.length > 0 || toolMessages.length === 0) {
    const system = !agent && toolCalls.length === 0 && isSystemMessage(message);
    const main = { type: system ? 'system' : agent ? 'ai' : 'human', id: message.messageId, content: contentOf(blocks) };
    if (toolCalls.length > 0) main.tool_calls = toolCalls;
    converted.push(main);
  }
  converted.push(...toolMessages.filter((tool) => ownCalls.has(tool.tool_call_id)));
  if (notes.length > 0) {
    const carrier = converted.at(-1);
    carrier.additional_kwargs = { [LANGCHAIN_NOTES_KEY]: notes };
  }
  return converted;
}

/**
 * The request's conversation (the task's history, ending with the message to act on) as LangChain messages:
 * user messages become `human` messages and agent messages `ai` messages, with the A2A message id as the
 * message id. Text parts become the content (a string when the message has only text, parts joined with "\n");
 * file parts become standard image/audio/video/file blocks (URL or base64 data, the file name in the block's
 * metadata); data parts become text blocks holding their JSON. Tool calls and results the agent reported (data
 * parts of media type application/vnd.agentx.tool-call+json and …tool-result+json) become `tool_calls` and
 * `tool` messages when both halves are in the history. What could not be carried over is listed, per message, in
 * `additional_kwargs.agentx_conversion` as `{ part?, note }` entries.
 *
 * @param {import('../request.js').TaskRequest | { message: object, task?: object }} request
 * @returns {object[]} message-likes that LangChain accepts wherever it takes messages
 */
export function toLangChainMessages(request) {
  const conversation = conversationOf(request);
  const answered = answeredToolCalls(conversation);
  return conversation.flatMap((message) => messageToLangChain(message, answered));
}

/** The notes that toLangChainMessages recorded, each with the id of its message. */
export function langChainConversionNotes(messages) {
  const notes = [];
  for (const message of messages) {
    for (const note of message.additional_kwargs?.[LANGCHAIN_NOTES_KEY] ?? []) {
      notes.push({ message: message.id, ...note });
    }
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------------
// LangChain → A2A

/** The type of a LangChain message ('human', 'ai', 'tool', 'system', …), from a class instance or a plain object. */
export function langChainType(message) {
  if (message == null || typeof message !== 'object') return undefined;
  if (typeof message._getType === 'function') return message._getType();
  if (typeof message.type === 'string') return message.type;
  if (typeof message.getType === 'function') return message.getType();
  switch (message.role) {
    case 'user': return 'human';
    case 'assistant': return 'ai';
    default: return message.role;
  }
}

/** Whether a value looks like a LangChain message (or message chunk). */
export const isLangChainMessage = (value) => value != null && typeof value === 'object' && 'content' in value
  && typeof langChainType(value) === 'string';

/** The text of LangChain message content: a string, or the text of its text blocks. */
export function langChainText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let joined = '';
  for (const block of content) {
    if (typeof block === 'string') joined += block;
    else if ((block?.type === 'text' || block?.type === 'text_delta') && typeof block.text === 'string') {
      joined += block.text;
    }
  }
  return joined;
}

/** Splits a data: URL into its media type and base64 payload, or null. */
function dataUrl(url) {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
  if (!match) return null;
  const payload = match[2] ? match[3] : Buffer.from(decodeURIComponent(match[3])).toString('base64');
  return { mediaType: match[1] || undefined, raw: payload };
}

/** A file part from a URL (a data: URL becomes inline bytes). */
function filePartFromUrl(url, mediaType, filename) {
  const inline = dataUrl(url);
  if (inline) return file({ raw: inline.raw, mediaType: mediaType ?? inline.mediaType, filename });
  return file({ url, mediaType, filename });
}

const MEDIA_BLOCKS = new Set(['image', 'audio', 'video', 'file']);
const TOOL_CALL_BLOCKS = new Set(['tool_call', 'tool_use', 'tool_call_chunk', 'input_json_delta', 'server_tool_call']);

/** One content block as A2A parts (pushed to `parts`), or a note when it cannot be carried over. */
function blockToParts(block, index, parts, notes, toolCallIds) {
  if (typeof block === 'string') {
    if (block !== '') parts.push(text(block));
    return;
  }
  const type = block?.type;
  if (type === 'text' || type === 'text_delta') {
    if (block.text) parts.push(text(block.text));
    return;
  }
  if (type === 'text-plain' && typeof block.text === 'string') {
    parts.push(text(block.text, block.mimeType ? { metadata: { mediaType: block.mimeType } } : undefined));
    return;
  }
  if (MEDIA_BLOCKS.has(type) || type === 'text-plain') {
    // v1 standard blocks: { url | data | fileId, mimeType };
    // v0 data blocks: { source_type, url | data | id, mime_type }
    const mediaType = block.mimeType ?? block.mime_type ?? undefined;
    const filename = block.metadata?.filename ?? block.metadata?.name ?? undefined;
    if (typeof block.url === 'string') {
      parts.push(filePartFromUrl(block.url, mediaType, filename));
      return;
    }
    if (block.data != null) {
      parts.push(file({ raw: base64Of(block.data), mediaType, filename }));
      return;
    }
  }
  if (type === 'image_url') {
    const url = typeof block.image_url === 'string' ? block.image_url : block.image_url?.url;
    if (typeof url === 'string') {
      parts.push(filePartFromUrl(url));
      return;
    }
  }
  if (type === 'reasoning' || type === 'thinking' || type === 'redacted_thinking') {
    notes.push({ block: index, note: `${type} block not forwarded` });
    return;
  }
  // tool call blocks repeat the message's tool_calls
  if (TOOL_CALL_BLOCKS.has(type) && (block.id == null || toolCallIds.has(block.id))) return;
  parts.push(data(block));
  notes.push({ block: index, note: `${type ?? 'untyped'} content block sent as a data part` });
}

/**
 * A LangChain message (a class instance, a chunk or a plain message-like object) as an A2A message:
 * `{ role, parts, metadata }` with role 'ROLE_USER' for human messages and 'ROLE_AGENT' for the others. Text
 * content becomes text parts; image/audio/video/file blocks become file parts (URL, or inline bytes); tool
 * calls become data parts of media type application/vnd.agentx.tool-call+json (`{ name, id, args }`); a tool
 * message becomes a data part of media type …tool-result+json (`{ name, id, result, isError }`). Metadata holds
 * `langchain: { type, id, name }` and, when something could not be carried over (reasoning blocks, invalid tool
 * calls, a tool message's artifact, blocks of unknown types sent as data parts), `agentx.conversion` notes.
 * `response_metadata` and `usage_metadata` are not carried over.
 */
export function fromLangChainMessage(message) {
  const type = langChainType(message);
  if (type === undefined) throw new TypeError(`not a LangChain message: ${jsonText(message)}`);
  const parts = [];
  const notes = [];
  if (type === 'tool') {
    const content = message.content;
    const textOnly = typeof content === 'string' || (Array.isArray(content)
      && content.every((block) => typeof block === 'string' || block?.type === 'text'));
    parts.push(toolResultPart({
      id: message.tool_call_id, name: message.name,
      result: textOnly ? langChainText(content) : content, isError: message.status === 'error',
    }));
    if (message.artifact !== undefined) notes.push({ field: 'artifact', note: 'tool message artifact not forwarded' });
  } else {
    const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    const toolCallIds = new Set(toolCalls.map((call) => call.id).filter(Boolean));
    const content = message.content;
    if (typeof content === 'string') {
      if (content !== '') parts.push(text(content));
    } else if (Array.isArray(content)) {
      content.forEach((block, index) => blockToParts(block, index, parts, notes, toolCallIds));
    }
    for (const call of toolCalls) parts.push(toolCallPart(call));
    for (const invalid of message.invalid_tool_calls ?? []) {
      const name = invalid.name ? ` ${invalid.name}` : '';
      const reason = invalid.error ?? 'unparsable arguments';
      notes.push({ field: 'invalid_tool_calls', note: `invalid tool call${name} not forwarded: ${reason}` });
    }
  }
  const langchain = { type };
  if (message.id != null) langchain.id = message.id;
  if (message.name != null && message.name !== '') langchain.name = message.name;
  const metadata = { langchain };
  if (notes.length > 0) metadata[CONVERSION_KEY] = notes;
  return { role: type === 'human' || type === 'user' ? 'ROLE_USER' : 'ROLE_AGENT', parts, metadata };
}

// ---------------------------------------------------------------------------------------------------------------
// The handler

/** Adds a message chunk to the running aggregate (LangChain chunks know how to concat; plain objects do not). */
function aggregate(previous, chunk) {
  if (previous === undefined) return chunk;
  if (typeof previous.concat === 'function') {
    try {
      return previous.concat(chunk);
    } catch { /* a chunk of another kind: keep the latest */ }
  }
  return chunk;
}

/**
 * Declares an agent on `plugin` that answers with a LangChain Runnable (any object with `stream(input,
 * config)`: a chat model, a chain, a compiled agent…).
 *
 * For each task: the conversation becomes LangChain messages (toLangChainMessages); `runnable.stream(input,
 * config)` runs with them (with `signal` aborted when the task is canceled); each text chunk streams into the
 * answer artifact (named `options.artifactName`, 'answer' by default; `append` on all but the first chunk,
 * `lastChunk` on the last). Message chunks contribute their text; string chunks (a chain ending with a string
 * parser) are used as they are; of other values (objects) the last one is sent as a data part at the end. When
 * the streamed message ends with tool calls or files, they are sent as data/file parts in the last chunk. Then
 * the task completes. What the conversions could not carry over is recorded under `agentx.conversion`: towards
 * LangChain in the artifact's metadata, from LangChain in the metadata of the COMPLETED status message.
 *
 * @param {import('../plugin.js').Plugin} plugin
 * @param {{ stream: (input: unknown, config?: object) => Promise<AsyncIterable<unknown>> }} runnable
 * @param {import('../card.js').AgentDeclaration} card  `framework` defaults to 'langchain'
 * @param {object} [options]
 * @param {(messages: object[], request) => unknown} [options.input]  the runnable's input from the messages
 *        (default: the messages themselves; e.g. `(messages) => ({ messages })` for a prompt with a placeholder)
 * @param {object | ((request) => object)} [options.config]  RunnableConfig (configurable, callbacks, tags…)
 * @param {string} [options.artifactName]  name of the answer artifact, 'answer' by default
 * @returns {import('../plugin.js').Plugin} the plugin, for chaining
 */
export function serveLangChain(plugin, runnable, card, options = {}) {
  if (typeof runnable?.stream !== 'function') {
    throw new TypeError('serveLangChain needs a LangChain Runnable: an object with a stream(input, config) method');
  }
  const { input = (messages) => messages, config, artifactName = 'answer' } = options;
  return plugin.agent({ framework: FRAMEWORK, ...card }, async function* langChainAgent(request) {
    const messages = toLangChainMessages(request);
    const answer = new AnswerArtifact(artifactName, answerMetadata(FRAMEWORK, langChainConversionNotes(messages)));
    const runConfig = { ...(await resolveOption(config, request)) };
    runConfig.signal = eitherSignal(request.signal, runConfig.signal);
    const stream = await runnable.stream(await input(messages, request), runConfig);

    let message;
    let lastValue;
    for await (const chunk of stream) {
      if (typeof chunk === 'string') {
        if (chunk !== '') yield* answer.add(chunk);
      } else if (isLangChainMessage(chunk)) {
        message = aggregate(message, chunk);
        const piece = langChainText(chunk.content);
        if (piece !== '') yield* answer.add(piece);
      } else if (chunk != null) {
        lastValue = chunk;
      }
    }

    const outputNotes = [];
    const extra = [];
    if (message !== undefined) {
      const converted = fromLangChainMessage(message);
      extra.push(...converted.parts.filter((part) => part.text === undefined));
      outputNotes.push(...(converted.metadata[CONVERSION_KEY] ?? []));
    }
    if (lastValue !== undefined) extra.push(data(lastValue));
    if (extra.length > 0) yield* answer.add(extra);
    yield* answer.end();
    return completedWith(outputNotes, FRAMEWORK);
  });
}
