package io.agentx.management.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

class StartupConfigurationTest {
    /** The configurations Configuration Admin holds, as the properties FileInstall and the installer leave. */
    private final List<Hashtable<String, Object>> stored = new ArrayList<>();
    /** What was done to the barrier configuration, in order. */
    private final List<String> barrier = new ArrayList<>();
    private final ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                case "listConfigurations" -> stored.isEmpty() ? null
                        : stored.stream().map(StartupConfigurationTest::configuration).toArray(Configuration[]::new);
                case "getConfiguration" -> barrier((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @TempDir
    Path folder;

    @Test
    void namesTheFilesNotAppliedYetUntilEachIsInConfigurationAdminOrRejected() throws Exception {
        Path cfg = Files.writeString(folder.resolve("io.agentx.core.cfg"), "sendTimeoutMillis=10000\n");
        Path json = Files.writeString(folder.resolve("io.agentx.router.remote~slow.cfg.json"), "{}");
        Path broken = Files.writeString(folder.resolve("broken.cfg.json"), "{");
        Files.writeString(folder.resolve("README.txt"), "not a configuration file");
        StartupConfiguration startup = new StartupConfiguration(folder, admin, Duration.ofMinutes(1));

        assertEquals("configuration files [broken.cfg.json, io.agentx.core.cfg, io.agentx.router.remote~slow.cfg.json] in "
                + folder + " are not applied yet", startup.problem());

        stored.add(properties("felix.fileinstall.filename", cfg.toAbsolutePath().toUri().toString()));
        stored.add(properties(JsonConfigInstaller.SOURCE_FILE, json.toAbsolutePath().toString()));
        assertEquals("configuration files [broken.cfg.json] in " + folder + " are not applied yet", startup.problem());

        startup.handled(broken); // the installer logged it as invalid JSON: nothing more will come of it
        assertEquals("configuration files in " + folder + " are applied; waiting for components to receive them",
                startup.problem());
        assertEquals(List.of("update"), barrier);

        startup.delivered("io.agentx.core", ConfigurationEvent.CM_UPDATED); // an earlier event: not the barrier's
        startup.delivered(StartupConfiguration.BARRIER_PID, ConfigurationEvent.CM_DELETED);
        assertEquals("configuration files in " + folder + " are applied; waiting for components to receive them",
                startup.problem());

        startup.delivered(StartupConfiguration.BARRIER_PID, ConfigurationEvent.CM_UPDATED);
        assertNull(startup.problem());
        assertEquals(List.of("update", "delete"), barrier, "the barrier does not stay in Configuration Admin");
    }

    @Test
    void onceSettledLaterFilesAreLiveChangesNotAReasonToBeUnready() throws Exception {
        StartupConfiguration startup = new StartupConfiguration(folder, admin, Duration.ofMinutes(1));
        assertNull(startup.problem());
        assertEquals(List.of(), barrier, "no files at start: nothing to wait for");

        Files.writeString(folder.resolve("io.agentx.http.cfg"), "maxRequestBytes=1024\n");
        assertNull(startup.problem());
    }

    @Test
    void aFileThatIsNeverAppliedHoldsReadinessOnlyForItsPatience() throws Exception {
        Files.writeString(folder.resolve("unreadable.cfg"), "x");
        StartupConfiguration startup = new StartupConfiguration(folder, admin, Duration.ofMillis(200));
        assertEquals("configuration files [unreadable.cfg] in " + folder + " are not applied yet", startup.problem());

        Thread.sleep(300);
        assertEquals("configuration files in " + folder + " are applied; waiting for components to receive them",
                startup.problem()); // the others, if there were any, still have to reach their components
        startup.delivered(StartupConfiguration.BARRIER_PID, ConfigurationEvent.CM_UPDATED);
        assertNull(startup.problem());
    }

    @Test
    void aBarrierEventThatNeverComesHoldsReadinessOnlyForThePatience() throws Exception {
        Path json = Files.writeString(folder.resolve("io.agentx.core.cfg.json"), "{}");
        StartupConfiguration startup = new StartupConfiguration(folder, admin, Duration.ofMillis(200));
        startup.handled(json);
        assertEquals("configuration files in " + folder + " are applied; waiting for components to receive them",
                startup.problem());

        Thread.sleep(300);
        assertNull(startup.problem());
    }

    @Test
    void withoutAConfigurationFolderThereIsNothingToWaitFor() {
        assertNull(new StartupConfiguration(null, admin, Duration.ofMinutes(1)).problem());
        assertNull(new StartupConfiguration(folder.resolve("missing"), admin, Duration.ofMinutes(1)).problem());
    }

    private static Hashtable<String, Object> properties(String key, String value) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }

    private Configuration barrier(String pid) {
        assertEquals(StartupConfiguration.BARRIER_PID, pid);
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> {
                    barrier.add(method.getName());
                    return null;
                });
    }

    private static Configuration configuration(Hashtable<String, Object> properties) {
        return (Configuration) Proxy.newProxyInstance(StartupConfigurationTest.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getProperties")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return properties;
                });
    }
}
