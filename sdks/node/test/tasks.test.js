import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  artifact, completed, data, failed, file, inputRequired, rejected, reply, text, working,
} from '../src/index.js';
import { fromValue } from '../src/values.js';
import { sleep } from '../test-support/fake-kernel.js';
import { describeEvents, pluginAndKernel, statusText } from '../test-support/setup.js';

test('yielded events reach the kernel in order and the SDK adds COMPLETED with the returned text', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'node-echo' }, async function* (request) {
      yield working('on it');
      yield artifact('chunk of text', { name: 'echo', append: false, lastChunk: true });
      return `echo: ${request.text}`;
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'node-echo', text: 'hello', contextId: 'c1' });
  const events = await kernelSide.untilTurnEnds('t1');

  assert.deepEqual(describeEvents(events), ['WORKING:on it', 'artifact:chunk of text', 'COMPLETED:echo: hello']);
  const [working_, chunk, done] = events;
  for (const status of [working_.status, done.status]) {
    assert.equal(status.message.role, 'ROLE_AGENT');
    assert.equal(status.message.contextId, 'c1');
    assert.equal(status.message.taskId, 't1');
    assert.match(status.message.messageId, /^[0-9a-f-]{36}$/);
  }
  assert.notEqual(working_.status.message.messageId, done.status.message.messageId, 'fresh message ids');
  assert.equal(chunk.artifact.artifact.name, 'echo');
  assert.ok(chunk.artifact.artifact.artifactId, 'an artifact id is generated');
  assert.equal(chunk.artifact.append, false);
  assert.equal(chunk.artifact.lastChunk, true);
});

test('chunks appended without an id continue the latest artifact of the same name', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'chunks' }, async function* () {
      yield artifact('a', { name: 'story' });
      yield artifact('b', { name: 'story', append: true });
      yield artifact('c', { name: 'story', append: true, lastChunk: true });
      yield artifact('other', { name: 'notes', artifactId: 'notes-1' });
      yield artifact('again', { name: 'story' });
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'chunks' });
  const chunks = (await kernelSide.untilTurnEnds('t1')).filter((e) => e.event === 'artifact').map((e) => e.artifact);
  const ids = chunks.map((c) => c.artifact.artifactId);
  assert.equal(ids[1], ids[0]);
  assert.equal(ids[2], ids[0]);
  assert.equal(ids[3], 'notes-1');
  assert.notEqual(ids[4], ids[0], 'a chunk that does not append starts a new artifact');
  assert.deepEqual(chunks.map((c) => c.append), [false, true, true, false, false]);
  assert.deepEqual(chunks.map((c) => c.lastChunk), [false, false, true, false, false]);
});

test('a handler that throws ends the task FAILED with the error message, and the error is logged', async (t) => {
  const { kernel, logs } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'broken' }, async function* () {
      yield working('trying');
      throw new Error('the weather service is down');
    });
    plugin.agent({ id: 'broken-plain' }, async () => { throw new TypeError('bad input'); });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'broken' });
  kernelSide.execute({ taskId: 't2', agentId: 'broken-plain' });
  assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds('t1')),
    ['WORKING:trying', 'FAILED:the weather service is down']);
  assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds('t2')), ['FAILED:bad input']);
  assert.ok(logs.error.some((line) => line.includes('t1') && line.includes('the weather service is down')));
});

test('Cancel aborts the handler signal, answers CANCELED and drops what the handler yields afterwards', async (t) => {
  let sawAbort = false;
  let finallyRan = false;
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'slow' }, async function* (request) {
      try {
        yield working('started');
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
        sawAbort = request.signal.aborted;
        yield working('after cancel');
        return 'never';
      } finally {
        finallyRan = true;
      }
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'slow' });
  await kernelSide.waitFor((m) => m.event?.taskId === 't1', 'WORKING');
  kernelSide.cancel('t1', 'slow');
  await kernelSide.untilTurnEnds('t1');
  await sleep(100);
  assert.equal(sawAbort, true);
  assert.equal(finallyRan, true, 'the generator was closed');
  assert.deepEqual(describeEvents(kernelSide.events('t1')), ['WORKING:started', 'CANCELED:']);
});

test('Cancel of a task that already ended sends nothing', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => plugin.agent({ id: 'quick' }, async () => 'done'));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'quick' });
  await kernelSide.untilTurnEnds('t1');
  kernelSide.cancel('t1');
  await sleep(100);
  assert.deepEqual(describeEvents(kernelSide.events('t1')), ['COMPLETED:done']);
});

test('reply() as the only event is sent as a direct message, with nothing after it', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'fast' }, async (request) => reply(request.text));
    plugin.agent({ id: 'gen' }, async function* () {
      yield reply([text('one'), text('two')]);
      yield working('ignored');
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'fast', text: 'ping', contextId: 'c9' });
  kernelSide.execute({ taskId: 't2', agentId: 'gen' });
  const [only] = await kernelSide.untilTurnEnds('t1');
  assert.equal(only.event, 'reply');
  assert.equal(only.reply.role, 'ROLE_AGENT');
  assert.equal(only.reply.contextId, 'c9');
  assert.deepEqual(only.reply.parts.map((p) => p.text), ['ping']);
  await kernelSide.untilTurnEnds('t2');
  await sleep(50);
  assert.deepEqual(describeEvents(kernelSide.events('t1')), ['reply:ping']);
  assert.deepEqual(describeEvents(kernelSide.events('t2')), ['reply:onetwo']);
});

test('reply() after other events fails the task instead of breaking the protocol', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'late' }, async function* () {
      yield working('thinking');
      yield reply('too late');
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'late' });
  const events = await kernelSide.untilTurnEnds('t1');
  assert.deepEqual(describeEvents(events), ['WORKING:thinking', 'FAILED:reply() must be the first and only event of a task']);
});

test('what a plain async handler returns decides how the task ends', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'string' }, async (request) => `upper: ${request.text.toUpperCase()}`);
    plugin.agent({ id: 'nothing' }, async () => undefined);
    plugin.agent({ id: 'object' }, async () => ({ temperature: 21.5, unit: 'C' }));
    plugin.agent({ id: 'failed' }, async () => failed('no such city'));
    plugin.agent({ id: 'rejected' }, async () => rejected('not my job'));
    plugin.agent({ id: 'completed' }, async () => completed([text('a'), text('b')]));
    plugin.agent({ id: 'sync' }, (request) => `sync ${request.text}`);
  });
  const kernelSide = await kernel.connection(0);
  for (const agentId of ['string', 'nothing', 'object', 'failed', 'rejected', 'completed', 'sync']) {
    kernelSide.execute({ taskId: agentId, agentId, text: 'x' });
  }
  const ended = async (id) => describeEvents(await kernelSide.untilTurnEnds(id));
  assert.deepEqual(await ended('string'), ['COMPLETED:upper: X']);
  assert.deepEqual(await ended('nothing'), ['COMPLETED:']);
  assert.equal((await kernelSide.untilTurnEnds('nothing'))[0].status.message, null, 'no message at all');
  assert.deepEqual(await ended('failed'), ['FAILED:no such city']);
  assert.deepEqual(await ended('rejected'), ['REJECTED:not my job']);
  assert.deepEqual(await ended('completed'), ['COMPLETED:ab']);
  assert.deepEqual(await ended('sync'), ['COMPLETED:sync x']);
  const [objectEvent] = await kernelSide.untilTurnEnds('object');
  assert.equal(objectEvent.status.state, 'TASK_STATE_COMPLETED');
  assert.deepEqual(fromValue(objectEvent.status.message.parts[0].data), { temperature: 21.5, unit: 'C' });
});

test('INPUT_REQUIRED ends the turn: the handler is closed and no COMPLETED follows', async (t) => {
  let closed = false;
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'ask' }, async function* () {
      try {
        yield inputRequired('Which city?');
        yield working('never sent');
      } finally {
        closed = true;
      }
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'ask' });
  await kernelSide.untilTurnEnds('t1');
  await sleep(50);
  assert.deepEqual(describeEvents(kernelSide.events('t1')), ['INPUT_REQUIRED:Which city?']);
  assert.equal(closed, true);
});

test('the handler gets the request fields, with data parts as plain values', async (t) => {
  let seen;
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'inspect' }, async (request) => {
      seen = {
        taskId: request.taskId, contextId: request.contextId, agentId: request.agentId, text: request.text,
        data: request.message.parts[1].data, streaming: request.streaming, principal: request.principal,
        tenant: request.tenant, extensions: request.extensions, modes: request.acceptedOutputModes,
        resumed: request.resumed, history: request.task.history.length, taskIdOfTask: request.task.id,
        historyData: request.task.history[0].parts[1].data, aborted: request.signal.aborted,
      };
      return 'ok';
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({
    taskId: 't1', agentId: 'inspect', contextId: 'c1',
    parts: [{ text: 'first' }, { data: { structValue: { fields: { n: { numberValue: 1 } } } } }, { text: 'second' }],
    principal: 'alice', tenant: 'acme', extensions: ['https://ext.example/x'], acceptedOutputModes: ['text/plain'],
    resumed: true,
  });
  await kernelSide.untilTurnEnds('t1');
  assert.deepEqual(seen, {
    taskId: 't1', contextId: 'c1', agentId: 'inspect', text: 'first\nsecond', data: { n: 1 }, streaming: true,
    principal: 'alice', tenant: 'acme', extensions: ['https://ext.example/x'], modes: ['text/plain'],
    resumed: true, history: 1, taskIdOfTask: 't1', historyData: { n: 1 }, aborted: false,
  });
});

test('text, data and file parts reach the kernel as A2A parts', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'parts' }, async function* () {
      yield artifact([
        text('hello', { metadata: { lang: 'en' } }),
        data({ list: [1, 'two', null, true], nested: { ok: true } }),
        file({ url: 'https://files.example/report.pdf', mediaType: 'application/pdf', filename: 'report.pdf' }),
        file({ raw: Buffer.from('raw bytes'), mediaType: 'text/plain' }),
      ], { name: 'mixed', metadata: { source: 'test' } });
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'parts' });
  const [chunk] = await kernelSide.untilTurnEnds('t1');
  const [textPart, dataPart, urlPart, rawPart] = chunk.artifact.artifact.parts;
  assert.equal(textPart.text, 'hello');
  assert.deepEqual(fromValue({ kind: 'structValue', structValue: textPart.metadata }), { lang: 'en' });
  assert.deepEqual(fromValue(dataPart.data), { list: [1, 'two', null, true], nested: { ok: true } });
  assert.deepEqual([urlPart.url, urlPart.mediaType, urlPart.filename],
    ['https://files.example/report.pdf', 'application/pdf', 'report.pdf']);
  assert.equal(Buffer.from(rawPart.raw).toString(), 'raw bytes');
  assert.equal(rawPart.mediaType, 'text/plain');
  assert.deepEqual(fromValue({ kind: 'structValue', structValue: chunk.artifact.artifact.metadata }), { source: 'test' });
});

test('an Execute for an agent the plugin does not have fails that task', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => plugin.agent({ id: 'a' }, async () => 'ok'));
  const kernelSide = await kernel.connection(0);
  kernelSide.execute({ taskId: 't1', agentId: 'nobody' });
  assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds('t1')), ['FAILED:this plugin has no agent "nobody"']);
});

test('a ProtocolError from the kernel is logged as a warning and the session goes on', async (t) => {
  const { kernel, logs } = await pluginAndKernel(t, (plugin) => plugin.agent({ id: 'a' }, async () => 'still here'));
  const kernelSide = await kernel.connection(0);
  kernelSide.protocolError({ code: 'UNKNOWN_TASK', message: 'no task t0', taskId: 't0' });
  kernelSide.execute({ taskId: 't1', agentId: 'a' });
  assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds('t1')), ['COMPLETED:still here']);
  assert.ok(logs.warn.some((line) => line.includes('UNKNOWN_TASK') && line.includes('no task t0')), logs.warn.join('\n'));
  assert.equal(kernel.connections.length, 1);
});

test('tasks run concurrently', async (t) => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'wait' }, async function* (request) {
      yield working('waiting');
      await gate;
      return request.taskId;
    });
  });
  const kernelSide = await kernel.connection(0);
  const ids = Array.from({ length: 20 }, (_, i) => `t${i}`);
  for (const id of ids) kernelSide.execute({ taskId: id, agentId: 'wait' });
  for (const id of ids) await kernelSide.waitFor((m) => m.event?.taskId === id, `WORKING of ${id}`);
  release();
  for (const id of ids) assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds(id)), ['WORKING:waiting', `COMPLETED:${id}`]);
});
