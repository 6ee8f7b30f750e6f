package io.agentx.grpc.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.api.A2aService;
import io.agentx.api.AgentTransport;
import io.agentx.security.api.CallGuard;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.agentx.grpc.internal.a2a.A2aGrpcService;
import io.agentx.grpc.internal.a2a.CallMetadata;
import io.agentx.grpc.internal.a2a.ProtoJson;
import io.agentx.grpc.internal.plugin.BridgeSettings;
import io.agentx.grpc.internal.plugin.PluginBridge;
import io.agentx.grpc.internal.plugin.Plugins;
import io.agentx.grpc.plugin.v1.PluginServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AgentX's gRPC server: the A2A binding and the plugin bridge on one port, built explicitly on Netty. While it
 * listens, agent cards list its interface ({@link AgentTransport}) and plugin supervisors may start their
 * processes ({@link PluginEndpoint}); both go away when it stops.
 */
@Component(immediate = true, service = {}, configurationPid = "io.agentx.grpc")
@Designate(ocd = GrpcConfig.class)
public final class GrpcServer {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

    static {
        // The embedded (shaded) Netty records JFR events; JFR instruments them with jdk.jfr.internal classes a
        // bundle class loader cannot see unless the framework delegates jdk.* to the boot loader. The property is
        // the shaded Netty's own, so no other Netty in the JVM is affected.
        if (System.getProperty("io.grpc.netty.shaded.io.netty.jfr.enabled") == null) {
            System.setProperty("io.grpc.netty.shaded.io.netty.jfr.enabled", "false");
        }
    }

    private final Server server;
    private final ExecutorService executor;
    private final EventLoops loops;
    private final PluginBridge bridge;
    private final Plugins plugins;
    private final ServiceRegistration<?> transport;
    private final ServiceRegistration<PluginEndpoint> endpoint;

    @Activate
    public GrpcServer(BundleContext context, GrpcConfig config, Map<String, Object> properties,
            @Reference A2aService service, @Reference CallGuard guard, @Reference Plugins plugins) throws IOException {
        this.plugins = plugins;
        plugins.tokens().configure(config.pluginTokens());
        SslContext tls = config.tls() ? ServerTls.context(context) : null; // before anything needs cleaning up
        String connectHost = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        PluginTrust trust = tls == null ? null : ServerTls.pluginTrust(context, dataFolder(context), connectHost);
        ProtoJson proto = new ProtoJson(new A2aJson());
        executor = Executors.newCachedThreadPool(new NamedThreads());
        bridge = new PluginBridge(context, plugins.tokens(), new BridgeSettings(config.heartbeatIntervalMillis(),
                config.maxConcurrentTasksPerPlugin(), config.maxMessageBytes(), config.resumeGraceMillis(),
                config.cancelTimeoutMillis()), proto, plugins.adapters(), executor);
        int configuredPort = port(config, properties, context);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), configuredPort));
        if (tls != null) {
            builder.sslContext(tls);
        }
        loops = new EventLoops();
        server = builder
                .executor(executor)
                .callExecutor(new PluginCallsOnTransport())
                .bossEventLoopGroup(loops.boss())
                .workerEventLoopGroup(loops.workers())
                .channelType(loops.channelType())
                .maxInboundMessageSize(config.maxMessageBytes())
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(ServerInterceptors.intercept(new A2aGrpcService(service, proto, config.maxParts(),
                        executor), new CallMetadata(guard)))
                .addService(bridge.definition())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            bridge.close();
            executor.shutdownNow();
            shutdownQuietly(loops);
            throw new UncheckedIOException("AgentX's gRPC server cannot listen on " + config.host() + ":" + configuredPort
                    + " (port of PID io.agentx.grpc, or AGENTX_GRPC_PORT): " + e.getMessage(), e);
        }
        int port = server.getPort();
        plugins.serving(bridge);
        String advertised = config.advertisedHost();
        transport = context.registerService(AgentTransport.class, (host, agentId) -> List.of(new AgentInterface(
                (advertised.isBlank() ? host : advertised) + ":" + port, AgentInterface.GRPC, "1.0",
                agentId)), null);
        endpoint = context.registerService(PluginEndpoint.class, new PluginEndpoint(connectHost + ":" + port, trust),
                null);
        LOG.info("gRPC server listening on {}:{} (A2A lf.a2a.v1.A2AService, plugins agentx.plugin.v1.PluginService)",
                config.host(), port);
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

    /**
     * Plugin sessions are handled on the transport's own threads: applying a plugin's events never blocks (task
     * runs write to the store in the background), and skipping the hand-over to a worker saves a thread wake-up
     * per message. A2A calls keep the worker pool: they may wait for a task.
     */
    private static final class PluginCallsOnTransport implements ServerCallExecutorSupplier {
        @Override
        public <ReqT, RespT> java.util.concurrent.Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
            return PluginServiceGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName()) ? Runnable::run : null;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        endpoint.unregister();
        transport.unregister();
        plugins.serving(null);
        bridge.close();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
        executor.shutdownNow();
        loops.shutdown();
        LOG.info("gRPC server stopped");
    }

    private static void shutdownQuietly(EventLoops loops) {
        try {
            loops.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named for thread dumps. */
    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "agentx-grpc-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Where the kernel keeps its data ({@code agentx.data}, else {@code data} in the working folder), for this bundle. */
    private static Path dataFolder(BundleContext context) {
        String data = context.getProperty("agentx.data");
        return Path.of(data == null ? "data" : data, "grpc").toAbsolutePath(); // plugins run in folders of their own
    }
}
