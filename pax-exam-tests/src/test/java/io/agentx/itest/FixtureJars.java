package io.agentx.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Test bundles built on the fly. */
final class FixtureJars {
    private FixtureJars() {
    }

    /** A bundle with only a manifest: the given headers plus name and version. */
    static byte[] manifestOnly(String symbolicName, String version, Map<String, String> headers) throws IOException {
        return jar(manifest(symbolicName, version, headers), Map.of());
    }

    /** A bundle whose only component throws from its activate method. */
    static byte[] explodingComponent(String symbolicName) throws IOException {
        String classFile = "io/agentx/itest/fixtures/ExplodingComponent.class";
        byte[] bytes;
        try (InputStream in = FixtureJars.class.getClassLoader().getResourceAsStream(classFile)) {
            bytes = in.readAllBytes();
        }
        String xml = "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"fixture.exploding\""
                + " immediate=\"true\" activate=\"activate\">"
                + "<implementation class=\"io.agentx.itest.fixtures.ExplodingComponent\"/></scr:component>";
        Manifest manifest = manifest(symbolicName, "1.0.0", Map.of("Service-Component", "OSGI-INF/exploding.xml"));
        return jar(manifest, Map.of(classFile, bytes, "OSGI-INF/exploding.xml", xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The example bundle built by the reactor, with another Bundle-Version. */
    static byte[] example(String version) throws IOException {
        Path jar = Path.of(System.getProperty("exam.bundles"), "agentx-examples.jar");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }

    private static Manifest manifest(String symbolicName, String version, Map<String, String> headers) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        headers.forEach(main::putValue);
        return manifest;
    }

    private static byte[] jar(Manifest manifest, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
