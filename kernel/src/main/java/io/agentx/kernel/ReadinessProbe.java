package io.agentx.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Polls {@code /health/ready} until it answers 200: only then is AgentX ready, HTTP included. */
final class ReadinessProbe {
    private final URI readyUri;

    ReadinessProbe(URI baseUri) {
        this.readyUri = baseUri.resolve("/health/ready");
    }

    /** Returns {@code null} once ready, or the last answer (or failure) if the timeout passes first. */
    String awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer from " + readyUri;
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection = (HttpURLConnection) readyUri.toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                int status = connection.getResponseCode();
                if (status == 200) {
                    drain(connection.getInputStream());
                    return null;
                }
                InputStream error = connection.getErrorStream();
                last = "HTTP " + status + (error == null ? "" : " " + new String(error.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = "no answer from " + readyUri + " (" + e.getMessage() + ")";
            }
            Thread.sleep(15);
        }
        return last;
    }

    private static void drain(InputStream in) throws IOException {
        try (in) {
            in.readAllBytes();
        }
    }
}
