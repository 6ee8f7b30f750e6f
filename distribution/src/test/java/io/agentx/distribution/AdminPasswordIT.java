package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Without AGENTX_ADMIN_PASSWORD a password is generated, printed once and stored only as a salted hash. */
class AdminPasswordIT {

    @Test
    void generatedPasswordIsPrintedOnceAndStoredHashed() throws Exception {
        try (AgentxProcess agentx = AgentxProcess.fresh().env("AGENTX_ADMIN_PASSWORD", null).start()) {
            Matcher printed = Pattern.compile("admin password \\(shown only this once\\): (\\S+)").matcher(agentx.console());
            assertTrue(printed.find(), agentx.console());
            String password = printed.group(1);

            assertEquals(200, console(agentx, password).statusCode());
            assertEquals(401, console(agentx, password + "x").statusCode());

            Path stored = agentx.home().resolve("data/security/admin-password");
            String hash = Files.readString(stored);
            assertTrue(hash.startsWith("pbkdf2-sha256$"), hash);
            assertFalse(anyFileContains(agentx.home(), password), "the password is nowhere on disk in clear");

            assertEquals(0, agentx.terminate());
            agentx.start();
            assertFalse(agentx.console().contains("shown only this once"), "printed only on first start");
            assertEquals(200, console(agentx, password).statusCode());
        }
    }

    private static HttpResponse<String> console(AgentxProcess agentx, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return agentx.send(agentx.request("/system/console/bundles", false)
                .header("Authorization", "Basic " + credentials).GET().build());
    }

    private static boolean anyFileContains(Path home, String text) throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("data")).filter(Files::isRegularFile)) {
            for (Path file : files.toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
