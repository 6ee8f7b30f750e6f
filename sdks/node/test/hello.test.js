import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Plugin, reply } from '../src/index.js';
import { FakeKernel, GOOD_TOKEN } from '../test-support/fake-kernel.js';
import { pluginAndKernel } from '../test-support/setup.js';

test('Hello carries the token, plugin name, SDK and one card per agent with its skills', async (t) => {
  const { kernel } = await pluginAndKernel(t, (plugin) => {
    plugin.agent({
      id: 'node-echo', name: 'Node echo', description: 'Echoes what it is told',
      skills: [{ id: 'echo', name: 'Echo', description: 'Repeats the text', tags: ['echo'], examples: ['hello'] }],
    }, async (request) => reply(request.text));
    plugin.agent({
      id: 'weather.v2', description: 'Forecasts', version: '2.1.0', streaming: false, framework: 'langchain',
      resumesTasks: true,
      extensions: [{ uri: 'https://example.com/ext/units/v1', description: 'Metric or imperial', required: true,
        params: { default: 'metric', units: ['metric', 'imperial'] } }, { uri: 'https://example.com/ext/trace/v1' }],
      defaultOutputModes: ['application/json'], provider: { organization: 'ACME', url: 'https://acme.example' },
    }, async () => 'sunny');
  });
  const { hello } = await kernel.connection(0);

  assert.equal(hello.token, GOOD_TOKEN);
  assert.equal(hello.pluginName, 'test-plugin');
  assert.equal(hello.sdk, 'agentx-plugin-node/0.1.0');
  assert.equal(hello.resumeSession, '');
  assert.deepEqual(hello.resumeTaskIds, []);
  assert.deepEqual(hello.agents.map((a) => a.agentId), ['node-echo', 'weather.v2']);

  const [echo, weather] = hello.agents;
  assert.equal(echo.card.name, 'Node echo');
  assert.equal(echo.card.description, 'Echoes what it is told');
  assert.equal(echo.card.version, '0.1.0');
  assert.equal(echo.card.capabilities.streaming, true);
  assert.deepEqual(echo.card.defaultInputModes, ['text/plain']);
  assert.deepEqual(echo.card.defaultOutputModes, ['text/plain']);
  assert.deepEqual(echo.card.supportedInterfaces, []);
  assert.equal(echo.framework, '');
  assert.equal(echo.resumesTasks, false, 'an agent resumes tasks only when it says so');
  assert.deepEqual(echo.card.capabilities.extensions, []);
  assert.equal(echo.card.skills.length, 1);
  const [skill] = echo.card.skills;
  assert.deepEqual(
    { id: skill.id, name: skill.name, description: skill.description, tags: skill.tags, examples: skill.examples },
    { id: 'echo', name: 'Echo', description: 'Repeats the text', tags: ['echo'], examples: ['hello'] },
  );

  assert.equal(weather.card.name, 'weather.v2', 'the name defaults to the id');
  assert.equal(weather.card.version, '2.1.0');
  assert.equal(weather.card.capabilities.streaming, false);
  assert.deepEqual(weather.card.defaultOutputModes, ['application/json']);
  assert.deepEqual({ ...weather.card.provider }, { organization: 'ACME', url: 'https://acme.example' });
  assert.equal(weather.framework, 'langchain');
  assert.equal(weather.resumesTasks, true);
  const [units, trace] = weather.card.capabilities.extensions;
  assert.deepEqual({ uri: units.uri, description: units.description, required: units.required },
    { uri: 'https://example.com/ext/units/v1', description: 'Metric or imperial', required: true });
  assert.equal(units.params.fields.default.stringValue, 'metric');
  assert.deepEqual(units.params.fields.units.listValue.values.map((v) => v.stringValue), ['metric', 'imperial']);
  assert.deepEqual({ uri: trace.uri, required: trace.required, params: trace.params },
    { uri: 'https://example.com/ext/trace/v1', required: false, params: null }, 'optional, without params');
});

test('an extension without a uri, or with params that are not an object, is refused when declared', () => {
  const plugin = new Plugin({ url: 'localhost:1', token: 't', name: 'p' });
  assert.throws(() => plugin.agent({ id: 'a', extensions: [{ required: true }] }, async () => ''),
    /agent a: every extension needs a string uri/);
  assert.throws(() => plugin.agent({ id: 'b', extensions: [{ uri: 'u', params: ['x'] }] }, async () => ''),
    /agent b: the params of extension u must be a plain object/);
});

test('url, token and name default to AGENTX_PLUGIN_URL, AGENTX_PLUGIN_TOKEN and AGENTX_PLUGIN_NAME', async (t) => {
  const kernel = await new FakeKernel().start();
  const saved = { ...process.env };
  Object.assign(process.env, {
    AGENTX_PLUGIN_URL: kernel.url, AGENTX_PLUGIN_TOKEN: GOOD_TOKEN, AGENTX_PLUGIN_NAME: 'from-env',
  });
  let plugin;
  try {
    plugin = new Plugin({ logger: false });
  } finally {
    for (const key of ['AGENTX_PLUGIN_URL', 'AGENTX_PLUGIN_TOKEN', 'AGENTX_PLUGIN_NAME']) {
      if (key in saved) process.env[key] = saved[key];
      else delete process.env[key];
    }
  }
  t.after(async () => { await plugin.stop(); await kernel.close(); });
  plugin.agent({ id: 'a' }, async () => 'ok');
  await plugin.start();
  const { hello } = await kernel.connection(0);
  assert.equal(hello.token, GOOD_TOKEN);
  assert.equal(hello.pluginName, 'from-env');
});

test('agent declarations are checked before anything is sent', async () => {
  const plugin = new Plugin({ url: '127.0.0.1:1', logger: false });
  assert.throws(() => plugin.agent({ id: 'has space' }, async () => {}), /invalid agent id "has space"/);
  assert.throws(() => plugin.agent({ id: 'ok' }, 'not a function'), /handler must be a function/);
  await assert.rejects(plugin.start(), /at least one agent/);
  plugin.agent({ id: 'ok' }, async () => {});
  assert.throws(() => plugin.agent({ id: 'ok' }, async () => {}), /declared twice/);
});
