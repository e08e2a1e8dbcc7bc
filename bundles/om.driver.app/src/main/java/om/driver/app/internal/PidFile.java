package om.driver.app.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.io.AtomicFile;

/**
 * The {@code pid} file of an app.simple resource: the pid on the first line, as other tools expect, and the
 * process start time on the second, so a pid recycled by another process is not taken for the service.
 */
public record PidFile(long pid, long startTime) {
    public static final String NAME = "pid";

    public static Optional<PidFile> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            return Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), Long.parseLong(lines.get(1).trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Replaced atomically, so a status never reads half a file. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, pid + "\n" + startTime + "\n");
    }

    /** The recorded process, if it still runs (same pid, same start time, not a zombie). */
    public Optional<ProcStat> live() {
        return ProcStat.read(pid).filter(s -> s.startTime() == startTime && s.alive());
    }
}
