package io.agentx.grpc.internal;

import io.agentx.api.A2aService;
import io.agentx.api.HealthCheck;
import io.agentx.grpc.internal.plugin.Plugins;
import io.agentx.security.api.CallGuard;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentX's gRPC server ({@link RunningGrpcServer}), started on a thread of its own: loading grpc-java and Netty
 * takes about a second on two cores, which the rest of AgentX spends starting beside it instead of waiting. Until
 * it listens, and if it cannot, readiness says so through this {@link HealthCheck}.
 */
@Component(immediate = true, service = HealthCheck.class, configurationPid = "io.agentx.grpc")
@Designate(ocd = GrpcConfig.class)
public final class GrpcServer implements HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);
    private static final Executor STARTER = task -> {
        Thread thread = new Thread(task, "agentx-grpc-start");
        thread.setDaemon(true);
        thread.start();
    };

    static {
        // The embedded (shaded) Netty records JFR events; JFR instruments them with jdk.jfr.internal classes a
        // bundle class loader cannot see unless the framework delegates jdk.* to the boot loader. The property is
        // the shaded Netty's own, so no other Netty in the JVM is affected.
        if (System.getProperty("io.grpc.netty.shaded.io.netty.jfr.enabled") == null) {
            System.setProperty("io.grpc.netty.shaded.io.netty.jfr.enabled", "false");
        }
    }

    private final String address;
    private final CompletableFuture<RunningGrpcServer> running;

    @Activate
    public GrpcServer(BundleContext context, GrpcConfig config, Map<String, Object> properties,
            @Reference A2aService service, @Reference CallGuard guard, @Reference Plugins plugins) {
        plugins.tokens().configure(config.pluginTokens());
        int port = port(config, properties, context); // a configuration error fails the activation at once
        address = config.host() + ":" + port;
        running = new CompletableFuture<>();
        STARTER.execute(() -> {
            try {
                running.complete(new RunningGrpcServer(context, config, port, service, guard, plugins));
            } catch (Exception | Error e) {
                running.completeExceptionally(e);
            }
        });
        running.whenComplete((server, failure) -> {
            if (failure != null) {
                LOG.error("{}", problem());
            }
        });
    }

    @Override
    public String name() {
        return "gRPC server";
    }

    @Override
    public String problem() {
        if (!running.isDone()) {
            return "starting on " + address;
        }
        try {
            running.join();
            return null;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            return "did not start on " + address + ": " + (cause.getMessage() == null ? cause : cause.getMessage());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        RunningGrpcServer server;
        try {
            server = running.join(); // a server still starting is stopped once it listens
        } catch (CompletionException e) {
            return; // it never ran
        }
        server.stop();
    }

    /**
     * The configured port; without a configuration, the framework property {@code agentx.grpc.port} or the
     * environment variable AGENTX_GRPC_PORT, else the default.
     */
    private static int port(GrpcConfig config, Map<String, Object> properties, BundleContext context) {
        String fromEnvironment = context.getProperty("agentx.grpc.port");
        if (fromEnvironment == null) {
            fromEnvironment = System.getenv("AGENTX_GRPC_PORT");
        }
        if (properties.get("service.pid") != null || fromEnvironment == null || fromEnvironment.isBlank()) {
            return config.port();
        }
        try {
            return Integer.parseInt(fromEnvironment.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agentx.grpc.port / AGENTX_GRPC_PORT must be a port number, got '"
                    + fromEnvironment + "'", e);
        }
    }
}
