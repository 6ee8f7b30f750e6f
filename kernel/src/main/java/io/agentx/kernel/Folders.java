package io.agentx.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The distribution's folders, resolved to absolute paths. */
record Folders(Path home, Path system, Path bundles, Path deploy, Path config, Path data, Path logs) {

    static Folders of(KernelOptions options) {
        Path home = options.home();
        return new Folders(home, home.resolve("system"), home.resolve("bundles"), home.resolve("deploy"),
                home.resolve("config"), options.data(), options.logs());
    }

    /** The Felix bundle cache. */
    Path frameworkCache() {
        return data.resolve("cache");
    }

    /** Checks what must exist and creates what may be created, so that start-up fails with one clear line. */
    void prepare() throws StartupException {
        requireReadable(system, "system bundles");
        requireReadable(bundles, "AgentX bundles");
        createIfMissing(deploy, "hot-deploy");
        requireReadable(deploy, "hot-deploy");
        createIfMissing(config, "configuration");
        requireReadable(config, "configuration");
        createIfMissing(data, "data");
        requireWritable(data, "data");
        createIfMissing(logs, "log");
        requireWritable(logs, "log");
        Path cache = frameworkCache();
        if (Files.exists(cache) && !Files.isDirectory(cache)) {
            throw new StartupException("the framework cache in " + cache
                    + " cannot be used (it is not a folder); remove it or start with --clean");
        }
        if (Files.isDirectory(cache) && !Files.isWritable(cache)) {
            throw new StartupException("the framework cache in " + cache + " cannot be used (it is not writable)");
        }
    }

    private static void requireReadable(Path folder, String purpose) throws StartupException {
        if (!Files.isDirectory(folder)) {
            throw new StartupException("the " + purpose + " folder " + folder + " does not exist or is not a folder");
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new StartupException("the " + purpose + " folder " + folder + " is not readable");
        }
    }

    private static void requireWritable(Path folder, String purpose) throws StartupException {
        requireReadable(folder, purpose);
        if (!Files.isWritable(folder)) {
            throw new StartupException("the " + purpose + " folder " + folder + " is not writable");
        }
    }

    private static void createIfMissing(Path folder, String purpose) throws StartupException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StartupException("cannot create the " + purpose + " folder " + folder + ": " + e.getMessage());
        }
    }
}
