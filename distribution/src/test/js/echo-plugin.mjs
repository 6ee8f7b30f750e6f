// A Node plugin agent for the end-to-end tests, written with the agentx-plugin SDK. It follows the built-in echo
// agent's conventions so that a2a-e2e.mjs can drive it: the text comes back as an artifact named "echo" and as the
// final status message (word by word as artifact chunks to streaming clients); "wait" keeps the task working until
// it is canceled; "ask" asks for input and the reply completes the task; "crash" exits the process at once.
// AGENT_ID names the agent (default node-echo); RESUMES_TASKS=true declares that it resumes tasks after AgentX
// restarted, and it completes a task handed back so with "resumed: <text>". REQUIRED_EXTENSION=<uri> lists an A2A
// extension clients must ask for; "extensions" completes with the ones a request asked for.
import { Plugin, artifact, completed, inputRequired, working } from 'agentx-plugin';

const id = process.env.AGENT_ID || 'node-echo';
const plugin = new Plugin({ name: process.env.AGENTX_PLUGIN_NAME || id });

const asked = (task) => {
  const history = task?.history ?? [];
  return history.length >= 2 && history[history.length - 2].role === 'ROLE_AGENT'
      && task.status?.state === 'TASK_STATE_WORKING';
};

plugin.agent({
  id, name: 'Echo', description: 'Echoes the text of every message (test conventions: wait, ask, crash)',
  resumesTasks: process.env.RESUMES_TASKS === 'true',
  extensions: process.env.REQUIRED_EXTENSION
    ? [{ uri: process.env.REQUIRED_EXTENSION, description: 'Required by the tests', required: true }] : [],
  skills: [{ id: 'echo', name: 'Echo', description: 'Repeats the message text back.', tags: ['echo', 'test'] }],
}, async function* echo(request) {
  const text = request.text;
  if (request.resumed) {
    yield completed(`resumed: ${text}`); // AgentX restarted while this task was working
  } else if (asked(request.task)) {
    yield completed(`Nice to meet you, ${text}`);
  } else if (text === 'extensions') {
    yield completed(`requested: ${request.extensions.join(',')}`);
  } else if (text.startsWith('wait')) {
    yield working('waiting until canceled');
    await new Promise((resolve) => request.signal.addEventListener('abort', resolve, { once: true }));
  } else if (text.startsWith('crash')) {
    process.kill(process.pid, 'SIGKILL');
  } else if (text.startsWith('ask')) {
    yield inputRequired('What is your name?');
  } else if (request.streaming) {
    yield working();
    const words = text.split(/(?<= )/);
    for (let i = 0; i < words.length; i++) {
      yield artifact(words[i], { artifactId: 'echo', name: 'echo', append: i > 0, lastChunk: i === words.length - 1 });
    }
    yield completed(text);
  } else {
    yield artifact(text, { artifactId: 'echo', name: 'echo', lastChunk: true });
    yield completed(text);
  }
});

await plugin.run();
