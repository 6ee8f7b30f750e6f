// Loads the AgentX plugin protocol (agentx.plugin.v1 + lf.a2a.v1) from the .proto files shipped in ../proto.
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

/** Directory holding the shipped protos (lf/a2a/v1/a2a.proto, agentx/plugin/v1/plugin.proto). */
export const PROTO_DIR = fileURLToPath(new URL('../proto/', import.meta.url));

/** How messages look in JavaScript: camelCase fields, int64 as Number, enums as their names, oneof names set. */
export const LOADER_OPTIONS = Object.freeze({
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
});

let protocol;

/**
 * The loaded protocol, once per process: `{ PluginService, packageDefinition }`, where PluginService is the
 * grpc-js client constructor (its `.service` is the definition a server implements).
 */
export function loadProtocol() {
  if (protocol === undefined) {
    const packageDefinition = protoLoader.loadSync(['agentx/plugin/v1/plugin.proto'], LOADER_OPTIONS);
    const loaded = grpc.loadPackageDefinition(packageDefinition);
    protocol = { PluginService: loaded.agentx.plugin.v1.PluginService, packageDefinition };
  }
  return protocol;
}
