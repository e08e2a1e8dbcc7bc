package om.api.daemon;

import java.time.Instant;
import java.util.Map;

/**
 * One node's daemon figures for {@code om mon --stats} ({@code GET /api/daemon/stats}): what the daemon's own
 * threads and the processes of each local object use. Each node reports its own; {@code om mon} sums the objects'
 * over nodes and computes CPU usage from two samples.
 *
 * @param node    the node that measured
 * @param at      when it measured
 * @param threads per daemon thread of {@link DaemonStatus#threads()} ({@code monitor}, {@code hb#1.rx}...)
 * @param objects per canonical object path: the processes of its app, task and container resources
 */
public record DaemonStats(String node, Instant at, Map<String, Usage> threads, Map<String, Usage> objects) {
    public DaemonStats {
        threads = NodeData.sorted(threads);
        objects = NodeData.sorted(objects);
    }

    /**
     * What a thread or an object uses.
     *
     * @param tasks    processes (0 for a thread)
     * @param cpuMillis cumulative CPU time, user and system, in milliseconds
     * @param rssBytes resident memory, 0 when unknown (a thread shares the daemon's)
     */
    public record Usage(int tasks, long cpuMillis, long rssBytes) {
        public static final Usage NONE = new Usage(0, 0, 0);

        public Usage plus(Usage o) {
            return new Usage(tasks + o.tasks, cpuMillis + o.cpuMillis, rssBytes + o.rssBytes);
        }
    }
}
