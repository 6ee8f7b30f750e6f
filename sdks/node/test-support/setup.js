// Test wiring: a fake kernel, a plugin connected to it, and a logger that keeps what it is told.
import { Plugin } from '../src/index.js';
import { FakeKernel, GOOD_TOKEN } from './fake-kernel.js';

/** A logger that records entries by level. */
export function recordingLogger() {
  const entries = { debug: [], info: [], warn: [], error: [] };
  const logger = {};
  for (const level of Object.keys(entries)) logger[level] = (message) => entries[level].push(String(message));
  return { logger, entries };
}

/**
 * Starts a fake kernel (with `serverCredentials` when given) and a plugin pointed at it; `declare(plugin)` declares
 * the agents. Both are shut down after the test. Returns { kernel, plugin, logs } without starting the plugin
 * unless `start` is true.
 */
export async function pluginAndKernel(t, declare,
  { start = true, kernel: configureKernel, serverCredentials, ...options } = {}) {
  const kernel = await new FakeKernel().start(serverCredentials);
  configureKernel?.(kernel);
  const { logger, entries } = recordingLogger();
  const plugin = new Plugin({
    url: kernel.url, token: GOOD_TOKEN, name: 'test-plugin', logger, shutdownGraceMillis: 1000, ...options,
  });
  declare(plugin);
  t.after(async () => {
    await plugin.stop().catch(() => {});
    await kernel.close();
  });
  if (start) await plugin.start();
  return { kernel, plugin, logs: entries };
}

/** The text of the message of a status event ('' when it has none). */
export const statusText = (event) => (event.status?.message?.parts ?? []).map((p) => p.text ?? '').join('');

/** A compact view of a task's events: "WORKING:on it", "artifact:chunk", "reply:hi"… */
export function describeEvents(events) {
  return events.map((event) => {
    if (event.event === 'status') return `${event.status.state.replace('TASK_STATE_', '')}:${statusText(event)}`;
    if (event.event === 'artifact') return `artifact:${event.artifact.artifact.parts.map((p) => p.text ?? '').join('')}`;
    return `reply:${event.reply.parts.map((p) => p.text ?? '').join('')}`;
  });
}
