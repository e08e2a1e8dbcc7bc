package om.driver.fs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Identifies what the kernel mount table calls a device: {@code dev} may be a symlink ({@code /dev/vg/lv},
 * {@code /dev/disk/by-uuid/...}) or an image file mounted through a loop device, so both sides are compared
 * by device numbers.
 */
final class Devices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private final Path sysBlock;

    Devices() {
        this(Path.of("/sys/block"));
    }

    Devices(Path sysBlock) {
        this.sysBlock = sysBlock;
    }

    /**
     * The {@code maj:min} of {@code dev}: of the device itself for a block device, of the loop devices backing it
     * for a regular file. Empty when it does not exist.
     */
    Set<String> majMins(String dev) {
        Set<String> out = new LinkedHashSet<>();
        Optional<Path> real = realPath(dev);
        if (real.isEmpty()) {
            return out;
        }
        try {
            int mode = (Integer) Files.getAttribute(real.get(), "unix:mode");
            if ((mode & S_IFMT) == S_IFBLK) {
                out.add(format((Long) Files.getAttribute(real.get(), "unix:rdev")));
            } else if (Files.isRegularFile(real.get())) {
                out.addAll(loopsBacking(real.get()));
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // unreadable: nothing can be matched by numbers, callers fall back to comparing names
        }
        return out;
    }

    /** The device numbers of the filesystem holding {@code path}. */
    static Optional<String> majMinOfFilesystem(Path path) {
        try {
            return Optional.of(format((Long) Files.getAttribute(path, "unix:dev")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> realPath(String p) {
        try {
            return Optional.of(Path.of(p).toRealPath());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** glibc's dev_t encoding: 12 bits of major and 20 of minor split around the low byte. */
    static String format(long dev) {
        long major = ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & 0xfffff000L);
        long minor = (dev & 0xffL) | ((dev >>> 12) & 0xffffff00L);
        return major + ":" + minor;
    }

    private Set<String> loopsBacking(Path file) {
        Set<String> out = new LinkedHashSet<>();
        if (!Files.isDirectory(sysBlock)) {
            return out;
        }
        try (Stream<Path> s = Files.list(sysBlock)) {
            for (Path block : s.filter(p -> p.getFileName().toString().startsWith("loop")).sorted().toList()) {
                Optional<String> backing = read(block.resolve("loop/backing_file"));
                if (backing.isPresent() && backing.get().equals(file.toString())) {
                    read(block.resolve("dev")).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            // no loop information: the file is then only matched by name
        }
        return out;
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
