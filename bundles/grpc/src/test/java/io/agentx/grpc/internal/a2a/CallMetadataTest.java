package io.agentx.grpc.internal.a2a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.security.api.AccessDeniedException;
import io.agentx.security.api.AuthenticatedPrincipal;
import io.agentx.security.api.CallGuard;
import io.agentx.security.api.Credentials;
import io.agentx.security.api.Operation;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real gRPC server set up as AgentX's: calls handled on the transport's threads, each call's method handed with
 * its caller's admission to a worker. A method that blocks (as an agent may) must hold up no other call.
 */
class CallMetadataTest {
    private static final MethodDescriptor<String, String> CALL = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Probe/Call")
            .setRequestMarshaller(Text.INSTANCE).setResponseMarshaller(Text.INSTANCE).build();

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final CountDownLatch blockedMethodEntered = new CountDownLatch(1);
    private final CountDownLatch releaseBlockedMethod = new CountDownLatch(1);
    private final List<String> blockedCallEvents = new CopyOnWriteArrayList<>();
    private final AtomicInteger methodRuns = new AtomicInteger();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        ServerServiceDefinition probe = ServerServiceDefinition.builder("test.Probe")
                .addMethod(CALL, ServerCalls.asyncUnaryCall(this::call)).build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(ServerInterceptors.intercept(probe, new CallMetadata(new KeyGuard(), workers))).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        releaseBlockedMethod.countDown();
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdownNow();
    }

    /** "block" waits until the test releases it; anything else is answered at once with the caller's name. */
    private void call(String request, StreamObserver<String> response) {
        methodRuns.incrementAndGet();
        if (request.equals("block")) {
            ((ServerCallStreamObserver<String>) response).setOnCancelHandler(() -> blockedCallEvents.add("cancelled"));
            blockedCallEvents.add("entered");
            blockedMethodEntered.countDown();
            try {
                releaseBlockedMethod.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            blockedCallEvents.add("returned");
            if (!((ServerCallStreamObserver<String>) response).isCancelled()) {
                response.onNext("released");
                response.onCompleted();
            }
            return;
        }
        response.onNext("hello " + CallMetadata.requestContext().principal());
        response.onCompleted();
    }

    @Test
    void aMethodThatBlocksHoldsUpNoOtherCallOnTheSameConnection() throws Exception {
        Future<String> blocked = workers.submit(() -> send("good", "block"));
        assertTrue(blockedMethodEntered.await(5, TimeUnit.SECONDS), "the blocking call reached its method");

        assertEquals("hello alice", send("good", "ping"), "answered while the other call's method still blocks");

        releaseBlockedMethod.countDown();
        assertEquals("released", blocked.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aCancelArrivingWhileTheMethodRunsIsDeliveredAfterIt() throws Exception {
        ClientCall<String, String> blocked = withKey("good").newCall(CALL, CallOptions.DEFAULT);
        ClientCalls.futureUnaryCall(blocked, "block");
        assertTrue(blockedMethodEntered.await(5, TimeUnit.SECONDS));

        blocked.cancel("the client gave up", null);
        Thread.sleep(200); // the cancellation reaches the server meanwhile
        assertEquals(List.of("entered"), blockedCallEvents, "nothing runs beside the method");

        releaseBlockedMethod.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (blockedCallEvents.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("entered", "returned", "cancelled"), blockedCallEvents);
    }

    @Test
    void aRefusedCallerIsAnsweredUnauthenticatedAndTheMethodNeverRuns() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> send("wrong", "ping"));

        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertEquals("the API key is not known", refused.getStatus().getDescription());
        assertEquals(0, methodRuns.get());
        assertEquals("hello alice", send("good", "ping"), "the server keeps serving");
    }

    private String send(String apiKey, String request) {
        return ClientCalls.blockingUnaryCall(withKey(apiKey), CALL,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), request);
    }

    private io.grpc.Channel withKey(String apiKey) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), apiKey);
        return io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Admits the API key "good" as alice. */
    private static final class KeyGuard implements CallGuard {
        @Override
        public AuthenticatedPrincipal admit(Credentials credentials, String where) {
            if (!"good".equals(credentials.apiKey())) {
                throw new AccessDeniedException(AccessDeniedException.Reason.UNAUTHENTICATED, "the API key is not known");
            }
            return new AuthenticatedPrincipal("alice", Set.of());
        }

        @Override
        public void authorize(AuthenticatedPrincipal principal, Operation operation, String agentId, String skill) {
        }

        @Override
        public String tenant(AuthenticatedPrincipal principal, String requestedTenant) {
            return requestedTenant;
        }

        @Override
        public Map<String, Object> securitySchemes() {
            return Map.of();
        }

        @Override
        public List<Map<String, Object>> securityRequirements() {
            return List.of();
        }

        @Override
        public String apiKeyHeader() {
            return "X-API-Key";
        }

        @Override
        public String challenge() {
            return "ApiKey";
        }
    }

    private enum Text implements MethodDescriptor.Marshaller<String> {
        INSTANCE;

        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
