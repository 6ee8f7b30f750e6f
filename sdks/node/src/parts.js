// Message parts: the public builders (text, data, file) and the conversions to and from the wire shape.
import { fromStruct, fromValue, toStruct, toValue } from './values.js';

/**
 * A text part.
 * @param {string} value
 * @param {{ metadata?: object }} [options]
 * @returns {{ text: string, metadata?: object }}
 */
export function text(value, options) {
  const part = { text: String(value) };
  if (options?.metadata) part.metadata = options.metadata;
  return part;
}

/**
 * A structured-data part (any JSON-like value).
 * @param {unknown} value
 * @param {{ mediaType?: string, metadata?: object }} [options]
 * @returns {{ data: unknown, mediaType?: string, metadata?: object }}
 */
export function data(value, options) {
  const part = { data: value };
  if (options?.mediaType) part.mediaType = options.mediaType;
  if (options?.metadata) part.metadata = options.metadata;
  return part;
}

/**
 * A file part, by reference (`url`) or inline (`raw`: Buffer, Uint8Array or base64 string).
 * @param {{ url?: string, raw?: Uint8Array|string, mediaType?: string, filename?: string, metadata?: object }} file
 */
export function file({ url, raw, mediaType, filename, metadata } = {}) {
  if ((url == null) === (raw == null)) throw new TypeError('file() needs exactly one of url or raw');
  const part = url != null ? { url: String(url) } : { raw };
  if (mediaType) part.mediaType = mediaType;
  if (filename) part.filename = filename;
  if (metadata) part.metadata = metadata;
  return part;
}

/** One part (a string or a part object) in the wire shape; parts without data or metadata are used as they are. */
function toWirePart(part) {
  if (typeof part === 'string') return { text: part };
  if (part === null || typeof part !== 'object') throw new TypeError(`not a message part: ${String(part)}`);
  const hasData = part.data !== undefined;
  const hasMetadata = part.metadata != null;
  if (!hasData && !hasMetadata) return part;
  const wire = { ...part };
  if (hasData) wire.data = toValue(part.data);
  if (hasMetadata) wire.metadata = toStruct(part.metadata);
  return wire;
}

/**
 * What the event helpers accept as content (a string, a part, or an array of strings and parts) as wire parts;
 * undefined and null give none.
 */
export function toWireParts(content) {
  if (content == null) return [];
  if (typeof content === 'string') return [{ text: content }];
  if (Array.isArray(content)) return content.map(toWirePart);
  return [toWirePart(content)];
}

/** Turns the parts of a decoded message into plain JavaScript (data and metadata become plain values), in place. */
export function naturalizeParts(parts) {
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.content === 'data') part.data = fromValue(part.data);
    if (part.metadata != null) part.metadata = fromStruct(part.metadata);
  }
  return parts;
}

/** Turns a decoded lf.a2a.v1.Message into plain JavaScript, in place. */
export function naturalizeMessage(message) {
  if (message == null) return message;
  naturalizeParts(message.parts);
  if (message.metadata != null) message.metadata = fromStruct(message.metadata);
  return message;
}

/** The text parts of a list of parts joined with "\n". */
export function textOf(parts) {
  let joined;
  for (let i = 0; i < parts.length; i++) {
    const value = parts[i].text;
    if (typeof value !== 'string') continue;
    joined = joined === undefined ? value : `${joined}\n${value}`;
  }
  return joined ?? '';
}
