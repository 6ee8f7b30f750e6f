import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { writeFileSync } from 'node:fs';
import grpc from '@grpc/grpc-js';
import { Plugin, working } from '../src/index.js';
import { makeCertificates, SERVER_NAME } from '../test-support/certificates.js';
import { FakeKernel, GOOD_TOKEN, sleep, within } from '../test-support/fake-kernel.js';
import { describeEvents, pluginAndKernel, recordingLogger } from '../test-support/setup.js';

const TLS_VARIABLES = ['AGENTX_PLUGIN_TLS_CA', 'AGENTX_PLUGIN_TLS_CERT', 'AGENTX_PLUGIN_TLS_KEY',
  'AGENTX_PLUGIN_TLS_SERVER_NAME'];

let certs;
before(() => { certs = makeCertificates(); });
after(() => certs.remove());

/** Server credentials of the fake kernel: its certificate for agentx.test, requiring client certificates or not. */
function kernelCredentials({ requireClientCertificate = false } = {}) {
  return grpc.ServerCredentials.createSsl(requireClientCertificate ? certs.read('ca.pem') : null,
    [{ private_key: certs.read('server.key'), cert_chain: certs.read('server.pem') }], requireClientCertificate);
}

/** Runs `construct` with the given environment variables set (and the other AGENTX_PLUGIN_* TLS ones unset). */
function withEnv(variables, construct) {
  const saved = { ...process.env };
  for (const name of TLS_VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
  try {
    return construct();
  } finally {
    for (const name of new Set([...TLS_VARIABLES, ...Object.keys(variables)])) {
      if (name in saved) process.env[name] = saved[name];
      else delete process.env[name];
    }
  }
}

function echo(plugin) {
  plugin.agent({ id: 'echo' }, async function* (request) {
    yield working('on it');
    return `echo: ${request.text}`;
  });
}

/** Asserts that the kernel hands the plugin a task and gets its events back, as over plaintext. */
async function servesATask(kernel) {
  const kernelSide = await kernel.connection(0);
  assert.deepEqual(kernelSide.hello.agents.map((a) => a.agentId), ['echo']);
  kernelSide.execute({ taskId: 't1', agentId: 'echo', text: 'over TLS' });
  assert.deepEqual(describeEvents(await kernelSide.untilTurnEnds('t1')), ['WORKING:on it', 'COMPLETED:echo: over TLS']);
}

/** Resolves with the first entry matching `pattern`, once logged. */
function logged(entries, pattern, millis = 3000) {
  return within((async () => {
    for (;;) {
      const line = entries.find((entry) => pattern.test(entry));
      if (line !== undefined) return line;
      await sleep(20);
    }
  })(), millis, `a log entry matching ${pattern}`);
}

/** Starts a plugin against a TLS kernel that it must not get through to; returns the warning it logs. */
async function cannotConnect(t, serverCredentials, tls) {
  const { kernel, plugin, logs } = await pluginAndKernel(t, echo, { start: false, serverCredentials, tls });
  plugin.start().catch(() => {});
  const warning = await logged(logs.warn, /cannot connect to the kernel/);
  assert.match(warning,
    /at https:\/\/127\.0\.0\.1:\d+ \(UNAVAILABLE: .*\); the TLS handshake failed: check .*; retrying in \d+ ms/s);
  assert.equal(kernel.connections.length, 0, 'no Hello reached the kernel');
  return warning;
}

test('over https with the CA and the server name the plugin registers its agents and serves tasks', async (t) => {
  const { kernel, plugin, logs } = await pluginAndKernel(t, echo, {
    start: false, serverCredentials: kernelCredentials(), tls: { ca: certs.read('ca.pem'), serverName: SERVER_NAME },
  });
  await within(plugin.start(), 3000, 'the Welcome');
  assert.match(kernel.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  await servesATask(kernel);
  assert.ok(logs.info.some((line) => line.includes(`connected to the kernel at ${kernel.url}`)), logs.info.join('\n'));
});

test('TLS is configured by AGENTX_PLUGIN_URL, AGENTX_PLUGIN_TLS_CA and AGENTX_PLUGIN_TLS_SERVER_NAME alone', async (t) => {
  const kernel = await new FakeKernel().start(kernelCredentials());
  const plugin = withEnv({
    AGENTX_PLUGIN_URL: kernel.url, AGENTX_PLUGIN_TOKEN: GOOD_TOKEN,
    AGENTX_PLUGIN_TLS_CA: certs.path('ca.pem'), AGENTX_PLUGIN_TLS_SERVER_NAME: SERVER_NAME,
  }, () => new Plugin({ logger: false }));
  t.after(async () => { await plugin.stop(); await kernel.close(); });
  echo(plugin);
  await within(plugin.start(), 3000, 'the Welcome');
  await servesATask(kernel);
});

test('options win over the environment', async (t) => {
  const kernel = await new FakeKernel().start(kernelCredentials());
  const plugin = withEnv({ AGENTX_PLUGIN_TLS_CA: certs.path('missing.pem'), AGENTX_PLUGIN_TLS_SERVER_NAME: 'wrong.test' },
    () => new Plugin({ url: kernel.url, token: GOOD_TOKEN, logger: false,
      tls: { ca: certs.read('ca.pem').toString(), serverName: SERVER_NAME } }));
  t.after(async () => { await plugin.stop(); await kernel.close(); });
  echo(plugin);
  await within(plugin.start(), 3000, 'the Welcome');
});

test('without the CA the kernel\'s certificate is not trusted: a reconnection warning says why', async (t) => {
  const warning = await cannotConnect(t, kernelCredentials(), { serverName: SERVER_NAME });
  assert.match(warning, /unable to verify the first certificate/);
});

test('a CA that did not sign the kernel\'s certificate is refused the same way', async (t) => {
  const warning = await cannotConnect(t, kernelCredentials(), { ca: certs.read('stranger.pem'), serverName: SERVER_NAME });
  assert.match(warning, /unable to verify the first certificate/);
});

test('a server name the kernel\'s certificate does not carry is refused', async (t) => {
  const warning = await cannotConnect(t, kernelCredentials(), { ca: certs.read('ca.pem'), serverName: 'other.test' });
  assert.match(warning, /does not match certificate's altnames/);
});

test('a kernel that does not serve TLS is reported as a failed handshake', async (t) => {
  const kernel = await new FakeKernel().start();
  const { logger, entries } = recordingLogger();
  const plugin = new Plugin({ url: `https://${kernel.url}`, token: GOOD_TOKEN, logger, tls: { serverName: SERVER_NAME } });
  t.after(async () => { await plugin.stop(); await kernel.close(); });
  echo(plugin);
  plugin.start().catch(() => {});
  assert.match(await logged(entries.warn, /cannot connect/), /wrong version number.*the TLS handshake failed/s);
  assert.equal(kernel.connections.length, 0);
});

test('mutual TLS: a kernel requiring client certificates accepts one from its CA (options or environment)', async (t) => {
  const { kernel, plugin: withOptions } = await pluginAndKernel(t, echo, {
    start: false,
    serverCredentials: kernelCredentials({ requireClientCertificate: true }),
    tls: { ca: certs.read('ca.pem'), serverName: SERVER_NAME, cert: certs.read('client.pem'), key: certs.read('client.key') },
  });
  await within(withOptions.start(), 3000, 'the Welcome');
  await servesATask(kernel);

  const fromEnv = await new FakeKernel().start(kernelCredentials({ requireClientCertificate: true }));
  const plugin = withEnv({
    AGENTX_PLUGIN_TLS_CA: certs.path('ca.pem'), AGENTX_PLUGIN_TLS_SERVER_NAME: SERVER_NAME,
    AGENTX_PLUGIN_TLS_CERT: certs.path('client.pem'), AGENTX_PLUGIN_TLS_KEY: certs.path('client.key'),
  }, () => new Plugin({ url: fromEnv.url, token: GOOD_TOKEN, logger: false }));
  t.after(async () => { await plugin.stop(); await fromEnv.close(); });
  echo(plugin);
  await within(plugin.start(), 3000, 'the Welcome');
  await servesATask(fromEnv);
});

test('mutual TLS: a plugin without a client certificate is refused', async (t) => {
  const warning = await cannotConnect(t, kernelCredentials({ requireClientCertificate: true }),
    { ca: certs.read('ca.pem'), serverName: SERVER_NAME });
  assert.match(warning, /certificate required/);
});

test('unusable TLS settings fail the constructor, naming the setting and the file', () => {
  const https = 'https://127.0.0.1:8090';
  const make = (variables, options = {}) => withEnv(variables, () => new Plugin({ logger: false, ...options }));
  const missing = certs.path('missing.pem');
  writeFileSync(certs.path('not-pem.txt'), 'hello');

  assert.throws(() => make({ AGENTX_PLUGIN_URL: https, AGENTX_PLUGIN_TLS_CA: missing }),
    (error) => error.message.startsWith(`AGENTX_PLUGIN_TLS_CA: cannot read ${missing}: ENOENT`));
  assert.throws(() => make({
    AGENTX_PLUGIN_URL: https, AGENTX_PLUGIN_TLS_CERT: certs.dir, AGENTX_PLUGIN_TLS_KEY: certs.path('client.key'),
  }),
    (error) => error.message.startsWith(`AGENTX_PLUGIN_TLS_CERT: cannot read ${certs.dir}: EISDIR`));
  assert.throws(() => make({ AGENTX_PLUGIN_URL: https, AGENTX_PLUGIN_TLS_CA: certs.path('not-pem.txt') }),
    { message: `AGENTX_PLUGIN_TLS_CA: ${certs.path('not-pem.txt')} is not a PEM file (no "-----BEGIN" line)` });
  assert.throws(() => make({ AGENTX_PLUGIN_URL: https, AGENTX_PLUGIN_TLS_CERT: certs.path('client.pem') }),
    /^Error: AGENTX_PLUGIN_TLS_CERT is given without its private key \(option tls.key or AGENTX_PLUGIN_TLS_KEY\)/);
  assert.throws(() => make({}, { url: https, tls: { key: certs.read('client.key') } }),
    /^Error: option tls.key is given without a certificate \(option tls.cert or AGENTX_PLUGIN_TLS_CERT\)/);
  assert.throws(() => make({}, { url: https, tls: { ca: certs.path('ca.pem') } }),
    /option tls.ca is not PEM text .*give the contents, not a path/);
  assert.throws(() => make({ AGENTX_PLUGIN_URL: https, AGENTX_PLUGIN_TLS_CERT: certs.path('client.pem'),
    AGENTX_PLUGIN_TLS_KEY: certs.path('server.key') }),
  (error) => error.message.includes(`unusable TLS material (AGENTX_PLUGIN_TLS_CERT=${certs.path('client.pem')}, `
    + `AGENTX_PLUGIN_TLS_KEY=${certs.path('server.key')}): `) && /key values mismatch/.test(error.message));
  assert.throws(() => make({}, { url: https, tls: { caFile: 'ca.pem' } }), /unknown tls option\(s\) caFile/);
});

test('TLS settings with a plaintext URL are refused, not silently ignored', () => {
  const make = (variables, options = {}) => withEnv(variables, () => new Plugin({ logger: false, ...options }));
  assert.throws(() => make({ AGENTX_PLUGIN_URL: 'http://127.0.0.1:8090', AGENTX_PLUGIN_TLS_CA: certs.path('ca.pem') }),
    { message: 'AGENTX_PLUGIN_TLS_CA given, but the kernel URL "http://127.0.0.1:8090" is plaintext: '
      + 'use https://host:port to connect over TLS' });
  assert.throws(() => make({}, { url: '127.0.0.1:8090', tls: { serverName: SERVER_NAME } }),
    /^Error: option tls.serverName given, but the kernel URL "127.0.0.1:8090" is plaintext/);
  assert.doesNotThrow(() => make({}, { url: '127.0.0.1:8090', tls: {} }), 'no settings: nothing to refuse');
});
