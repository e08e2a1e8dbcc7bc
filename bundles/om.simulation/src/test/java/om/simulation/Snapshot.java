package om.simulation;

import java.util.Map;
import java.util.Set;
import om.orchestrator.api.InstanceView;

/**
 * One heartbeat message of the simulation: the sender's whole node data as the decision core reads it. The real
 * daemon sends patches over generations ({@code om.daemon.internal.cluster.Exchange}, asking for a full after a
 * gap); this first version sends the whole data every time, so a lost message only delays, and the receiver keeps
 * the newest by {@code (boot, seq)}: duplicates and reordered messages are dropped as stale.
 *
 * @param boot    the sender's boot count (on disk): a restarted node's data replaces the old one at once
 * @param monitor the node monitor state: {@code idle}, {@code rejoin}, {@code maintenance}
 * @param lost    the peers whose data the sender does not hold (dead, or never heard): the daemon's {@code gen} 0
 * @param echo    per peer, the {@link #stamp} of its newest message the sender accepted: the daemon's {@code echo}
 */
record Snapshot(String node, int boot, long seq, boolean frozen, String monitor, Map<String, InstanceView> instances,
                Set<String> lost, Map<String, Long> echo) {
    Snapshot {
        instances = Map.copyOf(instances);
        lost = Set.copyOf(lost);
        echo = Map.copyOf(echo);
    }

    /** The message's identity for an echo: boot and sequence in one, increasing over boots like updated_at. */
    long stamp() {
        return ((long) boot << 40) | seq;
    }

    boolean newerThan(Snapshot o) {
        return o == null || boot > o.boot || boot == o.boot && seq > o.seq;
    }

    /** The same data, whatever the sequence: what convergence compares. */
    boolean sameData(Snapshot o) {
        return o != null && frozen == o.frozen && monitor.equals(o.monitor) && instances.equals(o.instances);
    }
}
