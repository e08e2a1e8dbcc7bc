package om.daemon.internal.stats;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import om.api.Installation;
import om.api.cli.DaemonControl;
import om.api.cluster.PeerStats;
import om.api.daemon.DaemonStats;
import om.api.daemon.DaemonStatsSource;
import om.api.daemon.DaemonStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link DaemonStatsSource}: this node's figures measured on each call (threads from the JVM, objects' processes
 * from {@code /proc}), and the peers' through {@link PeerStats} when its bundle is there.
 */
@Component(service = DaemonStatsSource.class)
public final class StatsService implements DaemonStatsSource {
    private final String node;
    private final DaemonControl daemon;
    private final ProcessFigures processes;
    private final ThreadFigures threads = new ThreadFigures();
    private final Clock clock;

    /** The node API's client: optional, and it comes and goes with its bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerStats peers;

    @Activate
    public StatsService(@Reference Installation installation, @Reference DaemonControl daemon) {
        this(installation.nodename(), daemon, Path.of("/proc"), Clock.systemUTC(), null);
    }

    /** For tests: another {@code /proc}, a clock, a peers' client (null: none). */
    StatsService(String node, DaemonControl daemon, Path proc, Clock clock, PeerStats peers) {
        this.node = node;
        this.daemon = daemon;
        this.processes = new ProcessFigures(proc);
        this.clock = clock;
        this.peers = peers;
    }

    @Override
    public DaemonStats local() {
        DaemonStatus now = daemon.status();
        Map<String, DaemonStats.Usage> objects = new TreeMap<>();
        processes.scan().forEach((path, u) -> {
            // only objects the dataset holds: a stray OPENSVC_PATH of a deleted object is no row of om mon
            if (now.objects().containsKey(path)) {
                objects.put(path, u);
            }
        });
        return new DaemonStats(node, clock.instant(), threads.scan(now.threads().keySet()), objects);
    }

    @Override
    public Map<String, DaemonStats> cluster(Duration timeout) {
        Map<String, DaemonStats> out = new TreeMap<>();
        out.put(node, local());
        PeerStats p = peers;
        if (p != null) {
            List<String> others = new ArrayList<>(daemon.status().nodes().keySet());
            others.remove(node);
            if (!others.isEmpty()) {
                try {
                    p.fetch(others, timeout).forEach((n, s) -> {
                        if (!n.equals(node)) {
                            out.put(n, s);
                        }
                    });
                } catch (RuntimeException e) {
                    // an unreachable peer leaves its figures out; the local ones still show
                }
            }
        }
        return out;
    }
}
