// Throwaway TLS material for the tests, made with the openssl CLI: a CA, a server certificate for agentx.test and
// a client certificate signed by it, and a stranger CA that signed nothing the kernel uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SERVER_NAME = 'agentx.test';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

const openssl = (dir, ...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

function authority(dir, name) {
  openssl(dir, 'req', '-x509', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2',
    '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

function leaf(dir, name, ca, serial, extensions) {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, 'req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-set_serial', serial,
    '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

/**
 * Makes the material in a new temporary folder. Returns `{ dir, path(file), read(file), remove() }`; the files are
 * ca.pem/ca.key, server.pem/server.key, client.pem/client.key and stranger.pem/stranger.key.
 */
export function makeCertificates() {
  const dir = mkdtempSync(join(tmpdir(), 'agentx-tls-'));
  authority(dir, 'ca');
  authority(dir, 'stranger');
  leaf(dir, 'server', 'ca', '2', `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth\n`);
  leaf(dir, 'client', 'ca', '3', 'extendedKeyUsage=clientAuth\n');
  const path = (file) => join(dir, file);
  return {
    dir,
    path,
    read: (file) => readFileSync(path(file)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
