// The default logger: one line per entry on stderr; debug entries only when AGENTX_PLUGIN_DEBUG is set.

const PREFIX = '[agentx-plugin]';
const silent = () => {};

function line(level, message, error) {
  const detail = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  process.stderr.write(`${new Date().toISOString()} ${level} ${PREFIX} ${message}${detail}\n`);
}

/** @type {{ debug: Function, info: Function, warn: Function, error: Function }} */
export const defaultLogger = Object.freeze({
  debug: process.env.AGENTX_PLUGIN_DEBUG ? (message, error) => line('DEBUG', message, error) : silent,
  info: (message, error) => line('INFO', message, error),
  warn: (message, error) => line('WARN', message, error),
  error: (message, error) => line('ERROR', message, error),
});

/** A logger with all four methods: the given one (missing methods do nothing), the default, or silence for false. */
export function completeLogger(logger) {
  if (logger === undefined) return defaultLogger;
  if (logger === null || logger === false) return { debug: silent, info: silent, warn: silent, error: silent };
  const bind = (name) => (typeof logger[name] === 'function' ? logger[name].bind(logger) : silent);
  return { debug: bind('debug'), info: bind('info'), warn: bind('warn'), error: bind('error') };
}
