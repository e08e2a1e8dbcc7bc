package om.selector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import om.api.OmException;
import om.api.ObjectPath;
import om.api.cluster.ClusterView;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** Inside a daemon, selectors see the objects any node's data knows, not only the local config files. */
class ClusterUniverseTest {
    private static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");

    private static DaemonStatus dataset(String... peerPaths) {
        Map<String, ObjectConfigSummary> cfg = new java.util.TreeMap<>();
        Map<String, InstanceStatus> inst = new java.util.TreeMap<>();
        for (String p : peerPaths) {
            cfg.put(p, new ObjectConfigSummary(List.of("n2"), "c", T));
            inst.put(p, new InstanceStatus(p, "n2", "svc", "failover", "ha", Status.UP, Status.UP, Status.NA, "true",
                    false, null, T, null, List.of(), Map.of(), 50));
        }
        NodeData n2 = new NodeData(new NodeMonitor("idle", "none", T), false, null, T, Map.of(), NodeStats.UNKNOWN,
                cfg, inst, Map.of(peerPaths[0], InstanceMonitor.idle(true)));
        return new DaemonStatus(new ClusterIdentity("c", "", List.of("n1", "n2"), false), Map.of(),
                Map.of("n2", n2), Map.of());
    }

    private static List<String> canonical(List<ObjectPath> l) {
        return l.stream().map(ObjectPath::canonical).toList();
    }

    @Test
    void objectsOfPeersJoinTheUniverseAndMatchPathTermsOnly() {
        FakeStore store = Fixture.store();
        AtomicReference<DaemonStatus> now = new AtomicReference<>(dataset("ns9/svc/remote1", "ha1", "zz"));
        ClusterView view = now::get;
        SelectorService s = new SelectorService(store, view);
        List<String> all = canonical(s.select("**"));
        assertEquals(store.list().size() + 2, all.size());
        assertEquals(all.stream().sorted().toList(), all, "sorted");
        assertEquals(List.of("ns9/svc/remote1"), canonical(s.select("ns9/**")));
        assertEquals(List.of("ns9/svc/remote1"), canonical(s.select("ns9/svc/remote1")));
        assertEquals(List.of("zz"), canonical(s.select("z*")));
        // no config here: a filter never matches it, its negation does
        assertEquals(List.of(), canonical(s.select("z*+app:")));
        assertEquals(List.of("zz"), canonical(s.select("z*+!app:")));
        // a new snapshot without it: gone
        now.set(dataset("ha1"));
        assertEquals(List.of(), canonical(s.select("z*")));
        assertThrows(OmException.class, () -> s.select("ns9/svc/remote1"));
    }

    @Test
    void withoutAClusterViewTheUniverseIsTheLocalFiles() {
        FakeStore store = Fixture.store();
        assertEquals(canonical(store.list()), canonical(new SelectorService(store, null).select("**")));
    }
}
