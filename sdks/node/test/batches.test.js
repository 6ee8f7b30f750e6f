import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { artifact, completed } from '../src/index.js';
import { Session } from '../src/session.js';
import { sleep } from '../test-support/fake-kernel.js';
import { describeEvents, pluginAndKernel } from '../test-support/setup.js';

const TASKS = 40;

/** Starts a plugin whose echo agent yields an artifact and COMPLETED, and hands it TASKS tasks at once. */
async function runTasks(t, welcomeFields) {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'echo' }, async function* (request) {
      yield artifact(request.text, { name: 'echo', lastChunk: true });
      yield completed(request.text);
    });
  }, { kernel: (k) => { k.welcomeFields = welcomeFields; } });
  const kernelSide = await kernel.connection(0);
  for (let i = 0; i < TASKS; i++) kernelSide.execute({ taskId: `t${i}`, agentId: 'echo', text: `hello ${i}` });
  for (let i = 0; i < TASKS; i++) {
    assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds(`t${i}`)),
      [`artifact:hello ${i}`, `COMPLETED:hello ${i}`], `the events of task t${i}, in order`);
  }
  return kernelSide;
}

test('events produced together go out as EventBatches when the kernel accepts them', async (t) => {
  const kernelSide = await runTasks(t, { acceptsEventBatches: true });
  const events = kernelSide.messages.filter((m) => m.kind === 'event').length;
  assert.equal(events, 2 * TASKS);
  assert.ok(kernelSide.batches.length > 0, 'at least one EventBatch');
  const sizes = kernelSide.batches.map((batch) => batch.length);
  assert.ok(sizes.every((size) => size > 1 && size <= 64), `batch sizes ${sizes}`);
  assert.ok(kernelSide.received < events, `${kernelSide.received} messages carried ${events} events`);
});

test('a kernel that does not accept batches gets one event per message', async (t) => {
  const kernelSide = await runTasks(t, {});
  assert.deepEqual(kernelSide.batches, []);
  assert.equal(kernelSide.received, 2 * TASKS);
});

test('a batch stays within half the kernel\'s message limit: large events go in several', async (t) => {
  const chunk = 'x'.repeat(20_000); // at most 60 000 bytes each as far as the SDK can tell without encoding
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'big' }, async function* () {
      for (let i = 0; i < 10; i++) yield artifact(chunk, { name: 'big', append: i > 0, lastChunk: i === 9 });
    });
  }, { kernel: (k) => { k.welcomeFields = { acceptsEventBatches: true, maxMessageBytes: 256 * 1024 }; } });
  const kernelSide = await kernel.connection(0);
  for (let i = 0; i < 3; i++) kernelSide.execute({ taskId: `t${i}`, agentId: 'big' });
  for (let i = 0; i < 3; i++) {
    const events = await kernelSide.untilTurnEnds(`t${i}`);
    assert.equal(events.filter((e) => e.event === 'artifact').length, 10);
  }
  assert.ok(kernelSide.batches.length > 0, `the three tasks' chunks were batched: ${kernelSide.received} messages`);
  const chunksPerBatch = kernelSide.batches.map((batch) => batch.filter((e) => e.event === 'artifact').length);
  assert.ok(chunksPerBatch.every((chunks) => chunks <= 2), `at most two 60 KB chunks in 128 KiB: ${chunksPerBatch}`);
});

/** A stand-in for a grpc-js duplex call: records writes; the test ends it. */
class RecordingCall extends EventEmitter {
  written = [];
  write(message) { this.written.push(message); return true; }
  end() {}
  cancel() {}
}

test('events still waiting for their batch when the stream ends are handed back in order, not lost', async () => {
  const call = new RecordingCall();
  let unsentAtClose = null;
  const listener = {
    welcome: () => {}, execute: () => {}, cancel: () => {}, protocolError: () => {},
    closed: (_, unsent) => { unsentAtClose = unsent; },
  };
  const session = new Session({ Connect: () => call }, listener, console);
  session.open({ token: 'x' });
  call.emit('data', { kind: 'welcome', welcome: { sessionId: 's', acceptsEventBatches: true, heartbeatIntervalMillis: 60_000 } });
  const runs = [{ id: 'a' }, { id: 'b' }];
  session.write({ event: { taskId: 'a', n: 1 } }, runs[0], 100);
  session.write({ event: { taskId: 'b', n: 2 } }, runs[1], 100);
  session.write({ event: { taskId: 'a', n: 3 } }, runs[0], 100);
  call.emit('status', { code: 14, details: 'connection reset' }); // before the batch's turn of the event loop ends
  assert.deepEqual(call.written, [{ hello: { token: 'x' } }], 'nothing but the Hello was written');
  assert.deepEqual(unsentAtClose.map(({ run, message }) => [run.id, message.event.n]), [['a', 1], ['b', 2], ['a', 3]]);
  await sleep(10);
  assert.equal(call.written.length, 1, 'the scheduled batch writes nothing once the stream is over');
});

test('a message that is not a small event first writes the events waiting before it', () => {
  const call = new RecordingCall();
  const listener = { welcome: () => {}, execute: () => {}, cancel: () => {}, protocolError: () => {}, closed: () => {} };
  const session = new Session({ Connect: () => call }, listener, console);
  session.open({ token: 'x' });
  call.emit('data', { kind: 'welcome', welcome: { sessionId: 's', acceptsEventBatches: true, heartbeatIntervalMillis: 60_000 } });
  session.write({ event: { taskId: 'a', n: 1 } }, null, 100);
  session.write({ event: { taskId: 'a', n: 2 } }, null, 100);
  session.write({ event: { taskId: 'a', n: 3 } }, null, Infinity); // e.g. with metadata: size unknown
  assert.deepEqual(call.written.slice(1), [
    { events: { events: [{ taskId: 'a', n: 1 }, { taskId: 'a', n: 2 }] } },
    { event: { taskId: 'a', n: 3 } },
  ]);
  call.emit('status', { code: 0, details: '' });
});
