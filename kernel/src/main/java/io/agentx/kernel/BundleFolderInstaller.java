package io.agentx.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the framework hold exactly the jars of one folder: new jars are installed, newer jars update their
 * bundle, bundles whose jar is gone are uninstalled. Bundles are referenced in place, not copied into the cache.
 * A jar that cannot be installed is logged with its name and reason; the others carry on.
 */
final class BundleFolderInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(BundleFolderInstaller.class);

    private final BundleContext context;

    BundleFolderInstaller(BundleContext context) {
        this.context = context;
    }

    /** Synchronises one folder; returns the bundles that were updated or uninstalled and so need a refresh. */
    List<Bundle> sync(Path folder, int startLevel) throws StartupException {
        String prefix = location(folder);
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(prefix)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        List<Bundle> needRefresh = new ArrayList<>();
        for (Path jar : jars(folder)) {
            String location = location(jar);
            Bundle bundle = installed.remove(location);
            try {
                if (bundle == null) {
                    bundle = context.installBundle(location);
                } else if (modified(jar) > bundle.getLastModified()) {
                    bundle.update();
                    needRefresh.add(bundle);
                }
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel);
                if (!isFragment(bundle)) {
                    bundle.start();
                }
            } catch (BundleException | IllegalStateException e) {
                LOG.error("Cannot install {}: {}", jar.getFileName(), e.getMessage());
            }
        }
        for (Bundle gone : installed.values()) {
            try {
                gone.uninstall();
                needRefresh.add(gone);
            } catch (BundleException e) {
                LOG.error("Cannot uninstall {}: {}", gone.getSymbolicName(), e.getMessage());
            }
        }
        return needRefresh;
    }

    private static List<Path> jars(Path folder) throws StartupException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new StartupException("cannot list bundles in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static long modified(Path jar) {
        try {
            return Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    static String location(Path path) {
        return "reference:" + path.toUri();
    }
}
