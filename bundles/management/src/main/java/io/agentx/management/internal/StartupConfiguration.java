package io.agentx.management.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the configuration files in {@code config/} at start are in force yet. Until they are, AgentX is not
 * ready: a client calling as soon as AgentX says it is ready meets the configured behaviour, not the defaults.
 * A file is in Configuration Admin once FileInstall or the JSON installer applied it (or the installer rejected it
 * with an error); components get it a moment later, from Configuration Admin's event thread. So once every file is
 * in, a barrier configuration is written and deleted: Configuration Admin delivers events in order, so when the
 * barrier's event arrives every earlier one was delivered. After that this stays settled: later edits are live
 * changes. A file FileInstall could not read holds readiness for a bounded time (its patience), then is named in a
 * warning.
 */
final class StartupConfiguration {
    /** The configuration whose event tells that every earlier configuration event was delivered. */
    static final String BARRIER_PID = "io.agentx.management.startup-barrier";
    /** The property FileInstall marks its configurations with: the URI of their file. */
    private static final String FILEINSTALL_FILE = "felix.fileinstall.filename";
    private static final Logger LOG = LoggerFactory.getLogger(StartupConfiguration.class);

    private final Path folder;
    private final ConfigurationAdmin admin;
    private final long patienceNanos;
    private final long since = System.nanoTime();
    /** JSON files the installer has dealt with, applied or rejected. */
    private final Set<Path> handled = ConcurrentHashMap.newKeySet();
    private volatile boolean settled;
    /** The barrier written once every file was in, and when; {@code null} before. */
    private Configuration barrier;
    private long barrierSince;

    /**
     * @param folder the folder FileInstall watches for configuration files; {@code null}: none
     * @param patience how long a file that is not applied holds readiness
     */
    StartupConfiguration(Path folder, ConfigurationAdmin admin, java.time.Duration patience) {
        this.folder = folder;
        this.admin = admin;
        this.patienceNanos = patience.toNanos();
    }

    /** The installer applied the file, or rejected it with an error of its own. */
    void handled(Path file) {
        handled.add(file.toAbsolutePath().normalize());
    }

    /** What is not in force yet; {@code null} once everything is. */
    synchronized String problem() {
        if (settled || folder == null) {
            return null;
        }
        if (barrier != null) {
            return barrierProblem();
        }
        List<Path> files = filesInFolder();
        if (files.isEmpty()) {
            settled = true;
            return null;
        }
        List<Path> waiting = files.stream().filter(file -> !handled.contains(file)).toList();
        if (!waiting.isEmpty()) {
            Set<Path> applied = appliedFiles();
            waiting = waiting.stream().filter(file -> !applied.contains(file)).toList();
        }
        if (!waiting.isEmpty() && System.nanoTime() - since <= patienceNanos) {
            return "configuration files " + names(waiting) + " in " + folder + " are not applied yet";
        }
        if (!waiting.isEmpty()) {
            LOG.warn("Configuration files {} were not applied within {} ms of start (see the errors above); AgentX "
                    + "is ready without them", names(waiting), TimeUnit.NANOSECONDS.toMillis(patienceNanos));
        }
        return writeBarrier();
    }

    /** Configuration Admin delivered an event of {@code pid}: the barrier's means all before it were delivered. */
    synchronized void delivered(String pid, int type) {
        if (barrier == null || settled || !BARRIER_PID.equals(pid) || type != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        settled = true;
        try {
            barrier.delete();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("The start-up barrier configuration could not be deleted: {}", e.toString());
        }
    }

    private String writeBarrier() {
        try {
            barrier = admin.getConfiguration(BARRIER_PID, "?");
            barrier.update(new java.util.Hashtable<>(java.util.Map.of("purpose",
                    "marks the end of start-up configuration; deleted at once")));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("No start-up barrier configuration ({}); not waiting for delivery", e.toString());
            settled = true;
            return null;
        }
        barrierSince = System.nanoTime();
        return barrierProblem();
    }

    /** Waiting for the barrier's event, for up to the patience: Configuration Admin may not be delivering at all. */
    private String barrierProblem() {
        if (System.nanoTime() - barrierSince > patienceNanos) {
            LOG.warn("Configuration Admin has not delivered an event within {} ms; AgentX is ready without waiting for"
                    + " it", TimeUnit.NANOSECONDS.toMillis(patienceNanos));
            settled = true;
            return null;
        }
        return "configuration files in " + folder + " are applied; waiting for components to receive them";
    }

    private List<Path> filesInFolder() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(StartupConfiguration::isConfigurationFile)
                    .map(file -> file.toAbsolutePath().normalize()).toList();
        } catch (IOException e) {
            return List.of(); // no folder: nothing to wait for
        }
    }

    private static boolean isConfigurationFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(JsonConfigInstaller.SUFFIX) || name.endsWith(".cfg")
                || name.endsWith(".config"));
    }

    /** The files the configurations in Configuration Admin came from. */
    private Set<Path> appliedFiles() {
        Set<Path> files = new HashSet<>();
        Configuration[] all;
        try {
            all = admin.listConfigurations(null);
        } catch (IOException | InvalidSyntaxException e) {
            return files;
        }
        for (Configuration configuration : all == null ? new Configuration[0] : all) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                continue;
            }
            if (properties.get(JsonConfigInstaller.SOURCE_FILE) instanceof String path) {
                files.add(Path.of(path).toAbsolutePath().normalize());
            }
            if (properties.get(FILEINSTALL_FILE) instanceof String uri) {
                try {
                    files.add(Path.of(URI.create(uri)).toAbsolutePath().normalize());
                } catch (IllegalArgumentException notAFile) {
                    // not one of ours
                }
            }
        }
        return files;
    }

    private static String names(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).sorted().toList().toString();
    }
}
