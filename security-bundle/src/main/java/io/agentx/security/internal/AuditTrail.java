package io.agentx.security.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log, {@code data/security/audit.log}: one JSON object per line,
 * {@code {"seq":…,"time":…,"action":…,"principal":…,"outcome":…,"details":{…},"prev":"<hash>","hash":"<hash>"}},
 * where {@code hash} is the SHA-256 of the line up to (not including) {@code ,"hash"} and {@code prev} is the
 * previous line's hash. Removing, reordering or editing a line breaks the chain ({@link AuditChain} checks it).
 */
final class AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private OutputStream out;
    private long sequence;
    private String previous;

    AuditTrail(Path dataFolder) throws IOException {
        this.file = dataFolder.resolve("security").resolve("audit.log");
        Files.createDirectories(file.getParent());
        AuditChain.Tail tail = AuditChain.tail(file);
        this.sequence = tail.sequence();
        this.previous = tail.hash();
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    Path path() {
        return file;
    }

    /** Appends an entry; see {@link io.agentx.security.api.AuditLog#record}. */
    void record(String action, String principal, String outcome, Map<String, ?> details) {
        try {
            append(action, principal, outcome, details);
        } catch (IOException e) {
            // the action already happened; losing its audit entry must be loud
            LOG.error("Cannot append to the audit log {}: {} (action {}, principal {})", file, e.getMessage(), action,
                    principal);
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void append(String action, String principal, String outcome, Map<String, ?> details)
            throws IOException {
        if (out == null) {
            throw new IOException("the audit log is closed");
        }
        long next = sequence + 1;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("seq", next);
            json.writeStringField("time", Instant.now().toString());
            json.writeStringField("action", action);
            json.writeStringField("principal", principal);
            json.writeStringField("outcome", outcome);
            json.writeObjectField("details", details == null ? Map.of() : new TreeMap<>(details));
            json.writeStringField("prev", previous);
            json.flush();
        }
        byte[] body = withoutClosingBrace(line.toByteArray());
        String hash = HexFormat.of().formatHex(PasswordHash.fingerprint(new String(body, StandardCharsets.UTF_8)));
        byte[] end = (",\"hash\":\"" + hash + "\"}\n").getBytes(StandardCharsets.UTF_8);
        byte[] entry = java.util.Arrays.copyOf(body, body.length + end.length);
        System.arraycopy(end, 0, entry, body.length, end.length);
        out.write(entry);
        out.flush();
        sequence = next;
        previous = hash;
    }

    /** The generator closes the object it was given; the line is completed by hand after the hash. */
    private static byte[] withoutClosingBrace(byte[] json) {
        int end = json.length;
        while (end > 0 && json[end - 1] != '}') {
            end--;
        }
        return java.util.Arrays.copyOf(json, end - 1);
    }

    /** Verifies the chain as it stands, with no entry half-written. */
    synchronized AuditChain.Result verify() throws IOException {
        return AuditChain.verify(file);
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("Closing the audit log {} failed: {}", file, e.getMessage());
            }
            out = null;
        }
    }

    /** Details of an entry: drops nulls so that callers can pass optional values. */
    static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
            }
        }
        return details;
    }
}
