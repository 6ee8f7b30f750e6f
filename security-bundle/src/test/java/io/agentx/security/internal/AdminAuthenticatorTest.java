package io.agentx.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
