package om.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/** {@code var/omd.pid}: the pid of the daemon of this install root. */
record PidFile(Path file) {
    OptionalLong read() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The pid of a daemon that is really there: the file names a live process and the socket answers. A pid file
     * left by a killed daemon, or a recycled pid, does not count.
     */
    OptionalLong runningDaemon(Path socket) {
        OptionalLong pid = read();
        if (pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)
                && BridgeClient.answers(socket)) {
            return pid;
        }
        return OptionalLong.empty();
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
