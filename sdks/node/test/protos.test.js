import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { PROTO_DIR } from '../src/proto.js';

const CANONICAL_DIR = fileURLToPath(new URL('../../../bundles/grpc/src/main/proto/', import.meta.url));

/** The .proto files under a directory, as paths relative to it. */
function protoFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, entry))
    .filter((path) => path.endsWith('.proto'))
    .map((path) => relative(dir, path).split('\\').join('/'))
    .sort();
}

test('the shipped protos are exact copies of the canonical ones in bundles/grpc',
  { skip: !existsSync(CANONICAL_DIR) && 'not inside the AgentX repository' }, () => {
    const canonical = protoFiles(CANONICAL_DIR);
    assert.deepEqual(protoFiles(PROTO_DIR), canonical, 'the same files');
    assert.ok(canonical.includes('agentx/plugin/v1/plugin.proto') && canonical.includes('lf/a2a/v1/a2a.proto'));
    for (const file of canonical) {
      assert.ok(readFileSync(join(PROTO_DIR, file)).equals(readFileSync(join(CANONICAL_DIR, file))),
        `proto/${file} differs from bundles/grpc/src/main/proto/${file}: copy it again`);
    }
  });
