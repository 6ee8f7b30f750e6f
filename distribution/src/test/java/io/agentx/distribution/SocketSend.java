package io.agentx.distribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One HTTP/1.1 request on its own socket ({@code Connection: close}), recording how far it got: when its answer
 * does not come, {@link #stage} tells a request AgentX never read from an answer it never sent or only partly sent
 * — what a pooled client cannot tell.
 */
final class SocketSend {
    /** How far the exchange got. */
    enum Stage { CONNECTING, SENDING, AWAITING_ANSWER, READING_ANSWER, ANSWERED, FAILED }

    /** A whole answer: its status code and body. */
    record Answer(int status, String body) {
    }

    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private volatile Stage stage = Stage.CONNECTING;
    private volatile int bytesRead;

    private SocketSend() {
    }

    /**
     * Sends {@code body} as a POST to {@code path} on a thread of {@code threads}, with {@code headers}, waiting
     * at most {@code timeoutMillis} for each read.
     */
    static SocketSend post(Executor threads, int port, String path, Map<String, String> headers, byte[] body,
            int timeoutMillis) {
        SocketSend send = new SocketSend();
        threads.execute(() -> send.run(port, path, headers, body, timeoutMillis));
        return send;
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    Stage stage() {
        return stage;
    }

    /** The stage and, once reading began, how many bytes came. */
    String progress() {
        return stage == Stage.READING_ANSWER ? stage + " (" + bytesRead + " bytes)" : stage.toString();
    }

    private void run(int port, String path, Map<String, String> headers, byte[] body, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            stage = Stage.SENDING;
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            stage = Stage.AWAITING_ANSWER;
            answer.complete(parse(readToEnd(socket.getInputStream())));
            stage = Stage.ANSWERED;
        } catch (IOException | RuntimeException e) {
            Stage reached = stage;
            stage = Stage.FAILED;
            answer.completeExceptionally(new IOException("failed at " + reached + " after " + bytesRead
                    + " bytes of the answer: " + e, e));
        }
    }

    private byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            stage = Stage.READING_ANSWER;
            all.write(chunk, 0, n);
            bytesRead += n;
        }
        return all.toByteArray();
    }

    /** Status and body of a whole HTTP/1.1 answer (length-delimited or chunked). */
    private static Answer parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not an HTTP/1.1 answer: " + text.substring(0, Math.min(200, text.length())));
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(headEnd + 4);
        String body = head.contains("\r\ntransfer-encoding: chunked") ? dechunked(rest) : rest;
        return new Answer(status, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
