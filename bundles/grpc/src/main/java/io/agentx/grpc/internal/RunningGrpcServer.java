package io.agentx.grpc.internal;

import io.agentx.a2a.json.A2aJson;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.api.A2aService;
import io.agentx.api.AgentTransport;
import io.agentx.grpc.internal.a2a.A2aGrpcService;
import io.agentx.grpc.internal.a2a.ParsedRequests;
import io.agentx.grpc.internal.a2a.CallMetadata;
import io.agentx.grpc.internal.a2a.ProtoJson;
import io.agentx.grpc.internal.plugin.BridgeSettings;
import io.agentx.grpc.internal.plugin.PluginBridge;
import io.agentx.grpc.internal.plugin.Plugins;
import io.agentx.security.api.CallGuard;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server once it listens: the A2A binding and the plugin bridge on one port, built explicitly on Netty.
 * While it runs, agent cards list its interface ({@link AgentTransport}) and plugin supervisors may start their
 * processes ({@link PluginEndpoint}); both go away when it stops.
 */
final class RunningGrpcServer {
    private static final Logger LOG = LoggerFactory.getLogger(RunningGrpcServer.class);

    private final Server server;
    /** Base size of the worker pool per core; it grows while steps wait (see {@link Workers}). */
    private static final int WORKERS_PER_CORE = 4;
    /** The most workers while steps wait, unless the base is larger already (over 64 cores). */
    private static final int MAX_WORKERS = 256;
    private static final long WORKERS_STARVING_MILLIS = 50;
    private static final long WORKERS_IDLE_MILLIS = 60_000;

    private final Workers executor;
    private final EventLoops loops;
    private final PluginBridge bridge;
    private final Plugins plugins;
    private final ServiceRegistration<?> transport;
    private final ServiceRegistration<PluginEndpoint> endpoint;

    /** Builds the server and starts it listening on {@code port} (0: any free one). */
    RunningGrpcServer(BundleContext context, GrpcConfig config, int port, A2aService service, CallGuard guard,
            Plugins plugins) throws IOException {
        this.plugins = plugins;
        SslContext tls = config.tls() ? ServerTls.context(context) : null; // before anything needs cleaning up
        String connectHost = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        PluginTrust trust = tls == null ? null : ServerTls.pluginTrust(context, dataFolder(context), connectHost);
        ProtoJson proto = new ProtoJson(new A2aJson());
        int baseWorkers = WORKERS_PER_CORE * Runtime.getRuntime().availableProcessors();
        executor = new Workers(baseWorkers, Math.max(baseWorkers, MAX_WORKERS), WORKERS_STARVING_MILLIS,
                WORKERS_IDLE_MILLIS, new NamedThreads());
        bridge = new PluginBridge(context, plugins.tokens(), new BridgeSettings(config.heartbeatIntervalMillis(),
                config.maxConcurrentTasksPerPlugin(), config.maxMessageBytes(), config.resumeGraceMillis(),
                config.cancelTimeoutMillis()), proto, plugins.adapters(), executor);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), port));
        if (tls != null) {
            builder.sslContext(tls);
        }
        loops = new EventLoops();
        server = builder
                // calls are handled on the transport's threads, saving a thread wake-up per callback: plugin
                // sessions entirely (applying a plugin's events never blocks: task runs write to the store in the
                // background); an A2A call hands its method, which may block, to a worker (CallMetadata)
                .directExecutor()
                .bossEventLoopGroup(loops.boss())
                .workerEventLoopGroup(loops.workers())
                .channelType(loops.channelType())
                .maxInboundMessageSize(config.maxMessageBytes())
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(ParsedRequests.of(ServerInterceptors.intercept(new A2aGrpcService(service, proto,
                        config.maxParts(), executor), new CallMetadata(guard, executor))))
                .addService(bridge.definition())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            bridge.close();
            executor.shutdownNow();
            shutdownQuietly(loops);
            throw new UncheckedIOException("AgentX's gRPC server cannot listen on " + config.host() + ":" + port
                    + " (port of PID io.agentx.grpc, or AGENTX_GRPC_PORT): " + e.getMessage(), e);
        }
        int listening = server.getPort();
        plugins.serving(bridge);
        String advertised = config.advertisedHost();
        transport = context.registerService(AgentTransport.class, (host, agentId) -> List.of(new AgentInterface(
                (advertised.isBlank() ? host : advertised) + ":" + listening, AgentInterface.GRPC, "1.0",
                agentId)), null);
        endpoint = context.registerService(PluginEndpoint.class, new PluginEndpoint(connectHost + ":" + listening, trust),
                null);
        LOG.info("gRPC server listening on {}:{} (A2A lf.a2a.v1.A2AService, plugins agentx.plugin.v1.PluginService)",
                config.host(), listening);
    }

    /** Stops listening, ends plugin sessions and waits for the server's threads. */
    void stop() throws InterruptedException {
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
