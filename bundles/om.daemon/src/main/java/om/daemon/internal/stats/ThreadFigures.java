package om.daemon.internal.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import om.api.daemon.DaemonStats;

/**
 * The CPU time of the daemon's threads, by the row names of {@code om mon}: a row counts the JVM threads named
 * as it is or starting with {@code <row>-} (the monitor's evaluation pool {@code monitor-eval-1} counts under
 * {@code monitor}); the {@code listener} row also counts the bridge's {@code om-bridge-*} threads, which serve
 * the CLI.
 */
final class ThreadFigures {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    Map<String, DaemonStats.Usage> scan(Collection<String> rows) {
        Map<String, DaemonStats.Usage> out = new HashMap<>();
        if (!mx.isThreadCpuTimeSupported()) {
            return out;
        }
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            String row = rowOf(infos[i].getThreadName(), rows);
            if (row == null) {
                continue;
            }
            long nanos = mx.getThreadCpuTime(ids[i]);
            if (nanos > 0) {
                out.merge(row, new DaemonStats.Usage(0, nanos / 1_000_000, 0), DaemonStats.Usage::plus);
            }
        }
        return out;
    }

    static String rowOf(String thread, Collection<String> rows) {
        if (thread.startsWith("om-bridge") && rows.contains("listener")) {
            return "listener";
        }
        for (String r : rows) {
            if (thread.equals(r) || thread.startsWith(r + "-")) {
                return r;
            }
        }
        return null;
    }
}
