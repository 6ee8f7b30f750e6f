// agentx-plugin: serve A2A agents from a Node.js process through the AgentX plugin protocol.
export { Plugin, SDK_NAME } from './plugin.js';
export {
  PluginEvent, TaskState, working, inputRequired, authRequired, completed, failed, rejected, artifact, reply,
} from './events.js';
export { text, data, file } from './parts.js';
export { TaskRequest } from './request.js';
