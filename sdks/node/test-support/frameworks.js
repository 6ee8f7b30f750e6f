// Helpers for the framework adapter tests: A2A messages as the kernel sends them, and views of what the plugin
// sent back (the answer artifact's chunks, the data parts of status updates).
import { toWireParts } from '../src/parts.js';
import { fromStruct, fromValue, toStruct } from '../src/values.js';

/** An lf.a2a.v1.Message in the wire shape, from parts written with the SDK's helpers (text(), data(), file()). */
export function wireMessage(messageId, role, parts, { contextId = 'ctx-1', taskId = 't1', metadata } = {}) {
  const message = { messageId, contextId, taskId, role, parts: toWireParts(parts) };
  if (metadata) message.metadata = toStruct(metadata);
  return message;
}

/**
 * What kernelSide.execute() needs to hand over a task whose history is `history` (its last message being the
 * message to act on).
 */
export function taskWith(taskId, history, { contextId = 'ctx-1', state = 'TASK_STATE_INPUT_REQUIRED' } = {}) {
  const message = history.at(-1);
  return {
    taskId, contextId, parts: message.parts,
    task: { id: taskId, contextId, status: { state }, history },
    message,
  };
}

/** The artifact chunks among a task's events: `{ artifactId, name, append, lastChunk, parts, metadata }`. */
export function artifactChunks(events) {
  return events.filter((event) => event.event === 'artifact').map(({ artifact: update }) => ({
    artifactId: update.artifact.artifactId,
    name: update.artifact.name,
    append: update.append,
    lastChunk: update.lastChunk,
    parts: update.artifact.parts.map(plainPart),
    metadata: fromStruct(update.artifact.metadata),
  }));
}

/** The text of the answer: the text parts of all the artifact chunks, concatenated. */
export const answerText = (events) => artifactChunks(events)
  .flatMap((chunk) => chunk.parts).map((part) => part.text ?? '').join('');

/** A decoded part as plain JavaScript: `{ text }`, `{ data, mediaType }`, `{ url | raw, mediaType, filename }`. */
export function plainPart(part) {
  const plain = {};
  if (part.content === 'text') plain.text = part.text;
  if (part.content === 'data') plain.data = fromValue(part.data);
  if (part.content === 'url') plain.url = part.url;
  if (part.content === 'raw') plain.raw = Buffer.from(part.raw).toString('base64');
  if (part.mediaType) plain.mediaType = part.mediaType;
  if (part.filename) plain.filename = part.filename;
  if (part.metadata) plain.metadata = fromStruct(part.metadata);
  return plain;
}

/** The status updates among a task's events: `{ state, parts, metadata }` (state without its TASK_STATE_ prefix). */
export function statusUpdates(events) {
  return events.filter((event) => event.event === 'status').map(({ status }) => ({
    state: status.state.replace('TASK_STATE_', ''),
    parts: (status.message?.parts ?? []).map(plainPart),
    metadata: fromStruct(status.message?.metadata ?? null),
  }));
}

/** What the plugin sent for a task, in order, compactly: "WORKING", "artifact", "COMPLETED"… */
export const eventKinds = (events) => events.map((event) => (event.event === 'status'
  ? event.status.state.replace('TASK_STATE_', '') : event.event));
