package io.agentx.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import io.agentx.a2a.model.Task;
import io.agentx.a2a.model.TaskState;
import io.agentx.a2a.model.TaskStatus;
import io.agentx.api.AgentId;
import io.agentx.api.AgentReplica;
import io.agentx.api.AgentRequest;
import io.agentx.api.RequestContext;
import io.agentx.router.internal.remote.RemoteReplicas;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router between two real remote replicas on loopback, one of which resets the connection of each SendMessage:
 * before it was sent whole the message goes to the other replica, once; after it was read it goes nowhere else.
 */
class RemoteFailoverTest {
    private static final RequestContext CALLER = new RequestContext("test", null, List.of(), "1.0", Map.of());
    private static final int REQUESTS = 4;
    /** Far more than loopback's socket buffers hold, so the reset comes while the message is being sent. */
    private static final int LARGE = 16 << 20;

    private final Router router = new Router(null, Configs.of(RouterConfig.class, Map.of()));
    private final AtomicInteger healthySends = new AtomicInteger();
    private HttpServer healthy;
    private ResettingReplica resetting;

    @BeforeEach
    void startHealthyReplica() throws IOException {
        healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + healthy.getAddress().getPort();
        healthy.createContext("/.well-known/agent-card.json", exchange -> {
            exchange.getRequestBody().readAllBytes();
            reply(exchange, card(url + "/rpc"));
        });
        healthy.createContext("/rpc", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"SendMessage\"")) {
                healthySends.incrementAndGet();
            }
            reply(exchange, """
                    {"jsonrpc":"2.0","id":1,"result":{"task":{"id":"remote-task","contextId":"remote-context",
                    "status":{"state":"TASK_STATE_COMPLETED"}}}}""");
        });
        healthy.start();
    }

    @AfterEach
    void stop() throws IOException {
        router.deactivate();
        healthy.stop(0);
        resetting.close();
    }

    @Test
    void aMessageWhoseConnectionIsResetBeforeItWasSentWholeIsServedByTheOtherReplicaExactlyOnce() throws Exception {
        register(new ResettingReplica(false));
        List<RecordingEvents> sent = send("x".repeat(LARGE));

        for (RecordingEvents events : sent) {
            assertEquals(List.of(TaskState.COMPLETED), events.states, String.valueOf(events.failure));
            assertNull(events.rejection);
        }
        assertEquals(REQUESTS, healthySends.get(), "each message reached the healthy replica exactly once");
        assertTrue(resetting.posts.get() >= 1, "the resetting replica was tried first at least once");
        assertEquals(0, resetting.requestsRead.get());
    }

    @Test
    void aMessageWhoseConnectionIsResetAfterItWasReadIsNotSentElsewhereAndTheCallerIsToldWhy() throws Exception {
        register(new ResettingReplica(true));
        List<RecordingEvents> sent = send("hi");

        assertTrue(resetting.requestsRead.get() >= 1, "the resetting replica read at least one message");
        assertEquals(REQUESTS, resetting.requestsRead.get() + healthySends.get(), "no message reached both replicas");
        int failed = 0;
        for (RecordingEvents events : sent) {
            if (events.states.equals(List.of(TaskState.FAILED))) {
                failed++;
                assertTrue(events.failure.startsWith("remote agent 'a' at " + resetting.url() + " failed: POST "),
                        events.failure);
                assertTrue(events.failure.endsWith("; the agent may have received the request"), events.failure);
            } else {
                assertEquals(List.of(TaskState.COMPLETED), events.states);
            }
        }
        assertEquals(resetting.requestsRead.get(), failed, "the caller of each message it read is told it failed");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void register(ResettingReplica replica) throws IOException, InterruptedException {
        resetting = replica;
        String healthyUrl = "http://127.0.0.1:" + healthy.getAddress().getPort();
        router.addAgent(RemoteReplicas.probed("a", URI.create(replica.url() + "/.well-known/agent-card.json")),
                properties("resetting", 1));
        router.addAgent(RemoteReplicas.probed("a", URI.create(healthyUrl + "/.well-known/agent-card.json")),
                properties("healthy", 2));
        // probed replicas take requests once the router's first active check of each has passed
        await(() -> router.directory().group("a") != null && router.directory().group("a").replicas().length == 2
                && java.util.Arrays.stream(router.directory().group("a").replicas())
                        .allMatch(candidate -> candidate.available(System.nanoTime())));
    }

    /** Sends {@code REQUESTS} messages, one after the other, each waiting for its outcome. */
    private List<RecordingEvents> send(String text) throws InterruptedException {
        List<RecordingEvents> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String id = UUID.randomUUID().toString();
            String context = UUID.randomUUID().toString();
            Message message = Message.text(UUID.randomUUID().toString(), Role.USER, text).withTask(id, context);
            Task task = new Task(id, context, new TaskStatus(TaskState.SUBMITTED, null, Instant.now()), List.of(),
                    List.of(message), Map.of());
            RecordingEvents events = new RecordingEvents(task);
            router.execute("a", new AgentRequest(CALLER, task, message, SendMessageRequest.Configuration.DEFAULT, false),
                    events);
            await(() -> !events.states.isEmpty() || events.rejection != null);
            sent.add(events);
        }
        return sent;
    }

    private static Map<String, Object> properties(String replica, long serviceId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AgentId.NAME, "a");
        properties.put(AgentReplica.NAME, replica);
        properties.put("service.id", serviceId);
        return properties;
    }

    private static String card(String rpcUrl) {
        return """
                {"name":"a","description":"d","version":"1","supportedInterfaces":[{"url":"%s",
                "protocolBinding":"JSONRPC","protocolVersion":"1.0"}],"capabilities":{},"defaultInputModes":["text/plain"],
                "defaultOutputModes":["text/plain"],"skills":[]}""".formatted(rpcUrl);
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * A replica that answers GETs with its card but resets the connection of every POST without answering: after
     * reading only its headers, or after reading it whole.
     */
    private static final class ResettingReplica implements AutoCloseable {
        final AtomicInteger posts = new AtomicInteger();
        final AtomicInteger requestsRead = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket();
        private final boolean readBody;

        ResettingReplica(boolean readBody) throws IOException {
            this.readBody = readBody;
            socket.setReceiveBufferSize(64 << 10); // explicit: the window stays small while the body is not read
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(this::serve, "resetting-replica");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    String headers = headers(in);
                    if (headers.startsWith("GET ")) {
                        byte[] card = card(url() + "/rpc").getBytes(StandardCharsets.UTF_8);
                        connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: " + card.length + "\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        connection.getOutputStream().write(card);
                        continue;
                    }
                    posts.incrementAndGet();
                    if (readBody) {
                        in.readNBytes(contentLength(headers));
                        requestsRead.incrementAndGet();
                    }
                    Thread.sleep(100); // the client is still sending the message, or waiting for the answer
                    connection.setSoLinger(true, 0); // close with a TCP reset
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            }
        }

        private static String headers(InputStream in) throws IOException {
            StringBuilder headers = new StringBuilder();
            while (headers.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the request ended in its headers");
                }
                headers.append((char) next);
            }
            return headers.toString();
        }

        private static int contentLength(String headers) {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            throw new IllegalStateException("no Content-Length in " + headers);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
