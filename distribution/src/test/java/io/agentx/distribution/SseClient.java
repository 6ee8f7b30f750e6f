package io.agentx.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Server-Sent Events reader over one HTTP connection that a test can drop at any event, as a network would. */
final class SseClient implements AutoCloseable {
    /** One event: its {@code id:} (or {@code null}) and its {@code data:}. */
    record Event(String id, String data) {
    }

    private final HttpURLConnection connection;
    private final BufferedReader reader;

    SseClient(int port, String path, String body, Map<String, String> headers) throws IOException {
        connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setReadTimeout(30_000);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Accept", "text/event-stream");
        connection.setRequestProperty("X-API-Key", AgentxProcess.API_KEY);
        headers.forEach(connection::setRequestProperty);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        if (connection.getResponseCode() != 200) {
            throw new IOException("HTTP " + connection.getResponseCode());
        }
        reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The next event, or {@code null} when the server ended the stream. */
    Event next() throws IOException {
        String id = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    return new Event(id, data.toString());
                }
                id = null;
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return null;
    }

    /** Every event until the server ends the stream. */
    List<Event> rest() throws IOException {
        List<Event> events = new ArrayList<>();
        Event event;
        while ((event = next()) != null) {
            events.add(event);
        }
        return events;
    }

    /** Drops the connection. */
    @Override
    public void close() {
        connection.disconnect();
    }
}
