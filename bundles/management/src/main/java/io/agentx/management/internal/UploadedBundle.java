package io.agentx.management.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** An uploaded jar, checked to be an OSGi bundle before the framework sees it. */
record UploadedBundle(byte[] content, String symbolicName, Version version) {

    static UploadedBundle of(byte[] content) {
        if (content.length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4) {
            throw ApiException.badRequest("The upload is not a jar file (no zip header); send the bundle's .jar as the request body");
        }
        Manifest manifest;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(content))) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            throw ApiException.badRequest("The upload is not a readable jar file: " + e.getMessage());
        }
        if (manifest == null) {
            throw ApiException.badRequest("The jar has no META-INF/MANIFEST.MF; an OSGi bundle needs one");
        }
        String symbolicName = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (symbolicName == null || symbolicName.isBlank()) {
            throw ApiException.badRequest("The jar's manifest has no Bundle-SymbolicName header; it is not an OSGi bundle");
        }
        String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        try {
            return new UploadedBundle(content, symbolicName.split(";")[0].trim(),
                    version == null ? Version.emptyVersion : Version.parseVersion(version.trim()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The jar's Bundle-Version '" + version + "' is not a valid OSGi version");
        }
    }
}
