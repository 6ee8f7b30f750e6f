package io.agentx.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop gRPC load generator: {@code concurrency} calls in flight at all times over one channel (as wrk
 * keeps its connections busy), for a warm-up and then a measured period; prints the same line as the wrk scripts.
 *
 * <pre>
 *   GrpcLoad echo host:port concurrency seconds   unary /bench.Echo/Echo with a 20-byte message
 *   GrpcLoad a2a  host:port concurrency seconds   lf.a2a.v1.A2AService/SendMessage to agent (tenant) "echo"
 * </pre>
 */
public final class GrpcLoad {
    private static final int WARM_UP_SECONDS = 5;

    private final String mode;
    private final ManagedChannel channel;
    private final MethodDescriptor<byte[], byte[]> method;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean recording;
    private volatile boolean running = true;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long[] latencies = new long[2_000_000];
    private final AtomicLong recorded = new AtomicLong();

    private GrpcLoad(String mode, String target) {
        this.mode = mode;
        // AgentX's A2A service needs credentials: the API key in AGENTX_API_KEY (as AgentX was started with)
        String apiKey = System.getenv().getOrDefault("AGENTX_API_KEY", "");
        io.grpc.Metadata credentials = new io.grpc.Metadata();
        if (!apiKey.isEmpty()) {
            credentials.put(io.grpc.Metadata.Key.of("x-api-key", io.grpc.Metadata.ASCII_STRING_MARSHALLER), apiKey);
        }
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext()
                .intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(credentials)).build();
        String name = mode.equals("echo") ? "bench.Echo/Echo" : "lf.a2a.v1.A2AService/SendMessage";
        this.method = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(name).setRequestMarshaller(Bytes.INSTANCE).setResponseMarshaller(Bytes.INSTANCE).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: GrpcLoad echo|a2a host:port concurrency seconds");
            System.exit(2);
        }
        GrpcLoad load = new GrpcLoad(args[0], args[1]);
        load.check();
        load.run(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    /** One call that must succeed and echo the text, before anything is measured. */
    private void check() {
        byte[] answer = ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, request());
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        if (!text.contains("hello benchmark")) {
            throw new IllegalStateException("the answer does not echo the text: " + text);
        }
    }

    private void run(int concurrency, int seconds) throws InterruptedException {
        CountDownLatch drained = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(drained);
        }
        Thread.sleep(WARM_UP_SECONDS * 1000L);
        completed.set(0);
        failed.set(0);
        recorded.set(0);
        recording = true;
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        recording = false;
        long elapsed = System.nanoTime() - start;
        long done = completed.get();
        running = false;
        drained.await();
        channel.shutdownNow();
        int samples = (int) Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, samples);
        Arrays.sort(sorted);
        System.out.printf("requests=%d rps=%.0f p50=%.2fms p99=%.2fms non2xx=%d socket_errors=0%n", done,
                done / (elapsed / 1e9), percentile(sorted, 0.50), percentile(sorted, 0.99), failed.get());
    }

    private void next(CountDownLatch drained) {
        if (!running) {
            drained.countDown();
            return;
        }
        long sent = System.nanoTime();
        ClientCalls.asyncUnaryCall(channel.newCall(method, CallOptions.DEFAULT), request(), new StreamObserver<>() {
            @Override
            public void onNext(byte[] value) {
            }

            @Override
            public void onError(Throwable t) {
                failed.incrementAndGet();
                next(drained);
            }

            @Override
            public void onCompleted() {
                if (recording) {
                    completed.incrementAndGet();
                    long index = recorded.getAndIncrement();
                    if (index < latencies.length) {
                        latencies[(int) index] = System.nanoTime() - sent;
                    }
                }
                next(drained);
            }
        });
    }

    /** The request, hand-encoded: unique message ids for A2A, as the wrk script sends them. */
    private byte[] request() {
        try {
            ByteString.Output bytes = ByteString.newOutput();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            if (mode.equals("echo")) {
                out.writeString(1, "hello benchmark");
            } else {
                ByteString.Output part = ByteString.newOutput();
                CodedOutputStream partOut = CodedOutputStream.newInstance(part);
                partOut.writeString(1, "hello benchmark");
                partOut.flush();
                ByteString.Output message = ByteString.newOutput();
                CodedOutputStream messageOut = CodedOutputStream.newInstance(message);
                messageOut.writeString(1, "g-" + sequence.incrementAndGet() + "-" + System.nanoTime());
                messageOut.writeEnum(4, 1); // ROLE_USER
                messageOut.writeBytes(5, part.toByteString());
                messageOut.flush();
                out.writeString(1, "echo"); // tenant: the agent
                out.writeBytes(2, message.toByteString());
            }
            out.flush();
            return bytes.toByteString().toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * quantile)] / 1e6;
    }

    private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
