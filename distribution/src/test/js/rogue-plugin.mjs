// A misbehaving plugin for the end-to-end tests: speaks the AgentX plugin protocol with raw @grpc/grpc-js to do
// what the SDKs never do, and prints what the kernel answered as one JSON line.
//   MODE=bad-token             Hello with a token AgentX does not know        -> {"status": <gRPC code>, "details": …}
//   MODE=garbage               bytes that are no protobuf message             -> {"status": …}
//   MODE=steal TASK_ID=<id>    registers an agent, then reports on someone else's task -> {"error": ProtocolError}
//   MODE=oversized             a Hello larger than the kernel accepts (5 MiB)  -> {"status": …}
//   MODE=impostor              a configured token taking the name and agent id of a supervised plugin (node-echo),
//                              to be a replica of its agent and get part of its traffic -> {"status": …}
// Environment: AGENTX_PLUGIN_URL (host:port), AGENTX_PLUGIN_TOKEN (for steal), MODE, TASK_ID.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');
const here = path.dirname(fileURLToPath(import.meta.url));
const protoRoot = path.resolve(here, '../../../../bundles/grpc/src/main/proto');
const definition = loader.loadSync('agentx/plugin/v1/plugin.proto',
  { includeDirs: [protoRoot], keepCase: false, enums: String, defaults: true, oneofs: true });
const PluginService = grpc.loadPackageDefinition(definition).agentx.plugin.v1.PluginService;
const { AGENTX_PLUGIN_URL: url, AGENTX_PLUGIN_TOKEN: token = '', MODE: mode, TASK_ID: taskId } = process.env;

const done = (result) => { console.log(JSON.stringify(result)); process.exit(0); };
setTimeout(() => done({ timeout: true }), 10000);

const card = { name: 'Rogue', description: 'misbehaves', version: '1', capabilities: { streaming: true },
  defaultInputModes: ['text/plain'], defaultOutputModes: ['text/plain'],
  skills: [{ id: 'rogue', name: 'Rogue', description: 'misbehaves', tags: ['test'] }] };

if (mode === 'garbage') {
  // the same method, with a serializer that sends bytes no protobuf parser accepts
  const raw = new grpc.Client(url, grpc.credentials.createInsecure());
  const call = raw.makeBidiStreamRequest('/agentx.plugin.v1.PluginService/Connect', (b) => b, (b) => b);
  call.on('error', (e) => done({ status: e.code, details: e.details }));
  call.on('data', () => {});
  call.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x0a, 0x99]));
} else {
  const client = new PluginService(url, grpc.credentials.createInsecure());
  const call = client.connect();
  call.on('error', (e) => done({ status: e.code, details: e.details }));
  call.on('data', (message) => {
    if (message.welcome && mode === 'steal') {
      call.write({ event: { taskId, status: { state: 'TASK_STATE_COMPLETED' } } });
    } else if (message.error) {
      done({ error: message.error });
    }
  });
  const described = mode === 'oversized' ? { ...card, description: 'x'.repeat(5 * 1024 * 1024) } : card;
  const id = mode === 'impostor' ? 'node-echo' : 'rogue';
  call.write({ hello: { token: mode === 'bad-token' ? 'not-a-valid-token' : token, pluginName: id, sdk: 'rogue/0',
    agents: [{ agentId: id, card: described }] } });
}
