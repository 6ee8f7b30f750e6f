package io.agentx.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentx.security.api.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's hash chain: intact across restarts, and any edit, removal or reordering is detected. */
class AuditChainTest {
    @TempDir
    Path data;

    @Test
    void entriesChainAcrossRestartsAndVerify() throws Exception {
        AuditTrail first = new AuditTrail(data);
        first.record("bundle.install", "admin", "success", Map.of("bundle", "e2e.example", "version", "1.0.0"));
        first.record("key.issue", "admin", "success", Map.of("key", "abc123"));
        first.close();
        AuditTrail second = new AuditTrail(data);
        second.record("config.update", "admin", "success", Map.of("pid", "io.agentx.http"));
        second.close();
        AuditChain.Result result = AuditChain.verify(first.path());
        assertTrue(result.intact(), result.problem());
        assertEquals(3, result.entries());
        assertTrue(Files.readAllLines(first.path()).get(2).startsWith("{\"seq\":3,"));
    }

    @Test
    void editingAnEntryIsDetected() throws Exception {
        Path log = threeEntries();
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(1, lines.get(1).replace("\"outcome\":\"denied\"", "\"outcome\":\"success\""));
        Files.write(log, lines);
        AuditChain.Result result = AuditChain.verify(log);
        assertEquals(2, result.brokenAt());
        assertTrue(result.problem().contains("edited"), result.problem());
    }

    @Test
    void removingOrReorderingEntriesIsDetected() throws Exception {
        Path log = threeEntries();
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        Files.write(log, List.of(lines.get(0), lines.get(2)));
        assertEquals(2, AuditChain.verify(log).brokenAt());
        Files.write(log, List.of(lines.get(1), lines.get(0), lines.get(2)));
        assertEquals(1, AuditChain.verify(log).brokenAt());
        Files.write(log, List.of(lines.get(0), lines.get(1)));
        assertTrue(AuditChain.verify(log).intact(), "truncating the tail is only caught by comparing the count kept elsewhere");
    }

    @Test
    void refusalsAreAuditedWithoutTheCredentials() throws Exception {
        SecurityService security = new SecurityService(data, "pw", null, Configs.security(Map.of()));
        String secret = "agx_0123456789ab_ThisIsNotARealKeyButLooksLikeOne00000000000";
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> security.admit(Credentials.of("Bearer eyJhbGciOi.secret-token.x", secret), "jsonrpc /agents/echo"));
        String log = Files.readString(data.resolve("security/audit.log"));
        assertTrue(log.contains("\"action\":\"auth.failed\""), log);
        assertTrue(log.contains("jsonrpc /agents/echo"), log);
        assertFalse(log.contains(secret) || log.contains("secret-token"), log);
    }

    private Path threeEntries() throws Exception {
        AuditTrail trail = new AuditTrail(data);
        trail.record("auth.failed", null, "denied", Map.of("where", "grpc"));
        trail.record("access.denied", "eve", "denied", Map.of("agent", "echo"));
        trail.record("key.revoke", "admin", "success", Map.of("key", "abc"));
        trail.close();
        assertTrue(AuditChain.verify(trail.path()).intact());
        return trail.path();
    }
}
