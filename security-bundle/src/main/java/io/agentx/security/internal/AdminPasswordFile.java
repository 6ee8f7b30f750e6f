package io.agentx.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The admin password's salted hash under {@code data/security/}, readable by the owner only. */
final class AdminPasswordFile {
    private final Path file;

    AdminPasswordFile(Path dataFolder) {
        this.file = dataFolder.resolve("security").resolve("admin-password");
    }

    Path path() {
        return file;
    }

    Optional<PasswordHash> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Optional.of(PasswordHash.parse(content));
        } catch (IllegalArgumentException e) {
            throw new IOException("the admin password file " + file + " is damaged (" + e.getMessage()
                    + "); delete it to generate a new password, or set AGENTX_ADMIN_PASSWORD", e);
        }
    }

    void write(PasswordHash hash) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, hash.encode() + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the data folder's own permissions apply
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
