// The A2A side shared by the framework adapters: which messages make up a request's conversation, what kind each
// part is, how tool calls and tool results travel as data parts, how conversion losses are recorded, and the
// answer artifact streamed chunk by chunk.
import { artifact, completed } from '../events.js';
import { data, text } from '../parts.js';

/** Media type of the data part describing a tool call: `{ id, name, args }`. */
export const TOOL_CALL_MEDIA_TYPE = 'application/vnd.agentx.tool-call+json';
/** Media type of the data part describing a tool result: `{ id, name, result, isError }`. */
export const TOOL_RESULT_MEDIA_TYPE = 'application/vnd.agentx.tool-result+json';
/** Part metadata naming what a data part stands for (AgentX's convention, io.agentx.api.adapter.FrameworkAdapter). */
export const KIND_KEY = 'agentx.kind';
/** Metadata key under which a conversion records what it could not carry over. */
export const CONVERSION_KEY = 'agentx.conversion';

/** The data part describing a tool call. */
export function toolCallPart({ id, name, args }) {
  const value = { name: String(name ?? '') };
  if (id != null && id !== '') value.id = String(id);
  value.args = args ?? {};
  return data(value, { mediaType: TOOL_CALL_MEDIA_TYPE });
}

/** The data part describing a tool result (`result` is any JSON-like value; a string stays a string). */
export function toolResultPart({ id, name, result, isError }) {
  const value = {};
  if (name != null && name !== '') value.name = String(name);
  if (id != null && id !== '') value.id = String(id);
  value.result = result ?? null;
  if (isError) value.isError = true;
  return data(value, { mediaType: TOOL_RESULT_MEDIA_TYPE });
}

/** Which member of the part's content it is: 'text', 'data', 'raw', 'url' or 'unknown'. */
export function partKind(part) {
  if (part == null || typeof part !== 'object') return 'unknown';
  if (typeof part.content === 'string' && part.content !== '') return part.content; // as decoded from the wire
  if (typeof part.text === 'string') return 'text';
  if (part.data !== undefined) return 'data';
  if (part.raw != null) return 'raw';
  if (part.url != null) return 'url';
  return 'unknown';
}

/** A part marked by its media type, or by AgentX's kind metadata (as the kernel's framework adapters write it). */
const isKind = (part, mediaType, kind) => part.mediaType === mediaType || part.metadata?.[KIND_KEY] === kind;

const isPlainObject = (value) => value != null && typeof value === 'object' && !Array.isArray(value);

/** The tool call a part describes (`{ id, name, args }`), or null. */
export function toolCallOf(part) {
  if (partKind(part) !== 'data' || !isKind(part, TOOL_CALL_MEDIA_TYPE, 'toolCall') || !isPlainObject(part.data)) return null;
  const { id, name, args } = part.data;
  return typeof name === 'string' ? { id: typeof id === 'string' ? id : undefined, name, args: args ?? {} } : null;
}

/** The tool result a part describes (`{ id, name, result, isError }`), or null. */
export function toolResultOf(part) {
  if (partKind(part) !== 'data' || !isKind(part, TOOL_RESULT_MEDIA_TYPE, 'toolResult') || !isPlainObject(part.data)) return null;
  const { id, name, result, isError } = part.data;
  return { id: typeof id === 'string' ? id : undefined, name: typeof name === 'string' ? name : undefined,
    result: result ?? null, isError: isError === true };
}

/** Whether an A2A message was written by the agent (anything else counts as the user's). */
export const isAgentMessage = (message) => message.role === 'ROLE_AGENT' || message.role === 'agent';

/** Where AgentX's adapters keep a framework role beyond user and agent ('system', 'tool'). */
export const SYSTEM_ROLE_KEY = 'agentx.dialect.role';

/** Whether a message is a system prompt (metadata agentx.dialect.role = 'system'). */
export const isSystemMessage = (message) => message.metadata?.[SYSTEM_ROLE_KEY] === 'system';

/**
 * The messages of the conversation a handler answers, oldest first: the task's history (which ends with the
 * message to act on), or just the message when there is no history. Messages without parts are left out.
 */
export function conversationOf(request) {
  const history = Array.isArray(request?.task?.history) ? request.task.history : [];
  const messages = history.filter((message) => message?.parts?.length > 0);
  const message = request?.message;
  if (message?.parts?.length > 0 && messages.at(-1)?.messageId !== message.messageId) messages.push(message);
  return messages;
}

/**
 * Ids of the tool calls that appear in the conversation together with their result. Only those are given to
 * a framework as tool calls: a call without its result (or a result without its call) would be refused by the
 * model providers, so such parts travel as plain data instead.
 */
export function answeredToolCalls(messages) {
  const calls = new Set();
  const results = new Set();
  for (const message of messages) {
    if (!isAgentMessage(message)) continue;
    for (const part of message.parts) {
      const call = toolCallOf(part);
      if (call?.id) calls.add(call.id);
      const result = toolResultOf(part);
      if (result?.id) results.add(result.id);
    }
  }
  return new Set([...calls].filter((id) => results.has(id)));
}

/** A value as JSON text for a model that only reads text. */
export function jsonText(value) {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}

/** Bytes (Buffer, Uint8Array, ArrayBuffer) or a base64 string as a base64 string. */
export function base64Of(raw) {
  if (typeof raw === 'string') return raw;
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('base64');
  if (ArrayBuffer.isView(raw)) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
  throw new TypeError(`not bytes: ${Object.prototype.toString.call(raw)}`);
}

/** What is lost of a part besides its content (its metadata), as a note, or null. */
export function partMetadataNote(part, index) {
  // agentx.kind marks tool parts (AgentX's Java adapters write it): it is carried by the conversion itself
  if (!isPlainObject(part.metadata) || Object.keys(part.metadata).every((key) => key === 'agentx.kind')) return null;
  return { part: index, note: 'part metadata not passed to the model' };
}

/** Message metadata keys the adapters write themselves (where a message came from in the framework). */
const ADAPTER_METADATA_KEYS = new Set(['langchain', 'mastra', CONVERSION_KEY, SYSTEM_ROLE_KEY, 'agentx.dialect.lost']);

/**
 * What is lost of a message besides its parts, as notes: its metadata (but what the adapters wrote themselves),
 * its extensions and its reference task ids.
 */
export function messageNotes(message) {
  const notes = [];
  const metadataKeys = isPlainObject(message.metadata) ? Object.keys(message.metadata) : [];
  if (!metadataKeys.every((key) => ADAPTER_METADATA_KEYS.has(key))) {
    notes.push({ note: 'message metadata not passed to the model' });
  }
  if (message.extensions?.length > 0) notes.push({ note: 'message extensions not passed to the model' });
  if (message.referenceTaskIds?.length > 0) notes.push({ note: 'reference task ids not passed to the model' });
  return notes;
}

/**
 * The note for a data part sent to a model as JSON text: a plain data part, or a tool call / result whose other
 * half is missing from the history.
 */
export function dataAsTextNote(part, index, { call, result }) {
  const what = call ? 'tool call without its result in the history'
    : result ? 'tool result without its call in the history' : 'data part';
  const mediaType = part.mediaType ? ` (media type ${part.mediaType})` : '';
  return { part: index, note: `${what} sent as JSON text${mediaType}` };
}

/** A short sentence summing up conversion notes, for the text of a status message. */
export function notesSummary(notes, what) {
  return `${notes.length} ${notes.length === 1 ? 'item' : 'items'} of ${what} could not be carried over: `
    + notes.map((note) => note.note).join('; ');
}

/**
 * The turn-ending COMPLETED the adapters send: without a message when nothing of the framework's output was
 * lost, else with a note saying what and the notes in its metadata (under `agentx.conversion`).
 */
export function completedWith(outputNotes, framework) {
  if (outputNotes.length === 0) return completed();
  return completed(text(notesSummary(outputNotes, `the ${framework} output`)), {
    metadata: { [CONVERSION_KEY]: { framework, fromFramework: outputNotes } },
  });
}

/**
 * The answer artifact, streamed chunk by chunk: each piece is held back until the next one (or the end) comes,
 * so that the last chunk can say `lastChunk: true`. The first chunk carries the artifact's metadata (the kernel
 * keeps the metadata of the chunk that starts an artifact). The methods return the events to yield.
 */
export class AnswerArtifact {
  #name;
  #metadata;
  #pending = null;
  #sent = 0;

  /** @param {string} name @param {object} [metadata] */
  constructor(name, metadata) {
    this.#name = name;
    this.#metadata = metadata;
  }

  /** Whether any chunk was sent or is waiting. */
  get started() {
    return this.#sent > 0 || this.#pending !== null;
  }

  /** A new piece of the answer (a string, a part or a list of parts). */
  add(content) {
    const events = this.flush();
    this.#pending = content;
    return events;
  }

  /** Sends the piece held back (before a status update, so that the client sees things in order). */
  flush() {
    if (this.#pending === null) return [];
    const event = this.#chunk(this.#pending, false);
    this.#pending = null;
    return [event];
  }

  /** The last chunk; an empty text when nothing is left (the artifact exists even when the model said nothing). */
  end() {
    const event = this.#chunk(this.#pending ?? '', true);
    this.#pending = null;
    return [event];
  }

  #chunk(content, lastChunk) {
    const first = this.#sent === 0;
    this.#sent++;
    const options = { name: this.#name, append: !first, lastChunk };
    if (first && this.#metadata != null) options.metadata = this.#metadata;
    return artifact(content, options);
  }
}

/** The answer artifact's metadata: what the conversion towards the framework lost, if anything. */
export function answerMetadata(framework, inputNotes) {
  return inputNotes.length === 0 ? undefined : { [CONVERSION_KEY]: { framework, toFramework: inputNotes } };
}

/** An abort signal that fires when either fires (the handler's and one the caller passed). */
export function eitherSignal(requestSignal, other) {
  if (other == null || other === requestSignal) return requestSignal;
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([requestSignal, other]);
  const controller = new AbortController(); // Node 20.0–20.2 have no AbortSignal.any
  for (const signal of [requestSignal, other]) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** `option` itself, or what it returns for the request when it is a function. */
export async function resolveOption(option, request) {
  return typeof option === 'function' ? option(request) : option;
}
