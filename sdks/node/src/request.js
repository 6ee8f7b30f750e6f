// What a handler is given: one Execute from the kernel, in plain JavaScript.
import { naturalizeMessage, naturalizeParts, textOf } from './parts.js';
import { fromStruct } from './values.js';

/** Key of the method the SDK aborts a request's signal with (not part of the handler's view). */
export const ABORT = Symbol('abort');

const EMPTY_MESSAGE = Object.freeze({ parts: Object.freeze([]) });

/** Turns a decoded lf.a2a.v1.Task into plain JavaScript, in place. */
function naturalizeTask(task) {
  if (task.status?.message != null) naturalizeMessage(task.status.message);
  for (const message of task.history) naturalizeMessage(message);
  for (const artifact of task.artifacts) {
    naturalizeParts(artifact.parts);
    if (artifact.metadata != null) artifact.metadata = fromStruct(artifact.metadata);
  }
  if (task.metadata != null) task.metadata = fromStruct(task.metadata);
  return task;
}

/**
 * The request a handler works on.
 *
 * @property {string} taskId        The A2A task id.
 * @property {string} contextId     The A2A context id (conversation).
 * @property {string} agentId       Which of the plugin's agents is asked.
 * @property {object} message       The lf.a2a.v1.Message to act on ({ messageId, role, parts, metadata, … });
 *                                  parts are { text } | { data } | { raw, mediaType, filename } | { url, … }.
 * @property {string} text          The text parts of `message` joined with "\n".
 * @property {boolean} streaming    Whether the client reads a stream (artifact chunks reach it as they come).
 * @property {string[]} acceptedOutputModes  Media types the client accepts, if it said.
 * @property {string} principal     Who asks.
 * @property {string} tenant        The caller's tenant.
 * @property {string[]} extensions  A2A extensions the client asked to use (A2A-Extensions), declared or not.
 * @property {boolean} resumed      Whether the kernel hands the task back after AgentX restarted.
 */
export class TaskRequest {
  #execute;
  #task;
  #abortController;

  constructor(execute) {
    this.#execute = execute;
    const message = execute.message == null ? EMPTY_MESSAGE : naturalizeMessage(execute.message);
    this.taskId = execute.task?.id ?? '';
    this.contextId = execute.task?.contextId || message.contextId || '';
    this.agentId = execute.agentId;
    this.message = message;
    this.text = textOf(message.parts);
    this.streaming = execute.streaming;
    this.acceptedOutputModes = execute.acceptedOutputModes;
    this.principal = execute.principal;
    this.tenant = execute.tenant;
    this.extensions = execute.extensions;
    this.resumed = execute.resumed;
  }

  /** The lf.a2a.v1.Task as it stands ({ id, contextId, status, artifacts, history, metadata }); history ends with `message`. */
  get task() {
    if (this.#task === undefined) this.#task = this.#execute.task == null ? null : naturalizeTask(this.#execute.task);
    return this.#task;
  }

  /**
   * The task's history (ending with `message`) in the serialized message form of the framework the agent declared,
   * as AgentX's adapter for that framework converted it (e.g. LangChain stored messages); null when the agent
   * declared no framework or no adapter converted it.
   * @type {object[] | null}
   */
  get dialectHistory() {
    const history = this.#execute.dialectHistory;
    return history ? JSON.parse(history) : null;
  }

  /** Aborted when the kernel cancels the task (or the plugin stops before it finished). @type {AbortSignal} */
  get signal() {
    this.#abortController ??= new AbortController();
    return this.#abortController.signal;
  }

  [ABORT](reason) {
    this.#abortController ??= new AbortController();
    this.#abortController.abort(reason);
  }
}
