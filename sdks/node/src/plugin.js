// The Plugin: declared agents, the connection loop to the kernel, the running tasks and graceful shutdown.
import { constants as osConstants } from 'node:os';
import grpc from '@grpc/grpc-js';
import { Backoff } from './backoff.js';
import { agentRegistration, validateAgent } from './card.js';
import { completeLogger } from './logger.js';
import { loadProtocol } from './proto.js';
import { TaskRequest } from './request.js';
import { Session, statusName } from './session.js';
import { TaskRun } from './task.js';
import { kernelChannel } from './tls.js';

/** The SDK as it names itself in Hello.sdk. */
export const SDK_NAME = 'agentx-plugin-node/0.1.0';

/** Events kept per task while disconnected; one more fails the task. */
const MAX_BACKLOG_PER_TASK = 1000;
/** How long a graceful stop waits for the kernel to close the stream after the plugin half-closed it. */
const CLOSE_WAIT_MILLIS = 2000;

/** Stream endings that reconnecting cannot fix. */
const PERMANENT_FAILURES = new Map([
  [grpc.status.UNAUTHENTICATED, 'the kernel refused the plugin token (check AGENTX_PLUGIN_TOKEN)'],
  [grpc.status.INVALID_ARGUMENT, 'the kernel refused the Hello (check the agent declarations)'],
]);

const noop = () => {};

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** The exit code of a process killed by a signal. */
const signalExitCode = (signal) => 128 + (osConstants.signals[signal] ?? 1);

/**
 * Under AgentX's supervisor (AGENTX_PLUGIN_LIFELINE=stdin) stdin is a pipe that ends only when AgentX's process
 * does, even when it is killed and cannot stop the plugin: then `onEnd` runs. Returns what stops watching.
 */
function watchLifeline(onEnd) {
  if (process.env.AGENTX_PLUGIN_LIFELINE !== 'stdin') return noop;
  const stdin = process.stdin;
  stdin.on('end', onEnd);
  stdin.on('error', onEnd);
  stdin.resume(); // read (and drop) whatever comes, so that its end is seen
  return () => {
    stdin.off('end', onEnd);
    stdin.off('error', onEnd);
    stdin.destroy(); // nothing left to keep the process alive
  };
}

/**
 * An AgentX plugin: declares agents, connects to the kernel and serves their tasks.
 *
 * @example
 * const plugin = new Plugin({ name: 'node-echo' });
 * plugin.agent({ id: 'node-echo', name: 'Node echo' }, async (request) => reply(request.text));
 * await plugin.run();
 */
export class Plugin {
  #channel;
  #url;
  #token;
  #name;
  #shutdownGraceMillis;
  #logger;
  #agents = new Map();
  #tasks = new Map();
  #limits = { maxMessageBytes: 0 };
  #backoff = new Backoff();
  #client = null;
  #session = null;
  #live = null;
  #sessionId = '';
  #loop = null;
  #firstWelcome = deferred();
  #stopping = false;
  #finished = false;
  #stopped = null;
  #idle = null;
  #wake = null;

  /**
   * @param {object} [options]
   * @param {string} [options.url]    the kernel (default: AGENTX_PLUGIN_URL, else 127.0.0.1:8090): "host:port" or
   *        "http://host:port" in plaintext, "https://host:port" over TLS
   * @param {import('./tls.js').TlsOptions} [options.tls]  TLS settings, only with an https URL: `ca`, `cert`, `key`
   *        (PEM contents: strings or Buffers) and `serverName`; each defaults to AGENTX_PLUGIN_TLS_CA,
   *        AGENTX_PLUGIN_TLS_CERT, AGENTX_PLUGIN_TLS_KEY (paths of PEM files), AGENTX_PLUGIN_TLS_SERVER_NAME
   * @param {string} [options.token]  plugin token (default: AGENTX_PLUGIN_TOKEN)
   * @param {string} [options.name]   plugin name (default: AGENTX_PLUGIN_NAME, else the first agent's id)
   * @param {{debug?: Function, info?: Function, warn?: Function, error?: Function} | false} [options.logger]
   *        where the SDK logs (default: stderr; false: nowhere)
   * @param {number} [options.shutdownGraceMillis]  how long stop() lets running handlers finish (default 5000)
   * @throws {Error} naming the setting (and file) at fault when the TLS settings are unusable: a file that cannot
   *        be read or is not PEM, a certificate without its key or the reverse, TLS settings with a plaintext URL
   */
  constructor(options = {}) {
    const env = process.env;
    this.#channel = kernelChannel(options.url ?? env.AGENTX_PLUGIN_URL ?? '127.0.0.1:8090', options.tls, env);
    this.#url = this.#channel.display;
    this.#token = options.token ?? env.AGENTX_PLUGIN_TOKEN ?? '';
    this.#name = options.name ?? env.AGENTX_PLUGIN_NAME ?? '';
    this.#shutdownGraceMillis = options.shutdownGraceMillis ?? 5000;
    this.#logger = completeLogger(options.logger);
  }

  /**
   * Declares an agent and its handler. The handler gets a request and is either an async generator function
   * that yields events (working(), artifact(), …) and may return the final answer, or an async function that
   * returns it: a string (COMPLETED with that text), parts, an event such as reply() or failed(), or nothing.
   *
   * @param {import('./card.js').AgentDeclaration} declaration
   * @param {(request: TaskRequest) => AsyncIterable<object> | Promise<unknown> | unknown} handler
   * @returns {this}
   */
  agent(declaration, handler) {
    if (this.#loop !== null) throw new Error('declare agents before start()');
    validateAgent(declaration);
    if (typeof handler !== 'function') throw new TypeError(`agent ${declaration.id}: the handler must be a function`);
    if (this.#agents.has(declaration.id)) throw new Error(`agent ${declaration.id} is declared twice`);
    this.#agents.set(declaration.id, { registration: agentRegistration(declaration), handler });
    return this;
  }

  /**
   * Connects to the kernel and serves; resolves once the first Welcome arrived. Rejects when the kernel refuses
   * the plugin for good (bad token, invalid Hello) or stop() is called first. Reconnects on its own afterwards.
   * @returns {Promise<void>}
   */
  start() {
    if (this.#loop === null) {
      if (this.#stopping) return Promise.reject(new Error('the plugin was stopped'));
      if (this.#agents.size === 0) return Promise.reject(new Error('declare at least one agent before start()'));
      const { PluginService } = loadProtocol();
      const { target, credentials, options } = this.#channel;
      this.#client = new PluginService(target, credentials, {
        ...options,
        'grpc.max_receive_message_length': -1,
        'grpc.max_send_message_length': -1,
        'grpc.initial_reconnect_backoff_ms': 250,
        'grpc.max_reconnect_backoff_ms': 10_000,
        'grpc.enable_retries': 0,
      });
      this.#loop = this.#connectLoop();
      this.#loop.catch(noop); // reported through run() and start(); never an unhandled rejection
      this.#firstWelcome.promise.catch(noop);
    }
    return this.#firstWelcome.promise;
  }

  /**
   * Serves until SIGTERM or SIGINT, then stops gracefully (a second signal exits at once). Resolves after the
   * graceful stop; rejects when the kernel refuses the plugin for good.
   * @returns {Promise<void>}
   */
  async run() {
    const onSignal = (signal) => {
      if (this.#stopping) {
        this.#logger.warn(`${signal} received again: exiting at once`);
        process.exit(signalExitCode(signal));
      }
      this.#logger.info(`${signal} received: stopping (send it again to exit at once)`);
      this.stop().catch(noop);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const unwatch = watchLifeline(() => {
      this.#logger.warn('stdin ended: the AgentX process that started this plugin is gone; stopping');
      this.stop().catch(noop);
    });
    try {
      const started = this.start();
      if (this.#loop === null) await started; // could not even start
      await this.#loop;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      unwatch();
    }
  }

  /**
   * Stops gracefully: running handlers get up to shutdownGraceMillis to finish and send their events (new tasks
   * are refused meanwhile), those still running then fail, and the stream is half-closed.
   * @returns {Promise<void>}
   */
  stop() {
    this.#stopped ??= this.#shutdown();
    return this.#stopped;
  }

  async #shutdown() {
    this.#stopping = true;
    if (this.#loop === null) {
      this.#firstWelcome.reject(new Error('the plugin was stopped before it started'));
      return;
    }
    if (this.#tasks.size > 0) {
      this.#idle = deferred();
      let timer;
      const grace = new Promise((resolve) => { timer = setTimeout(resolve, this.#shutdownGraceMillis); });
      await Promise.race([this.#idle.promise, grace]);
      clearTimeout(timer);
    }
    for (const run of [...this.#tasks.values()]) run.fail('the plugin stopped before the task finished');
    this.#finished = true;
    this.#wake?.();
    const session = this.#session;
    if (session !== null) {
      if (this.#live === session) {
        this.#live = null;
        session.end();
        let timer;
        const patience = new Promise((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT_MILLIS); });
        await Promise.race([session.outcome, patience]);
        clearTimeout(timer);
      }
      session.cancel();
    }
    await this.#loop.catch(noop);
  }

  async #connectLoop() {
    let failures = 0;
    try {
      while (!this.#finished) {
        const session = new Session(this.#client, this.#listener, this.#logger);
        this.#session = session;
        const outcome = await session.open(this.#hello());
        this.#session = null;
        if (this.#finished) break;
        const { code, details } = outcome.status;
        const permanent = PERMANENT_FAILURES.get(code);
        if (permanent !== undefined) {
          throw new Error(`AgentX refused plugin "${this.#pluginName()}" at ${this.#url}: ${permanent} `
            + `[${statusName(code)}: ${details}]`);
        }
        if (outcome.welcomed) {
          this.#backoff.reset();
          failures = 0;
        }
        const delay = this.#backoff.next();
        const why = outcome.silence ?? `${statusName(code)}: ${details}`;
        const hint = outcome.welcomed ? '' : this.#channel.hint(details);
        const log = failures++ % 10 === 0 ? this.#logger.warn : this.#logger.debug;
        log(`${outcome.welcomed ? 'lost the stream to' : 'cannot connect to'} the kernel at ${this.#url} (${why})`
          + `${hint}; retrying in ${delay} ms`);
        await this.#pause(delay);
      }
    } catch (error) {
      this.#logger.error(error.message);
      for (const run of this.#tasks.values()) run.drop();
      this.#tasks.clear();
      this.#firstWelcome.reject(error);
      throw error;
    } finally {
      this.#client.close();
    }
    this.#firstWelcome.reject(new Error('the plugin was stopped before it connected'));
  }

  #pause(millis) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, millis);
      this.#wake = () => { clearTimeout(timer); resolve(); };
    });
  }

  #pluginName() {
    return this.#name || this.#agents.keys().next().value;
  }

  #hello() {
    const resuming = this.#sessionId !== '';
    return {
      token: this.#token,
      pluginName: this.#pluginName(),
      sdk: SDK_NAME,
      agents: Array.from(this.#agents.values(), (agent) => agent.registration),
      resumeSession: this.#sessionId,
      resumeTaskIds: resuming ? [...this.#tasks.keys()] : [],
    };
  }

  /** What the session reports. */
  #listener = {
    welcome: (session, welcome) => this.#welcomed(session, welcome),
    execute: (execute) => this.#execute(execute),
    cancel: (cancel) => this.#tasks.get(cancel.taskId)?.cancel(),
    protocolError: (error) => this.#logger.warn(`the kernel refused something: ${error.code}: ${error.message}`
      + (error.taskId ? ` (task ${error.taskId})` : '')),
    closed: (session, unsent) => {
      if (this.#live === session) this.#live = null;
      this.#keepForNextSession(unsent);
    },
  };

  #welcomed(session, welcome) {
    const resumed = this.#sessionId !== '' && this.#sessionId === welcome.sessionId;
    this.#sessionId = welcome.sessionId;
    this.#limits.maxMessageBytes = welcome.maxMessageBytes;
    for (const id of welcome.unknownTaskIds) {
      const run = this.#tasks.get(id);
      if (run !== undefined) {
        run.drop();
        this.#forget(run);
      }
    }
    // Events produced while disconnected go first, in order, before anything new.
    for (const run of this.#tasks.values()) {
      if (run.backlog === null) continue;
      const backlog = run.backlog;
      run.backlog = null;
      for (const message of backlog) session.write(message);
      if (run.ended) this.#forget(run);
    }
    this.#live = session;
    this.#logger.info(`${resumed ? 'resumed' : 'connected to the kernel at'} ${this.#url} `
      + `(session ${welcome.sessionId}, ${this.#agents.size} agent(s))`);
    this.#firstWelcome.resolve();
  }

  #execute(execute) {
    const request = new TaskRequest(execute);
    const agent = this.#agents.get(execute.agentId);
    const handler = agent?.handler ?? (() => { throw new Error(`this plugin has no agent "${execute.agentId}"`); });
    const run = new TaskRun(request, handler, this.#deliver, this.#limits, this.#logger);
    const previous = this.#tasks.get(run.id);
    if (previous !== undefined) previous.drop();
    this.#tasks.set(run.id, run);
    if (this.#stopping) run.fail('the plugin is shutting down');
    else run.run();
  }

  /** Sends a task's event now, or keeps it for the next session when there is no stream. */
  #deliver = (run, message, size) => {
    if (this.#tasks.get(run.id) !== run) return true; // dropped meanwhile
    const session = this.#live;
    if (session !== null && run.backlog === null) {
      if (run.ended) this.#forget(run);
      return session.write(message, run, size);
    }
    const backlog = (run.backlog ??= []);
    if (backlog.length < MAX_BACKLOG_PER_TASK) {
      backlog.push(message);
    } else if (!run.ended) {
      this.#logger.warn(`task ${run.id}: more than ${MAX_BACKLOG_PER_TASK} events while disconnected; failing it`);
      run.fail(`more than ${MAX_BACKLOG_PER_TASK} events piled up while the plugin was disconnected`);
    } else if (backlog.length === MAX_BACKLOG_PER_TASK) {
      backlog.push(message); // the FAILED that ends an overflowing task
    }
    return true;
  };

  /** Events a closed session had not written yet go first in their tasks' backlogs, for the next session. */
  #keepForNextSession(unsent) {
    for (const { run, message } of unsent) {
      if (run === null || run.dropped) continue;
      if (this.#tasks.get(run.id) !== run) this.#tasks.set(run.id, run); // its turn-ending event is not out yet
      (run.backlog ??= []).push(message);
    }
  }

  #forget(run) {
    if (this.#tasks.get(run.id) === run) this.#tasks.delete(run.id);
    if (this.#tasks.size === 0) this.#idle?.resolve();
  }
}
