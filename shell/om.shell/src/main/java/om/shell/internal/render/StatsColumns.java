package om.shell.internal.render;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import om.api.daemon.DaemonStats;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * The {@code --stats} cells of status.md section 7 ({@code since tasks usage time mem}) from two samples of every
 * node's {@link DaemonStats}: threads are the local daemon's; an object's figures are summed over the nodes that
 * reported. {@code usage} is the CPU time used between the two samples over the time between them, blank on the
 * first drawing; unknown or zero values show {@code -}.
 */
public final class StatsColumns implements MonRender.MonStats {
    private final DaemonStatus data;
    private final String localNode;
    private final Map<String, DaemonStats> now;
    private final Map<String, DaemonStats> previous;
    private final Instant at;

    /**
     * @param now      the latest sample, by node
     * @param previous the sample before, by node; null on the first drawing
     * @param at       the time of the drawing (thread ages and instance uptimes)
     */
    public StatsColumns(DaemonStatus data, String localNode, Map<String, DaemonStats> now,
                        Map<String, DaemonStats> previous, Instant at) {
        this.data = data;
        this.localNode = localNode;
        this.now = now;
        this.previous = previous;
        this.at = at;
    }

    @Override
    public List<String> thread(String name) {
        ThreadStatus t = data.threads().get(name);
        String since = t == null || t.created() == null ? "-" : age(Duration.between(t.created(), at));
        DaemonStats cur = now.get(localNode);
        DaemonStats.Usage u = cur == null ? null : cur.threads().get(name);
        String usage = previous == null ? "" : usage(cur, previous.get(localNode), s -> s.threads().get(name));
        return List.of(since, "-", usage, u == null ? "-" : cpu(u.cpuMillis()), "-");
    }

    @Override
    public List<String> object(String path) {
        Duration longest = null;
        for (NodeData nd : data.nodes().values()) {
            InstanceStatus i = nd.instances().get(path);
            if (i != null && i.lastStartedAt() != null && (i.avail() == Status.UP || i.avail() == Status.WARN)) {
                Duration up = Duration.between(i.lastStartedAt(), at);
                longest = longest == null || up.compareTo(longest) > 0 ? up : longest;
            }
        }
        DaemonStats.Usage sum = DaemonStats.Usage.NONE;
        double pct = 0;
        for (DaemonStats s : now.values()) {
            DaemonStats.Usage u = s.objects().get(path);
            if (u != null) {
                sum = sum.plus(u);
            }
        }
        String usage = "";
        if (previous != null) {
            for (DaemonStats s : now.values()) {
                pct += percent(s, previous.get(s.node()), x -> x.objects().get(path));
            }
            usage = pct(pct);
        }
        return List.of(longest == null ? "-" : age(longest), sum.tasks() == 0 ? "-" : Integer.toString(sum.tasks()),
                usage, cpu(sum.cpuMillis()), mem(sum.rssBytes()));
    }

    private static String usage(DaemonStats cur, DaemonStats prev,
                                java.util.function.Function<DaemonStats, DaemonStats.Usage> of) {
        return pct(percent(cur, prev, of));
    }

    /** CPU % of one node between its two samples; 0 when either is missing or the clock did not move. */
    private static double percent(DaemonStats cur, DaemonStats prev,
                                  java.util.function.Function<DaemonStats, DaemonStats.Usage> of) {
        if (cur == null || prev == null) {
            return 0;
        }
        DaemonStats.Usage a = of.apply(cur);
        DaemonStats.Usage b = of.apply(prev);
        long wall = Duration.between(prev.at(), cur.at()).toMillis();
        if (a == null || wall <= 0) {
            return 0;
        }
        long used = a.cpuMillis() - (b == null ? 0 : b.cpuMillis());
        return used <= 0 ? 0 : 100.0 * used / wall;
    }

    static String pct(double p) {
        return p <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** The largest whole unit: {@code 45s}, {@code 12m}, {@code 3h}, {@code 2d}. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        if (s < 86400) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /** Cumulative CPU time: {@code 40ms}, {@code 3.2s}, {@code 4m05s}, {@code 2h10m}. */
    static String cpu(long millis) {
        if (millis <= 0) {
            return "-";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
    }

    /** Resident memory: {@code 512k}, {@code 120m}, {@code 12.5g}. */
    static String mem(long bytes) {
        if (bytes <= 0) {
            return "-";
        }
        long k = bytes / 1024;
        if (k < 1024) {
            return Math.max(1, k) + "k";
        }
        long m = k / 1024;
        if (m < 10240) {
            return m + "m";
        }
        return String.format(Locale.ROOT, "%.1fg", m / 1024.0);
    }
}
