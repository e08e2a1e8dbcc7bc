package om.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * {@code var/omd.pid}: the pid of the daemon of this install root, for tools and tests. Whether a daemon runs is
 * the root lock's answer ({@link RootLock}), never this file's: a killed daemon leaves it behind.
 */
record PidFile(Path file) {
    OptionalLong read() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    void write(long pid) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file unless another daemon has written its own pid there meanwhile. */
    void deleteIfOwnedBy(long pid) {
        OptionalLong current = read();
        if (current.isPresent() && current.getAsLong() == pid) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stale pid file is recognised as such by the next start
            }
        }
    }
}
