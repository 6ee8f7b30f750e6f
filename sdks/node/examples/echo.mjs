// A complete AgentX plugin: the "node-echo" agent.
//   "stream some words"  -> streams the words back as chunks of one artifact, then completes
//   anything else        -> completes with "echo: <text>"
// Run it under the AgentX plugin supervisor, or by hand with AGENTX_PLUGIN_URL / AGENTX_PLUGIN_TOKEN set.
import { setTimeout as sleep } from 'node:timers/promises';
import { Plugin, artifact, working } from 'agentx-plugin';

const plugin = new Plugin({ name: 'node-echo' });

plugin.agent({
  id: 'node-echo',
  name: 'Node echo',
  description: 'Echoes what it is told; "stream <words>" streams the words back one by one',
  skills: [
    { id: 'echo', name: 'Echo', description: 'Repeats the text', tags: ['echo'], examples: ['hello'] },
    { id: 'stream', name: 'Stream', description: 'Streams the words back', tags: ['echo', 'streaming'],
      examples: ['stream one two three'] },
  ],
}, async function* echo(request) {
  if (!/^stream\b/i.test(request.text)) return `echo: ${request.text}`;

  const words = request.text.replace(/^stream\s*/i, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) words.push('(nothing to stream)');
  yield working(`streaming ${words.length} chunk(s)`);
  for (let i = 0; i < words.length; i++) {
    await sleep(50, undefined, { signal: request.signal }); // stops at once when the task is canceled
    yield artifact(i === 0 ? words[i] : ` ${words[i]}`, {
      name: 'echo', append: i > 0, lastChunk: i === words.length - 1,
    });
  }
  return `streamed ${words.length} chunk(s)`;
});

await plugin.run();
