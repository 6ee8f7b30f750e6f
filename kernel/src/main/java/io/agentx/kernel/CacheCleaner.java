package io.agentx.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the framework cache so the next start installs every bundle afresh (the {@code --clean} flag). */
final class CacheCleaner {
    private CacheCleaner() {
    }

    static void clean(Path cache) throws StartupException {
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(cache)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StartupException("cannot remove the framework cache " + cache + ": " + e.getMessage(), e);
        }
    }
}
