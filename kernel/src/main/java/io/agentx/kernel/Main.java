package io.agentx.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** The {@code agentx} command line. */
public final class Main {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).execute(Arrays.asList(args), System.getenv()));
    }

    int execute(List<String> args, Map<String, String> env) {
        String command = args.isEmpty() ? "run" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (command) {
            case "run":
                return run(rest, env);
            case "version", "--version":
                out.println("AgentX " + version());
                return EXIT_OK;
            case "help", "--help", "-h":
                out.print(usage());
                return EXIT_OK;
            default:
                err.println("agentx: unknown command '" + command + "'; see 'agentx help'");
                return EXIT_USAGE;
        }
    }

    private int run(List<String> args, Map<String, String> env) {
        KernelOptions options;
        try {
            options = KernelOptions.parse(args, env, defaultHome());
        } catch (UsageException e) {
            err.println("agentx: " + e.getMessage() + "; see 'agentx help'");
            return EXIT_USAGE;
        }
        Folders folders = Folders.of(options);
        Kernel kernel = new Kernel(options, folders, version());
        CountDownLatch shutdown = new CountDownLatch(1);
        boolean logging = false;
        try {
            if (options.clean()) {
                CacheCleaner.clean(folders.frameworkCache());
            }
            folders.prepare();
            Logging.configure(folders.logs(), options.logLevel());
            logging = true;
            PortCheck.requireFree(options.httpHost(), options.httpPort(), "--http-port or AGENTX_HTTP_PORT");
            if (options.tls().enabled()) {
                PortCheck.requireFree(options.httpHost(), options.tls().httpsPort(), "--https-port or AGENTX_HTTPS_PORT");
            }
            onSignal("TERM", shutdown);
            onSignal("INT", shutdown);
            kernel.start();
            Thread watcher = new Thread(() -> {
                try {
                    kernel.awaitStopped();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                shutdown.countDown();
            }, "agentx-framework-watcher");
            watcher.setDaemon(true);
            watcher.start();
            announceReadiness(kernel);
            shutdown.await();
            Logger operator = LoggerFactory.getLogger(Logging.OPERATOR_LOGGER);
            operator.info("AgentX stopping (in-flight requests get up to {} ms)", options.shutdownTimeout().toMillis());
            boolean clean = kernel.stop();
            operator.info(clean ? "AgentX stopped" : "AgentX stopped after the shutdown timeout");
            return clean ? EXIT_OK : EXIT_FAILED;
        } catch (StartupException e) {
            err.println("AgentX cannot start: " + e.getMessage());
            if (logging) {
                LoggerFactory.getLogger(Main.class).debug("Start-up failure", e);
            }
            stopQuietly(kernel);
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(kernel);
            return EXIT_FAILED;
        }
    }

    private void announceReadiness(Kernel kernel) throws InterruptedException {
        ProcessAge age = ProcessAge.ofThisProcess(); // looked up while the bundles start
        String notReady = kernel.awaitReady();
        long millis = age.millis();
        Logger operator = LoggerFactory.getLogger(Logging.OPERATOR_LOGGER);
        if (notReady == null) {
            operator.info("AgentX {} ready on {} ({} bundles, {} ms)", version(), kernel.baseUri(), kernel.bundleCount(), millis);
        } else {
            operator.warn("AgentX {} is running on {} but not ready: {}", version(), kernel.baseUri(), notReady);
        }
    }

    private static void onSignal(String name, CountDownLatch shutdown) {
        try {
            Signal.handle(new Signal(name), signal -> shutdown.countDown());
        } catch (IllegalArgumentException e) {
            // this platform has no such signal; the JVM's default handling remains
        }
    }

    private static void stopQuietly(Kernel kernel) {
        try {
            kernel.stop();
        } catch (InterruptedException | RuntimeException ignored) {
            // already failing; the first error is the one reported
        }
    }

    private static Path defaultHome() {
        String home = System.getProperty("agentx.home");
        return Path.of(home == null ? "." : home);
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/agentx-kernel.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to the unknown version
        }
        return properties.getProperty("version", "unknown");
    }

    static String usage() {
        return """
                Usage: agentx <command> [flags]

                Commands:
                  run            start AgentX in the foreground (default)
                  version        print the version
                  help           print this help
                  audit-verify   check the audit log's hash chain (bin/agentx audit-verify [audit.log])

                Flags of 'run' (each also read from the environment variable shown):
                  --home <dir>              installation folder            AGENTX_HOME (default: the distribution)
                  --data <dir>              framework cache and stores     AGENTX_DATA (default: <home>/data)
                  --logs <dir>              log files                      AGENTX_LOGS (default: <home>/logs)
                  --http-host <address>     address to listen on           AGENTX_HTTP_HOST (default: 127.0.0.1)
                  --http-port <port>        HTTP port                      AGENTX_HTTP_PORT (default: 8080)
                  --shutdown-timeout <d>    grace for in-flight requests   AGENTX_SHUTDOWN_TIMEOUT (default: 20s)
                  --ready-timeout <d>       how long to wait for ready     AGENTX_READY_TIMEOUT (default: 60s)
                  --deploy-poll <d>         deploy/ and config/ polling    AGENTX_DEPLOY_POLL (default: 100ms)
                  --log-level <level>       TRACE..ERROR, OFF              AGENTX_LOG_LEVEL (default: INFO)
                  --https-port <port>       HTTPS port                     AGENTX_HTTPS_PORT (default: none)
                  --tls-keystore <file>     PKCS#12 key and certificate    AGENTX_TLS_KEYSTORE (password: AGENTX_TLS_KEYSTORE_PASSWORD)
                  --tls-truststore <file>   CAs of client certificates     AGENTX_TLS_TRUSTSTORE (password: AGENTX_TLS_TRUSTSTORE_PASSWORD)
                  --tls-client-auth <mode>  none, want or need             AGENTX_TLS_CLIENT_AUTH (default: want with a trust store)
                  --clean                   discard the framework cache before starting

                Durations: 500ms, 30s, 2m, or a number of seconds.
                The admin password comes from AGENTX_ADMIN_PASSWORD or is generated on first start.
                AGENTX_API_KEY: an administrator's API key, kept in memory only.
                AGENTX_GRPC_PORT: the gRPC port (default 8090) while io.agentx.grpc has no configuration.
                AGENTX_JAVA_OPTS: JVM options; AGENTX_CDS=off: no class-data-sharing archive (bin/agentx).
                """;
    }
}
