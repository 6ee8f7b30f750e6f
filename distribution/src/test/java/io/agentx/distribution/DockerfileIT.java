package io.agentx.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the Dockerfile is checked statically against the assembled distribution:
 * everything it copies exists, its entry point is the executable launcher, and the port it exposes is the one
 * it configures.
 */
class DockerfileIT {
    private final Path dist = Path.of(System.getProperty("agentx.dist", "target/agentx"));

    @Test
    void copiesOnlyWhatTheDistributionHasAndStartsTheLauncher() throws Exception {
        List<String> lines = Files.readAllLines(dist.resolve("Dockerfile"));
        List<String> copies = lines.stream().filter(line -> line.startsWith("COPY ")).toList();
        assertFalse(copies.isEmpty());
        for (String copy : copies) {
            String[] words = copy.replaceAll("--chown=\\S+", "").trim().split("\\s+");
            for (int i = 1; i < words.length - 1; i++) {
                assertTrue(Files.exists(dist.resolve(words[i])), "Dockerfile copies missing " + words[i] + ": " + copy);
            }
        }
        assertTrue(lines.contains("ENTRYPOINT [\"/opt/agentx/bin/agentx\"]"), "entry point is the launcher");
        assertTrue(Files.isExecutable(dist.resolve("bin/agentx")));
        assertTrue(lines.stream().anyMatch(line -> line.trim().startsWith("AGENTX_HTTP_HOST=0.0.0.0")),
                "listens on all interfaces inside the container");
        assertEquals(1, lines.stream().filter(line -> line.equals("EXPOSE 8080")).count());
        assertTrue(lines.stream().anyMatch(line -> line.contains("/health/ready")), "health check probes readiness");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("USER agentx")), "does not run as root");
    }
}
