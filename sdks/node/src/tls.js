// How the plugin reaches the kernel: the gRPC target, plaintext or TLS credentials and the channel options they
// need, from the URL and the TLS settings (constructor options, else AGENTX_PLUGIN_TLS_* environment variables).
import { readFileSync } from 'node:fs';
import grpc from '@grpc/grpc-js';

/** The environment variable behind each TLS setting. */
const VARIABLES = {
  ca: 'AGENTX_PLUGIN_TLS_CA',
  cert: 'AGENTX_PLUGIN_TLS_CERT',
  key: 'AGENTX_PLUGIN_TLS_KEY',
  serverName: 'AGENTX_PLUGIN_TLS_SERVER_NAME',
};

/**
 * @typedef {object} TlsOptions
 * @property {string | Uint8Array} [ca]    PEM CA certificate(s) to trust for the kernel's certificate (default: the
 *                                         system's roots)
 * @property {string | Uint8Array} [cert]  PEM client certificate chain, for mutual TLS (with `key`)
 * @property {string | Uint8Array} [key]   PEM private key of `cert`
 * @property {string} [serverName]         the name the kernel's certificate must carry (default: the URL's host)
 *
 * @typedef {object} KernelChannel
 * @property {string} target        the gRPC target
 * @property {string} display       how to name the kernel in messages
 * @property {object} credentials   grpc ChannelCredentials
 * @property {object} options       channel options the credentials need
 * @property {(details: string) => string} hint  what to add to a connection failure's message ('' or "; …")
 */

/** Words of the gRPC error text when a TLS handshake failed. */
const HANDSHAKE_FAILURE = /certificate|altnames|SSL|TLS|handshake/i;
const HANDSHAKE_HINT = '; the TLS handshake failed: check that AgentX serves TLS there, the trusted CA, '
  + 'the server name and the client certificate (AGENTX_PLUGIN_TLS_* or the tls option)';

/**
 * The channel to the kernel for a URL: "host:port", "dns:…" or "http://host:port" is plaintext, "https://host:port"
 * is TLS. Each TLS setting comes from `tls` (PEM contents) or else its environment variable (a file path; empty
 * means unset). Throws an error naming the setting (and file) at fault for unreadable files, material that is not
 * PEM or does not fit together, a certificate without its key (or the reverse), or TLS settings with a plaintext URL.
 *
 * @param {string} url
 * @param {TlsOptions} [tls]
 * @param {Record<string, string | undefined>} [env]
 * @returns {KernelChannel}
 */
export function kernelChannel(url, tls, env = process.env) {
  const settings = tlsSettings(tls, env);
  const given = Object.values(settings);
  if (!url.startsWith('https://')) {
    if (given.length > 0) {
      throw new Error(`${given.map((s) => s.source).join(', ')} given, but the kernel URL "${url}" is plaintext: `
        + 'use https://host:port to connect over TLS');
    }
    const target = url.startsWith('http://') ? url.slice('http://'.length).replace(/\/+$/, '') : url;
    return { target, display: target, credentials: grpc.credentials.createInsecure(), options: {}, hint: () => '' };
  }
  const target = url.slice('https://'.length).replace(/\/+$/, '');
  const { ca, cert, key, serverName } = settings;
  if (Boolean(cert) !== Boolean(key)) {
    const [present, missing] = cert ? [cert, 'key'] : [key, 'cert'];
    throw new Error(`${present.source} is given without ${missing === 'key' ? 'its private key' : 'a certificate'} `
      + `(option tls.${missing} or ${VARIABLES[missing]}): mutual TLS needs both`);
  }
  const [caPem, keyPem, certPem] = [ca, key, cert].map((setting) => (setting ? pem(setting) : null));
  let credentials;
  try {
    credentials = grpc.credentials.createSsl(caPem, keyPem, certPem);
  } catch (error) {
    const material = [ca, cert, key].filter(Boolean).map(describe).join(', ');
    throw new Error(`unusable TLS material (${material}): ${error.message}`);
  }
  const options = {};
  if (serverName) {
    if (typeof serverName.value !== 'string') throw new TypeError(`${serverName.source} must be a string`);
    options['grpc.ssl_target_name_override'] = serverName.value;
    options['grpc.default_authority'] = serverName.value;
  }
  const hint = (details) => (HANDSHAKE_FAILURE.test(details) ? HANDSHAKE_HINT : '');
  return { target, display: `https://${target}`, credentials, options, hint };
}

/** Each TLS setting as { value, source, path? } (path: read from a file named by the environment), or undefined. */
function tlsSettings(tls, env) {
  tls ??= {};
  if (typeof tls !== 'object') throw new TypeError('the tls option must be an object');
  const unknown = Object.keys(tls).filter((name) => !(name in VARIABLES));
  if (unknown.length > 0) {
    throw new TypeError(`unknown tls option(s) ${unknown.join(', ')} (known: ${Object.keys(VARIABLES).join(', ')})`);
  }
  const settings = {};
  for (const [name, variable] of Object.entries(VARIABLES)) {
    if (tls[name] !== undefined && tls[name] !== null) {
      settings[name] = { value: tls[name], source: `option tls.${name}` };
    } else if (env[variable]) {
      settings[name] = name === 'serverName'
        ? { value: env[variable], source: variable }
        : { value: env[variable], source: variable, path: env[variable] };
    }
  }
  return settings;
}

const describe = (setting) => (setting.path === undefined ? setting.source : `${setting.source}=${setting.path}`);

/** The PEM bytes of a setting: its file's contents, or the option's string or bytes. */
function pem(setting) {
  let bytes;
  if (setting.path !== undefined) {
    try {
      bytes = readFileSync(setting.path);
    } catch (error) {
      throw new Error(`${setting.source}: cannot read ${setting.path}: ${error.message}`);
    }
  } else if (typeof setting.value === 'string' || setting.value instanceof Uint8Array) {
    bytes = Buffer.from(setting.value);
  } else {
    throw new TypeError(`${setting.source} must be PEM text (a string or a Buffer)`);
  }
  if (!bytes.includes('-----BEGIN ')) {
    throw new Error(setting.path === undefined
      ? `${setting.source} is not PEM text (no "-----BEGIN" line); give the contents, not a path`
      : `${setting.source}: ${setting.path} is not a PEM file (no "-----BEGIN" line)`);
  }
  return bytes;
}
