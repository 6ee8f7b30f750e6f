// The events a handler yields (or returns): status changes, artifacts and direct replies.

/** Task states, as lf.a2a.v1.TaskState names. */
export const TaskState = Object.freeze({
  WORKING: 'TASK_STATE_WORKING',
  COMPLETED: 'TASK_STATE_COMPLETED',
  FAILED: 'TASK_STATE_FAILED',
  CANCELED: 'TASK_STATE_CANCELED',
  INPUT_REQUIRED: 'TASK_STATE_INPUT_REQUIRED',
  REJECTED: 'TASK_STATE_REJECTED',
  AUTH_REQUIRED: 'TASK_STATE_AUTH_REQUIRED',
});

/** States that end the plugin's turn on a task: nothing may follow them. */
const TURN_ENDING = new Set([
  TaskState.COMPLETED, TaskState.FAILED, TaskState.CANCELED, TaskState.REJECTED,
  TaskState.INPUT_REQUIRED, TaskState.AUTH_REQUIRED,
]);

/**
 * Something a handler reports about its task. Build one with the helpers below rather than directly.
 * `kind` is 'status', 'artifact' or 'reply'; `content` is a string, a part or an array of them.
 */
export class PluginEvent {
  constructor(kind, state, content, options) {
    this.kind = kind;
    this.state = state;
    this.content = content;
    this.options = options;
  }

  /** Whether this event ends the plugin's turn (a turn-ending state or a reply). */
  get endsTurn() {
    return this.kind === 'reply' || (this.kind === 'status' && TURN_ENDING.has(this.state));
  }
}

/**
 * @typedef {string | object | Array<string | object>} Content  A text, a part (text(), data(), file()) or a list.
 * @typedef {{ metadata?: object }} MessageOptions  Metadata of the agent message.
 */

/** Status WORKING, with an optional agent message. @param {Content} [message] @param {MessageOptions} [options] */
export const working = (message, options) => new PluginEvent('status', TaskState.WORKING, message, options);

/** Status INPUT_REQUIRED: the agent waits for the user's next message (ends the turn). @param {Content} [message] @param {MessageOptions} [options] */
export const inputRequired = (message, options) => new PluginEvent('status', TaskState.INPUT_REQUIRED, message, options);

/** Status AUTH_REQUIRED (ends the turn). @param {Content} [message] @param {MessageOptions} [options] */
export const authRequired = (message, options) => new PluginEvent('status', TaskState.AUTH_REQUIRED, message, options);

/** Status COMPLETED, with an optional final message. @param {Content} [message] @param {MessageOptions} [options] */
export const completed = (message, options) => new PluginEvent('status', TaskState.COMPLETED, message, options);

/** Status FAILED; an Error's message is used as the text. @param {Content | Error} [reason] @param {MessageOptions} [options] */
export const failed = (reason, options) =>
  new PluginEvent('status', TaskState.FAILED, reason instanceof Error ? reason.message : reason, options);

/** Status REJECTED: the agent declines the task. @param {Content | Error} [reason] @param {MessageOptions} [options] */
export const rejected = (reason, options) =>
  new PluginEvent('status', TaskState.REJECTED, reason instanceof Error ? reason.message : reason, options);

/**
 * An artifact or a chunk of one. Without `artifactId`, a chunk with `append: true` continues the latest artifact
 * of the same name in this task, and any other chunk starts a new artifact with a generated id.
 * @param {Content} content
 * @param {{ artifactId?: string, name?: string, description?: string, append?: boolean, lastChunk?: boolean,
 *           metadata?: object }} [options]
 */
export const artifact = (content, options) => new PluginEvent('artifact', undefined, content, options);

/**
 * A direct message answer instead of a task; allowed only as the first and only event of a task.
 * @param {Content} content
 * @param {MessageOptions} [options]
 */
export const reply = (content, options) => new PluginEvent('reply', undefined, content, options);
