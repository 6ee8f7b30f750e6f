package io.agentx.security.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies the hash chain of an audit log, and finds where it ends. Needs nothing but the JDK, so that it
 * runs as a command: {@code java -cp bundles/agentx-security.jar io.agentx.security.internal.AuditChain
 * data/security/audit.log} (the distribution's {@code bin/agentx-audit-verify}).
 */
public final class AuditChain {
    /** The {@code prev} of the first entry. */
    static final String GENESIS = "0".repeat(64);
    private static final String HASH_FIELD = ",\"hash\":\"";
    private static final Pattern SEQUENCE = Pattern.compile("^\\{\"seq\":(\\d+),");
    private static final Pattern PREVIOUS = Pattern.compile(",\"prev\":\"([0-9a-f]{64})\"$");

    /** The last entry of a chain. */
    record Tail(long sequence, String hash) {
    }

    /** The outcome of a verification: {@code brokenAt} is 0 when the chain is intact. */
    record Result(long entries, long brokenAt, String problem) {
        boolean intact() {
            return brokenAt == 0;
        }
    }

    private AuditChain() {
    }

    public static void main(String[] arguments) throws IOException {
        if (arguments.length != 1) {
            System.err.println("usage: agentx-audit-verify <audit.log>");
            System.exit(2);
        }
        Result result = verify(Path.of(arguments[0]));
        if (result.intact()) {
            System.out.println("audit log intact: " + result.entries() + " entries, every one chained to the one before");
        } else {
            System.out.println("audit log TAMPERED at line " + result.brokenAt() + ": " + result.problem());
            System.exit(1);
        }
    }

    static Result verify(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Result(0, 0, null);
        }
        String previous = GENESIS;
        long expectedSequence = 1;
        long line = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text; (text = reader.readLine()) != null; ) {
                line++;
                int hashAt = text.lastIndexOf(HASH_FIELD);
                if (hashAt < 0 || !text.endsWith("\"}") || text.length() != hashAt + HASH_FIELD.length() + 64 + 2) {
                    return new Result(line - 1, line, "not an audit entry (no hash at its end)");
                }
                String body = text.substring(0, hashAt);
                String hash = text.substring(hashAt + HASH_FIELD.length(), hashAt + HASH_FIELD.length() + 64);
                if (!HexFormat.of().formatHex(PasswordHash.fingerprint(body)).equals(hash)) {
                    return new Result(line - 1, line, "its content does not match its hash (the entry was edited)");
                }
                Matcher prev = PREVIOUS.matcher(body);
                if (!prev.find() || !prev.group(1).equals(previous)) {
                    return new Result(line - 1, line, "it does not follow the entry before it (an entry was removed, "
                            + "reordered or inserted)");
                }
                Matcher sequence = SEQUENCE.matcher(body);
                if (!sequence.find() || Long.parseLong(sequence.group(1)) != expectedSequence) {
                    return new Result(line - 1, line, "its sequence number is not " + expectedSequence);
                }
                previous = hash;
                expectedSequence++;
            }
        }
        return new Result(line, 0, null);
    }

    /** Where an existing log ends, so that new entries continue its chain; a fresh log starts at the genesis hash. */
    static Tail tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Tail(0, GENESIS);
        }
        String last = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text; (text = reader.readLine()) != null; ) {
                if (!text.isBlank()) {
                    last = text;
                }
            }
        }
        if (last == null) {
            return new Tail(0, GENESIS);
        }
        int hashAt = last.lastIndexOf(HASH_FIELD);
        Matcher sequence = SEQUENCE.matcher(last);
        if (hashAt < 0 || !sequence.find() || last.length() < hashAt + HASH_FIELD.length() + 64) {
            throw new IOException("the audit log " + file + " ends with a damaged entry; run agentx-audit-verify on it, "
                    + "keep it as evidence and move it aside to start a new log");
        }
        return new Tail(Long.parseLong(sequence.group(1)), last.substring(hashAt + HASH_FIELD.length(),
                hashAt + HASH_FIELD.length() + 64));
    }
}
