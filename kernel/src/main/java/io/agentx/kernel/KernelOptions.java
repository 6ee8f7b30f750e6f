package io.agentx.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one kernel run, from command-line flags first, then {@code AGENTX_*} environment variables,
 * then defaults.
 */
record KernelOptions(
        Path home,
        Path data,
        Path logs,
        String httpHost,
        int httpPort,
        Duration shutdownTimeout,
        Duration readyTimeout,
        Duration deployPoll,
        String logLevel,
        TlsOptions tls,
        boolean clean) {

    static final int DEFAULT_HTTP_PORT = 8080;

    static KernelOptions parse(List<String> args, Map<String, String> env, Path defaultHome) throws UsageException {
        Map<String, String> flags = new java.util.HashMap<>();
        boolean clean = false;
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            if (arg.equals("--clean")) {
                clean = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (it.hasNext()) {
                value = it.next();
            } else {
                throw new UsageException("flag --" + name + " needs a value");
            }
            if (!FLAGS.contains(name)) {
                throw new UsageException("unknown flag --" + name + " (known: --" + String.join(", --", FLAGS) + ", --clean)");
            }
            flags.put(name, value);
        }
        Settings settings = new Settings(flags, env);
        Path home = settings.path("home", "AGENTX_HOME", defaultHome);
        return new KernelOptions(
                home,
                settings.path("data", "AGENTX_DATA", home.resolve("data")),
                settings.path("logs", "AGENTX_LOGS", home.resolve("logs")),
                settings.text("http-host", "AGENTX_HTTP_HOST", "127.0.0.1"),
                settings.port("http-port", "AGENTX_HTTP_PORT", DEFAULT_HTTP_PORT),
                settings.duration("shutdown-timeout", "AGENTX_SHUTDOWN_TIMEOUT", Duration.ofSeconds(20)),
                settings.duration("ready-timeout", "AGENTX_READY_TIMEOUT", Duration.ofSeconds(60)),
                settings.duration("deploy-poll", "AGENTX_DEPLOY_POLL", Duration.ofMillis(100)),
                settings.level("log-level", "AGENTX_LOG_LEVEL", "INFO"),
                TlsOptions.of(settings.port("https-port", "AGENTX_HTTPS_PORT", -1),
                        settings.optionalPath("tls-keystore", "AGENTX_TLS_KEYSTORE"),
                        settings.optionalPath("tls-truststore", "AGENTX_TLS_TRUSTSTORE"),
                        settings.raw("tls-client-auth", "AGENTX_TLS_CLIENT_AUTH"), env),
                clean);
    }

    private static final List<String> FLAGS = List.of(
            "home", "data", "logs", "http-host", "http-port", "shutdown-timeout", "ready-timeout", "deploy-poll",
            "log-level", "https-port", "tls-keystore", "tls-truststore", "tls-client-auth");

    /** Looks a setting up by flag, then environment variable. */
    private record Settings(Map<String, String> flags, Map<String, String> env) {

        String raw(String flag, String variable) {
            String value = flags.get(flag);
            if (value == null) {
                value = env.get(variable);
            }
            return value == null || value.isBlank() ? null : value.trim();
        }

        String text(String flag, String variable, String fallback) {
            String value = raw(flag, variable);
            return value == null ? fallback : value;
        }

        Path path(String flag, String variable, Path fallback) {
            String value = raw(flag, variable);
            return (value == null ? fallback : Path.of(value)).toAbsolutePath().normalize();
        }

        Path optionalPath(String flag, String variable) {
            String value = raw(flag, variable);
            return value == null ? null : Path.of(value).toAbsolutePath().normalize();
        }

        int port(String flag, String variable, int fallback) throws UsageException {
            String value = raw(flag, variable);
            if (value == null) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(source(flag, variable) + " must be a port number 0-65535, got '" + value + "'");
        }

        Duration duration(String flag, String variable, Duration fallback) throws UsageException {
            String value = raw(flag, variable);
            if (value == null) {
                return fallback;
            }
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(source(flag, variable) + " " + e.getMessage());
            }
        }

        String level(String flag, String variable, String fallback) throws UsageException {
            String value = text(flag, variable, fallback).toUpperCase(Locale.ROOT);
            if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(value)) {
                throw new UsageException(source(flag, variable)
                        + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got '" + value + "'");
            }
            return value;
        }

        private String source(String flag, String variable) {
            return flags.containsKey(flag) ? "--" + flag : variable;
        }
    }
}
