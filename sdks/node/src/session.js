// One Connect stream to the kernel: Hello, Welcome, the kernel's requests, heartbeats and liveness.
import grpc from '@grpc/grpc-js';

/** Heartbeat period when the kernel's Welcome does not name one. */
const DEFAULT_HEARTBEAT_MILLIS = 10_000;
/** Silent heartbeat periods after which the stream is considered dead. */
const SILENT_PERIODS = 3;

/**
 * @typedef {object} SessionListener
 * @property {(session: Session, welcome: object) => void} welcome
 * @property {(execute: object) => void} execute
 * @property {(cancel: object) => void} cancel
 * @property {(error: object) => void} protocolError
 * @property {(session: Session) => void} closed  called synchronously when the stream is over
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
   */
  write(message) {
    if (this.#over) return true;
    if (this.#call.write(message)) return true;
    this.#drained ??= new Promise((resolve) => { this.#resolveDrained = resolve; });
    return this.#drained;
  }

  /** Half-closes the stream (no more messages from the plugin); the kernel then ends it. */
  end() {
    clearInterval(this.#heartbeatTimer);
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
    this.#listener.closed(this);
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
