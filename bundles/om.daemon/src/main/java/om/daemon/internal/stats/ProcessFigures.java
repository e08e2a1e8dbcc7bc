package om.daemon.internal.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import om.api.daemon.DaemonStats;

/**
 * The processes of each object, from {@code /proc}: a process belongs to the object named by the
 * {@code OPENSVC_PATH} of its environment, which the app and task drivers set on every command they run and which
 * the command's children inherit. CPU time is {@code utime + stime} of {@code /proc/<pid>/stat} (clock ticks of
 * 1/100 s, the unit Linux exposes there whatever its internal tick), memory the resident set ({@code rss} pages).
 */
final class ProcessFigures {
    private static final byte[] KEY = "OPENSVC_PATH=".getBytes(StandardCharsets.US_ASCII);
    private static final long TICK_MILLIS = 10;
    private static final long PAGE_BYTES = 4096;

    private final Path proc;

    ProcessFigures(Path proc) {
        this.proc = proc;
    }

    /** Per canonical object path, the sum over its processes; processes that vanish while read are skipped. */
    Map<String, DaemonStats.Usage> scan() {
        Map<String, DaemonStats.Usage> out = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                String path = objectOf(d);
                if (path == null) {
                    continue;
                }
                DaemonStats.Usage u = usage(d);
                if (u != null) {
                    out.merge(path, u, DaemonStats.Usage::plus);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or a read race: no figures rather than a failed om mon
        }
        return out;
    }

    /** The {@code OPENSVC_PATH} value of the process environment, null when absent or unreadable. */
    static String objectOf(Path pidDir) {
        byte[] env;
        try {
            env = Files.readAllBytes(pidDir.resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int i = 0;
        while (i < env.length) {
            int end = i;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (startsWith(env, i, end)) {
                return new String(env, i + KEY.length, end - i - KEY.length, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int from, int end) {
        if (end - from < KEY.length) {
            return false;
        }
        for (int k = 0; k < KEY.length; k++) {
            if (b[from + k] != KEY[k]) {
                return false;
            }
        }
        return true;
    }

    /** One process: CPU time and resident memory from its stat line, null when it is gone. */
    static DaemonStats.Usage usage(Path pidDir) {
        try {
            return parseStat(Files.readString(pidDir.resolve("stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Fields after the command name (which may hold spaces and parentheses: read after the last ')'). */
    static DaemonStats.Usage parseStat(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): utime is field 14, stime 15, rss 24
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        long rss = Long.parseLong(f[21]);
        return new DaemonStats.Usage(1, (utime + stime) * TICK_MILLIS, rss * PAGE_BYTES);
    }
}
