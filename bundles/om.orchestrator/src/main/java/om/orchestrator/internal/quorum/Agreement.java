package om.orchestrator.internal.quorum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.node.NodeConfig;
import om.orchestrator.api.Quorum;

/**
 * Who agrees that a lost peer is dead ({@link Quorum#deathAgreed}), read from the cluster view: this node, and each
 * live peer out of {@code rejoin} whose {@code gen} shows it holds no data of the lost one (generation 0 or none:
 * it lost it too), plus the arbitrators this node reaches, as the quorum watch weighs them.
 */
public final class Agreement {
    private static final String REJOIN = "rejoin";

    private Agreement() {
    }

    /** The nodes that agree {@code peer} is dead, this one included. */
    public static Set<String> agreeing(DaemonStatus view, String self, String peer, List<String> members) {
        Set<String> out = new TreeSet<>();
        out.add(self);
        for (Map.Entry<String, NodeData> e : view.nodes().entrySet()) {
            String n = e.getKey();
            NodeData d = e.getValue();
            if (n.equals(self) || n.equals(peer) || !members.contains(n)
                    || d.monitor() != null && REJOIN.equals(d.monitor().state())) {
                continue;
            }
            if (d.gen().getOrDefault(peer, 0L) == 0L) {
                out.add(n);
            }
        }
        return out;
    }

    /** Whether the agreeing nodes and the reachable arbitrators are a majority (always, with the quorum off). */
    public static boolean agreed(NodeConfig c, DaemonStatus view, String self, Set<String> agreeing) {
        if (!c.quorum()) {
            return true;
        }
        NodeData own = view.nodes().get(self);
        Map<String, ArbitratorStatus> seen = own == null ? Map.of() : own.arbitrators();
        List<Quorum.Arbitrator> a = new ArrayList<>();
        for (Arbitrator x : Arbitrator.configured(c)) {
            ArbitratorStatus st = seen.get(x.section());
            a.add(new Quorum.Arbitrator(x.name(), x.weight(), st != null && "up".equals(st.status())));
        }
        return Quorum.deathAgreed(new Quorum.Votes(true, false, c.clusterNodes().size(), agreeing.size(), a));
    }
}
