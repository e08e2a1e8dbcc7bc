package om.driver.disk.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who still uses a loop device. Detaching a busy loop device only sets autoclear and succeeds, leaving the
 * device attached until its last user goes: stop checks first so it can fail with the reason instead.
 */
final class LoopUsage {
    private final Path sys;
    private final Path mountinfo;

    LoopUsage() {
        this(Path.of("/sys/block"), Path.of("/proc/self/mountinfo"));
    }

    LoopUsage(Path sys, Path mountinfo) {
        this.sys = sys;
        this.mountinfo = mountinfo;
    }

    /** How {@code dev} is in use ({@code mounted on /x}, {@code held by dm-0}), empty when it is free. */
    Optional<String> of(String dev) {
        String name = Path.of(dev).getFileName().toString();
        Path block = sys.resolve(name);
        Optional<String> holder = firstEntry(block.resolve("holders"));
        if (holder.isPresent()) {
            return Optional.of("held by " + holder.get());
        }
        return read(block.resolve("dev")).map(String::strip).flatMap(this::mountPointOf)
                .map(m -> "mounted on " + m);
    }

    private Optional<String> mountPointOf(String majMin) {
        for (String line : read(mountinfo).map(String::lines).orElse(Stream.empty()).toList()) {
            List<String> f = List.of(line.split(" "));
            if (f.size() > 4 && f.get(2).equals(majMin)) {
                return Optional.of(f.get(4).replace("\\040", " "));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstEntry(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
