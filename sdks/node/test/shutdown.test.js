import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { working } from '../src/index.js';
import { FakeKernel, GOOD_TOKEN, within } from '../test-support/fake-kernel.js';
import { describeEvents, pluginAndKernel } from '../test-support/setup.js';

test('stop() lets a running handler finish, sends its events, then half-closes the stream', async (t) => {
  const { kernel, plugin } = await pluginAndKernel(t, (p) => {
    p.agent({ id: 'slow' }, async function* () {
      yield working('busy');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return 'finished in time';
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'slow' });
  await kernelSide.waitFor((m) => m.event?.taskId === 't1', 'WORKING');
  const stopping = Date.now();
  await plugin.stop();
  assert.ok(Date.now() - stopping >= 200, 'stop() waited for the handler');
  assert.deepEqual(describeEvents(kernelSide.events('t1')), ['WORKING:busy', 'COMPLETED:finished in time']);
  assert.equal(kernelSide.clientEnded, true, 'the plugin half-closed the stream');
  assert.equal(kernelSide.messagesBeforeClientEnd, kernelSide.messages.length, 'nothing after the half-close');
});

test('a handler still running when shutdownGraceMillis is over is aborted and its task fails', async (t) => {
  let aborted = false;
  const { kernel, plugin } = await pluginAndKernel(t, (p) => {
    p.agent({ id: 'stuck' }, async function* (request) {
      yield working('stuck');
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
      aborted = true;
    });
  }, { shutdownGraceMillis: 200 });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'stuck' });
  await kernelSide.waitFor((m) => m.event?.taskId === 't1', 'WORKING');
  const stopping = Date.now();
  await plugin.stop();
  const took = Date.now() - stopping;
  assert.ok(took >= 190 && took < 1500, `stop() took ${took} ms with a 200 ms grace`);
  assert.equal(aborted, true);
  assert.deepEqual(describeEvents(kernelSide.events('t1')),
    ['WORKING:stuck', 'FAILED:the plugin stopped before the task finished']);
  assert.equal(kernelSide.clientEnded, true);
});

test('the echo example serves its agent and exits 0 on SIGTERM', async (t) => {
  const kernel = await new FakeKernel().start();
  const example = fileURLToPath(new URL('../examples/echo.mjs', import.meta.url));
  const child = spawn(process.execPath, [example], {
    env: { ...process.env, AGENTX_PLUGIN_URL: kernel.url, AGENTX_PLUGIN_TOKEN: GOOD_TOKEN, AGENTX_PLUGIN_NAME: 'echo-under-test' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = once(child, 'exit');
  t.after(async () => { child.kill('SIGKILL'); await kernel.close(); });

  const kernelSide = await kernel.connection(0, 5000);
  assert.equal(kernelSide.hello.agents[0].agentId, 'node-echo');
  assert.equal(kernelSide.hello.pluginName, 'node-echo', 'the name given in code wins over the environment');
  kernelSide.execute({ taskId: 'plain', agentId: 'node-echo', text: 'hello' });
  kernelSide.execute({ taskId: 'streamed', agentId: 'node-echo', text: 'stream one two three' });
  assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds('plain')), ['COMPLETED:echo: hello']);
  const streamed = await kernelSide.untilTurnEnds('streamed');
  assert.deepEqual(describeEvents(streamed),
    ['WORKING:streaming 3 chunk(s)', 'artifact:one', 'artifact: two', 'artifact: three', 'COMPLETED:streamed 3 chunk(s)']);
  const chunks = streamed.filter((e) => e.event === 'artifact').map((e) => e.artifact);
  assert.deepEqual(chunks.map((c) => [c.append, c.lastChunk]), [[false, false], [true, false], [true, true]]);
  assert.equal(new Set(chunks.map((c) => c.artifact.artifactId)).size, 1, 'one artifact');

  child.kill('SIGTERM');
  const [code, signal] = await within(exited, 5000, 'the example to exit');
  assert.equal(signal, null, stderr);
  assert.equal(code, 0, stderr);
  assert.equal(kernelSide.clientEnded, true);
});

test('under the supervisor, the end of stdin (AgentX gone, even killed) stops the plugin: it exits 0', async (t) => {
  const kernel = await new FakeKernel().start();
  const example = fileURLToPath(new URL('../examples/echo.mjs', import.meta.url));
  const child = spawn(process.execPath, [example], {
    env: { ...process.env, AGENTX_PLUGIN_URL: kernel.url, AGENTX_PLUGIN_TOKEN: GOOD_TOKEN, AGENTX_PLUGIN_LIFELINE: 'stdin' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = once(child, 'exit');
  t.after(async () => { child.kill('SIGKILL'); await kernel.close(); });
  const kernelSide = await kernel.connection(0, 5000);
  child.stdin.write('anything written is ignored\n');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(child.exitCode, null, 'still serving while stdin is open');

  child.stdin.end(); // as when the process holding the pipe's other end dies
  const [code, signal] = await within(exited, 5000, 'the plugin to exit');
  assert.equal(signal, null, stderr);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /stdin ended/);
  assert.equal(kernelSide.clientEnded, true, 'it stopped gracefully');
});

test('without AGENTX_PLUGIN_LIFELINE, stdin is left alone', async (t) => {
  const kernel = await new FakeKernel().start();
  const example = fileURLToPath(new URL('../examples/echo.mjs', import.meta.url));
  const env = { ...process.env, AGENTX_PLUGIN_URL: kernel.url, AGENTX_PLUGIN_TOKEN: GOOD_TOKEN };
  delete env.AGENTX_PLUGIN_LIFELINE;
  const child = spawn(process.execPath, [example], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = once(child, 'exit');
  t.after(async () => { child.kill('SIGKILL'); await kernel.close(); });
  await kernel.connection(0, 5000);
  child.stdin.end();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(child.exitCode, null, 'a plugin started by hand keeps serving');
  child.kill('SIGTERM');
  await within(exited, 5000, 'the plugin to exit');
});
