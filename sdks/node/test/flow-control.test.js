import assert from 'node:assert/strict';
import { test } from 'node:test';
import { artifact } from '../src/index.js';
import { sleep } from '../test-support/fake-kernel.js';
import { pluginAndKernel } from '../test-support/setup.js';

test('a kernel that stops reading pauses the handler instead of letting the SDK buffer without bound', async (t) => {
  const CHUNKS = 2000;
  const chunk = 'x'.repeat(16 * 1024);
  let produced = 0;
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({ id: 'firehose' }, async function* () {
      for (let i = 0; i < CHUNKS; i++) {
        yield artifact(chunk, { name: 'big', append: i > 0, lastChunk: i === CHUNKS - 1 });
        produced++;
      }
      return 'all sent';
    });
  });
  const kernelSide = await kernel.connection(0);
  kernelSide.call.pause(); // the kernel stops reading: HTTP/2 flow control pushes back
  kernelSide.execute({ taskId: 't1', agentId: 'firehose' });
  await sleep(300);
  const whilePaused = produced;
  assert.ok(whilePaused < CHUNKS / 4, `the handler produced ${whilePaused} of ${CHUNKS} chunks while nobody read`);
  kernelSide.call.resume();
  const events = await kernelSide.untilTurnEnds('t1', 10_000);
  assert.equal(events.filter((e) => e.event === 'artifact').length, CHUNKS);
  assert.equal(events.at(-1).status.state, 'TASK_STATE_COMPLETED');
});
