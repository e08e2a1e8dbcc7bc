package om.driver.app.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} om needs.
 *
 * @param pid       process id
 * @param state     state letter (R S D Z T ...)
 * @param pgrp      process group id
 * @param startTime start time in clock ticks after boot (field 22): with the pid it names one process for good
 */
public record ProcStat(long pid, char state, long pgrp, long startTime) {
    private static final Path PROC = Path.of("/proc");

    /** The process, if it exists now. */
    public static Optional<ProcStat> read(long pid) {
        try {
            return parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a stat line; the command name may hold spaces and parentheses, so fields count from its last ')'. */
    public static Optional<ProcStat> parse(String line) {
        int close = line.lastIndexOf(')');
        int space = line.indexOf(' ');
        if (close < 0 || space < 0) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 1).trim().split("\\s+");
        if (f.length < 20 || f[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(Long.parseLong(line.substring(0, space)), f[0].charAt(0),
                    Long.parseLong(f[2]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Running or sleeping, not a zombie waiting to be reaped. */
    public boolean alive() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** The live processes of a process group. */
    public static List<Long> groupMembers(long pgrp) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path d : dirs) {
                long pid;
                try {
                    pid = Long.parseLong(d.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                read(pid).filter(s -> s.pgrp() == pgrp && s.alive()).ifPresent(s -> out.add(s.pid()));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
