package io.agentx.management.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import io.agentx.api.HealthCheck;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaches FileInstall JSON configuration files: {@code config/<pid>.cfg.json} holds one JSON object of
 * properties ({@code <factoryPid>~<name>.cfg.json} for a factory configuration). Adding or changing the file
 * updates the configuration, deleting it deletes the configuration. Values are checked against the
 * component's metatype like every other source (see {@link ConfigurationGuard}). As a health check, it holds
 * AgentX's readiness until the configuration files present at start are applied ({@link StartupConfiguration}).
 */
@Component(service = {ArtifactInstaller.class, HealthCheck.class, ConfigurationListener.class})
public final class JsonConfigInstaller implements ArtifactInstaller, HealthCheck, ConfigurationListener {
    static final String SUFFIX = ".cfg.json";
    /** Private property remembering the file a configuration came from (FileInstall must not rewrite it). */
    static final String SOURCE_FILE = ".agentx.file";
    private static final Logger LOG = LoggerFactory.getLogger(JsonConfigInstaller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a configuration file FileInstall cannot apply holds AgentX's readiness at start. */
    private static final java.time.Duration STARTUP_PATIENCE = java.time.Duration.ofSeconds(15);

    private final ConfigurationAdmin admin;
    private final StartupConfiguration startup;

    @Activate
    public JsonConfigInstaller(@Reference ConfigurationAdmin admin, BundleContext context) {
        this.admin = admin;
        String folder = context.getProperty("agentx.config.dir");
        this.startup = new StartupConfiguration(folder == null ? null : Path.of(folder), admin, STARTUP_PATIENCE);
    }

    @Override
    public String name() {
        return "configuration files";
    }

    @Override
    public String problem() {
        return startup.problem();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        startup.delivered(event.getPid(), event.getType());
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(SUFFIX);
    }

    @Override
    public void install(File artifact) throws Exception {
        update(artifact);
    }

    @Override
    public void update(File artifact) throws Exception {
        try {
            apply(artifact);
        } finally {
            startup.handled(artifact.toPath()); // applied, or rejected with an error in the log
        }
    }

    private void apply(File artifact) throws Exception {
        String pid = pidOf(artifact);
        JsonNode node;
        try {
            node = JSON.readTree(artifact);
        } catch (IOException e) {
            LOG.error("Configuration file {} is not valid JSON ({}); configuration {} unchanged", artifact,
                    e.getMessage(), pid);
            return;
        }
        if (node == null || !node.isObject()) {
            LOG.error("Configuration file {} must hold one JSON object of properties; configuration {} unchanged",
                    artifact, pid);
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = JSON.convertValue(node, Map.class);
        Hashtable<String, Object> properties;
        try {
            properties = ConfigurationOperations.untyped(values);
        } catch (ApiException e) {
            LOG.error("Configuration file {}: {}; configuration {} unchanged", artifact, e.getMessage(), pid);
            return;
        }
        properties.put(SOURCE_FILE, artifact.getAbsolutePath());
        String factoryPid = ConfigurationOperations.factoryPidOf(pid);
        Configuration configuration = existing(pid);
        if (configuration == null) {
            configuration = factoryPid != null
                    ? admin.getFactoryConfiguration(factoryPid, pid.substring(factoryPid.length() + 1), "?")
                    : admin.getConfiguration(pid, "?");
        }
        configuration.update(properties);
        LOG.info("Configuration {} applied from {}", pid, artifact.getName());
    }

    @Override
    public void uninstall(File artifact) throws Exception {
        Configuration configuration = existing(pidOf(artifact));
        if (configuration != null) {
            configuration.delete();
            LOG.info("Configuration {} deleted with {}", configuration.getPid(), artifact.getName());
        }
    }

    private Configuration existing(String pid) throws IOException, InvalidSyntaxException {
        Configuration[] found = admin.listConfigurations("(service.pid=" + pid.replace("(", "\\(").replace(")", "\\)") + ")");
        return found == null ? null : found[0];
    }

    private static String pidOf(File artifact) {
        String name = artifact.getName();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
