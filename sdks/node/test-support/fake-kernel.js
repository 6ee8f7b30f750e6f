// A fake AgentX kernel for the tests: a real gRPC server implementing PluginService.Connect from the shipped
// protos, recording what the plugin sends and letting the test drive the stream.
import { EventEmitter, once } from 'node:events';
import grpc from '@grpc/grpc-js';
import { loadProtocol } from '../src/proto.js';

export const GOOD_TOKEN = 'good-token';
const TERMINAL = new Set([
  'TASK_STATE_COMPLETED', 'TASK_STATE_FAILED', 'TASK_STATE_CANCELED', 'TASK_STATE_REJECTED',
  'TASK_STATE_INPUT_REQUIRED', 'TASK_STATE_AUTH_REQUIRED',
]);

/** Waits for `promise` at most `millis`, failing with a message naming what was awaited. */
export function within(promise, millis, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${millis} ms waiting for ${what}`)), millis);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** One Connect stream as the kernel sees it. */
export class KernelConnection extends EventEmitter {
  /**
   * Everything the plugin sent after its Hello (PluginMessages), in order; the events of an EventBatch appear here
   * one by one, as if sent alone (its size is in `batches`).
   */
  messages = [];
  /** The events of each EventBatch the plugin sent, in order. */
  batches = [];
  /** How many PluginMessages the plugin sent after its Hello (an EventBatch counts once). */
  received = 0;
  hello = null;
  /** Set when the plugin half-closed its side. */
  clientEnded = false;
  /** Set when the call is over (either side). */
  over = false;

  constructor(call, index) {
    super();
    this.call = call;
    this.index = index;
    this.closed = new Promise((resolve) => {
      const done = () => { this.over = true; resolve(); };
      call.on('end', () => {
        this.clientEnded = true;
        this.messagesBeforeClientEnd = this.messages.length;
        this.emit('client-end');
        if (!this.over) call.end(); // a well-behaved kernel closes its side too
      });
      call.on('cancelled', done);
      call.on('finish', done);
      call.on('close', done);
      call.on('error', done);
    });
  }

  record(message) {
    this.messages.push(message);
    this.emit('message', message);
  }

  welcome(fields = {}) {
    this.messagesBeforeWelcome = this.messages.length;
    this.call.write({
      welcome: {
        sessionId: `session-${this.index}`,
        heartbeatIntervalMillis: 60_000,
        maxConcurrentTasks: 64,
        maxMessageBytes: 4 * 1024 * 1024,
        resumeGraceMillis: 30_000,
        unknownTaskIds: [],
        ...fields,
      },
    });
  }

  /** Hands over a task whose message has the given text (or parts). */
  execute({ taskId, agentId, text = '', parts, contextId = `ctx-${taskId}`, ...rest }) {
    const message = {
      messageId: `m-${taskId}`, contextId, taskId, role: 'ROLE_USER', parts: parts ?? [{ text }],
    };
    this.call.write({
      execute: {
        agentId,
        task: { id: taskId, contextId, status: { state: 'TASK_STATE_SUBMITTED' }, history: [message] },
        message,
        streaming: true,
        ...rest,
      },
    });
  }

  cancel(taskId, agentId = '') { this.call.write({ cancel: { taskId, agentId } }); }
  heartbeat() { this.call.write({ heartbeat: { sentAtMillis: Date.now() } }); }
  protocolError(fields) { this.call.write({ error: fields }); }
  /** Ends the stream with an error status. */
  fail(code, details) { this.call.emit('error', { code, details }); }
  /** Ends the stream with OK. */
  finish() { this.call.end(); }

  /** The TaskEvents of a task, in order. */
  events(taskId) {
    return this.messages.filter((m) => m.kind === 'event' && m.event.taskId === taskId).map((m) => m.event);
  }

  heartbeats() { return this.messages.filter((m) => m.kind === 'heartbeat').map((m) => m.heartbeat); }

  /** Resolves with the first message (already received or to come) that matches. */
  waitFor(predicate, what, millis = 3000) {
    const found = this.messages.find(predicate);
    if (found) return Promise.resolve(found);
    return within(new Promise((resolve) => {
      const onMessage = (message) => {
        if (!predicate(message)) return;
        this.off('message', onMessage);
        resolve(message);
      };
      this.on('message', onMessage);
    }), millis, what);
  }

  /** Resolves with the TaskEvents of a task once its turn ended (turn-ending status or reply). */
  async untilTurnEnds(taskId, millis = 3000) {
    await this.waitFor((m) => m.kind === 'event' && m.event.taskId === taskId
      && (m.event.event === 'reply' || TERMINAL.has(m.event.status?.state)), `the end of task ${taskId}`, millis);
    return this.events(taskId);
  }
}

/** The fake kernel: checks the Hello's token and (unless told otherwise) answers with a Welcome. */
export class FakeKernel extends EventEmitter {
  connections = [];
  /** Called with each connection once its Hello arrived with the right token; the default sends a Welcome. */
  onHello = (connection) => connection.welcome(this.welcomeFields);
  welcomeFields = {};

  /**
   * Listens on a free port of 127.0.0.1, in plaintext or with the given server credentials (ServerCredentials
   * .createSsl: then `url` is https://…).
   */
  async start(credentials = grpc.ServerCredentials.createInsecure()) {
    const { PluginService } = loadProtocol();
    this.server = new grpc.Server();
    this.server.addService(PluginService.service, { Connect: (call) => this.#connect(call) });
    const port = await new Promise((resolve, reject) => {
      this.server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    this.url = `${credentials._isSecure() ? 'https://' : ''}127.0.0.1:${port}`;
    return this;
  }

  #connect(call) {
    const connection = new KernelConnection(call, this.connections.length);
    call.on('data', (message) => {
      if (connection.hello === null && message.kind === 'hello') {
        connection.hello = message.hello;
        this.connections.push(connection);
        this.emit('connection', connection);
        if (message.hello.token !== GOOD_TOKEN) connection.fail(grpc.status.UNAUTHENTICATED, 'bad plugin token');
        else this.onHello(connection);
        return;
      }
      connection.received++;
      if (message.kind === 'events') {
        connection.batches.push(message.events.events);
        for (const event of message.events.events) connection.record({ kind: 'event', event });
      } else {
        connection.record(message);
      }
    });
  }

  /** Resolves with the n-th connection (0-based) once its Hello arrived. */
  connection(index, millis = 3000) {
    if (this.connections[index]) return Promise.resolve(this.connections[index]);
    return within((async () => {
      while (!this.connections[index]) await once(this, 'connection');
      return this.connections[index];
    })(), millis, `connection #${index}`);
  }

  async close() {
    this.server?.forceShutdown();
  }
}
