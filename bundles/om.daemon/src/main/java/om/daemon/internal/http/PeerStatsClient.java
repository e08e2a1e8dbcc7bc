package om.daemon.internal.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import om.api.OmException;
import om.api.cluster.PeerStats;
import om.api.daemon.DaemonStats;
import om.api.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link PeerStats} over the node API: {@code GET /api/daemon/stats} straight to each peer's listener (this node
 * is the one asking: no relay through its own API), all peers at once, each bounded by the timeout, so one
 * unreachable node delays {@code om mon --stats} by the timeout at most and leaves only its own figures out.
 */
@Component(service = PeerStats.class)
public final class PeerStatsClient implements PeerStats {
    static final String PATH = "/api/daemon/stats";

    private final PeerClient peers;

    @Activate
    public PeerStatsClient(@Reference PeerClient peers) {
        this.peers = peers;
    }

    @Override
    public Map<String, DaemonStats> fetch(Collection<String> nodes, Duration timeout) {
        Map<String, DaemonStats> out = new TreeMap<>();
        if (nodes.isEmpty()) {
            return out;
        }
        // threads of their own: the callers' pools (the bridge's) must not wait on a peer
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes.size(), 16), r -> {
            Thread t = new Thread(r, "peer-stats");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<DaemonStats>> asked = new LinkedHashMap<>();
            for (String n : nodes) {
                if (peers.isPeer(n)) {
                    asked.put(n, CompletableFuture.supplyAsync(() -> one(n, timeout), pool));
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Map.Entry<String, CompletableFuture<DaemonStats>> e : asked.entrySet()) {
                try {
                    DaemonStats s = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (s != null) {
                        out.put(e.getKey(), s);
                    }
                } catch (ExecutionException | TimeoutException ex) {
                    // unreachable, refused or too slow: its figures are left out
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** One peer's figures, null when it answered something else than its figures. */
    private DaemonStats one(String node, Duration timeout) {
        PeerClient.Reply r = peers.send(node, "GET", PATH, null, null, Map.of(), timeout);
        if (r.status() != 200) {
            return null;
        }
        try {
            DaemonStats s = Json.mapper().readValue(r.body(), DaemonStats.class);
            // the figures are the node's own: a reply naming another node is not taken for it
            return node.equals(s.node()) ? s : null;
        } catch (IOException | OmException e) {
            return null;
        }
    }
}
