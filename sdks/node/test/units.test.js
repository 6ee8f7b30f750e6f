import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from '../src/backoff.js';
import { loadProtocol } from '../src/proto.js';
import { fromValue, toValue } from '../src/values.js';

test('reconnection delays start at 250 ms, double up to 10 s with jitter, and reset', () => {
  const ceilings = new Backoff({ random: () => 1 });
  assert.deepEqual(Array.from({ length: 8 }, () => ceilings.next()), [250, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
  ceilings.reset();
  assert.equal(ceilings.next(), 250);
  const floors = new Backoff({ random: () => 0 });
  assert.deepEqual([floors.next(), floors.next()], [125, 250], 'jitter takes off up to half');
});

test('JSON-like values survive the trip through google.protobuf.Value on the wire', () => {
  const { Connect } = loadProtocol().PluginService.service;
  const value = { s: 'text', n: -1.5, b: false, nothing: null, list: [1, [2, { deep: 'yes' }]], empty: {}, at: new Date(0) };
  const wire = Connect.requestSerialize({ event: { taskId: 't', reply: { parts: [{ data: toValue(value) }] } } });
  const decoded = Connect.requestDeserialize(wire);
  assert.deepEqual(fromValue(decoded.event.reply.parts[0].data), { ...value, at: '1970-01-01T00:00:00.000Z' });
});

test("a request offers the history in its framework's message form when the kernel sent it, else null", async () => {
  const { TaskRequest } = await import('../src/request.js');
  const stored = [{ type: 'human', data: { content: 'Weather in Lyon?', id: 'm1' } }];
  const execute = { agentId: 'lc', task: { id: 't1', contextId: 'c1' }, message: { messageId: 'm1', parts: [] },
    dialectHistory: JSON.stringify(stored), extensions: [], acceptedOutputModes: [] };
  assert.deepEqual(new TaskRequest(execute).dialectHistory, stored);
  assert.equal(new TaskRequest({ ...execute, dialectHistory: '' }).dialectHistory, null);
});
