package io.agentx.a2a.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.a2a.client.A2aClientException.Failure;
import io.agentx.a2a.model.AgentInterface;
import io.agentx.a2a.model.Message;
import io.agentx.a2a.model.Role;
import io.agentx.a2a.model.SendMessageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection reset by the agent's server: before the whole request was written the agent cannot have read it
 * (safe to send elsewhere); once the server has read it, the agent may have acted on it.
 */
class ConnectionResetTest {
    /** Far more than the sender's socket buffer holds (tcp_wmem: at most 4 MiB here) and the server's small window. */
    private static final int LARGE = 16 << 20;

    private ResettingServer server;

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aResetBeforeTheWholeRequestWasSentNeverReachedTheAgentWhicheverWayItIsSent() throws Exception {
        server = new ResettingServer(false);
        SendMessageRequest large = request("x".repeat(LARGE));
        for (Map.Entry<String, Function<SendMessageRequest, A2aClientException>> send : sends().entrySet()) {
            A2aClientException error = send.getValue().apply(large);
            assertEquals(Failure.NOT_SENT, error.failure(), send.getKey() + ": " + error.getMessage());
            assertFalse(error.mayHaveReachedAgent(), send.getKey());
            assertTrue(error.getMessage().startsWith("POST " + server.url() + ": the connection failed before the whole"
                    + " request was sent ("), error.getMessage());
            assertTrue(error.getMessage().endsWith("; the request never reached the agent, so it is safe to send it"
                    + " elsewhere"), error.getMessage());
        }
        assertEquals(0, server.requestsRead.get());
    }

    @Test
    void aResetAfterTheServerReadTheWholeRequestMayHaveReachedTheAgentWhicheverWayItIsSent() throws Exception {
        server = new ResettingServer(true);
        SendMessageRequest small = request("hi");
        for (Map.Entry<String, Function<SendMessageRequest, A2aClientException>> send : sends().entrySet()) {
            A2aClientException error = send.getValue().apply(small);
            assertEquals(Failure.CONNECTION_LOST, error.failure(), send.getKey() + ": " + error.getMessage());
            assertTrue(error.mayHaveReachedAgent(), send.getKey());
            assertTrue(error.getMessage().endsWith("; the agent may have received the request"), error.getMessage());
        }
        assertEquals(3, server.requestsRead.get());
    }

    /** The blocking send, the asynchronous one (completed on the selector thread) and the streaming one. */
    private Map<String, Function<SendMessageRequest, A2aClientException>> sends() {
        A2aClient client = A2aClients.create(new AgentInterface(server.url(), "JSONRPC", "1.0", null),
                A2aClientOptions.defaults());
        return Map.of("sendMessage", request -> assertThrows(A2aClientException.class, () -> client.sendMessage(request)),
                "sendMessageAsync", request -> assertInstanceOf(A2aClientException.class, assertThrows(
                        ExecutionException.class, () -> client.sendMessageAsync(request).get(30, TimeUnit.SECONDS))
                        .getCause()),
                "sendStreamingMessage", request -> assertThrows(A2aClientException.class,
                        () -> client.sendStreamingMessage(request).close()));
    }

    private static SendMessageRequest request(String text) {
        return new SendMessageRequest(null, Message.text("m-1", Role.USER, text), null, null);
    }

    /**
     * A loopback server that reads each request's headers (and, if asked, its whole body, counting it), waits a
     * little and then resets the connection without answering.
     */
    private static final class ResettingServer implements AutoCloseable {
        final AtomicInteger requestsRead = new AtomicInteger();
        private final ServerSocket socket = new ServerSocket();
        private final boolean readBody;

        ResettingServer(boolean readBody) throws IOException {
            this.readBody = readBody;
            socket.setReceiveBufferSize(64 << 10); // explicit: the window stays small while the body is not read
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(this::serve, "resetting-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/rpc";
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    int length = contentLength(headers(in));
                    if (readBody) {
                        in.readNBytes(length);
                        requestsRead.incrementAndGet();
                    }
                    Thread.sleep(100); // the client is still writing the body, or waiting for an answer
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
            throw new AssertionError("no Content-Length in " + headers);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
