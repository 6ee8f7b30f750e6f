// One Connect stream to the kernel: Hello, Welcome, the kernel's requests, heartbeats and liveness.
import grpc from '@grpc/grpc-js';

/** Heartbeat period when the kernel's Welcome does not name one. */
const DEFAULT_HEARTBEAT_MILLIS = 10_000;
/** Silent heartbeat periods after which the stream is considered dead. */
const SILENT_PERIODS = 3;
/** The most events one EventBatch carries, and the most bytes of them (well below the kernel's message limit). */
const MAX_BATCH_EVENTS = 64;
const MAX_BATCH_BYTES = 1024 * 1024;

/**
 * @typedef {object} SessionListener
 * @property {(session: Session, welcome: object) => void} welcome
 * @property {(execute: object) => void} execute
 * @property {(cancel: object) => void} cancel
 * @property {(error: object) => void} protocolError
 * @property {(session: Session, unsent: Array<{ run: object, message: object }>) => void} closed  called
 *   synchronously when the stream is over, with the events still waiting for their batch (in order)
 *
 * @typedef {object} SessionOutcome
 * @property {boolean} welcomed   whether the kernel answered with a Welcome
 * @property {{ code: number, details: string }} status  the status that ended the stream
 * @property {string} [silence]   why the SDK gave up on the stream, when it did (no Welcome, no heartbeat)
 */
export class Session {
  #client;
  #listener;
  #logger;
  #welcomeTimeoutMillis;
  #call = null;
  #welcomed = false;
  #over = false;
  #silence;
  #heard = 0;
  #heartbeatTimer;
  #welcomeTimer;
  #drained = null;
  #resolveDrained = null;
  #resolveOutcome;
  /** Whether the kernel accepts EventBatch messages (its Welcome says so). */
  #batches = false;
  #batchLimit = MAX_BATCH_BYTES;
  /** Events waiting to go out together at the end of this turn of the event loop: { run, message, size }. */
  #pending = [];
  #pendingBytes = 0;
  #flushScheduled = false;

  /** Resolves with the SessionOutcome once the stream is over. */
  outcome;

  /**
   * @param {object} client  a PluginService client
   * @param {SessionListener} listener
   * @param {object} logger
   * @param {number} [welcomeTimeoutMillis]  how long to wait for the Welcome before giving up on the stream
   */
  constructor(client, listener, logger, welcomeTimeoutMillis = 15_000) {
    this.#client = client;
    this.#listener = listener;
    this.#logger = logger;
    this.#welcomeTimeoutMillis = welcomeTimeoutMillis;
    this.outcome = new Promise((resolve) => { this.#resolveOutcome = resolve; });
  }

  /** Opens the stream and sends the Hello; returns `outcome`. */
  open(hello) {
    const call = this.#client.Connect();
    this.#call = call;
    call.on('data', (message) => this.#receive(message));
    call.on('drain', () => this.#releaseWriters());
    call.on('error', () => { /* the 'status' event carries the same information */ });
    call.on('status', (status) => this.#ended(status));
    this.#welcomeTimer = setTimeout(() => this.#giveUp('no Welcome from the kernel'), this.#welcomeTimeoutMillis);
    call.write({ hello });
    return this.outcome;
  }

  /**
   * Sends a PluginMessage. Returns true, or a promise that settles when the writer has room again (or the stream
   * is over): callers that produce many messages wait for it.
   *
   * When the kernel accepts event batches, a task event of at most `size` bytes (an upper bound; Infinity when
   * unknown) waits for the end of the current turn of the event loop and goes out with the other events produced
   * in that turn, in order, as one EventBatch: one write instead of one per event. `run` is the task it belongs
   * to, handed back to the listener if the stream ends before the batch was written.
   */
  write(message, run = null, size = Infinity) {
    if (this.#over) return true;
    if (this.#batches && message.event !== undefined && size <= this.#batchLimit) {
      if (this.#pendingBytes + size > this.#batchLimit) this.#flush();
      this.#pending.push({ run, message, size });
      this.#pendingBytes += size;
      if (this.#pending.length >= MAX_BATCH_EVENTS) this.#flush();
      else if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(this.#flushLater);
      }
      return this.#drained ?? true;
    }
    this.#flush();
    return this.#send(message);
  }

  #send(message) {
    if (this.#call.write(message)) return true;
    this.#drained ??= new Promise((resolve) => { this.#resolveDrained = resolve; });
    return this.#drained;
  }

  #flushLater = () => {
    this.#flushScheduled = false;
    this.#flush();
  };

  /** Writes the waiting events: one alone as it is, several as one EventBatch. */
  #flush() {
    const pending = this.#pending;
    if (pending.length === 0 || this.#over) return;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#send(pending.length === 1 ? pending[0].message
      : { events: { events: pending.map((entry) => entry.message.event) } });
  }

  /** Half-closes the stream (no more messages from the plugin); the kernel then ends it. */
  end() {
    clearInterval(this.#heartbeatTimer);
    this.#flush();
    if (!this.#over) this.#call.end();
  }

  /** Abandons the stream at once. */
  cancel() {
    if (!this.#over) this.#call.cancel();
  }

  #receive(message) {
    this.#heard++;
    switch (message.kind) {
      case 'execute': this.#listener.execute(message.execute); break;
      case 'cancel': this.#listener.cancel(message.cancel); break;
      case 'heartbeat': break;
      case 'welcome': this.#welcome(message.welcome); break;
      case 'error': this.#listener.protocolError(message.error); break;
      default: this.#logger.debug(`ignoring a kernel message of unknown kind ${message.kind}`);
    }
  }

  #welcome(welcome) {
    if (this.#welcomed) {
      this.#logger.warn('ignoring a second Welcome on the same stream');
      return;
    }
    this.#welcomed = true;
    clearTimeout(this.#welcomeTimer);
    this.#batches = welcome.acceptsEventBatches === true;
    if (welcome.maxMessageBytes > 0) this.#batchLimit = Math.min(MAX_BATCH_BYTES, welcome.maxMessageBytes / 2);
    const period = welcome.heartbeatIntervalMillis || DEFAULT_HEARTBEAT_MILLIS;
    let heardAtLastBeat = this.#heard;
    let silentPeriods = 0;
    this.#heartbeatTimer = setInterval(() => {
      if (this.#heard !== heardAtLastBeat) {
        heardAtLastBeat = this.#heard;
        silentPeriods = 0;
      } else if (++silentPeriods >= SILENT_PERIODS) {
        this.#giveUp(`nothing heard from the kernel for ${SILENT_PERIODS} heartbeat intervals (${period} ms each)`);
        return;
      }
      this.#call.write({ heartbeat: { sentAtMillis: Date.now() } });
    }, period);
    this.#listener.welcome(this, welcome);
  }

  #giveUp(why) {
    if (this.#over) return;
    this.#silence = why;
    this.#call.cancel();
  }

  #releaseWriters() {
    const resolve = this.#resolveDrained;
    this.#drained = null;
    this.#resolveDrained = null;
    resolve?.();
  }

  #ended(status) {
    if (this.#over) return;
    this.#over = true;
    clearTimeout(this.#welcomeTimer);
    clearInterval(this.#heartbeatTimer);
    const unsent = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#listener.closed(this, unsent);
    this.#releaseWriters();
    const outcome = { welcomed: this.#welcomed, status: { code: status.code, details: status.details ?? '' } };
    if (this.#silence !== undefined) outcome.silence = this.#silence;
    this.#resolveOutcome(outcome);
  }
}

/** The name of a gRPC status code, e.g. "UNAVAILABLE". */
export function statusName(code) {
  return grpc.status[code] ?? String(code);
}
