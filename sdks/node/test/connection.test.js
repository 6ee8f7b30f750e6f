import assert from 'node:assert/strict';
import { test } from 'node:test';
import grpc from '@grpc/grpc-js';
import { artifact, working } from '../src/index.js';
import { sleep, within } from '../test-support/fake-kernel.js';
import { describeEvents, pluginAndKernel } from '../test-support/setup.js';

/** A promise with its resolve function. */
function latch() {
  let open;
  const promise = new Promise((resolve) => { open = resolve; });
  return { promise, open };
}

test('a bad token is permanent: run() rejects naming the cause and the plugin does not reconnect', async (t) => {
  const { kernel, plugin, logs } = await pluginAndKernel(t, (p) => p.agent({ id: 'a' }, async () => 'ok'),
    { start: false, token: 'wrong-token' });
  await assert.rejects(within(plugin.run(), 3000, 'run() to give up'), (error) => {
    assert.match(error.message, /refused the plugin token/);
    assert.match(error.message, /UNAUTHENTICATED/);
    return true;
  });
  await sleep(700); // longer than the first reconnection delays
  assert.equal(kernel.connections.length, 1);
  assert.ok(logs.error.some((line) => line.includes('UNAUTHENTICATED')));
});

test('a Hello the kernel refuses (INVALID_ARGUMENT) is permanent too', async (t) => {
  const { kernel, plugin } = await pluginAndKernel(t, (p) => p.agent({ id: 'a' }, async () => 'ok'), {
    start: false,
    kernel: (k) => { k.onHello = (connection) => connection.fail(grpc.status.INVALID_ARGUMENT, 'no agents'); },
  });
  await assert.rejects(within(plugin.start(), 3000, 'start() to give up'), /refused the Hello.*INVALID_ARGUMENT: no agents/);
  await sleep(400);
  assert.equal(kernel.connections.length, 1);
});

test('after UNAVAILABLE the plugin resumes its session and sends what running handlers produced meanwhile', async (t) => {
  const carryOn = latch();
  const finish = latch();
  const producedWhileAway = latch();
  const { kernel, logs } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'long' }, async function* () {
      yield working('before');
      await carryOn.promise;
      yield working('while away');
      yield artifact('partial result', { name: 'r' });
      producedWhileAway.open();
      await finish.promise;
      return 'after';
    });
  });
  const first = await kernel.connection(0);
  first.execute({ taskId: 't1', agentId: 'long' });
  await first.waitFor((m) => m.event?.taskId === 't1', 'WORKING before');

  // The second Hello comes in; the kernel lets the handler go on and only then welcomes the plugin.
  kernel.onHello = async (connection) => {
    carryOn.open();
    await producedWhileAway.promise;
    await sleep(50);
    connection.welcome({ sessionId: 'session-0' });
  };
  first.fail(grpc.status.UNAVAILABLE, 'kernel restarting');

  const second = await kernel.connection(1, 3000);
  assert.equal(second.hello.resumeSession, 'session-0');
  assert.deepEqual(second.hello.resumeTaskIds, ['t1']);
  await second.waitFor((m) => m.event?.taskId === 't1', 'the buffered events');
  assert.equal(second.messagesBeforeWelcome, 0, 'nothing is sent before the Welcome');
  finish.open();
  const events = await second.untilTurnEnds('t1');
  assert.deepEqual(describeEvents(events), ['WORKING:while away', 'artifact:partial result', 'COMPLETED:after']);
  assert.deepEqual(describeEvents(first.events('t1')), ['WORKING:before']);
  assert.ok(logs.warn.some((line) => line.includes('UNAVAILABLE')), 'the lost stream is logged');
});

test('tasks the new Welcome lists as unknown are canceled silently', async (t) => {
  let aborted = false;
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'long' }, async function* (request) {
      yield working('started');
      await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
      aborted = true;
      yield working('after abort');
    });
    plugin.agent({ id: 'quick' }, async () => 'quick answer');
  });
  const first = await kernel.connection(0);
  first.execute({ taskId: 't1', agentId: 'long' });
  await first.waitFor((m) => m.event?.taskId === 't1', 'WORKING');
  kernel.onHello = (connection) => connection.welcome({ sessionId: 'session-1', unknownTaskIds: ['t1'] });
  first.fail(grpc.status.UNAVAILABLE, 'gone');

  const second = await kernel.connection(1, 3000);
  assert.deepEqual(second.hello.resumeTaskIds, ['t1']);
  second.execute({ taskId: 't2', agentId: 'quick' });
  await second.untilTurnEnds('t2');
  await sleep(100);
  assert.equal(aborted, true, 'the handler was told to stop');
  assert.deepEqual(second.events('t1'), [], 'nothing is sent for a task the kernel no longer knows');
});

test('heartbeats are sent at the interval the Welcome names', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => plugin.agent({ id: 'a' }, async () => 'ok'), {
    kernel: (k) => { k.welcomeFields = { heartbeatIntervalMillis: 100 }; },
  });
  const kernelSide = await kernel.connection(0);
  const kernelBeats = setInterval(() => kernelSide.heartbeat(), 40);
  t.after(() => clearInterval(kernelBeats));
  const started = Date.now();
  await sleep(650);
  clearInterval(kernelBeats);
  const beats = kernelSide.heartbeats();
  assert.ok(beats.length >= 4 && beats.length <= 8, `${beats.length} heartbeats in 650 ms at a 100 ms interval`);
  for (const beat of beats) assert.ok(beat.sentAtMillis >= started && beat.sentAtMillis <= Date.now());
  assert.equal(kernel.connections.length, 1, 'a talking kernel is not dropped');
});

test('a kernel silent for three heartbeat intervals is dropped and the plugin reconnects', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => plugin.agent({ id: 'a' }, async () => 'ok'), {
    kernel: (k) => { k.welcomeFields = { heartbeatIntervalMillis: 100 }; },
  });
  const first = await kernel.connection(0);
  const welcomedAt = Date.now();
  await first.closed;
  const droppedAfter = Date.now() - welcomedAt;
  assert.ok(droppedAfter >= 280, `dropped after ${droppedAfter} ms, before three intervals`);
  assert.ok(droppedAfter < 1000, `dropped only after ${droppedAfter} ms`);
  kernel.welcomeFields = {};
  const second = await kernel.connection(1, 3000);
  assert.equal(second.hello.resumeSession, 'session-0');
});
