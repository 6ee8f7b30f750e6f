// One task handed over by the kernel: runs its handler and turns what it yields or returns into TaskEvents.
import { randomUUID } from 'node:crypto';
import { PluginEvent, TaskState, completed } from './events.js';
import { data, toWireParts } from './parts.js';
import { loadProtocol } from './proto.js';
import { ABORT } from './request.js';
import { toStruct } from './values.js';

const MAX_REASON_LENGTH = 4096;
const noop = () => {};

const isThenable = (value) => value != null && typeof value.then === 'function';
const isIterator = (value) => value != null && typeof value.next === 'function'
  && (typeof value[Symbol.asyncIterator] === 'function' || typeof value[Symbol.iterator] === 'function');
const isPart = (value) => 'text' in value || 'data' in value || 'raw' in value || 'url' in value;

/** What a handler's return value means when it did not end its turn itself. */
function finalEvent(result) {
  if (result instanceof PluginEvent) return result;
  if (result == null) return completed();
  if (typeof result === 'string' || Array.isArray(result)) return completed(result);
  if (typeof result === 'object') return completed(isPart(result) ? result : data(result));
  return completed(String(result));
}

/** A cheap upper bound of the encoded size of some wire parts (Infinity when it cannot tell without encoding). */
function roughSize(parts) {
  let size = 0;
  for (const part of parts) {
    if (typeof part.text === 'string') size += part.text.length * 3;
    else if (part.raw != null) size += part.raw.length;
    else if (typeof part.url === 'string') size += part.url.length * 3;
    else return Infinity;
  }
  return size;
}

/** Bytes an event takes beyond its parts and its ids (field tags, lengths, state, message id…), rounded up. */
const EVENT_OVERHEAD = 256;

/**
 * The run of one task's handler. `sink(run, pluginMessage, size)` returns true, or a promise when the writer is
 * full; `size` is an upper bound of the message's encoded bytes (Infinity when it cannot tell cheaply).
 */
export class TaskRun {
  /** Set once the plugin's turn on the task is over (turn-ending event sent, canceled or dropped). */
  ended = false;
  /** Events waiting for a session (managed by the plugin); null when none are waiting. */
  backlog = null;
  /** Set when the task was forgotten without a word: nothing of it is to be sent any more. */
  dropped = false;
  #sentAny = false;
  #artifactIds;

  /**
   * @param {import('./request.js').TaskRequest} request
   * @param {Function} handler  the agent's handler
   * @param {(run: TaskRun, message: object, size: number) => true | Promise<void>} sink
   * @param {{ maxMessageBytes: number }} limits  the kernel's limits (updated on each Welcome)
   * @param {object} logger
   */
  constructor(request, handler, sink, limits, logger) {
    this.request = request;
    this.id = request.taskId;
    this.#handler = handler;
    this.#sink = sink;
    this.#limits = limits;
    this.#logger = logger;
  }

  #handler;
  #sink;
  #limits;
  #logger;

  /** Runs the handler to its end; never rejects. */
  async run() {
    try {
      let result = this.#handler(this.request);
      if (isIterator(result)) result = await this.#iterate(result);
      else if (isThenable(result)) result = await result;
      if (this.ended) return;
      const last = finalEvent(result);
      const sent = this.#emit(last);
      if (!this.ended) {
        if (sent !== true) await sent;
        this.#emit(completed());
      }
    } catch (error) {
      if (this.ended) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.#logger.error(`task ${this.id} failed: ${reason}`, error);
      this.#endWith(TaskState.FAILED, reason || 'the agent failed');
    }
  }

  /** The kernel canceled the task: abort the handler and answer CANCELED, unless the turn already ended. */
  cancel() {
    if (this.ended) return;
    this.#endWith(TaskState.CANCELED);
    this.request[ABORT]();
  }

  /** Ends the task with FAILED (e.g. the plugin stops), unless the turn already ended. */
  fail(reason) {
    if (this.ended) return;
    this.#endWith(TaskState.FAILED, reason);
    this.request[ABORT]();
  }

  /** Forgets the task without a word (the kernel no longer knows it). */
  drop() {
    this.ended = true;
    this.dropped = true;
    this.backlog = null;
    this.request[ABORT]();
  }

  async #iterate(iterator) {
    let step = { done: false, value: undefined };
    try {
      step = await iterator.next();
      while (!step.done && !this.ended) {
        const event = step.value;
        if (!(event instanceof PluginEvent)) {
          throw new TypeError('a handler yields events made with working(), artifact(), completed()… '
            + `(got ${event === null ? 'null' : typeof event})`);
        }
        const sent = this.#emit(event);
        if (sent !== true) await sent;
        if (this.ended) break;
        step = await iterator.next();
      }
    } finally {
      if (!step.done) {
        try {
          const closing = iterator.return?.();
          if (isThenable(closing)) closing.then(noop, noop);
        } catch { /* the handler's own cleanup failed; the task is over anyway */ }
      }
    }
    return step.done ? step.value : undefined;
  }

  #emit(event) {
    const parts = toWireParts(event.content);
    let message;
    if (event.kind === 'status') {
      message = this.#status(event.state, parts, event.options);
    } else if (event.kind === 'artifact') {
      message = this.#artifact(parts, event.options ?? {});
    } else if (event.kind === 'reply') {
      if (this.#sentAny) throw new Error('reply() must be the first and only event of a task');
      message = { event: { taskId: this.id, reply: this.#agentMessage(parts, event.options, false) } };
    } else {
      throw new TypeError(`unknown event kind ${event.kind}`);
    }
    this.#checkSize(parts, message);
    this.#sentAny = true;
    if (event.endsTurn) this.ended = true;
    return this.#sink(this, message, this.#sizeBound(parts, event.options));
  }

  #endWith(state, reason) {
    const parts = reason === undefined ? [] : [{ text: String(reason).slice(0, MAX_REASON_LENGTH) }];
    this.ended = true;
    this.#sink(this, this.#status(state, parts, undefined), this.#sizeBound(parts, undefined));
  }

  /** An upper bound of an event's encoded size from its parts and options; Infinity with metadata or data parts. */
  #sizeBound(parts, options) {
    if (options?.metadata != null) return Infinity;
    const strings = this.id.length + this.request.contextId.length + (options?.artifactId?.length ?? 36)
      + (options?.name?.length ?? 0) + (options?.description?.length ?? 0);
    return roughSize(parts) + 3 * strings + EVENT_OVERHEAD;
  }

  #status(state, parts, options) {
    const status = parts.length === 0 && options?.metadata == null
      ? { state }
      : { state, message: this.#agentMessage(parts, options, true) };
    return { event: { taskId: this.id, status } };
  }

  #artifact(parts, options) {
    const name = options.name ?? '';
    const artifactId = options.artifactId ?? this.#artifactIdFor(name, options.append === true);
    const artifact = { artifactId, name, description: options.description ?? '', parts };
    if (options.metadata != null) artifact.metadata = toStruct(options.metadata);
    return {
      event: {
        taskId: this.id,
        artifact: { artifact, append: options.append === true, lastChunk: options.lastChunk === true },
      },
    };
  }

  /** A continuing chunk reuses the latest id given to an artifact of that name; anything else gets a new one. */
  #artifactIdFor(name, append) {
    this.#artifactIds ??= new Map();
    let id = append ? this.#artifactIds.get(name) : undefined;
    if (id === undefined) {
      id = randomUUID();
      this.#artifactIds.set(name, id);
    }
    return id;
  }

  #agentMessage(parts, options, withTaskId) {
    const message = {
      messageId: randomUUID(),
      contextId: this.request.contextId,
      taskId: withTaskId ? this.id : '',
      role: 'ROLE_AGENT',
      parts,
    };
    if (options?.metadata != null) message.metadata = toStruct(options.metadata);
    return message;
  }

  /** Refuses an event the kernel would not accept (it would end the whole session with RESOURCE_EXHAUSTED). */
  #checkSize(parts, message) {
    const limit = this.#limits.maxMessageBytes;
    if (!limit || roughSize(parts) <= limit / 2) return;
    const size = loadProtocol().PluginService.service.Connect.requestSerialize(message).length;
    if (size > limit) {
      throw new RangeError(`an event of about ${size} bytes exceeds the kernel's max_message_bytes (${limit})`);
    }
  }
}
