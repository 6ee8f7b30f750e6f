// A misbehaving plugin for the end-to-end tests: speaks the AgentX plugin protocol with raw @grpc/grpc-js to do
// what the SDKs never do, and prints what the kernel answered as one JSON line.
//   MODE=bad-token             Hello with a token AgentX does not know        -> {"status": <gRPC code>, "details": …}
//   MODE=garbage               bytes that are no protobuf message             -> {"status": …}
//   MODE=steal TASK_ID=<id>    registers an agent, then reports on someone else's task -> {"error": ProtocolError}
//   MODE=oversized             a Hello larger than the kernel accepts (5 MiB)  -> {"status": …}
//   MODE=impostor              a configured token taking the name and agent id of a supervised plugin (node-echo),
//                              to be a replica of its agent and get part of its traffic -> {"status": …}
//   MODE=taken                 registers agent id py-echo, which another plugin serves -> {"status": …}
//   MODE=twice                 registers the same agent id twice in its Hello -> {"status": …}
//   MODE=no-hello              opens its session with a heartbeat          -> {"status": …}
//   MODE=unknown-task          registers, then reports on a task no one has  -> {"error": ProtocolError}
//   MODE=hello-again           registers, then says Hello a second time     -> {"error": ProtocolError}
//   MODE=deaf                  registers, then reads nothing AgentX sends while flooding it with events for unknown
//                              tasks (each calls for an error answer) -> {"written": n, "heldBack": true} once its
//                              writes no longer drain; then stays connected, still not reading, for 20 s
//   MODE=stubborn              registers agent stubborn, takes every task (WORKING) and never finishes one, ignores
//                              cancellations; answers heartbeats; runs until killed
// Environment: AGENTX_PLUGIN_URL (host:port), AGENTX_PLUGIN_TOKEN (for steal), MODE, TASK_ID.
import { createRequire } from 'node:module';
import http2 from 'node:http2';
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
const giveUp = mode === 'stubborn' ? null : setTimeout(() => done({ timeout: true }), 10000);

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
} else if (mode === 'deaf') {
  // raw HTTP/2, because a @grpc/grpc-js call buffers whatever arrives whether or not it is read: this stream is
  // paused, so HTTP/2 flow control tells AgentX that nothing it sends is read
  const protobuf = require('protobufjs');
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(protoRoot, target));
  root.loadSync('agentx/plugin/v1/plugin.proto');
  const PluginMessage = root.lookupType('agentx.plugin.v1.PluginMessage');
  const frame = (message) => {
    const body = PluginMessage.encode(PluginMessage.fromObject(message)).finish();
    const framed = Buffer.alloc(5 + body.length);
    framed.writeUInt32BE(body.length, 1);
    Buffer.from(body).copy(framed, 5);
    return framed;
  };
  clearTimeout(giveUp);
  const stream = http2.connect(`http://${url}`).request({ ':method': 'POST',
    ':path': '/agentx.plugin.v1.PluginService/Connect', 'content-type': 'application/grpc', te: 'trailers' });
  stream.on('error', () => {});
  stream.pause();
  stream.write(frame({ hello: { token, pluginName: 'rogue', sdk: 'rogue/0', agents: [{ agentId: 'rogue', card }] } }));
  const cap = 200000;
  let written = 0;
  const flood = () => {
    while (written < cap) {
      written += 1;
      if (!stream.write(frame({ event: { taskId: `no-such-task-${written}`, status: { state: 'TASK_STATE_WORKING' } } }))) {
        const stuck = setTimeout(() => {
          console.log(JSON.stringify({ written, heldBack: true }));
          setTimeout(() => process.exit(0), 20000);
        }, 1500);
        stream.once('drain', () => { clearTimeout(stuck); flood(); });
        return;
      }
    }
    done({ written, heldBack: false });
  };
  flood();
} else {
  const client = new PluginService(url, grpc.credentials.createInsecure());
  const call = client.connect();
  call.on('error', (e) => done({ status: e.code, details: e.details }));
  call.on('data', (message) => {
    if (message.welcome && mode === 'steal') {
      call.write({ event: { taskId, status: { state: 'TASK_STATE_COMPLETED' } } });
    } else if (message.welcome && mode === 'unknown-task') {
      call.write({ event: { taskId: 'no-one-has-this-task', status: { state: 'TASK_STATE_COMPLETED' } } });
    } else if (message.welcome && mode === 'stubborn') {
      console.log(JSON.stringify({ welcome: true }));
      setInterval(() => call.write({ heartbeat: { sentAtMillis: Date.now() } }), 300);
    } else if (message.execute && mode === 'stubborn') {
      call.write({ event: { taskId: message.execute.task.id, status: { state: 'TASK_STATE_WORKING' } } });
    } else if (message.welcome && mode === 'hello-again') {
      call.write({ hello: { token, pluginName: 'rogue', sdk: 'rogue/0', agents: [{ agentId: 'rogue', card }] } });
    } else if (message.error) {
      done({ error: message.error });
    }
  });
  const described = mode === 'oversized' ? { ...card, description: 'x'.repeat(5 * 1024 * 1024) } : card;
  const id = mode === 'impostor' ? 'node-echo' : mode === 'stubborn' ? 'stubborn' : 'rogue';
  const agents = mode === 'taken' ? [{ agentId: 'py-echo', card }]
    : mode === 'twice' ? [{ agentId: 'rogue', card }, { agentId: 'rogue', card }]
      : [{ agentId: id, card: described }];
  if (mode === 'no-hello') {
    call.write({ heartbeat: { sentAtMillis: Date.now() } });
  } else {
    call.write({ hello: { token: mode === 'bad-token' ? 'not-a-valid-token' : token, pluginName: id, sdk: 'rogue/0', agents } });
  }
}
