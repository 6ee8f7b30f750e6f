package io.agentx.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Constants;

/** The launch properties of the Felix framework for one kernel run. */
final class FrameworkProperties {
    static final int SYSTEM_START_LEVEL = 1;
    static final int AGENTX_START_LEVEL = 2;
    static final int DEPLOY_START_LEVEL = 3;

    private static final String SLF4J_VERSION = "2.0.17";

    private FrameworkProperties() {
    }

    static Map<String, Object> of(KernelOptions options, Folders folders, String version) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, folders.frameworkCache().toString());
        props.put("felix.cache.locking", "true");
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(DEPLOY_START_LEVEL));
        props.put("felix.startlevel.bundle", Integer.toString(DEPLOY_START_LEVEL));
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra());
        props.put("felix.log.logger", new FelixLogger());
        props.put("felix.log.level", "3");
        // SCR keeps the parsed component descriptions of every bundle (checked against the bundle's last change)
        // in its data folder at shutdown, so later starts skip parsing them
        props.put("ds.cache.metadata", "true");

        // HTTP (Felix HTTP Jetty 12)
        props.put("org.osgi.service.http.port", Integer.toString(options.httpPort()));
        props.put("org.apache.felix.http.host", options.httpHost());
        props.put("org.apache.felix.http.enable", "true");
        https(options.tls(), props);
        props.put("org.apache.felix.jetty.stopTimeout", Long.toString(options.shutdownTimeout().toMillis()));
        props.put("org.apache.felix.http.jetty.sendServerHeader", "false");

        // Hot deploy of bundles and configurations
        props.put("felix.fileinstall.dir", folders.deploy() + "," + folders.config());
        props.put("felix.fileinstall.poll", Long.toString(Math.max(10, options.deployPoll().toMillis())));
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.start.level", Integer.toString(DEPLOY_START_LEVEL));
        props.put("felix.fileinstall.active.level", Integer.toString(DEPLOY_START_LEVEL));
        props.put("felix.fileinstall.bundles.new.start", "true");
        props.put("felix.fileinstall.enableConfigSave", "true");
        props.put("felix.fileinstall.tmpdir", folders.data().resolve("fileinstall").toString());
        props.put("felix.fileinstall.log.level", "3");
        props.put("felix.fileinstall.log.default", "jul");

        // Log Service: keep only a short history, bridge everything to slf4j
        props.put("org.apache.felix.log.maxSize", "50");
        props.put("org.apache.felix.log.storeDebug", "false");

        // Web console: never the built-in admin/admin; AgentX's security provider must be present
        props.put("felix.webconsole.security.providers", "agentx");

        // What AgentX bundles read
        props.put("agentx.version", version);
        props.put("agentx.home", folders.home().toString());
        props.put("agentx.data", folders.data().toString());
        props.put("agentx.system.dir", folders.system().toString());
        props.put("agentx.bundles.dir", folders.bundles().toString());
        props.put("agentx.deploy.dir", folders.deploy().toString());
        props.put("agentx.config.dir", folders.config().toString());
        props.put("agentx.shutdown.timeout.ms", Long.toString(options.shutdownTimeout().toMillis()));
        return props;
    }

    /** HTTPS through Felix HTTP, and the same stores for other bundles (the gRPC server) as agentx.tls.*. */
    private static void https(TlsOptions tls, Map<String, Object> props) {
        props.put("org.apache.felix.https.enable", Boolean.toString(tls.enabled()));
        props.put("org.osgi.service.http.port.secure", Integer.toString(tls.httpsPort()));
        if (!tls.enabled()) {
            return;
        }
        props.put("org.apache.felix.https.keystore", tls.keyStore().toString());
        props.put("org.apache.felix.https.keystore.type", "PKCS12");
        props.put("org.apache.felix.https.keystore.password", tls.keyStorePassword());
        props.put("org.apache.felix.https.keystore.key.password", tls.keyStorePassword());
        props.put("agentx.tls.keystore", tls.keyStore().toString());
        props.put("agentx.tls.keystore.password", tls.keyStorePassword());
        props.put("agentx.tls.clientAuth", tls.clientAuth());
        props.put("org.apache.felix.https.clientcertificate", switch (tls.clientAuth()) {
            case "need" -> "needs";
            case "want" -> "wants";
            default -> "none";
        });
        if (tls.trustStore() != null) {
            props.put("org.apache.felix.https.truststore", tls.trustStore().toString());
            props.put("org.apache.felix.https.truststore.type", "PKCS12");
            props.put("org.apache.felix.https.truststore.password", tls.trustStorePassword());
            props.put("agentx.tls.truststore", tls.trustStore().toString());
            props.put("agentx.tls.truststore.password", tls.trustStorePassword());
        }
    }

    private static String systemPackagesExtra() {
        String slf4j = Stream.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi")
                .map(pkg -> pkg + ";version=" + SLF4J_VERSION)
                .collect(Collectors.joining(","));
        // the Web Console still imports org.slf4j [1.7,2): slf4j 2 is compatible and exports both versions
        return slf4j + ",org.slf4j;version=1.7.36,org.slf4j.spi;version=1.7.36,org.slf4j.helpers;version=1.7.36"
                + ",org.osgi.service.log;version=1.5.0,org.osgi.service.log.admin;version=1.0.0";
    }
}
