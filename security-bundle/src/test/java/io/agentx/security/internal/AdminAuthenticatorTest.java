package io.agentx.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAuthenticatorTest {
    @TempDir
    Path data;

    @Test
    void configuredPasswordAuthenticatesAndIsStoredHashed() throws Exception {
        AdminAuthenticator authenticator = new AdminAuthenticator(data, "correct horse", silent());
        assertTrue(authenticator.authenticate(basic("admin", "correct horse")).isPresent());
        assertTrue(authenticator.authenticate(basic("admin", "correct horse")).orElseThrow().hasRole("admin"));
        assertFalse(authenticator.authenticate(basic("admin", "wrong")).isPresent());
        assertFalse(authenticator.authenticate(basic("root", "correct horse")).isPresent());
        assertFalse(authenticator.authenticate("Bearer abc").isPresent());
        assertFalse(authenticator.authenticate("Basic %%%").isPresent());
        assertFalse(authenticator.authenticate(null).isPresent());

        String stored = Files.readString(data.resolve("security/admin-password"));
        assertTrue(stored.startsWith("pbkdf2-sha256$"));
        assertFalse(stored.contains("correct horse"));
    }

    @Test
    void aConfiguredPasswordIsHashedWhenFirstNeededNotAtStart() throws Exception {
        AdminAuthenticator authenticator = new AdminAuthenticator(data, "correct horse", silent(), Duration.ofHours(1));
        assertFalse(Files.exists(data.resolve("security/admin-password")), "no PBKDF2 while AgentX starts");
        assertTrue(authenticator.authenticate(basic("admin", "correct horse")).isPresent());
        assertTrue(Files.exists(data.resolve("security/admin-password")), "hashed and stored at the first login");
    }

    @Test
    void aConfiguredPasswordIsStoredSoonAfterStartEvenWithoutALogin() throws Exception {
        new AdminAuthenticator(data, "correct horse", silent(), Duration.ofMillis(50));
        Path stored = data.resolve("security/admin-password");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!(Files.exists(stored) && Files.size(stored) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        AdminAuthenticator restarted = new AdminAuthenticator(data, null, silent());
        assertTrue(restarted.authenticate(basic("admin", "correct horse")).isPresent(),
                "a later start without AGENTX_ADMIN_PASSWORD accepts the stored one");
    }

    @Test
    void generatedPasswordIsPrintedOnceAndSurvivesARestart() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AdminAuthenticator first = new AdminAuthenticator(data, null, new PrintStream(console, true, StandardCharsets.UTF_8));
        Matcher printed = Pattern.compile("shown only this once\\): (\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
        assertTrue(printed.find(), console.toString(StandardCharsets.UTF_8));
        String password = printed.group(1);
        assertEquals(20, password.length());
        assertTrue(first.authenticate(basic("admin", password)).isPresent());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        AdminAuthenticator second = new AdminAuthenticator(data, null, new PrintStream(again, true, StandardCharsets.UTF_8));
        assertEquals("", again.toString(StandardCharsets.UTF_8), "not printed a second time");
        assertTrue(second.authenticate(basic("admin", password)).isPresent());
    }

    @Test
    void hashRoundTripsAndRejectsGarbage() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), 1000);
        PasswordHash parsed = PasswordHash.parse(hash.encode());
        assertTrue(parsed.matches("s3cret".toCharArray()));
        assertFalse(parsed.matches("s3cret!".toCharArray()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("md5$x"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static PrintStream silent() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
