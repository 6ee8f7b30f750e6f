package io.agentx.security.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.List;

/** A JWK set in a file, read again when the file changes (key rotation without a restart). */
final class JwkFile implements JWKSource<SecurityContext> {
    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(FileTime modified, JWKSet keys) {
    }

    JwkFile(Path file) {
        this.file = file;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(current());
    }

    private JWKSet current() throws KeySourceException {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded known = loaded;
            if (known == null || !known.modified().equals(modified)) {
                known = new Loaded(modified, JWKSet.load(file.toFile()));
                loaded = known;
            }
            return known.keys();
        } catch (IOException | ParseException e) {
            throw new KeySourceException("the JWK set " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
